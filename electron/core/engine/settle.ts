// The settlement engine: one pure function from (pack, person, visit, bill, year-to-date) to the
// amount of every layer, the cash, the accumulators after the visit, warnings and a trace.
import type Decimal from 'decimal.js';
import { ZERO } from '../money';
import { fail, ok, type Result } from '../result';
import { Issue, date as checkDate, oneOf } from '../policy/checks';
import { packHash } from '../policy/hash';
import { FACILITY_LEVELS, INSURANCE_TYPES, VISIT_TYPES, type When } from '../policy/types';
import { compilePack, type CompiledEntry, type CompiledKey } from './compile';
import { feesFromLines, feesFromTotals, money } from './fees';
import { computeLayer, type Parts } from './layer';
import { cashTrace, feeTrace, layerTrace } from './trace';
import { checkWarnings } from './warnings';
import { layerLabel } from './label';
import type {
  Accumulator, FeeBreakdown, LayerResult, PersonInput, SettleInput, SettlementResult, VisitInput, YtdMap,
} from './types';

function matches(when: When | undefined, person: PersonInput, visit: VisitInput): boolean {
  if (!when) return true;
  if (when.visit && !when.visit.includes(visit.type)) return false;
  if (when.insuranceType && !when.insuranceType.includes(person.insuranceType)) return false;
  if (when.facilityLevel && !when.facilityLevel.includes(visit.facilityLevel)) return false;
  if (when.identitiesAny && !when.identitiesAny.some((i) => (person.identities ?? []).includes(i))) return false;
  if (when.enrolledAny && !when.enrolledAny.some((s) => (person.enrolled ?? []).includes(s))) return false;
  return true;
}

/** The variant of a key that applies: the first entry whose `when` matches. */
export function chooseVariant(group: CompiledKey, person: PersonInput, visit: VisitInput): CompiledEntry | undefined {
  for (const v of group.variants) if (matches(v.when, person, visit)) return v;
  return undefined;
}

function checkInput(input: SettleInput): FeeBreakdown {
  const { pack, person, visit } = input;
  oneOf(person?.insuranceType, INSURANCE_TYPES, 'person.insuranceType');
  oneOf(visit?.type, VISIT_TYPES, 'visit.type');
  oneOf(visit.facilityLevel, FACILITY_LEVELS, 'visit.facilityLevel');
  checkDate(visit.date, 'visit.date');
  if (visit.date < pack.effective.from || visit.date > pack.effective.to) {
    throw new Issue('visit.date', `就诊日期 ${visit.date} 不在策略包 ${pack.id} 的有效期（${pack.effective.from} 至 ${pack.effective.to}）内`,
      `visit date ${visit.date} is outside pack ${pack.id} effective ${pack.effective.from}..${pack.effective.to}`);
  }
  if (input.fees && input.lines) throw new Issue('lines', '费用只能给 fees 或 lines 之一', 'give either "fees" or "lines", not both');
  if (input.lines) return feesFromLines(input.lines);
  if (!input.fees) throw new Issue('fees', '缺少费用 fees 或 lines', 'missing "fees" (or "lines")');
  return feesFromTotals(input.fees);
}

function startYtd(input: SettleInput, keys: readonly string[], sameYear: boolean): YtdMap {
  const ytd: YtdMap = {};
  for (const k of keys) {
    const given = sameYear ? input.ytd?.[k] : undefined;
    ytd[k] = given
      ? {
          base: given.base === undefined ? ZERO : money(given.base, `ytd.${k}.base`),
          paid: given.paid === undefined ? ZERO : money(given.paid, `ytd.${k}.paid`),
          burden: given.burden === undefined ? ZERO : money(given.burden, `ytd.${k}.burden`),
        }
      : { base: ZERO, paid: ZERO, burden: ZERO };
  }
  return ytd;
}

function missingLevel(e: CompiledEntry, input: SettleInput): Issue {
  const level = input.visit.facilityLevel;
  return new Issue(e.missing!, `策略包 ${input.pack.id} 第 ${e.index + 1} 层（${e.key}）字段 ${e.missing} 没有机构级别 facilityLevel = ${level} 的取值`,
    `pack ${input.pack.id}, layer ${e.index + 1} (${e.key}): ${e.missing} has no value for facilityLevel "${level}"`);
}

function compute(input: SettleInput): SettlementResult {
  const fees = checkInput(input);
  const { pack, person, visit } = input;
  const year = Number(visit.date.slice(0, 4));
  const sameYear = input.ytdYear === undefined || input.ytdYear === year;
  const compiled = compilePack(pack, visit.facilityLevel);
  const ytd = startYtd(input, compiled.ytdKeys, sameYear);
  const remaining: Parts = { inScope: fees.inScope, preSelfPay: fees.preSelfPay, fullSelfPay: fees.fullSelfPay };
  const layers: LayerResult[] = [];
  let paid: Decimal = ZERO;
  for (const group of compiled.keys) {
    const e = chooseVariant(group, person, visit);
    if (!e) continue;
    if (e.missing) throw missingLevel(e, input);
    const acc: Accumulator = ytd[e.ytdKey];
    const w = computeLayer(e, remaining, acc, fees.inScope);
    ytd[e.ytdKey] = w.after;
    paid = paid.plus(w.pay);
    // Titled after the identity that made the variant apply (trace and receipt read the same).
    const titled = { ...e, name: layerLabel(e.name, e.when, person.identities ?? []) };
    layers.push({
      key: e.key, name: titled.name, ytdKey: e.ytdKey, entry: e.index, base: w.base, amount: w.pay,
      trace: layerTrace(titled, pack.layers[e.index], w, visit, fees), paidFrom: w.paidFrom,
    });
  }
  const cash = fees.total.minus(paid);
  const ytdAfter: YtdMap = {};
  for (const l of layers) ytdAfter[l.ytdKey] = ytd[l.ytdKey];
  const yb = sameYear ? input.yearBurden : undefined;
  const before = {
    inpatient: yb?.inpatient === undefined ? ZERO : money(yb.inpatient, 'yearBurden.inpatient'),
    chronic: yb?.chronic === undefined ? ZERO : money(yb.chronic, 'yearBurden.chronic'),
  };
  const { after, warnings } = checkWarnings(compiled, visit.type, remaining.inScope, before);
  const trace = [feeTrace(fees, visit, pack.name), ...layers.map((l) => l.trace), cashTrace(fees, paid, cash), ...warnings.map((x) => `预警：${x.message}`)];
  return {
    packId: pack.id, packHash: packHash(pack), year, fees, layers, cash, ytd: ytdAfter,
    compliantBurden: remaining.inScope, yearBurden: after, warnings, trace,
  };
}

/**
 * Settles one visit. Pure and deterministic. Invalid input (a bad amount, a date outside the
 * pack, a facility level missing from a `byLevel` table the visit needs) is an error value whose
 * `field` names the offending JSON field.
 */
export function settle(input: SettleInput): Result<SettlementResult> {
  try {
    return ok(compute(input));
  } catch (err) {
    if (!(err instanceof Issue)) throw err;
    const zh = err.zh.includes(err.path) ? err.zh : `字段 ${err.path}：${err.zh}`;
    return fail('SETTLE_INVALID', `无法结算：${zh}`, `cannot settle: field ${err.path}: ${err.en}`, err.path);
  }
}
