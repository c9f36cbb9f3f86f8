// Pure glue between a visit at the window and the engine: fee lines in, the engine's result plus
// everything the document needs out (personal account, cash, categories, year-to-date delta).
// No I/O: the caller passes the pack, the person, the person's book and the time.
import type Decimal from 'decimal.js';
import { Dec, dec, fromFen, roundFen, toFen, ZERO } from '../core/money';
import { AppFailure } from '../core/result';
import { settle as engineSettle, type FeeLine, type PolicyPack, type SettlementResult } from '../core/engine';
import type { CategoryTotals, StoredLayer, StoredLine, YtdDelta } from '../store/settlements';
import type { YtdBookFen } from '../store/ytd';

export type VisitType = 'outpatient' | 'chronicOutpatient' | 'inpatient';

/** A fee line as the window or the HIS gives it (money as decimal strings). */
export interface LineInput {
  lineNo?: string;
  /** National catalog code (med_list_codg). */
  code: string;
  name?: string;
  /** The institution's own item code. */
  hospCode?: string;
  quantity?: string;
  unitPrice?: string;
  amount: string;
  class: 'A' | 'B' | 'C';
  selfPayRatio?: string;
  /** med_chrgitm_type, e.g. "09". */
  category?: string;
  /** yyyy-MM-dd HH:mm:ss; defaults to the visit date at 08:00. */
  time?: string;
}

export interface FeeTotals {
  total: string;
  preSelfPay?: string;
  fullSelfPay?: string;
}

export interface ComputePerson {
  insuranceType: 'resident' | 'employee';
  identities: string[];
  enrolled: string[];
  region: string;
  accountBalance: string;
}

export interface ComputeInput {
  pack: PolicyPack;
  person: ComputePerson;
  visit: { type: VisitType; facilityLevel: string; date: string; lines?: LineInput[]; fees?: FeeTotals };
  book: YtdBookFen;
  useAccount: boolean;
}

export interface Computed {
  result: SettlementResult;
  lines: StoredLine[];
  categories: CategoryTotals;
  /** The engine's fee totals and layers in fen, as the document stores them. */
  fees: { totalFen: number; inScopeFen: number; preSelfPayFen: number; fullSelfPayFen: number };
  layers: StoredLayer[];
  fundsFen: number;
  accountFen: number;
  cashFen: number;
  ytdDelta: YtdDelta;
}

/** Lines for the network when the window gave only class totals: one line per non-zero part. */
export function linesFromTotals(fees: FeeTotals, date: string): LineInput[] {
  const total = dec(fees.total);
  const pre = dec(fees.preSelfPay ?? '0');
  const full = dec(fees.fullSelfPay ?? '0');
  const inScope = total.minus(pre).minus(full);
  if (inScope.isNegative()) {
    throw new AppFailure({ code: 'VALIDATION', message: '先行自付与全自费之和超过总费用', field: 'visit.fees.total', detail: 'pre + full above total' });
  }
  const time = `${date} 08:00:00`;
  const out: LineInput[] = [];
  const push = (code: string, name: string, amount: Decimal, cls: 'A' | 'B' | 'C', ratio?: string) => {
    if (!amount.isZero()) out.push({ code, name, amount: amount.toFixed(2), class: cls, selfPayRatio: ratio, category: '14', time });
  };
  push('SUM-A', '政策范围内费用合计', inScope, 'A');
  push('SUM-B', '先行自付费用合计', pre, 'B', '1');
  push('SUM-C', '全自费费用合计', full, 'C');
  return out;
}

/** Quantity and unit price as the network will check them: amount = quantity x price, half-up to the fen. */
function quantityAndPrice(l: LineInput, amount: Decimal, i: number): { quantity: string; unitPrice: string } {
  const quantity = l.quantity ?? '1';
  const q = dec(quantity);
  const unitPrice = l.unitPrice ?? (q.isZero() ? amount.toFixed(2) : amount.dividedBy(q).toDecimalPlaces(6).toFixed());
  if (q.isZero() || !roundFen(q.times(dec(unitPrice))).equals(amount)) {
    throw new AppFailure({
      code: 'VALIDATION', field: `visit.lines[${i}].amount`,
      message: `第 ${i + 1} 行费用：金额 ${amount.toFixed(2)} 与数量 ${quantity} × 单价 ${unitPrice} 不符`,
      detail: `line ${i}: amount is not quantity x unit price`,
    });
  }
  return { quantity, unitPrice };
}

