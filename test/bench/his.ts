// HIS bridge bench: visits per second accepted by POST /his/v1/visits with 50 lines each
// (`his.visits_per_s`, target >= 500), over keep-alive connections, into a real SQLite file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { composeApp } from '../../electron/app/compose';
import type { HisBridge } from '../../electron/his';
import { Dec, roundFen } from '../../electron/core/money';
import type { BenchSuite } from './registry';

const LINES = 50;
const VISITS = 3000;
const CONCURRENCY = 16;

function visitBody(i: number): string {
  const lines = Array.from({ length: LINES }, (_, j) => {
    const price = (1 + ((i + j) % 97) * 0.37).toFixed(2);
    const qty = String(1 + (j % 5));
    return { lineNo: String(j + 1), itemCode: `YP${String(j % 16 + 1).padStart(4, '0')}`, itemName: `药品${j}`, quantity: qty, unitPrice: price, amount: roundFen(new Dec(qty).times(price)).toFixed(2), time: '2024-06-01 10:00:00' };
  });
  return JSON.stringify({
    hisVisitId: `BENCH${i}`, visitType: 'outpatient', patient: { idNumber: '370303195803120316', name: '张建国' },
    department: '全科门诊', doctor: '刘建华', diagnoses: ['J06.9'], lines,
  });
}

function post(port: number, token: string, agent: http.Agent, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: '/his/v1/visits', method: 'POST', agent, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

export const suite: BenchSuite = {
  name: 'his',
  async run() {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'his-bench-'));
    const app = await composeApp({ dataDir, mode: 'test', flags: new Map([['his-port', '0']]) });
    try {
      const bridge = app.services.his;
      const bodies = Array.from({ length: VISITS }, (_, i) => visitBody(i));
      const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
      let next = 0;
      let accepted = 0;
      const started = process.hrtime.bigint();
      await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
        while (next < bodies.length) {
          const status = await post(bridge.server.port, bridge.token.current(), agent, bodies[next++]);
          if (status === 201) accepted++;
        }
      }));
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      agent.destroy();
      return { 'his.visits_per_s': Math.round(accepted / seconds) };
    } finally {
      await app.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
