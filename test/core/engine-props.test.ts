// Invariants of the engine over random packs and bills (fast-check).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import Decimal from 'decimal.js';
import { dec, Dec } from '../../electron/core/money';
import {
  applyYtd, feesFromLines, resultToJson, settle, validatePack, ytdFor, FACILITY_LEVELS,
  type FeeLine, type PolicyPack, type SettleInput, type SettlementResult, type YtdBook,
} from '../../electron/core/engine';

const fen = (max: number) => fc.integer({ min: 0, max }).map((n) => (n / 100).toFixed(2));
const rate = fc.integer({ min: 0, max: 100 }).map((n) => (n / 100).toFixed(2));
const amountOrLevels = (max: number) =>
  fc.oneof(fen(max), fc.record({ byLevel: fc.record(Object.fromEntries(FACILITY_LEVELS.map((l) => [l, fen(max)]))) }));
const parts = fc.shuffledSubarray(['inScope', 'preSelfPay', 'fullSelfPay'], { minLength: 1 });

const bands = fc.array(fc.integer({ min: 1, max: 2_000_000 }), { maxLength: 3 }).chain((steps) => {
  let edge = 0;
  const edges = steps.map((s) => ((edge += s) / 100).toFixed(2));
  return fc.tuple(...[...edges, undefined].map((upTo) => rate.map((r) => (upTo ? { upTo, rate: r } : { rate: r }))));
});

const when = fc.record({
  visit: fc.subarray(['outpatient', 'chronicOutpatient', 'inpatient']),
  identitiesAny: fc.subarray(['poverty', 'lowIncome']),
}, { requiredKeys: [] });

const common = {
  key: fc.constantFrom('a', 'b', 'c', 'd'),
  name: fc.constant('层'),
  when,
  base: parts,
  baseCap: fen(5_000_000),
  cap: fc.record({ amount: amountOrLevels(3_000_000), per: fc.constantFrom('visit', 'year') }),
};

const bandLayer = fc.record({
  ...common,
  deductible: amountOrLevels(2_000_000),
  accumulate: fc.constantFrom('visit', 'year'),
  bandsFrom: fc.constantFrom('base', 'deductible'),
  bands,
}, { requiredKeys: ['key', 'name', 'bands'] });

const burdenLayer = fc.record({
  ...common,
  burden: fc.oneof(
    fc.record({ amount: amountOrLevels(2_000_000), per: fc.constant('year') }),
    fc.record({ ratioOfInScope: rate, per: fc.constant('visit') }),
  ),
}, { requiredKeys: ['key', 'name', 'burden'] });

const packArb = fc.array(fc.oneof({ weight: 4, arbitrary: bandLayer }, { weight: 1, arbitrary: burdenLayer }), { minLength: 1, maxLength: 6 })
  .map((layers) => {
    const r = validatePack({ id: 'random', name: '随机', region: '370300', effective: { from: '2020-01-01', to: '2020-12-31' }, layers }, 'random');
    if (!r.ok) throw new Error(`generated an invalid pack: ${r.error.detail}`);
    return r.value;
  });

const bill = fc.tuple(fc.integer({ min: 0, max: 20_000_000 }), fc.nat(), fc.nat()).map(([total, a, b]) => {
  const pre = total === 0 ? 0 : a % (total + 1);
  const full = total - pre === 0 ? 0 : b % (total - pre + 1);
  return { total: (total / 100).toFixed(2), preSelfPay: (pre / 100).toFixed(2), fullSelfPay: (full / 100).toFixed(2) };
});

const person = fc.record({
  insuranceType: fc.constantFrom('resident', 'employee') as fc.Arbitrary<'resident' | 'employee'>,
  identities: fc.subarray(['poverty', 'lowIncome']),
});
const visitType = fc.constantFrom('outpatient', 'chronicOutpatient', 'inpatient') as fc.Arbitrary<SettleInput['visit']['type']>;
const level = fc.constantFrom(...FACILITY_LEVELS);

function mustSettle(input: SettleInput): SettlementResult {
  const r = settle(input);
  if (!r.ok) throw new Error(r.error.detail);
  return r.value;
}

type Level = SettleInput['visit']['facilityLevel'];

function checkOne(p: PolicyPack, lvl: Level, r: SettlementResult, before: Record<string, { paid: Decimal }>): void {
  const sum = r.layers.reduce((s, l) => s.plus(l.amount), r.cash);
  expect(sum.equals(r.fees.total)).toBe(true);
  expect(r.cash.isNegative()).toBe(false);
  for (const l of r.layers) {
    expect(l.amount.isNegative()).toBe(false);
    expect(l.amount.lessThanOrEqualTo(l.base)).toBe(true);
    expect(l.amount.decimalPlaces()).toBeLessThanOrEqual(2);
    const cap = p.layers[l.entry].cap;
    if (!cap) continue;
    const c = dec(typeof cap.amount === 'string' ? cap.amount : cap.amount.byLevel[lvl]!);
    if (cap.per === 'visit') expect(l.amount.lessThanOrEqualTo(c)).toBe(true);
    else if (!l.amount.isZero()) expect((before[l.ytdKey]?.paid ?? dec('0')).plus(l.amount).lessThanOrEqualTo(c)).toBe(true);
  }
}

