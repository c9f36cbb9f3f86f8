// The rules of a drug line's traceability codes, without I/O: which lines are drugs, what a line
// needs (one code per box; a split pack's codes until their units cover the quantity), the code
// format of the setup, and what one scan does to a line. Quantities are decimals (decimal.js).
import { Dec } from '../core/money';

/** Why a drug line has no codes (the cashier picks one); `notScanned`: the visit never came to the scan panel. */
export const NO_CODE_REASONS = {
  oldStock: '规则实施前购进的存量药品',
  noCode: '包装上没有追溯码',
  unreadable: '追溯码破损无法识别',
  notScanned: '未扫码',
} as const;
export type NoCodeReason = keyof typeof NO_CODE_REASONS;
/** The reasons a cashier may pick (not `notScanned`). */
export const PICKABLE_REASONS = ['oldStock', 'noCode', 'unreadable'] as const;

export const DEFAULT_CODE_PATTERN = '^\\d{20}$';

/** Drug charge categories that carry codes: western drugs (09) and patent Chinese medicines (11). */
const DRUG_CATEGORIES = new Set(['09', '11']);

/** Whether a fee line is a boxed drug: by its charge category, else by the national code's prefix (X.. / Z..). */
export function isDrugLine(l: { category?: string; code: string }): boolean {
  if (l.category) return DRUG_CATEGORIES.has(l.category);
  return /^[XZ][A-Z]/.test(l.code);
}

/** A line as the scan sees it. */
export interface LineState {
  quantity: string;
  pack: number;
  split: boolean;
  /** Units each scanned code gives this line. */
  scans: { code: string; units: string }[];
  reason?: string;
}

/** Whether a line sells part of a pack: its quantity is not a whole number of packs. */
export function isSplit(quantity: string, pack: number): boolean {
  return !new Dec(quantity).mod(pack).isZero();
}

export interface LineProgress {
  /** Whole packs: codes scanned / boxes; split: units covered / quantity. */
  have: string;
  need: string;
  unit: 'box' | 'unit';
  complete: boolean;
  /** Complete, or a reason given for no codes. */
  ready: boolean;
}

export function progressOf(l: LineState): LineProgress {
  if (!l.split) {
    const need = new Dec(l.quantity).div(l.pack).toFixed();
    const complete = new Dec(l.scans.length).gte(need);
    return { have: String(l.scans.length), need, unit: 'box', complete, ready: complete || (!!l.reason && l.scans.length === 0) };
  }
  const have = l.scans.reduce((s, x) => s.plus(x.units), new Dec(0));
  const complete = have.gte(l.quantity);
  return { have: have.toFixed(), need: new Dec(l.quantity).toFixed(), unit: 'unit', complete, ready: complete || (!!l.reason && l.scans.length === 0) };
}

/** What this institution sold of a code before (trace_codes). */
export interface CodeHistory {
  wholeSold: number;
  unitsUsed: string;
  pack: number;
  listCode: string;
}

export type ScanOutcome =
  | { ok: true; units: string; warning?: string }
  | { ok: false; code: string; message: string };

const no = (code: string, message: string): ScanOutcome => ({ ok: false, code, message });

/** The format rule of the setup (a regular expression); an invalid one falls back to 20 digits. */
export function codeFormat(pattern: string): RegExp {
  try {
    return new RegExp(pattern);
  } catch {
    return new RegExp(DEFAULT_CODE_PATTERN);
  }
}

/**
 * One scan on a line: refused when the format is wrong, the line has all its codes, a split
 * pack's units are used up or a whole pack is sold as split (or the reverse); a whole-pack code
 * sold here before is taken with a warning (the network flags a code sold twice).
 * Duplicates within the sale are refused by the caller (across every line of the visit).
 */
export function scanLine(l: LineState, code: string, format: RegExp, listCode: string, past: CodeHistory | undefined): ScanOutcome {
  if (!format.test(code)) return no('TRACE_FORMAT', `追溯码格式不正确（${code.length} 位）：应为 20 位数字`);
  const p = progressOf(l);
  if (p.complete) return no('TRACE_LINE_FULL', `该药品的追溯码已扫够（${p.have}/${p.need}）`);
  if (past && past.listCode !== listCode) return no('TRACE_OTHER_DRUG', '该追溯码在本机构登记为另一种药品，请核对药盒');
  if (!l.split) {
    if (past && new Dec(past.unitsUsed).gt(0)) return no('TRACE_OPENED', '该追溯码的包装已拆零销售，不能再整盒销售');
    const warning = past && past.wholeSold > 0 ? '注意：该追溯码曾在本机构整盒售出，医保平台会按“一码多售”核查' : undefined;
    return { ok: true, units: String(l.pack), warning };
  }
  if (past && past.wholeSold > 0) return no('TRACE_SOLD_WHOLE', '该追溯码已整盒售出，不能再拆零销售');
  const pack = past?.pack ?? l.pack;
  const left = new Dec(pack).minus(past?.unitsUsed ?? 0);
  if (left.lte(0)) return no('TRACE_USED_UP', '该追溯码的拆零包装已用完，请扫新拆开的药盒');
  const want = new Dec(l.quantity).minus(p.have);
  return { ok: true, units: Dec.min(left, want).toFixed() };
}
