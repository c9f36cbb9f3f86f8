// The pure receipt model: figures from the engine's result, masking, capital numerals, the QR
// check value, the reversal receipt, and malformed input as a failure value.
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { buildReceiptData, buildReversalReceipt, checkPayload, categoryTable, receiptNumber, isReceiptNo, chinaDateTime } from '../../electron/core/receipt';
import { settle, parseCase } from '../../electron/core/engine';
import { dec, sum, toChineseCapital } from '../../electron/core/money';
import { hmacSigner } from '../../electron/print/check';
import { caseFiles, caseReceipt } from './helpers';
import { loadShippedPacks } from '../../electron/policy/store';
import fs from 'node:fs';

const sign = hmacSigner('test-key');

function engineResult(file: string) {
  const shipped = loadShippedPacks();
  const parsed = parseCase(JSON.parse(fs.readFileSync(file, 'utf8')), (id) => shipped.packs.find((p) => p.id === id));
  if (!parsed.ok) throw new Error(parsed.error.message);
  const r = settle(parsed.value.input);
  if (!r.ok) throw new Error(r.error.message);
  return { input: parsed.value.input, result: r.value, expect: parsed.value.expect };
}

describe('receipt model from the shared cases', () => {
  for (const file of caseFiles()) {
    it(`${path.basename(file)}: every layer in pack order, totals that add up`, () => {
      const { result, expect: want } = engineResult(file);
      const r = caseReceipt(file);
      expect(r.layers.map((l) => l.key)).toEqual(result.layers.map((l) => l.key));
      expect(r.layers.map((l) => l.name)).toEqual(result.layers.map((l) => l.name));
      for (const l of r.layers) if (want?.layers?.[l.key]) expect(l.amount).toBe(want.layers[l.key]);
      if (want?.cash) expect(r.cashPaid).toBe(want.cash);
      const fund = sum(r.layers.map((l) => dec(l.amount)));
      expect(r.fundTotal).toBe(fund.toFixed(2));
      expect(dec(r.fundTotal).plus(r.accountPaid).plus(r.cashPaid).toFixed(2)).toBe(r.fees.total);
      expect(r.capital.total).toBe(toChineseCapital(dec(r.fees.total)));
      expect(r.capital.cashPaid).toBe(toChineseCapital(dec(r.cashPaid)));
      expect(r.patient.idMasked).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
      expect(r.qr.text).toContain(r.settlementId);
      expect(r.qr.text).toContain(r.qr.check);
    });
  }

  it('counts the deductible the basic layer actually applied (per visit and per year)', () => {
    const files = caseFiles();
    const township = caseReceipt(files.find((f) => f.includes('zibo-poverty-township-inpatient'))!);
    expect(township.deductible).toBe('100.00');
    // Outpatient with 1500 of the year's base already counted: the 50 deductible is used up.
    const ytd = caseReceipt(files.find((f) => f.includes('zibo-resident-outpatient-ytd'))!);
    expect(ytd.deductible).toBe('0.00');
    expect(ytd.layers[0].ytdPaid).toBe('875.00');
  });

  it('finds the applied variant by key and name when a stored result kept no entry index', () => {
    const { input, result } = engineResult(caseFiles().find((f) => f.includes('zibo-poverty-township-inpatient'))!);
    const stored = { ...result, layers: result.layers.map(({ entry: _e, ...l }) => l) };
    const r = buildReceiptData(
      { settlementId: 'S', receiptNo: 'R01202006150001', settledAt: '2020-06-15 10:00:00', operatorName: '甲', offline: false, visit: input.visit, result: stored, pack: input.pack },
      { name: '院', code: 'H1' }, { name: '张三', idNumber: '370303195803120316', insuranceType: 'resident' }, sign,
    );
    expect(r.ok && r.value.deductible).toBe('100.00');
  });

  it('splits fee lines by charge category and class A/B/C', () => {
    const t = categoryTable([
      { code: 'XJ01CAA040B001010101445', amount: '12000.00', class: 'B' },
      { code: '250101001', amount: '38000.00', class: 'A' },
      { code: 'C-IMPORTED-STENT', amount: '9000.00', class: 'C' },
      { code: 'ANY', amount: '1.50', class: 'C', category: '13' },
    ]);
    expect(t.rows.map((r) => [r.name, r.total, r.classA, r.classB, r.classC])).toEqual([
      ['化验费', '38000.00', '38000.00', '0.00', '0.00'],
      ['卫生材料费', '9000.00', '0.00', '0.00', '9000.00'],
      ['西药费', '12000.00', '0.00', '12000.00', '0.00'],
      ['挂号费', '1.50', '0.00', '0.00', '1.50'],
    ]);
    expect(t.classTotals).toEqual({ classA: '38000.00', classB: '12000.00', classC: '9001.50' });
  });
});

