// The simulated network's own authoritative settlement: the same engine and packs as the window,
// per-person year-to-date books, the wire layer mapping, the employee personal account.
import type Decimal from 'decimal.js';
import { Dec, ZERO, fmt, sum } from '../../core/money';
import {
  applyYtd, choosePack, settle, ytdFor, type FacilityLevel, type PolicyPack, type SettlementResult, type YtdBook,
} from '../../core/engine';
import { layersToWire } from '../client/wire-layers';
import { SimReject, type SimLine, type SimPerson, type SimVisit } from './state';

export interface SimPolicy {
  packs: readonly PolicyPack[];
  facilityLevel(institutionCode: string): FacilityLevel;
  facilityRegion(institutionCode: string): string;
}

const VISIT_TYPE: Record<string, 'outpatient' | 'chronicOutpatient' | 'inpatient'> = {
  '11': 'outpatient', '12': 'outpatient', '13': 'outpatient', '14': 'chronicOutpatient',
  '21': 'inpatient', '22': 'inpatient', '24': 'inpatient',
};

/** The pack in force and the date the engine settles on (clamped into the pack's range when the
 * simulator runs on a date no shipped pack covers: the demo packs are for one year). */
export function packFor(policy: SimPolicy, personRegion: string, institution: string, today: string): { pack: PolicyPack; date: string } {
  const direct = choosePack(policy.packs, personRegion, today, policy.facilityRegion(institution));
  if (direct) return { pack: direct, date: today };
  const candidates = policy.packs
    .filter((p) => personRegion.startsWith(p.region.replace(/(00)+$/, '')) || policy.facilityRegion(institution).startsWith(p.region.replace(/(00)+$/, '')))
    .sort((a, b) => b.effective.to.localeCompare(a.effective.to));
  const pack = candidates[0];
  if (!pack) throw new SimReject(`参保地 ${personRegion} 无适用的结算政策`);
  const date = today < pack.effective.from ? pack.effective.from : today > pack.effective.to ? pack.effective.to : today;
  return { pack, date };
}

export interface SimComputed {
  result: SettlementResult;
  lines: SimLine[];
  setlFields: Record<string, string>;
  setldetail: Record<string, unknown>[];
  medfee: Decimal;
  fund: Decimal;
  account: Decimal;
  ytdAfter: YtdBook;
}

