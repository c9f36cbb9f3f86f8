// A pre-settlement holds only while the lines it priced hold: when the HIS changes the visit (or a
// technician remaps one of its items) after it, settling is refused with a clear message, nothing
// is written, and a new pre-settlement settles the visit as it is now.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dec } from '../../electron/core/money';
import { demoVisits } from '../../electron/his/demo/visits';
import { cash, identify, ok, visitOf, windowTestApp, type WindowTestApp } from './helpers';

let w: WindowTestApp;
beforeAll(async () => {
  w = await windowTestApp({ tag: 'S' });
}, 60_000);
afterAll(() => w?.app.close());

const count = () => (w.app.ctx.db.prepare("SELECT COUNT(*) AS n FROM settlements WHERE kind = 'settlement'").get() as { n: number }).n;

describe('a pre-settlement made stale', () => {
  it('the HIS adds a line after the pre-settlement: settling is refused; pre-settled again, it settles the new amount', async () => {
    const p = await identify(w.c01, 'ordinary');
    const v = await visitOf(w.c01, p.ticket, 'outpatient');
    const pre = ok(await w.c01('window.preSettle', { ticket: p.ticket, visitId: v.visitId }));
    // The doctor adds an ECG after the patient reached the window: the HIS sends the visit again.
    const changed = demoVisits(w.app.ctx.now(), 'S').find((x) => x.hisVisitId === v.visitId)!;
    changed.lines.push({ ...changed.lines[0], lineNo: String(changed.lines.length + 1), itemCode: 'JC0002', itemName: '常规心电图检查', quantity: '1', unitPrice: '15.00', amount: '15.00' });
    expect(w.bridge.service.receive(changed, 'api')).toMatchObject({ ok: true, outcome: 'replaced' });

    const before = count();
    const refused = await w.c01('window.settle', cash(pre, p.ticket));
    expect(refused.error.code).toBe('PRESETTLE_STALE');
    expect(refused.error.message).toContain('请重新预结算');
    expect(count()).toBe(before);
    expect(w.bridge.service.get(v.visitId)!.state).not.toBe('settled');
    // The stale pre-settlement cannot be used again either.
    expect((await w.c01('window.settle', cash(pre, p.ticket))).error.code).toBe('PRESETTLE_STALE');

    const again = ok(await w.c01('window.preSettle', { ticket: p.ticket, visitId: v.visitId }));
    expect(again.total).toBe(new Dec(pre.total).plus(15).toFixed(2));
    const done = ok(await w.c01('window.settle', cash(again, p.ticket)));
    expect(done.total).toBe(again.total);
    expect(w.bridge.service.get(v.visitId)).toMatchObject({ state: 'settled', total: again.total, settlement: { settlementId: done.settlementId } });
  }, 60_000);

  it('an item of the visit is remapped after the pre-settlement: settling is refused', async () => {
    const p = await identify(w.c01, 'destitute');
    const v = await visitOf(w.c01, p.ticket, 'outpatient');
    const pre = ok(await w.c01('window.preSettle', { ticket: p.ticket, visitId: v.visitId }));
    const line = w.bridge.service.mappedLines(v.visitId);
    if (!line.ok) throw new Error(line.error.message);
    const item = line.value.lines.find((l) => l.class === 'A')!;
    // A technician marks one of its class A items fully self-paid (class C).
    ok(await w.admin('his.catalog.markSelfPay', { hisCode: item.hisCode, hisName: item.hisName, category: item.category }));
    const before = count();
    const refused = await w.c01('window.settle', cash(pre, p.ticket));
    expect(refused.error.code).toBe('PRESETTLE_STALE');
    expect(count()).toBe(before);
    // Online the network decides: the item, now under the HIS code the national catalog lacks, is
    // refused by the network at its upload (2204), in the network's words; nothing is settled.
    const again = await w.c01('window.preSettle', { ticket: p.ticket, visitId: v.visitId });
    expect(again.error.code).toBe('NETWORK_REFUSED');
    expect(again.error.message).toContain(item.hisCode);
    expect(count()).toBe(before);
  }, 60_000);
});
