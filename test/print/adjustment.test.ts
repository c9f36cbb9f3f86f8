// An earlier settlement's difference, collected or refunded with this visit, is on the sheet:
// the line, and the cash that actually changes hands (figures and capital numerals).
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { buildReceiptData } from '../../electron/core/receipt';
import { settle } from '../../electron/core/engine';
import { hmacSigner } from '../../electron/print/check';
import { renderReceiptHtml } from '../../electron/print/html';
import { renderReceiptEscPos } from '../../electron/print/escpos/receipt';
import { loadShippedPacks } from '../../electron/policy/store';

const pack = loadShippedPacks().packs.find((p) => p.id === 'zibo-2020')!;
const result = (() => {
  const r = settle({ pack, person: { insuranceType: 'resident' }, visit: { type: 'outpatient', facilityLevel: 'township', date: '2020-06-15' }, fees: { total: '200.00' } });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
})();
const base = { settlementId: 'S1', receiptNo: 'R01202006150001', settledAt: '2020-06-15 10:00:00', operatorName: '王收费', offline: false, visit: { type: 'outpatient' as const, facilityLevel: 'township' as const, date: '2020-06-15' }, result };
const inst = { name: '测试卫生院', code: 'H1' };
const person = { name: '赵志强', idNumber: '37030319850115061X', insuranceType: 'resident' as const };

function receipt(adjustment?: string) {
  const r = buildReceiptData({ ...base, adjustment }, inst, person, hmacSigner('k'));
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('earlier differences on the receipt', () => {
  it('has no adjustment line when there is none', () => {
    expect(receipt().adjustment).toBeUndefined();
    expect(receipt('0').adjustment).toBeUndefined();
    expect(renderReceiptHtml(receipt(), { paper: 'A5' })).not.toContain('以前结算差额');
  });

  it('shows a collected difference and the cash that changes hands', () => {
    const r = receipt('12.30');
    // 200 in scope: (200 - 50) x 50% = 75 paid, cash 125.
    expect(r.cashPaid).toBe('125.00');
    expect(r.adjustment).toEqual({ amount: '12.30', collected: '137.30', capitalCollected: '壹佰叁拾柒元叁角整' });
    const html = renderReceiptHtml(r, { paper: 'A5' });
    expect(html).toContain('补收以前结算差额');
    expect(html).toContain('137.30');
    expect(html).toContain('壹佰叁拾柒元叁角整');
  });

  it('shows a refunded difference on the thermal sheet too', () => {
    const r = receipt('-5.00');
    expect(r.adjustment?.collected).toBe('120.00');
    const text = iconv.decode(renderReceiptEscPos(r, { paper: 'escpos58' }), 'gb18030');
    expect(text).toContain('退还以前结算差额');
    expect(text).toContain('本次实收现金');
    expect(text).toContain('120.00');
  });
});