/** Settles the visit's unsettled lines for the person (pure with respect to state: nothing is written). */
export function computeSettlement(policy: SimPolicy, person: SimPerson, visit: SimVisit, medType: string, useAccount: boolean, today: string): SimComputed {
  const type = VISIT_TYPE[medType] ?? (visit.kind === 'inpatient' ? 'inpatient' : 'outpatient');
  if (type === 'chronicOutpatient' && !person.demo.chronic.length) throw new SimReject('该人员无门诊慢特病备案，不能按门慢结算');
  const lines = [...visit.lines.values()].filter((l) => !l.settledBy);
  if (!lines.length) throw new SimReject('没有待结算的费用明细');
  const { pack, date } = packFor(policy, person.demo.region, visit.institution, today);
  const book = ytdFor(person.ytd, Number(date.slice(0, 4)));
  const r = settle({
    pack,
    person: { insuranceType: person.demo.insuranceType, identities: person.demo.identities, enrolled: person.demo.enrolled, region: person.demo.region },
    visit: { type, facilityLevel: policy.facilityLevel(visit.institution), date },
    lines: lines.map((l) => ({ code: l.listCode, amount: fmt(l.amount), class: l.class, selfPayRatio: l.class === 'B' ? l.selfPayRatio : undefined })),
    ytd: book.ytd,
    ytdYear: book.year,
    yearBurden: book.yearBurden,
  });
  if (!r.ok) throw new SimReject(`结算失败：${r.error.message}`);
  const res = r.value;
  const wire = layersToWire(res.layers.map((l) => ({ key: l.key, amount: l.amount })), person.demo.insuranceType);
  const medfee = res.fees.total;
  const fund = new Dec(wire.fund_pay_sumamt);
  const personPart = medfee.minus(fund).minus(new Dec(wire.hosp_part_amt));
  const account = useAccount && person.demo.insuranceType === 'employee' ? Dec.min(person.account, personPart) : ZERO;
  const basic = res.layers.find((l) => l.key === 'basic');
  const setlFields: Record<string, string> = {
    medfee_sumamt: fmt(medfee),
    fulamt_ownpay_amt: fmt(res.fees.fullSelfPay),
    overlmt_selfpay: '0.00',
    preselfpay_amt: fmt(res.fees.preSelfPay),
    inscp_scp_amt: fmt(res.fees.inScope),
    act_pay_dedc: '0.00',
    hifp_pay: wire.hifp_pay,
    pool_prop_selfpay: basic && !basic.base.isZero() ? basic.amount.dividedBy(basic.base).toDecimalPlaces(4).toFixed(4) : '0.0000',
    cvlserv_pay: '0.00',
    hifes_pay: '0.00',
    hifmi_pay: wire.hifmi_pay,
    hifob_pay: wire.hifob_pay,
    maf_pay: wire.maf_pay,
    oth_pay: wire.oth_pay,
    fund_pay_sumamt: wire.fund_pay_sumamt,
    psn_part_amt: fmt(personPart),
    acct_pay: fmt(account),
    psn_cash_pay: fmt(personPart.minus(account)),
    hosp_part_amt: wire.hosp_part_amt,
    balc: fmt(person.account.minus(account)),
    acct_mulaid_pay: '0.00',
  };
  const setldetail: Record<string, unknown>[] = wire.setldetail.map((r) => ({ ...r }));
  if (!account.isZero()) {
    setldetail.push({ fund_pay_type: '310200', fund_pay_type_name: '职工基本医疗保险个人账户基金', inscp_scp_amt: fmt(account), crt_payb_lmt_amt: '0.00', fund_payamt: fmt(account), setl_proc_info: '' });
  }
  return { result: res, lines, setlFields, setldetail, medfee, fund, account, ytdAfter: applyYtd(person.ytd, res) };
}

type Acc = { base: Decimal; paid: Decimal; burden: Decimal };
const NONE: Acc = { base: ZERO, paid: ZERO, burden: ZERO };

/** `current` plus `sign` x (the change from `before` to `after`) of one settlement; other years untouched. */
function shiftYtd(current: YtdBook | undefined, before: YtdBook | undefined, after: YtdBook, sign: 1 | -1): YtdBook | undefined {
  if (current && current.year !== after.year) return current;
  const cur = ytdFor(current, after.year);
  const prev = ytdFor(before, after.year);
  const ytd = { ...cur.ytd };
  const move = (c: Decimal, a: Decimal, b: Decimal) => c.plus(a.minus(b).times(sign));
  for (const k of new Set([...Object.keys(after.ytd), ...Object.keys(prev.ytd)])) {
    const a = after.ytd[k] ?? NONE;
    const b = prev.ytd[k] ?? NONE;
    const c = ytd[k] ?? NONE;
    ytd[k] = { base: move(c.base, a.base, b.base), paid: move(c.paid, a.paid, b.paid), burden: move(c.burden, a.burden, b.burden) };
  }
  const yb = cur.yearBurden;
  return {
    year: cur.year,
    ytd,
    yearBurden: {
      inpatient: move(yb.inpatient, after.yearBurden.inpatient, prev.yearBurden.inpatient),
      chronic: move(yb.chronic, after.yearBurden.chronic, prev.yearBurden.chronic),
    },
  };
}

/** Undoes one settlement's accumulation (cancel, reversal). */
export function undoYtd(current: YtdBook | undefined, before: YtdBook | undefined, after: YtdBook): YtdBook | undefined {
  return shiftYtd(current, before, after, -1);
}

/** Re-applies one settlement's accumulation (reversal of a cancellation). */
export function redoYtd(current: YtdBook | undefined, before: YtdBook | undefined, after: YtdBook): YtdBook | undefined {
  return shiftYtd(current, before, after, 1);
}

export function sumLines(lines: Iterable<SimLine>): Decimal {
  return sum([...lines].map((l) => l.amount));
}
