// Money is exact: decimal.js in code, integer fen at the storage boundary, half-up to the fen.
import Decimal from 'decimal.js';

export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Dec = Decimal;

const DECIMAL_STRING = /^-?(0|[1-9]\d*)(\.\d+)?$/;

/** True when `s` is a plain decimal string such as "12", "0.55" or "1234.50". */
export function isDecimalString(s: unknown): s is string {
  return typeof s === 'string' && DECIMAL_STRING.test(s);
}

/** Parses a decimal string; throws on anything else (callers validate first and name the field). */
export function dec(value: string | number | Decimal): Decimal {
  if (typeof value === 'string' && !isDecimalString(value)) {
    throw new Error(`not a decimal string: ${JSON.stringify(value)}`);
  }
  return new Dec(value);
}

export const ZERO = new Dec(0);

/** Half-up rounding to the fen (0.01). */
export function roundFen(d: Decimal): Decimal {
  return d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

/** "1234.50": two decimals, half-up. */
export function fmt(d: Decimal): string {
  return roundFen(d).toFixed(2);
}

/** The one money formatter of stored amounts: integer fen as yuan with two decimals ("1234.50"). */
export function yuan(fen: number | bigint): string {
  return fromFen(fen).toFixed(2);
}

/** Integer fen for SQLite. Throws when the amount has sub-fen digits (it must be rounded first). */
export function toFen(d: Decimal): number {
  const fen = d.times(100);
  if (!fen.isInteger()) throw new Error(`amount ${d.toString()} is not a whole number of fen`);
  if (fen.abs().greaterThan(Number.MAX_SAFE_INTEGER)) throw new Error('amount out of range');
  return fen.toNumber();
}

export function fromFen(fen: number | bigint): Decimal {
  return new Dec(fen.toString()).dividedBy(100);
}

export function sum(values: Iterable<Decimal>): Decimal {
  let total = ZERO;
  for (const v of values) total = total.plus(v);
  return total;
}

export function minDec(a: Decimal, b: Decimal): Decimal {
  return a.lessThan(b) ? a : b;
}

export function maxDec(a: Decimal, b: Decimal): Decimal {
  return a.greaterThan(b) ? a : b;
}

const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const SMALL_UNITS = ['', '拾', '佰', '仟'];
const BIG_UNITS = ['', '万', '亿', '万亿'];

/** One group of four digits (0..9999) in capital numerals, with inner zeros collapsed. */
function groupToCapital(n: number): string {
  let out = '';
  let pendingZero = false;
  for (let pos = 3; pos >= 0; pos--) {
    const digit = Math.floor(n / 10 ** pos) % 10;
    if (digit === 0) {
      if (out) pendingZero = true;
      continue;
    }
    if (pendingZero) out += '零';
    pendingZero = false;
    out += DIGITS[digit] + SMALL_UNITS[pos];
  }
  return out;
}

/** A digit string's value (digits only: groups of at most four, never a money amount). */
function digitValue(digits: string): number {
  return parseInt(digits, 10);
}

function integerToCapital(intDigits: string): string {
  if (/^0+$/.test(intDigits)) return '';
  if (intDigits.replace(/^0+/, '').length > 4 * BIG_UNITS.length) {
    throw new RangeError(`amount ${intDigits} is too large for capital numerals`);
  }
  const groups: number[] = [];
  for (let end = intDigits.length; end > 0; end -= 4) {
    groups.unshift(digitValue(intDigits.slice(Math.max(0, end - 4), end)));
  }
  let out = '';
  let needZero = false;
  groups.forEach((g, i) => {
    const unit = BIG_UNITS[groups.length - 1 - i];
    if (g === 0) {
      if (out) needZero = true;
      return;
    }
    if (out && (needZero || g < 1000)) out += '零';
    needZero = false;
    out += groupToCapital(g) + unit;
  });
  return out;
}

/**
 * Amount in Chinese capital numerals as printed on receipts:
 * 1234.56 -> 壹仟贰佰叁拾肆元伍角陆分, 0 -> 零元整, 100.05 -> 壹佰元零伍分, -3 -> 负叁元整.
 */
export function toChineseCapital(amount: Decimal): string {
  const rounded = roundFen(amount);
  const negative = rounded.isNegative() && !rounded.isZero();
  const [intDigits, fracDigits] = rounded.abs().toFixed(2).split('.');
  const jiao = digitValue(fracDigits[0]);
  const fen = digitValue(fracDigits[1]);
  const yuanText = integerToCapital(intDigits);
  let out = yuanText ? yuanText + '元' : '';
  if (jiao === 0 && fen === 0) {
    out = (out || '零元') + '整';
  } else {
    if (jiao > 0) out += DIGITS[jiao] + '角';
    else if (yuanText) out += '零';
    if (fen > 0) out += DIGITS[fen] + '分';
    else out += '整';
  }
  return (negative ? '负' : '') + out;
}
