// network.drain_per_s: 5,000 settlements queued while the network was down (offline, in the
// outbox), then drained against the simulator with no faults: settlements confirmed per second
// (each is 3-4 network calls: register/admit, fee lines, settle, discharge).
import type { BenchSuite } from './registry';
import { startNetworkSimulator } from '../../electron/network/sim';
import { chaosPersons, chaosVisit } from '../../electron/cli/chaos-visits';
import { benchWindow } from './settle-setup';

const COUNT = Number(process.env.BENCH_DRAIN_COUNT ?? 5000);

export const suite: BenchSuite = {
  name: 'network',
  async run() {
    const sim = await startNetworkSimulator({ port: 0 });
    const w = benchWindow(8);
    try {
      w.setClient(sim.url);
      for (const p of chaosPersons()) await w.service.lookupPerson({ certType: 'ssCard', certNo: p.card.cardNumber });
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
      while (w.forwarder.status().unsentMessages > 0) await new Promise((r) => setTimeout(r, 100));
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
