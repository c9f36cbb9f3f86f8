// window.card_to_receipt_net150_ms: the window.card_to_receipt_ms path (read card, the visit list,
// pre-settle, settle with the receipt archived, a 30-line HIS visit) with the built-in network
// answering every call 150 ms late (the simulator's latency option), so that what the network
// decides online (2001, 2201, 2203, 2204, 2206, 2207 …) is paid for as on a real line. Median of
// warm runs; the first (cold) reported apart, with the number of network calls of a warm run.
// Warm, the person is known when the HIS sends the stay, so it went to the network ahead of the
// card (registration, fee lines, discharge): what is left at the window is 1101, 2303, 2304.
import fs from 'node:fs';
import type { BenchSuite } from './registry';
import { benchWindowApp, median, round } from './window-app';
import { demoVisits } from '../../electron/his/demo/visits';


export const suite: BenchSuite = {
  name: 'windowNet',
  async run() {
    const app = await benchWindowApp('bench-window-net-');
    try {
      const sim = app.services.network.sim();
      if (!sim) throw new Error('the built-in network is not running');
      const resolve = app.services.sessions;
      const must = async (m: string, input?: unknown, token?: string) => {
        const r = (await app.dispatcher.dispatch(m, input, { session: token ? resolve(token) : undefined, channel: 'http' })) as any;
        if (!r.ok) throw new Error(`${m}: ${r.error.code} ${r.error.message}`);
        return r.value;
      };
      const admin = await must('auth.setupAdmin', { operatorId: 'admin', name: '管理员', password: 'admin-pass-1' });
      await must('operators.create', { id: 'c01', name: '收款员', role: 'cashier', password: 'cash-pass-1' }, admin.token);
      const token = (await must('auth.login', { operatorId: 'c01', password: 'cash-pass-1' })).token as string;
      const his = app.services.his.service;
      await must('window.demo.insertCard', { personKey: 'poor' }, token);
      sim.setFaults('latency=150-150');
      const runs = 6;
      const times: number[] = [];
      let calls = 0;
      for (let i = 0; i < runs; i++) {
        const stay = demoVisits(app.ctx.now(), `BN${i}`)[0];
        stay.lines = stay.lines.slice(0, 30);
        if (!his.receiveAll([stay], 'api').ok) throw new Error('visit refused');
        // The HIS sends the stay at discharge, before the patient reaches the window: a known
        // person's visit is at the network by then (upload ahead); the cold run's person is not known yet.
        await app.services.window.aheadIdle();
        const before = sim.stats().requests;
        const t = performance.now();
        const person = await must('window.identify', { via: 'reader' }, token);
        await must('window.visits', { ticket: person.ticket }, token);
        const pre = await must('window.preSettle', { ticket: person.ticket, visitId: stay.hisVisitId }, token);
        if (!pre.online) throw new Error('pre-settled offline');
        const done = await must('window.settle', { ticket: person.ticket, preId: pre.preId, accountPay: '0.00', payment: { kind: 'cash', tendered: pre.patientDue } }, token);
        times.push(performance.now() - t);
        calls = sim.stats().requests - before;
        const pdf = app.services.receipts.pdfPath(done.receiptNo);
        if (!pdf || !fs.existsSync(pdf)) throw new Error('receipt PDF not archived');
      }
      return {
        'window.card_to_receipt_net150_ms': round(median(times.slice(1))),
        'window.card_to_receipt_net150_cold_ms': round(times[0]),
        'window.card_to_receipt_net150_calls': calls,
      };
    } finally {
      await app.close();
      fs.rmSync(app.ctx.dataDir, { recursive: true, force: true });
    }
  },
};
