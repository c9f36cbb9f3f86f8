// Numbers that must be refused are refused, at once in the window and again by the services:
// negative or non-numeric quantities, quantities and cash above the bounds a technician sets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quantityProblem, tenderedProblem } from '../../renderer/src/window/amounts';
import { walkApp, type WalkApp } from './app';

describe('what the window checks on every keystroke', () => {
  it('refuses negative, non-numeric, zero and too large quantities', () => {
    expect(quantityProblem('-3', 999)).toBe('数量不能为负数');
    expect(quantityProblem('3a', 999)).toBe('数量只能是数字，最多三位小数');
    expect(quantityProblem('0', 999)).toBe('数量应大于 0');
    expect(quantityProblem('', 999)).toBe('请填写数量');
    expect(quantityProblem('1000', 999)).toBe('数量不能超过 999');
    expect(quantityProblem('999.001', 999)).toBe('数量不能超过 999');
    expect(quantityProblem('999', 999)).toBeUndefined();
    expect(quantityProblem('2.5', 999)).toBeUndefined();
  });
  it('refuses letters, negatives and absurd cash; empty means the amount due', () => {
    expect(tenderedProblem('abc', '20000.00')).toBe('实收金额只能是数字，最多两位小数');
    expect(tenderedProblem('-5', '20000.00')).toBe('实收金额不能为负数');
    expect(tenderedProblem('99999999999999', '20000.00')).toBe('实收金额不能超过 20000.00 元，请核对');
    expect(tenderedProblem('100.001', '20000.00')).toBe('实收金额只能是数字，最多两位小数');
    expect(tenderedProblem('', '20000.00')).toBeUndefined();
    expect(tenderedProblem('20000', '20000.00')).toBeUndefined();
  });
});

describe('what the services refuse', () => {
  let w: WalkApp;
  beforeAll(async () => {
    w = await walkApp();
  }, 60_000);
  afterAll(() => w?.close());

  it('refuses a negative or too large quantity, absurd cash, and out-of-range bounds', async () => {
    await w.cashier('window.demo.insertCard', { personKey: 'poor' });
    const p = (await w.cashier('window.identify', { via: 'reader' })).value;
    const neg = await w.cashier('window.preSettle', { ticket: p.ticket, visitType: 'outpatient', lines: [{ code: 'ZC0002', quantity: '-3' }] });
    expect(neg.error).toMatchObject({ field: 'lines[0].quantity', message: '费用明细第 1 条的数量：格式不正确' });
    const big = await w.cashier('window.preSettle', { ticket: p.ticket, visitType: 'outpatient', lines: [{ code: 'ZC0002', quantity: '1000' }] });
    expect(big.error).toMatchObject({ field: 'lines[0].quantity', message: '第 1 条费用的数量不能超过 999，请核对' });
    const pre = (await w.cashier('window.preSettle', { ticket: p.ticket, visitType: 'outpatient', lines: [{ code: 'ZC0002', quantity: '1' }] })).value;
    const huge = await w.cashier('window.settle', { ticket: p.ticket, preId: pre.preId, accountPay: '0', payment: { kind: 'cash', tendered: '99999999999999' } });
    expect(huge.error).toMatchObject({ field: 'payment.tendered', message: '实收金额不能超过 20000.00 元，请核对' });

    expect((await w.admin('window.inputLimits.set', { maxQuantity: 0, maxTendered: '100' })).error.message).toBe('数量上限：不能小于 1');
    expect((await w.admin('window.inputLimits.set', { maxQuantity: 5, maxTendered: '99999999' })).error.message).toBe('实收金额上限应在 1 到 1000000 元之间');
    expect((await w.admin('window.inputLimits.set', { maxQuantity: 5, maxTendered: '500' })).value).toEqual({ maxQuantity: 5, maxTendered: '500.00' });
    const six = await w.cashier('window.preSettle', { ticket: p.ticket, visitType: 'outpatient', lines: [{ code: 'ZC0002', quantity: '6' }] });
    expect(six.error.message).toBe('第 1 条费用的数量不能超过 5，请核对');
    const limits = await w.admin('settlement.offlineLimits.set', { perVisit: '99999999999', perPersonDay: '3000', differencePolicy: 'institution' });
    expect(limits.error.message).toBe('每次脱机限额：不能超过 100000 元');
  });
});
