// The window settles only what it was given by the HIS (or priced from the catalog): a cashier
// cannot settle another patient's HIS visit under the identified card, nor change a HIS visit's
// type; every cancel path checks the password and that the settlement is the operator's own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cash, identify, ok, visitOf, windowTestApp, type WindowTestApp } from './helpers';

let w: WindowTestApp;
beforeAll(async () => {
  w = await windowTestApp({ tag: 'G' });
}, 60_000);
afterAll(() => w?.app.close());

const count = (sql: string) => (w.app.ctx.db.prepare(sql).get() as { n: number }).n;

describe('the window settles only the stored HIS visit of the identified patient', () => {
  it('refuses another patient\'s HIS visit and a changed visit type', async () => {
    const ordinary = await identify(w.c01, 'ordinary');
    const cold = await visitOf(w.c01, ordinary.ticket, 'outpatient');
    const poor = await identify(w.c01, 'poor');
    const foreign = await w.c01('window.preSettle', { ticket: poor.ticket, visitId: cold.visitId });
    expect(foreign.error).toMatchObject({ code: 'HIS_VISIT_OTHER_PATIENT', field: 'visitId' });
    const chronic = await visitOf(w.c01, poor.ticket, 'chronicOutpatient');
    const asInpatient = await w.c01('window.preSettle', { ticket: poor.ticket, visitId: chronic.visitId, visitType: 'inpatient' });
    expect(asInpatient.error).toMatchObject({ code: 'VALIDATION', field: 'visitType' });
    expect(count('SELECT COUNT(*) AS n FROM settlements')).toBe(0);
    const his = w.bridge.service.get(cold.visitId)!;
    expect(his.state).toBe('waiting');
  });

  it('window.cancel of another cashier\'s settlement is refused, also with that cashier\'s own right password', async () => {
    const p = await identify(w.c01, 'destitute');
    const v = await visitOf(w.c01, p.ticket, 'outpatient');
    const pre = ok(await w.c01('window.preSettle', { ticket: p.ticket, visitId: v.visitId }));
    const done = ok(await w.c01('window.settle', cash(pre, p.ticket)));
    const byOther = await w.c02('window.cancel', { settlementId: done.settlementId, reason: '患者要求退费', password: 'cash-pass-2' });
    expect(byOther.error).toMatchObject({ code: 'NOT_YOUR_SETTLEMENT' });
    const byAdmin = await w.admin('window.cancel', { settlementId: done.settlementId, reason: '患者要求退费', password: 'admin-pass-1' });
    expect(byAdmin.error).toMatchObject({ code: 'NOT_YOUR_SETTLEMENT' });
    const wrong = await w.c01('window.cancel', { settlementId: done.settlementId, reason: '患者要求退费', password: 'cash-pass-2' });
    expect(wrong.error).toMatchObject({ code: 'BAD_CONFIRMATION' });
    expect(count("SELECT COUNT(*) AS n FROM settlements WHERE kind = 'cancellation'")).toBe(0);
    const cancelled = ok(await w.c01('window.cancel', { settlementId: done.settlementId, reason: '患者要求退费', password: 'cash-pass-1' }));
    expect(cancelled.cancelled).toBe(true);
  }, 60_000);
});
