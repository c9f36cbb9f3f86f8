// The bill's parts, from class totals or from fee lines. From lines: class C is fully self-paid;
// each class-B line's `amount x selfPayRatio`, rounded half-up to the fen line by line, is
// self-paid first; the rest is in scope.
import type Decimal from 'decimal.js';
import { Dec, isDecimalString, roundFen, ZERO } from '../money';
import { Issue } from '../policy/checks';
import type { FeeBreakdown, FeeLine, FeeTotalsInput, Money } from './types';

/** A Money value as a non-negative Decimal; throws an Issue naming `path` otherwise. */
export function money(v: Money | undefined, path: string, kind: 'amount' | 'rate' = 'amount'): Decimal {
  let d: Decimal;
  if (typeof v === 'string') {
    if (!isDecimalString(v)) throw new Issue(path, `不是有效的十进制数字：${v}`, `not a decimal string: ${JSON.stringify(v)}`);
    d = new Dec(v);
  } else if (v instanceof Dec || (v !== null && typeof v === 'object' && typeof (v as Decimal).isFinite === 'function')) {
    d = v as Decimal;
    if (!d.isFinite()) throw new Issue(path, '金额不是有限数', 'not a finite decimal');
  } else {
    throw new Issue(path, '应为十进制数字字符串', `must be a decimal string; got ${JSON.stringify(v)}`);
  }
  if (d.isNegative()) {
    if (!d.isZero()) throw new Issue(path, `不能为负：${d.toFixed()}`, `must not be negative: ${d.toFixed()}`);
    d = ZERO;
  }
  if (kind === 'rate' && d.greaterThan(1)) throw new Issue(path, `比例不能大于 1：${d.toFixed()}`, `rate above 1: ${d.toFixed()}`);
  return d;
}

function breakdown(total: Decimal, preSelfPay: Decimal, fullSelfPay: Decimal, totalPath: string): FeeBreakdown {
  const inScope = total.minus(preSelfPay).minus(fullSelfPay);
  if (inScope.isNegative()) {
    throw new Issue(totalPath, `先行自付 + 全自费（${preSelfPay.plus(fullSelfPay).toFixed(2)}）超过总费用 total（${total.toFixed(2)}）`,
      'preSelfPay + fullSelfPay is above total');
  }
  return { total, inScope, preSelfPay, fullSelfPay };
}

/** Class totals as a breakdown; throws an Issue naming the field on a bad amount. */
export function feesFromTotals(fees: FeeTotalsInput, path = 'fees'): FeeBreakdown {
  const total = money(fees.total, `${path}.total`);
  const pre = fees.preSelfPay === undefined ? ZERO : money(fees.preSelfPay, `${path}.preSelfPay`);
  const full = fees.fullSelfPay === undefined ? ZERO : money(fees.fullSelfPay, `${path}.fullSelfPay`);
  return breakdown(total, pre, full, `${path}.total`);
}

const FEN_AMOUNT = /^(0|[1-9]\d{0,12})(?:\.(\d{1,2}))?$/;
const SHORT_RATIO = /^(?:0(?:\.(\d{1,6}))?|1(?:\.0{1,6})?)$/;

/** "1234.5" -> 123450n (fen), or undefined when the string is not a plain amount of at most fen precision. */
function fenOf(s: string): bigint | undefined {
  const m = FEN_AMOUNT.exec(s);
  if (!m) return undefined;
  return BigInt(m[1]) * 100n + BigInt((m[2] ?? '').padEnd(2, '0'));
}

/** "0.10" -> [10n, 100n] (numerator, denominator), or undefined. */
function ratioOf(s: string): [bigint, bigint] | undefined {
  const m = SHORT_RATIO.exec(s);
  if (!m) return undefined;
  if (s.startsWith('1')) return [1n, 1n];
  const digits = m[1] ?? '';
  return [BigInt(digits || '0'), 10n ** BigInt(digits.length)];
}

/** Half-up rounding of a non-negative fraction num/den to a whole number. */
function roundHalfUpDiv(num: bigint, den: bigint): bigint {
  return (2n * num + den) / (2n * den);
}

/**
 * The bill from its fee lines. Plain string amounts (at most two decimals) and short ratios take
 * an exact integer-fen path; anything else goes through decimals. Same results either way.
 */
export function feesFromLines(lines: readonly FeeLine[], path = 'lines'): FeeBreakdown {
  let fenTotal = 0n, fenPre = 0n, fenFull = 0n;
  let decTotal = ZERO, decPre = ZERO, decFull = ZERO;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const p = `${path}[${i}]`;
    if (line === null || typeof line !== 'object') throw new Issue(p, '费用明细应为对象', 'a fee line must be an object');
    const cls = line.class;
    if (cls !== 'A' && cls !== 'B' && cls !== 'C') {
      throw new Issue(`${p}.class`, '类别应为 A / B / C', `class must be A, B or C; got ${JSON.stringify(cls)}`);
    }
    if (cls === 'B' && line.selfPayRatio === undefined) {
      throw new Issue(`${p}.selfPayRatio`, '乙类项目必须有 selfPayRatio', 'a class-B line needs "selfPayRatio"');
    }
    const fen = typeof line.amount === 'string' ? fenOf(line.amount) : undefined;
    const ratio = cls === 'B' && typeof line.selfPayRatio === 'string' ? ratioOf(line.selfPayRatio) : undefined;
    if (fen !== undefined && (cls !== 'B' || ratio)) {
      fenTotal += fen;
      if (cls === 'C') fenFull += fen;
      else if (ratio) fenPre += roundHalfUpDiv(fen * ratio[0], ratio[1]);
      continue;
    }
    const amount = money(line.amount, `${p}.amount`);
    decTotal = decTotal.plus(amount);
    if (cls === 'C') decFull = decFull.plus(amount);
    else if (cls === 'B') decPre = decPre.plus(roundFen(amount.times(money(line.selfPayRatio, `${p}.selfPayRatio`, 'rate'))));
  }
  const fromFen = (f: bigint, d: Decimal) => (f === 0n ? d : new Dec(f.toString()).dividedBy(100).plus(d));
  return breakdown(fromFen(fenTotal, decTotal), fromFen(fenPre, decPre), fromFen(fenFull, decFull), `${path}`);
}
