// Shared helpers of the HIS bridge tests: a composed app in a temp data dir with the HIS API on
// a loopback port, and a small HTTP client (keep-alive) for it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { composeApp, type RunningApp } from '../../electron/app/compose';
import type { HisBridge } from '../../electron/his';
import type { Session } from '../../electron/api/dispatch';

export interface HisTestApp {
  app: RunningApp;
  bridge: HisBridge;
  base: string;
  token: string;
  dataDir: string;
  close(): Promise<void>;
}

export async function startHisApp(flags: Record<string, string> = {}): Promise<HisTestApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'his-test-'));
  const app = await composeApp({ dataDir, mode: 'test', flags: new Map(Object.entries({ 'his-port': '0', ...flags })) });
  const bridge = app.services.his;
  return {
    app,
    bridge,
    base: bridge.server.url,
    token: bridge.token.current(),
    dataDir,
    close: async () => {
      await app.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const technician: Session = { token: 't', operatorId: 'tech', operatorName: '技术员', role: 'technician' };
export const cashier: Session = { token: 'c', operatorId: 'cash', operatorName: '收款员', role: 'cashier' };

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: any;
  text: string;
}

export const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });

/** One request; `body` is sent as JSON unless it is a string or Buffer (sent as is). */
export function request(base: string, method: string, pathName: string, opts: { token?: string; body?: unknown; headers?: http.OutgoingHttpHeaders; agent?: http.Agent } = {}): Promise<Reply> {
  const url = new URL(pathName, base);
  const payload = opts.body === undefined ? undefined : typeof opts.body === 'string' || Buffer.isBuffer(opts.body) ? opts.body : JSON.stringify(opts.body);
  const headers: http.OutgoingHttpHeaders = { ...(payload !== undefined ? { 'content-type': 'application/json' } : {}), ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}), ...opts.headers };
  if (payload !== undefined) headers['content-length'] = Buffer.byteLength(payload);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname: url.hostname, port: url.port, path: url.pathname + url.search, method, headers, agent: opts.agent ?? agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown;
        try {
          body = text ? JSON.parse(text) : undefined;
        } catch {
          body = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

/** A snapshot of everything the HIS bridge stores, to check that bad input changed nothing. */
export function hisSnapshot(app: RunningApp): string {
  const db = app.ctx.db;
  const tables = ['his_visits', 'his_visit_lines', 'his_catalog', 'his_callbacks', 'his_drop_files'];
  return JSON.stringify(tables.map((t) => db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()));
}
