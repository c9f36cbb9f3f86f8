// The scan rules without I/O: format, a line's count, split packs shared across sales, whole packs sold before.
import { describe, expect, it } from 'vitest';
import { codeFormat, isDrugLine, isSplit, progressOf, scanLine, type LineState } from '../../electron/trace/rules';

const F = codeFormat('^\\d{20}$');
const code = (n: number) => `8${String(n).padStart(19, '0')}`;
const whole = (scans: string[] = []): LineState => ({ quantity: '48', pack: 24, split: false, scans: scans.map((c) => ({ code: c, units: '24' })) });
const split = (scans: { code: string; units: string }[] = []): LineState => ({ quantity: '12', pack: 20, split: true, scans });

describe('trace rules', () => {
  it('knows drug lines by category, else by the national code', () => {
    expect(isDrugLine({ category: '09', code: 'X' })).toBe(true);
    expect(isDrugLine({ category: '11', code: 'Z' })).toBe(true);
    expect(isDrugLine({ category: '04', code: 'XJ01' })).toBe(false);
    expect(isDrugLine({ code: 'XJ01CAA046E001010100213' })).toBe(true);
    expect(isDrugLine({ code: '001101000010000' })).toBe(false);
  });

  it('a line is split when its quantity is not whole packs', () => {
    expect(isSplit('48', 24)).toBe(false);
    expect(isSplit('12', 20)).toBe(true);
    expect(isSplit('0.5', 1)).toBe(true);
  });

  it('refuses a code of the wrong format', () => {
    const r = scanLine(whole(), '1234', F, 'X1', undefined);
    expect(r).toMatchObject({ ok: false, code: 'TRACE_FORMAT' });
    expect(scanLine(whole(), code(1), F, 'X1', undefined)).toMatchObject({ ok: true, units: '24' });
  });

  it('counts boxes of a whole-pack line and refuses one more than the quantity', () => {
    expect(progressOf(whole([code(1)]))).toMatchObject({ have: '1', need: '2', complete: false, ready: false });
    const full = whole([code(1), code(2)]);
    expect(progressOf(full)).toMatchObject({ complete: true, ready: true });
    expect(scanLine(full, code(3), F, 'X1', undefined)).toMatchObject({ ok: false, code: 'TRACE_LINE_FULL' });
  });

  it('warns of a whole pack sold here before, refuses an opened pack sold whole', () => {
    const r = scanLine(whole(), code(1), F, 'X1', { wholeSold: 1, unitsUsed: '0', pack: 24, listCode: 'X1' });
    expect(r.ok && r.warning).toMatch(/一码多售/);
    expect(scanLine(whole(), code(1), F, 'X1', { wholeSold: 0, unitsUsed: '5', pack: 24, listCode: 'X1' })).toMatchObject({ ok: false, code: 'TRACE_OPENED' });
    expect(scanLine(whole(), code(1), F, 'X1', { wholeSold: 0, unitsUsed: '0', pack: 24, listCode: 'X2' })).toMatchObject({ ok: false, code: 'TRACE_OTHER_DRUG' });
  });

  it('a split pack serves several sales until its units are used up', () => {
    // 12 of a 20-unit pack: one code covers it.
    expect(scanLine(split(), code(1), F, 'X1', undefined)).toMatchObject({ ok: true, units: '12' });
    // The same box again, 12 used before: 8 left cover part of this sale; a new box covers the rest.
    const first = scanLine(split(), code(1), F, 'X1', { wholeSold: 0, unitsUsed: '12', pack: 20, listCode: 'X1' });
    expect(first).toMatchObject({ ok: true, units: '8' });
    const line = split([{ code: code(1), units: '8' }]);
    expect(progressOf(line)).toMatchObject({ have: '8', need: '12', complete: false });
    expect(scanLine(line, code(2), F, 'X1', undefined)).toMatchObject({ ok: true, units: '4' });
    expect(scanLine(split(), code(1), F, 'X1', { wholeSold: 0, unitsUsed: '20', pack: 20, listCode: 'X1' })).toMatchObject({ ok: false, code: 'TRACE_USED_UP' });
    expect(scanLine(split(), code(1), F, 'X1', { wholeSold: 1, unitsUsed: '0', pack: 20, listCode: 'X1' })).toMatchObject({ ok: false, code: 'TRACE_SOLD_WHOLE' });
  });

  it('a line without codes is ready only with a reason', () => {
    expect(progressOf({ ...whole(), reason: 'oldStock' }).ready).toBe(true);
    expect(progressOf(whole()).ready).toBe(false);
  });

  it('an invalid format rule falls back to 20 digits', () => {
    expect(codeFormat('([').test(code(5))).toBe(true);
  });
});
