// The window's own rules: card-free by identity and setup, chronic visits only for registered
// diseases, prescriptions up to 90 days for stable registrations, the price list search.
import { describe, it, expect } from 'vitest';
import { cardFreeBasis, checkChronicVisit, DEFAULT_CARD_FREE, refuseCardFree } from '../../electron/window/rules';
import { searchPrices } from '../../electron/window/prices';
import { manualVisitLines } from '../../electron/window/lines';
import { AppFailure } from '../../electron/core/result';

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof AppFailure ? err.error.code : 'THROWN';
  }
  return undefined;
}

describe('card-free settlement rules', () => {
  it('allows the poverty identity by default and nobody else', () => {
    expect(cardFreeBasis(['poverty'], DEFAULT_CARD_FREE)).toBe('poverty');
    expect(cardFreeBasis(['lowIncome'], DEFAULT_CARD_FREE)).toBeUndefined();
    expect(cardFreeBasis(['destitute'], DEFAULT_CARD_FREE)).toBeUndefined();
    expect(cardFreeBasis([], DEFAULT_CARD_FREE)).toBeUndefined();
    expect(cardFreeBasis(['severeDisability'], { poverty: true, lowIncome: true, destitute: true })).toBeUndefined();
  });
  it('allows low-income and destitute where the setup says so, and can turn poverty off', () => {
    const rules = { poverty: false, lowIncome: true, destitute: true };
    expect(cardFreeBasis(['lowIncome'], rules)).toBe('lowIncome');
    expect(cardFreeBasis(['destitute'], rules)).toBe('destitute');
    expect(cardFreeBasis(['poverty'], rules)).toBeUndefined();
  });
  it('refuses with a Chinese message naming the allowed identities', () => {
    expect.assertions(3);
    try {
      refuseCardFree([], DEFAULT_CARD_FREE);
    } catch (err) {
      expect((err as AppFailure).error.code).toBe('CARD_FREE_NOT_ALLOWED');
      expect((err as AppFailure).error.message).toContain('建档立卡贫困人口');
      expect((err as AppFailure).error.message).toContain('普通参保人');
    }
  });
});

describe('chronic outpatient checks', () => {
  const regs = [
    { code: 'I10', name: '高血压', stable: true },
    { code: 'E11', name: '2型糖尿病', stable: false },
  ];
  it('settles only registered diseases', () => {
    expect(checkChronicVisit(regs, 'I10', 30).code).toBe('I10');
    expect(code(() => checkChronicVisit(regs, 'J45', 30))).toBe('CHRONIC_DISEASE_NOT_REGISTERED');
    expect(code(() => checkChronicVisit([], 'I10', 30))).toBe('CHRONIC_NOT_REGISTERED');
  });
  it('allows up to 90 days for a stable registration and 15 otherwise', () => {
    expect(checkChronicVisit(regs, 'I10', 90).code).toBe('I10');
    expect(code(() => checkChronicVisit(regs, 'I10', 91))).toBe('PRESCRIPTION_TOO_LONG');
    expect(checkChronicVisit(regs, 'E11', 15).code).toBe('E11');
    expect(code(() => checkChronicVisit(regs, 'E11', 16))).toBe('PRESCRIPTION_TOO_LONG');
    expect(code(() => checkChronicVisit(regs, 'E11', 0))).toBe('PRESCRIPTION_TOO_LONG');
  });
});

describe('village price list', () => {
  it('finds items by name, pinyin initials and code', () => {
    expect(searchPrices('阿莫西林').map((p) => p.code)).toEqual(['YP0005']);
    expect(searchPrices('amxl').map((p) => p.code)).toEqual(['YP0005']);
    expect(searchPrices('YP0007')[0].name).toBe('苯磺酸氨氯地平片');
    expect(searchPrices('   ')).toEqual([]);
  });
  it('prices hand-entered lines exactly (half-up to the fen), classes from the mapping', () => {
    const catalog = { lookup: () => new Map([['YP0005', { class: 'B', selfPayRatio: '0.10', catalogCode: 'XJ01CAA', selfPay: false, category: '09' }]]) };
    const v = manualVisitLines([{ code: 'YP0005', quantity: '3' }, { code: 'ZC0002', quantity: '1' }], 'outpatient', catalog as never, new Date('2024-05-02T02:00:00Z'));
    expect(v.lines[0]).toMatchObject({ code: 'XJ01CAA', hospCode: 'YP0005', amount: '0.38', class: 'B', selfPayRatio: '0.10', category: '09' });
    expect(v.lines[1]).toMatchObject({ code: 'ZC0002', amount: '10.00', class: 'C' });
    expect(v.source).toBe('manual');
    expect(code(() => manualVisitLines([{ code: 'NOPE', quantity: '1' }], 'outpatient', undefined, new Date()))).toBe('VALIDATION');
    expect(code(() => manualVisitLines([{ code: 'YP0005', quantity: '0' }], 'outpatient', undefined, new Date()))).toBe('VALIDATION');
  });
});
