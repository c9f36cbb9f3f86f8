// The village clinic screen settles at the village facility level of its institution, and the
// screen and the receipt say 村卫生室 (the window screen keeps the institution's own level).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walkApp, type WalkApp } from './app';

describe('village clinic mode', () => {
  let w: WalkApp;
  beforeAll(async () => {
    w = await walkApp();
  }, 60_000);
  afterAll(() => w?.close());

  const lines = [{ code: 'ZC0002', quantity: '1' }, { code: 'HY0001', quantity: '1' }, { code: 'YP0005', quantity: '24' }];

  async function pre(village: boolean) {
    await w.cashier('window.demo.insertCard', { personKey: 'ordinary' });
    const p = (await w.cashier('window.identify', { via: 'reader' })).value;
    const r = await w.cashier('window.preSettle', { ticket: p.ticket, visitType: 'outpatient', lines, ...(village ? { village: true } : {}) });
    expect(r.ok, JSON.stringify(r.error)).toBe(true);
    return { p, pre: r.value };
  }

  it('settles at the village level and says 村卫生室 on screen and receipt', async () => {
    const township = await pre(false);
    expect(township.pre.facilityName).toBe('乡镇级医疗机构');
    const village = await pre(true);
    expect(village.pre.facilityName).toBe('村卫生室');
    expect(village.pre.trace.join('\n')).toContain('村级');
    expect(village.pre.trace.join('\n')).not.toContain('乡镇级');
    const done = await w.cashier('window.settle', { ticket: village.p.ticket, preId: village.pre.preId, accountPay: '0', payment: { kind: 'cash', tendered: village.pre.patientDue } });
    expect(done.ok, JSON.stringify(done.error)).toBe(true);
    const receipt = (await w.cashier('receipt.get', { receiptNo: done.value.receiptNo })).value;
    expect(receipt.receipt.visit.facilityLevel).toBe('村卫生室');
  }, 90_000);

});
