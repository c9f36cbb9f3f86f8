// window.card_to_receipt_ms: from "read card" (F2) to "receipt PDF archived" for a 30-line HIS
// visit, through the window's API calls as the UI makes them (identify, visits, pre-settle,
// settle with the receipt issued), with the simulated reader and the built-in network simulator
// (no added latency). Median of warm runs; the first (cold: Chromium start) reported apart.
import fs from 'node:fs';
import type { BenchSuite } from './registry';
import { benchWindowApp, median, round } from './window-app';
import type { Session } from '../../electron/api/dispatch';
import type { HisBridge } from '../../electron/his';
import type { ReceiptsService } from '../../electron/print/service';
import { demoVisits } from '../../electron/his/demo/visits';


export const suite: BenchSuite = {
  name: 'window',
  async run() {
    const app = await benchWindowApp('bench-window-');
    try {
      if (!app.services.settlement) throw new Error('the settlement service is not installed');
      const resolve = app.services.sessions;
      const raw = (m: string, input?: unknown, token?: string) =>
        app.dispatcher.dispatch(m, input, { session: token ? resolve(token) : undefined, channel: 'http' }) as Promise<any>;
      const must = async (m: string, input?: unknown, token?: string) => {
        const r = await raw(m, input, token);
        if (!r.ok) throw new Error(`${m}: ${r.error.code} ${r.error.message}`);
        return r.value;
      };
      const admin = await must('auth.setupAdmin', { operatorId: 'admin', name: '管理员', password: 'admin-pass-1' });
      await must('operators.create', { id: 'c01', name: '收款员', role: 'cashier', password: 'cash-pass-1' }, admin.token);
      const token = (await must('auth.login', { operatorId: 'c01', password: 'cash-pass-1' })).token as string;
      const his = app.services.his.service;
      await must('window.demo.insertCard', { personKey: 'poor' }, token);
      const runs = 8;
      const times: number[] = [];
      let lines = 0;
      for (let i = 0; i < runs; i++) {
        const stay = demoVisits(app.ctx.now(), `B${i}`)[0];
        stay.lines = stay.lines.slice(0, 30);
        lines = stay.lines.length;
        if (!his.receiveAll([stay], 'api').ok) throw new Error('visit refused');
        const t = performance.now();
        const person = await must('window.identify', { via: 'reader' }, token);
        const visits = (await must('window.visits', { ticket: person.ticket }, token)) as { visitId: string }[];
        const visit = visits.find((v) => v.visitId === stay.hisVisitId)!;
        const pre = await must('window.preSettle', { ticket: person.ticket, visitId: visit.visitId }, token);
        const done = await must('window.settle', { ticket: person.ticket, preId: pre.preId, accountPay: '0.00', payment: { kind: 'cash', tendered: pre.patientDue } }, token);
        times.push(performance.now() - t);
        const pdf = app.services.receipts.pdfPath(done.receiptNo);
        if (!pdf || !fs.existsSync(pdf)) throw new Error('receipt PDF not archived');
      }
      if (lines !== 30) throw new Error(`visit has ${lines} lines`);
      return {
        'window.card_to_receipt_ms': round(median(times.slice(1))),
        'window.card_to_receipt_cold_ms': round(times[0]),
      };
    } finally {
      await app.close();
      fs.rmSync(app.ctx.dataDir, { recursive: true, force: true });
    }
  },
};
