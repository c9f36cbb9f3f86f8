// Figures the receipt derives from a settlement: the category table, the deductible counted,
// the year-to-date lines. Pure functions of their inputs.
import type Decimal from 'decimal.js';
import { dec, fmt, sum, ZERO, minDec, maxDec } from '../money';
import { atLevel } from '../policy/levels';
import type { FacilityLevel, PolicyPack } from '../engine';
import { CHARGE_CATEGORIES, guessCategory } from './labels';
import type { MoneyIn, ReceiptCategoryRow, ReceiptDetailLine, ReceiptFeeLine, SettlementLike } from './types';

export function d(v: MoneyIn): Decimal {
  return typeof v === 'string' ? dec(v) : v;
}

/** The category code of a line: the HIS's when it is a known one, else guessed from the item code. */
function categoryOf(line: ReceiptFeeLine): string {
  return line.category && CHARGE_CATEGORIES[line.category] ? line.category : guessCategory(line.code);
}

/** The lines of the attached detail list, in the bill's order. */
export function detailLines(lines: readonly ReceiptFeeLine[]): ReceiptDetailLine[] {
  return lines.map((l) => {
    const out: ReceiptDetailLine = { code: l.code, name: l.name ?? l.code, category: CHARGE_CATEGORIES[categoryOf(l)], class: l.class, amount: fmt(d(l.amount)) };
    if (l.quantity !== undefined) out.quantity = l.quantity;
    if (l.unitPrice !== undefined) out.unitPrice = l.unitPrice;
    return out;
  });
}

/** Category rows in code order, with class A/B/C split, and the class totals. */
export function categoryTable(lines: readonly ReceiptFeeLine[]): {
  rows: ReceiptCategoryRow[];
  classTotals: { classA: string; classB: string; classC: string };
} {
  const acc = new Map<string, { A: Decimal; B: Decimal; C: Decimal }>();
  for (const line of lines) {
    const code = categoryOf(line);
    const row = acc.get(code) ?? { A: ZERO, B: ZERO, C: ZERO };
    row[line.class] = row[line.class].plus(d(line.amount));
    acc.set(code, row);
  }
  const rows = [...acc.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, r]) => ({
      code,
      name: CHARGE_CATEGORIES[code],
      total: fmt(r.A.plus(r.B).plus(r.C)),
      classA: fmt(r.A),
      classB: fmt(r.B),
      classC: fmt(r.C),
    }));
  const all = [...acc.values()];
  return {
    rows,
    classTotals: {
      classA: fmt(sum(all.map((r) => r.A))),
      classB: fmt(sum(all.map((r) => r.B))),
      classC: fmt(sum(all.map((r) => r.C))),
    },
  };
}

/**
 * The deductible the first layer with one actually counted this visit: min(D, B) per visit, or
 * what was left of the year's deductible (D - year-to-date base before the visit), within B.
 * Undefined without the pack, or when the result lacks the layer's base.
 */
export function deductibleCounted(result: SettlementLike, pack: PolicyPack | undefined, level: FacilityLevel): Decimal | undefined {
  if (!pack) return undefined;
  for (const layer of result.layers) {
    if (layer.base === undefined) continue;
    // The variant that applied: by its index when the result kept it, else by key and name.
    const def = layer.entry !== undefined
      ? pack.layers[layer.entry]
      : pack.layers.find((l) => l.key === layer.key && l.name === layer.name) ?? pack.layers.find((l) => l.key === layer.key);
    if (!def?.deductible) continue;
    const D = atLevel(def.deductible, level);
    if (!D || D.isZero()) continue;
    const B = d(layer.base);
    if (def.accumulate !== 'year') return minDec(D, B);
    const after = result.ytd[layer.ytdKey];
    const before = after ? d(after.base).minus(B) : ZERO;
    return minDec(maxDec(D.minus(before), ZERO), B);
  }
  return undefined;
}

/** Per layer: paid this year after the visit, when its ytdKey belongs to that layer alone. */
export function ytdPaidByLayer(result: SettlementLike): Map<string, string> {
  const users = new Map<string, number>();
  for (const l of result.layers) users.set(l.ytdKey, (users.get(l.ytdKey) ?? 0) + 1);
  const out = new Map<string, string>();
  for (const l of result.layers) {
    const acc = result.ytd[l.ytdKey];
    if (acc && users.get(l.ytdKey) === 1) out.set(l.key, fmt(d(acc.paid)));
  }
  return out;
}

/** The year-to-date lines worth printing: the first layer's in-scope base counted this year. */
export function ytdLines(result: SettlementLike): { label: string; amount: string }[] {
  const first = result.layers[0];
  const acc = first && result.ytd[first.ytdKey];
  if (!acc) return [];
  return [
    { label: `本年${stripParen(first.name)}累计计入费用`, amount: fmt(d(acc.base)) },
    { label: `本年${stripParen(first.name)}累计支付`, amount: fmt(d(acc.paid)) },
  ];
}

function stripParen(name: string): string {
  return name.replace(/[（(].*$/, '');
}
