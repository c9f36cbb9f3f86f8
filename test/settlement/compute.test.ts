// The pure glue between the window's visit and the engine: fee lines checked the way the network
// checks them, class totals turned into lines, personal account, year-to-date deltas.
import { describe, expect, it } from 'vitest';
import { computeSettlement, linesFromTotals } from '../../electron/settlement/compute';
import { shippedPack } from '../core/helpers';

const zibo = shippedPack('zibo-2020');
const book = (keys: Record<string, { baseFen: number; paidFen: number; burdenFen: number }> = {}) => ({ year: 2020, keys, burden: { inpatientFen: 0, chronicFen: 0 } });
const resident = { insuranceType: 'resident' as const, identities: [], enrolled: [], region: '370300', accountBalance: '0.00' };
const visit = (lines: any[]) => ({ type: 'outpatient' as const, facilityLevel: 'township', date: '2020-06-15', lines });

describe('computeSettlement', () => {
  it('refuses a line whose amount is not quantity x unit price, naming the line', () => {
    expect(() => computeSettlement({ pack: zibo, person: resident, visit: visit([{ code: 'A', quantity: '3', unitPrice: '1.10', amount: '3.40', class: 'A' }]), book: book(), useAccount: false }))
      .toThrow(expect.objectContaining({ error: expect.objectContaining({ field: 'visit.lines[0].amount' }) }));
    const ok = computeSettlement({ pack: zibo, person: resident, visit: visit([{ code: 'A', quantity: '3', amount: '10.00', class: 'A' }]), book: book(), useAccount: false });
    expect(ok.lines[0].unitPrice).toBe('3.333333');
  });

  it('turns class totals into lines the network can take', () => {
    const lines = linesFromTotals({ total: '100.00', preSelfPay: '6.00', fullSelfPay: '5.00' }, '2020-06-15');
    expect(lines.map((l) => [l.class, l.amount])).toEqual([['A', '89.00'], ['B', '6.00'], ['C', '5.00']]);
    const r = computeSettlement({ pack: zibo, person: resident, visit: { ...visit([]), lines: undefined, fees: { total: '100.00', preSelfPay: '6.00', fullSelfPay: '5.00' } }, book: book(), useAccount: false });
    expect(r.result.fees.inScope.toFixed(2)).toBe('89.00');
  });

  it('pays the employee personal account out of the cash part, at most the balance', () => {
    const employee = { ...resident, insuranceType: 'employee' as const, accountBalance: '20.00' };
    const r = computeSettlement({ pack: zibo, person: employee, visit: visit([{ code: 'A', amount: '100.00', class: 'A' }]), book: book(), useAccount: true });
    expect(r.accountFen).toBe(2000);
    expect(r.cashFen + r.accountFen + r.fundsFen).toBe(10000);
    const none = computeSettlement({ pack: zibo, person: employee, visit: visit([{ code: 'A', amount: '100.00', class: 'A' }]), book: book(), useAccount: false });
    expect(none.accountFen).toBe(0);
  });

  it('records what the visit adds to the year-to-date book, on top of the book it was given', () => {
    const r1 = computeSettlement({ pack: zibo, person: resident, visit: visit([{ code: 'A', amount: '100.00', class: 'A' }]), book: book(), useAccount: false });
    const base = r1.ytdDelta.keys.basicOutpatient;
    expect(base.baseFen).toBe(10000);
    const after = r1.ytdDelta.after!.basicOutpatient;
    const r2 = computeSettlement({ pack: zibo, person: resident, visit: visit([{ code: 'A', amount: '100.00', class: 'A' }]), book: book({ basicOutpatient: after }), useAccount: false });
    expect(r2.ytdDelta.keys.basicOutpatient.baseFen).toBe(10000);
    // The yearly deductible was met by the first visit: the second pays more.
    expect(r2.fundsFen).toBeGreaterThan(r1.fundsFen);
  });
});
