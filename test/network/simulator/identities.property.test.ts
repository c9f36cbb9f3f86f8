// Property: every settlement answer (2206, 2207, 2208 and 5203) satisfies the spec's identities
// exactly, for any demo person, any mix of lines and quantities, outpatient or chronic, with or
// without the account — while year-to-date figures pile up across runs (caps and thresholds hit).
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Dec } from '../../../electron/core/money';
import type { PlatformSimulator } from '../../../electron/network/simulator';
import { closeSims, identities, LINES, person, signedIn, startSim, visitWithFees, type FeeLine, type Raw } from './helpers';

let sim: PlatformSimulator;
let r: Raw;
beforeAll(async () => {
  sim = await startSim({ seed: 7 });
  r = await signedIn(sim);
});
afterAll(closeSims);

const PEOPLE: [key: string, chronic?: string][] = [
  ['poor', 'M03900'], ['lowIncome', 'M03900'], ['destitute'], ['ordinary'], ['employee'], ['disabled'], ['anhuiPoor', 'M03900'], ['civil'], ['child'], ['retired'],
];
const ITEMS = Object.values(LINES);

const caseArb = fc.record({
  who: fc.integer({ min: 0, max: PEOPLE.length - 1 }),
  lines: fc.uniqueArray(fc.record({ item: fc.integer({ min: 0, max: ITEMS.length - 1 }), cnt: fc.integer({ min: 1, max: 30 }) }), { minLength: 1, maxLength: 6, selector: (x) => x.item }),
  chronic: fc.boolean(),
  account: fc.boolean(),
  cancel: fc.boolean(),
});

it('every settlement answer satisfies the identities', async () => {
  const persons = new Map(sim.persons().map((p) => [p.key, p]));
  const seen = new Set<string>();
  await fc.assert(
    fc.asyncProperty(caseArb, async (c) => {
      const [key, chronic] = PEOPLE[c.who];
      const p = await person(r, persons.get(key)!.certno);
      const lines: FeeLine[] = c.lines.map((l) => ({ ...ITEMS[l.item], cnt: String(l.cnt) }));
      const useChronic = c.chronic && chronic !== undefined;
      const v = await visitWithFees(r, p, lines, useChronic ? { medType: '14', dise: chronic } : {});
      const acct = c.account ? '1' : '0';
      const pre = await r.ok('2206', { data: { ...v.pre.data, acct_used_flag: acct } });
      expect(identities(pre)).toEqual([]);
      const s = await r.ok('2207', { data: { ...v.settle.data, acct_used_flag: acct } });
      expect(identities(s)).toEqual([]);
      for (const row of s.setldetail) seen.add(String(row.fund_pay_type));
      expect(s.setlinfo.medfee_sumamt).toBe(pre.setlinfo.medfee_sumamt);
      for (const k of ['medfee_sumamt', 'fund_pay_sumamt', 'psn_cash_pay', 'acct_pay', 'hosp_part_amt']) expect(new Dec(s.setlinfo[k]).isNegative(), k).toBe(false);
      const q = await r.ok('5203', { data: { psn_no: p.psn_no, setl_id: s.setlinfo.setl_id, mdtrt_id: v.mdtrtId } });
      expect(new Dec(q.setlinfo.psn_pay).equals(new Dec(q.setlinfo.acct_pay).plus(q.setlinfo.cash_payamt))).toBe(true);
      if (c.cancel) {
        const x = await r.ok('2208', { data: { psn_no: p.psn_no, setl_id: s.setlinfo.setl_id, mdtrt_id: v.mdtrtId } });
        expect(identities(x, 'pdn_cash_pay')).toEqual([]);
        expect(new Dec(x.setlinfo.medfee_sumamt).plus(s.setlinfo.medfee_sumamt).isZero()).toBe(true);
      }
    }),
    { numRuns: 40, seed: 20260514 },
  );
  // The runs reach past basic pooling: assistance, burden cap, account.
  expect([...seen].sort()).toEqual(expect.arrayContaining(['310101', '310201', '390101', '610101', '640101']));
}, 240_000);

it('stacks pooling, critical illness, assistance and the burden cap on a large chronic visit', async () => {
  const fresh = await startSim();
  const f = await signedIn(fresh);
  const poor = fresh.persons().find((x) => x.key === 'poor')!;
  const p = await person(f, poor.certno);
  const v = await visitWithFees(f, p, [{ ...LINES.albumin, cnt: '60' }, LINES.consult], { medType: '14', dise: 'M03900' });
  const s = await f.ok('2207', v.settle);
  expect(identities(s)).toEqual([]);
  expect(s.setldetail.map((x: { fund_pay_type: string }) => x.fund_pay_type)).toEqual(['390101', '390201', '610101', '640101']);
  expect(s.setlinfo.hifmi_pay).not.toBe('0.00');
  expect(new Dec(s.setlinfo.oth_pay).isPositive()).toBe(true);
});
