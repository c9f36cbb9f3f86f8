import { describe, expect, it } from 'vitest';
import { dec, fmt, fromFen, isDecimalString, roundFen, toChineseCapital, toFen } from '../../electron/core/money';

describe('roundFen / fmt', () => {
  it.each([
    ['2.345', '2.35'], ['2.344', '2.34'], ['2.3449999', '2.34'], ['0.005', '0.01'], ['0.004', '0.00'],
    ['-2.345', '-2.35'], ['1234.5', '1234.50'], ['0', '0.00'], ['99999999.995', '100000000.00'],
  ])('%s -> %s (half-up to the fen)', (input, want) => {
    expect(fmt(dec(input))).toBe(want);
    expect(roundFen(dec(input)).toFixed(2)).toBe(want);
  });
});

describe('decimal strings', () => {
  it.each(['0', '12', '0.55', '1234.50', '-3'])('accepts %s', (s) => expect(isDecimalString(s)).toBe(true));
  it.each(['', '1e3', '01', '.5', '5.', '1,000', ' 1', 'NaN', '0x10'])('refuses %j', (s) => {
    expect(isDecimalString(s)).toBe(false);
    expect(() => dec(s)).toThrow();
  });
});

describe('toFen / fromFen', () => {
  it('round-trips whole fen', () => {
    for (const s of ['0', '0.01', '1234.56', '99999999.99']) expect(fromFen(toFen(dec(s))).equals(dec(s))).toBe(true);
    expect(toFen(dec('1234.56'))).toBe(123456);
    expect(fromFen(123456n).toFixed(2)).toBe('1234.56');
  });
  it('refuses sub-fen amounts', () => expect(() => toFen(dec('0.001'))).toThrow(/fen/));
});

describe('toChineseCapital', () => {
  it.each([
    ['1234.56', '壹仟贰佰叁拾肆元伍角陆分'],
    ['0', '零元整'],
    ['0.00', '零元整'],
    ['100.05', '壹佰元零伍分'],
    ['1.05', '壹元零伍分'],
    ['0.05', '伍分'],
    ['0.01', '壹分'],
    ['0.50', '伍角整'],
    ['10', '壹拾元整'],
    ['10.5', '壹拾元伍角整'],
    ['15', '壹拾伍元整'],
    ['101', '壹佰零壹元整'],
    ['1010', '壹仟零壹拾元整'],
    ['10010', '壹万零壹拾元整'],
    ['20000.50', '贰万元伍角整'],
    ['110000', '壹拾壹万元整'],
    ['1000100', '壹佰万零壹佰元整'],
    ['1001000', '壹佰万壹仟元整'],
    ['1010000', '壹佰零壹万元整'],
    ['100000000', '壹亿元整'],
    ['100000001', '壹亿零壹元整'],
    ['300000000.09', '叁亿元零玖分'],
    ['12.345', '壹拾贰元叁角伍分'],
    ['-3', '负叁元整'],
    ['-0.001', '零元整'],
    ['8507.45', '捌仟伍佰零柒元肆角伍分'],
  ])('%s -> %s', (input, want) => {
    expect(toChineseCapital(dec(input))).toBe(want);
  });

  it('refuses amounts beyond the largest unit instead of printing garbage', () => {
    expect(toChineseCapital(dec('1000000000000'))).toBe('壹万亿元整');
    expect(() => toChineseCapital(dec('10000000000000000'))).toThrow(RangeError);
  });
});