describe('engine invariants', () => {
  it('layers + cash = total; no layer negative or above its base; caps hold; yearly caps hold across visits', () => {
    fc.assert(fc.property(packArb, person, fc.array(fc.tuple(visitType, bill), { minLength: 1, maxLength: 5 }), level,
      (p, who, visits, lvl) => {
        let book: YtdBook | undefined;
        for (const [type, fees] of visits) {
          const before = ytdFor(book, 2020).ytd;
          const r = mustSettle({ pack: p, person: who, visit: { type, facilityLevel: lvl, date: '2020-05-01' }, fees, ytd: before, ytdYear: 2020 });
          checkOne(p, lvl, r, before);
          book = applyYtd(book, r);
        }
      }), { numRuns: 400 });
  });

  it('settling visits one by one gives the accumulators of the year-to-date form', () => {
    fc.assert(fc.property(packArb, person, fc.array(fc.tuple(visitType, bill), { minLength: 2, maxLength: 5 }), level,
      (p, who, visits, lvl) => {
        let book: YtdBook | undefined;
        const sums: Record<string, { base: Decimal; paid: Decimal }> = {};
        let last: SettlementResult | undefined;
        let beforeLast: YtdBook | undefined;
        for (const [type, fees] of visits) {
          beforeLast = book;
          last = mustSettle({ pack: p, person: who, visit: { type, facilityLevel: lvl, date: '2020-05-01' }, fees, ytd: ytdFor(book, 2020).ytd });
          for (const l of last.layers) {
            const s = (sums[l.ytdKey] ??= { base: dec('0'), paid: dec('0') });
            s.base = s.base.plus(l.base);
            s.paid = s.paid.plus(l.amount);
          }
          book = applyYtd(book, last);
        }
        for (const [k, s] of Object.entries(sums)) {
          expect(book!.ytd[k].base.equals(s.base)).toBe(true);
          expect(book!.ytd[k].paid.equals(s.paid)).toBe(true);
          expect(book!.ytd[k].burden.equals(s.base.minus(s.paid))).toBe(true);
        }
        // The last visit as a case: its ytd given as the strings a case file carries.
        const form = Object.fromEntries(Object.entries(resultToJson({ ...last!, ytd: ytdFor(beforeLast, 2020).ytd }).ytd));
        const [type, fees] = visits[visits.length - 1];
        const again = mustSettle({ pack: p, person: who, visit: { type, facilityLevel: lvl, date: '2020-05-01' }, fees, ytd: form });
        expect(resultToJson(again)).toEqual(resultToJson(last!));
      }), { numRuns: 300 });
  });

  it('the same input always gives the same output, and the input is left as it was', () => {
    fc.assert(fc.property(packArb, person, visitType, bill, level, (p, who, type, fees, lvl) => {
      const input: SettleInput = { pack: p, person: who, visit: { type, facilityLevel: lvl, date: '2020-05-01' }, fees, ytd: { a: { base: '100', paid: '10', burden: '90' } } };
      const snapshot = JSON.stringify(input);
      const a = resultToJson(mustSettle(input));
      const b = resultToJson(mustSettle(JSON.parse(snapshot) as SettleInput));
      expect(b).toEqual(a);
      expect(resultToJson(mustSettle(input))).toEqual(a);
      expect(JSON.stringify(input)).toBe(snapshot);
    }), { numRuns: 200 });
  });
});

describe('fee lines', () => {
  const line = fc.record({
    code: fc.constant('x'),
    amount: fen(10_000_000),
    class: fc.constantFrom('A', 'B', 'C') as fc.Arbitrary<'A' | 'B' | 'C'>,
    selfPayRatio: fc.integer({ min: 0, max: 1000 }).map((n) => (n / 1000).toString()),
  });
  it('the integer-fen path and the decimal path agree, and parts add up', () => {
    fc.assert(fc.property(fc.array(line, { maxLength: 60 }), (lines) => {
      const fast = feesFromLines(lines);
      const slow = feesFromLines(lines.map((l): FeeLine => ({ ...l, amount: new Dec(l.amount), selfPayRatio: new Dec(l.selfPayRatio) })));
      for (const k of ['total', 'inScope', 'preSelfPay', 'fullSelfPay'] as const) expect(fast[k].equals(slow[k])).toBe(true);
      expect(fast.inScope.plus(fast.preSelfPay).plus(fast.fullSelfPay).equals(fast.total)).toBe(true);
      expect(fast.inScope.isNegative()).toBe(false);
    }), { numRuns: 300 });
  });
});
