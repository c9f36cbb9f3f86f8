// Settlement case files (docs/POLICY-FORMAT.md, "Case files"): validation into an engine input, the
// result as the JSON `settle --case` prints, and the check of `expect`.
import type Decimal from 'decimal.js';
import { dec, fmt } from '../money';
import { fail, ok, type Result } from '../result';
import {
  Issue, obj, noUnknown, required, str, oneOf, list, strList, decimal, date, join, isObj, type Obj,
} from '../policy/checks';
import { validatePack } from '../policy/validate';
import { FACILITY_LEVELS, INSURANCE_TYPES, VISIT_TYPES, type PolicyPack } from '../policy/types';
import type { FeeLine, SettleInput, SettlementResult, YtdInput } from './types';

export interface CaseExpect {
  layers?: Record<string, string>;
  cash?: string;
}

export interface SettlementCase {
  id: string | undefined;
  input: SettleInput;
  expect: CaseExpect | undefined;
}

/** Resolves a pack id (`policy: "zibo-2020"`) to a shipped pack. */
export type PackResolver = (id: string) => PolicyPack | undefined;

function checkPerson(v: unknown): SettleInput['person'] {
  const o = obj(v, 'person');
  const person: SettleInput['person'] = {
    insuranceType: oneOf(required(o, 'insuranceType', 'person'), INSURANCE_TYPES, 'person.insuranceType'),
    identities: o.identities === undefined ? [] : strList(o.identities, 'person.identities'),
    enrolled: o.enrolled === undefined ? [] : strList(o.enrolled, 'person.enrolled'),
  };
  if (o.region !== undefined) person.region = str(o.region, 'person.region');
  return person;
}

function checkVisit(v: unknown): SettleInput['visit'] {
  const o = obj(v, 'visit');
  return {
    type: oneOf(required(o, 'type', 'visit'), VISIT_TYPES, 'visit.type'),
    facilityLevel: oneOf(required(o, 'facilityLevel', 'visit'), FACILITY_LEVELS, 'visit.facilityLevel'),
    date: date(required(o, 'date', 'visit'), 'visit.date'),
  };
}

function checkFees(v: unknown): SettleInput['fees'] {
  const o = obj(v, 'fees');
  noUnknown(o, ['total', 'preSelfPay', 'fullSelfPay'], 'fees');
  const opt = (k: string) => (o[k] === undefined ? '0' : decimal(o[k], join('fees', k), 'amount'));
  const fees = { total: decimal(required(o, 'total', 'fees'), 'fees.total', 'amount'), preSelfPay: opt('preSelfPay'), fullSelfPay: opt('fullSelfPay') };
  if (dec(fees.preSelfPay).plus(fees.fullSelfPay).greaterThan(fees.total)) {
    throw new Issue('fees.total', `先行自付 preSelfPay + 全自费 fullSelfPay 超过总费用 total（${fees.total}）`, 'preSelfPay + fullSelfPay is above total');
  }
  return fees;
}

function checkLines(v: unknown): FeeLine[] {
  return list(v, 'lines').map((raw, i) => {
    const p = join('lines', i);
    const o = obj(raw, p);
    noUnknown(o, ['code', 'amount', 'class', 'selfPayRatio', 'name'], p);
    const line: FeeLine = {
      code: str(required(o, 'code', p), join(p, 'code')),
      amount: decimal(required(o, 'amount', p), join(p, 'amount'), 'amount'),
      class: oneOf(required(o, 'class', p), ['A', 'B', 'C'] as const, join(p, 'class')),
    };
    if (line.class === 'B') required(o, 'selfPayRatio', p);
    if (o.selfPayRatio !== undefined) line.selfPayRatio = decimal(o.selfPayRatio, join(p, 'selfPayRatio'), 'rate');
    return line;
  });
}

function checkYtd(v: unknown): YtdInput {
  const o = obj(v, 'ytd');
  const out: YtdInput = {};
  for (const [key, acc] of Object.entries(o)) {
    const p = join('ytd', key);
    const a = obj(acc, p);
    noUnknown(a, ['base', 'paid', 'burden'], p);
    out[key] = {};
    for (const f of ['base', 'paid', 'burden'] as const) {
      if (a[f] !== undefined) out[key][f] = decimal(a[f], join(p, f), 'amount');
    }
  }
  return out;
}

function checkExpectField(v: unknown): CaseExpect {
  const o = obj(v, 'expect');
  noUnknown(o, ['layers', 'cash'], 'expect');
  const out: CaseExpect = {};
  if (o.layers !== undefined) {
    const layers = obj(o.layers, 'expect.layers');
    out.layers = {};
    for (const [k, a] of Object.entries(layers)) out.layers[k] = decimal(a, join('expect.layers', k), 'amount');
  }
  if (o.cash !== undefined) out.cash = decimal(o.cash, 'expect.cash', 'amount');
  return out;
}