describe('account, check value, reversal, errors', () => {
  const file = caseFiles().find((f) => f.includes('zibo-resident-outpatient-ytd'))!;
  const { input, result } = engineResult(file);
  const base = {
    settlementId: 'S1', receiptNo: 'R01202006150007', settledAt: new Date('2020-06-15T02:03:04Z'), operatorName: '王收费',
    offline: true, visit: input.visit, result,
  };
  const inst = { name: '测试卫生院', code: 'H1' };
  const person = { name: '刘芳', idNumber: '370303197902280728', insuranceType: 'employee' as const };

  it('takes the personal account out of the cash and shows China time', () => {
    const r = buildReceiptData({ ...base, accountPaid: '100.00', accountBalance: '1160.50' }, inst, person, sign);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.accountPaid).toBe('100.00');
    expect(r.value.cashPaid).toBe('70.00');
    expect(r.value.accountBalance).toBe('1160.50');
    expect(r.value.settledAt).toBe('2020-06-15 10:03:04');
    expect(r.value.offline).toBe(true);
    expect(r.value.patient.idMasked).toBe('370303********0728');
  });

  it('refuses an account payment above the cash, and malformed amounts, as values', () => {
    const r = buildReceiptData({ ...base, accountPaid: '999.00' }, inst, person, sign);
    expect(r.ok).toBe(false);
    const bad = buildReceiptData({ ...base, result: { ...result, cash: '1,00' } }, inst, person, sign);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.code).toBe('RECEIPT_INVALID');
  });

  it('the check value follows the amounts and the key', () => {
    const a = buildReceiptData(base, inst, person, sign);
    const b = buildReceiptData({ ...base, result: { ...result, cash: '171.00' } }, inst, person, sign);
    const c = buildReceiptData(base, inst, person, hmacSigner('other-key'));
    if (!a.ok || !b.ok || !c.ok) throw new Error('build failed');
    expect(a.value.qr.check).toMatch(/^[0-9A-F]{8}$/);
    expect(a.value.qr.check).toBe(sign(checkPayload(a.value)));
    expect(b.value.qr.check).not.toBe(a.value.qr.check);
    expect(c.value.qr.check).not.toBe(a.value.qr.check);
  });

  it('builds the reversal receipt: negated figures pointing at the original', () => {
    const a = buildReceiptData(base, inst, person, sign);
    if (!a.ok) throw new Error('build failed');
    const rev = buildReversalReceipt(a.value, { settlementId: 'S1-C', receiptNo: 'R01202006150008', settledAt: '2020-06-15 11:00:00', operatorName: '王收费', offline: false }, sign);
    expect(rev.kind).toBe('reversal');
    expect(rev.fees.total).toBe('-320.00');
    expect(rev.cashPaid).toBe('-170.00');
    expect(rev.layers[0].amount).toBe('-150.00');
    expect(rev.capital.cashPaid).toBe('负壹佰柒拾元整');
    expect(rev.reverses).toEqual({ settlementId: 'S1', receiptNo: 'R01202006150007', settledAt: '2020-06-15 10:03:04' });
    expect(rev.ytd).toEqual([]);
    expect(rev.qr.check).not.toBe(a.value.qr.check);
  });

  it('makes receipt numbers and China times', () => {
    expect(receiptNumber('01', '2020-06-15', 12)).toBe('R01202006150012');
    expect(() => receiptNumber('1', '2020-06-15', 1)).toThrow();
    expect(isReceiptNo('R01202006150012')).toBe(true);
    expect(isReceiptNo('../etc/passwd')).toBe(false);
    expect(chinaDateTime(new Date('2020-12-31T16:00:00Z'))).toBe('2021-01-01 00:00:00');
  });
});
