// network.drain_per_s: 5,000 settlements queued while the network was down (offline, in the
// outbox), then drained against the simulator with no faults: settlements confirmed per second
// (each is 4-5 network calls: register/admit, visit information and fee lines, discharge, settle).
// The simulator runs in its own process, as the real network is another machine: in-process it
// would share the window's one event loop and measure the simulator's engine work as ours. It runs
// --quiet: a log line per request, written to this process's stderr, is no part of the network.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { BenchSuite } from './registry';
import { chaosPersons, chaosVisit } from '../../electron/cli/chaos-visits';
import { benchWindow } from './settle-setup';

const COUNT = Number(process.env.BENCH_DRAIN_COUNT ?? 5000);

const ROOT = path.resolve(__dirname, '..', '..');

function startSimProcess(): Promise<{ url: string; child: ChildProcess; close(): Promise<void> }> {
  const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'electron/cli/main.ts', 'network-sim', '--port', '0', '--quiet'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening: (http:\/\/\S+)/.exec(out);
      if (m) {
        resolve({
          url: m[1],
          child,
          close: () => new Promise<void>((r) => {
            child.once('exit', () => r());
            child.kill('SIGTERM');
          }),
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`network-sim exited (${code}): ${out}`)));
  });
}

export const suite: BenchSuite = {
  name: 'network',
  async run() {
    const sim = await startSimProcess();
    const w = benchWindow(8);
    try {
      w.setClient(sim.url);
      for (const p of chaosPersons()) await w.service.lookupPerson({ certType: 'ssCard', certNo: p.card.cardNumber, cardSn: p.card.cardId });
      w.setClient(undefined);
      w.forwarder.start();
      for (let i = 1; i <= COUNT; i++) {
        const v = chaosVisit('BN', i);
        await w.service.settle({
          person: { personNo: v.person.personNo, certType: 'ssCard', certNo: v.person.card.cardNumber },
          visit: { ref: v.ref, type: v.type, date: v.date, lines: v.lines }, payment: { method: 'cash' }, operatorId: 'bench',
        });
      }
      if (w.forwarder.status().unsent !== COUNT) throw new Error(`expected ${COUNT} queued settlements`);
      const t0 = process.hrtime.bigint();
      w.setClient(sim.url);
      w.forwarder.drainNow();
      // The end is seen within 5 ms; the counts (a query over the queue) are asked only when no worker runs.
      let checked = 0;
      for (;;) {
        await new Promise((r) => setTimeout(r, 5));
        if (w.forwarder.busy && Date.now() - checked < 1000) continue;
        checked = Date.now();
        if (w.forwarder.status().unsentMessages === 0) break;
      }
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      const confirmed = w.db.prepare("SELECT COUNT(*) AS n FROM settlement_network WHERE state = 'confirmed'").get() as { n: number };
      if (confirmed.n !== COUNT) throw new Error(`only ${confirmed.n} of ${COUNT} confirmed`);
      return { 'network.drain_per_s': Math.round(COUNT / seconds), 'network.drain_s': Math.round(seconds * 10) / 10 };
    } finally {
      await w.close();
      await sim.close();
    }
  },
};