function resolvePolicy(v: unknown, resolve: PackResolver): PolicyPack {
  if (typeof v === 'string') {
    const pack = resolve(v);
    if (!pack) throw new Issue('policy', `策略包 ${v} 不在随软件发布的策略包中`, `pack "${v}" is not shipped`);
    return pack;
  }
  if (!isObj(v)) throw new Issue('policy', 'policy 应为策略包编号或完整策略包', 'policy must be a pack id or a whole pack');
  const r = validatePack(v, 'case inline policy');
  if (!r.ok) {
    const field = r.error.field ? `policy.${r.error.field}` : 'policy';
    const inner = r.error.field ? `field ${r.error.field}` : '';
    throw new Issue(field, r.error.message.replace(`字段 ${r.error.field}`, `字段 ${field}`),
      (r.error.detail ?? r.error.message).replace(inner, `field ${field}`));
  }
  return r.value;
}

/**
 * Validates a case; `override` (from `--pack FILE`) replaces the case's `policy`.
 * The visit date must lie within the pack's effective range.
 */
export function parseCase(json: unknown, resolve: PackResolver, override?: PolicyPack): Result<SettlementCase> {
  try {
    const o: Obj = obj(json, '');
    const pack = override ?? resolvePolicy(required(o, 'policy', ''), resolve);
    const person = checkPerson(required(o, 'person', ''));
    const visit = checkVisit(required(o, 'visit', ''));
    if (visit.date < pack.effective.from || visit.date > pack.effective.to) {
      throw new Issue('visit.date', `就诊日期 ${visit.date} 不在策略包 ${pack.id} 的有效期（${pack.effective.from} 至 ${pack.effective.to}）内`,
        `visit date ${visit.date} is outside pack ${pack.id} effective range ${pack.effective.from}..${pack.effective.to}`);
    }
    if (o.fees !== undefined && o.lines !== undefined) throw new Issue('lines', '费用只能给 fees 或 lines 之一', 'give either "fees" or "lines", not both');
    if (o.fees === undefined && o.lines === undefined) throw new Issue('fees', '缺少 fees（或 lines）', 'missing "fees" (or "lines")');
    const input: SettleInput = { pack, person, visit };
    if (o.fees !== undefined) input.fees = checkFees(o.fees);
    else input.lines = checkLines(o.lines);
    if (o.ytd !== undefined) input.ytd = checkYtd(o.ytd);
    const expect = o.expect === undefined ? undefined : checkExpectField(o.expect);
    return ok({ id: typeof o.id === 'string' ? o.id : undefined, input, expect });
  } catch (err) {
    if (!(err instanceof Issue)) throw err;
    const zh = err.zh.includes(err.path) ? err.zh : `字段 ${err.path}：${err.zh}`;
    const en = err.en.includes(err.path) ? err.en : `field ${err.path}: ${err.en}`;
    return fail('CASE_INVALID', `结算案例无效：${zh}`, `invalid case: ${en}`, err.path);
  }
}

export interface CaseJson {
  layers: Record<string, string>;
  cash: string;
  ytd: Record<string, { base: string; paid: string; burden: string }>;
  trace: string[];
}

/**
 * The result as `settle --case` prints it: exactly `layers`, `cash`, `ytd`, `trace` (amounts with
 * two decimals). The trace starts with the pack id and hash and ends with any warnings.
 */
export function resultToJson(r: SettlementResult): CaseJson {
  const layers: Record<string, string> = {};
  for (const l of r.layers) layers[l.key] = fmt(l.amount);
  const ytd: CaseJson['ytd'] = {};
  for (const [k, a] of Object.entries(r.ytd)) ytd[k] = { base: fmt(a.base), paid: fmt(a.paid), burden: fmt(a.burden) };
  const trace = [`策略包 ${r.packId}（${r.packHash}）`, ...r.trace];
  return { layers, cash: fmt(r.cash), ytd, trace };
}

/** What does not hold of `expect` (empty when all holds). A layer absent from `expect.layers` must pay zero. */
export function checkExpect(r: SettlementResult, expect: CaseExpect): string[] {
  const misses: string[] = [];
  const paid = new Map<string, Decimal>(r.layers.map((l) => [l.key, l.amount]));
  if (expect.layers) {
    for (const [k, want] of Object.entries(expect.layers)) {
      const got = paid.get(k) ?? dec('0');
      if (!got.equals(want)) misses.push(`layers.${k}: expected ${want}, got ${fmt(got)}`);
    }
    for (const [k, got] of paid) {
      if (!(k in expect.layers) && !got.isZero()) misses.push(`layers.${k}: expected 0 (absent from expect), got ${fmt(got)}`);
    }
  }
  if (expect.cash !== undefined && !r.cash.equals(expect.cash)) misses.push(`cash: expected ${expect.cash}, got ${fmt(r.cash)}`);
  return misses;
}