export function storedLines(lines: LineInput[], date: string): StoredLine[] {
  return lines.map((l, i) => {
    const amount = roundFen(dec(l.amount));
    return {
      lineNo: l.lineNo ?? String(i + 1).padStart(4, '0'),
      code: l.code,
      name: l.name ?? l.code,
      hospCode: l.hospCode ?? l.code,
      ...quantityAndPrice(l, amount, i),
      amountFen: toFen(amount),
      class: l.class,
      selfPayRatio: l.selfPayRatio,
      category: l.category,
      time: l.time ?? `${date} 08:00:00`,
    };
  });
}

export function categoriesOf(lines: StoredLine[]): CategoryTotals {
  const byCategory: Record<string, number> = {};
  const byClass: Record<string, number> = {};
  for (const l of lines) {
    const c = l.category ?? '14';
    byCategory[c] = (byCategory[c] ?? 0) + l.amountFen;
    byClass[l.class] = (byClass[l.class] ?? 0) + l.amountFen;
  }
  return { byCategory, byClass };
}

function delta(book: YtdBookFen, r: SettlementResult): YtdDelta {
  const same = book.year === r.year;
  const keys: YtdDelta['keys'] = {};
  const afterFen: NonNullable<YtdDelta['after']> = {};
  for (const [k, after] of Object.entries(r.ytd)) {
    afterFen[k] = { baseFen: toFen(after.base), paidFen: toFen(after.paid), burdenFen: toFen(after.burden) };
    const before = same ? book.keys[k] : undefined;
    keys[k] = {
      baseFen: toFen(after.base) - (before?.baseFen ?? 0),
      paidFen: toFen(after.paid) - (before?.paidFen ?? 0),
      burdenFen: toFen(after.burden) - (before?.burdenFen ?? 0),
    };
  }
  const b = same ? book.burden : { inpatientFen: 0, chronicFen: 0 };
  return {
    year: r.year,
    keys,
    after: afterFen,
    burden: {
      inpatientFen: toFen(r.yearBurden.inpatient) - b.inpatientFen,
      chronicFen: toFen(r.yearBurden.chronic) - b.chronicFen,
    },
  };
}

function ytdInput(book: YtdBookFen) {
  const out: Record<string, { base: Decimal; paid: Decimal; burden: Decimal }> = {};
  for (const [k, e] of Object.entries(book.keys)) {
    out[k] = { base: fromFen(e.baseFen), paid: fromFen(e.paidFen), burden: fromFen(e.burdenFen) };
  }
  return out;
}

/** Runs the engine on the visit; throws AppFailure (field named) on invalid input. */
export function computeSettlement(input: ComputeInput): Computed {
  const { pack, person, visit, book } = input;
  const given = visit.lines && visit.lines.length ? visit.lines : visit.fees ? linesFromTotals(visit.fees, visit.date) : [];
  if (!given.length) throw new AppFailure({ code: 'VALIDATION', message: '没有费用明细，无法结算', field: 'visit.lines', detail: 'no fee lines' });
  const lines = storedLines(given, visit.date);
  const engineLines: FeeLine[] = lines.map((l) => ({
    code: l.code, amount: fromFen(l.amountFen), class: l.class, selfPayRatio: l.selfPayRatio,
  }));
  const r = engineSettle({
    pack,
    person: { insuranceType: person.insuranceType, identities: person.identities, enrolled: person.enrolled, region: person.region },
    visit: { type: visit.type, facilityLevel: visit.facilityLevel as never, date: visit.date },
    lines: engineLines,
    ytd: ytdInput(book),
    ytdYear: book.year,
    yearBurden: { inpatient: fromFen(book.burden.inpatientFen), chronic: fromFen(book.burden.chronicFen) },
  });
  if (!r.ok) throw new AppFailure({ ...r.error, field: r.error.field ? `visit.${r.error.field}` : undefined });
  const result = r.value;
  const funds = result.layers.reduce((a, l) => a.plus(l.amount), ZERO as Decimal);
  let account: Decimal = ZERO;
  if (input.useAccount && person.insuranceType === 'employee') {
    const balance = new Dec(person.accountBalance || '0');
    account = balance.lessThan(result.cash) ? roundFen(balance) : result.cash;
    if (account.isNegative()) account = ZERO;
  }
  return {
    result,
    lines,
    categories: categoriesOf(lines),
    fees: {
      totalFen: toFen(result.fees.total), inScopeFen: toFen(result.fees.inScope),
      preSelfPayFen: toFen(result.fees.preSelfPay), fullSelfPayFen: toFen(result.fees.fullSelfPay),
    },
    layers: result.layers.map((l) => ({
      key: l.key, name: l.name, ytdKey: l.ytdKey, baseFen: toFen(l.base), amountFen: toFen(l.amount), trace: l.trace,
    })),
    fundsFen: toFen(funds),
    accountFen: toFen(account),
    cashFen: toFen(result.cash.minus(account)),
    ytdDelta: delta(book, result),
  };
}
