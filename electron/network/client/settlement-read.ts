// Reads a settlement answer (setlinfo + setldetail of 2206/2207/2303/2304/2208/2305/5203) by
// NETWORK-SPEC §12: every field as sent (with the variants real endpoints use, §1.10), fund rows
// placed into layers by family (./funds.ts), the hospital part counted once, the named fields
// used only when no row is usable, and the identity Σ layers + account + cash = total checked.
// Nothing is derived that the network did not send; what cannot be placed is reported.
import Decimal from 'decimal.js';
import { Dec, ZERO, fmt } from '../../core/money';
import { BadResponseError } from './errors';
import { FUND_LAYERS, HOSPITAL_LAYER, NAMED_FUND_FIELDS, placeFund, type FundMap } from './funds';
import { Reader, wireMoney } from './parse';
import type { NetLayer, NetSettlement, SettlementDetailRow } from './types';

/** National name first, then the variants (read all, write the national one). */
const VARIANTS: Record<string, string[]> = {
  psn_cash_pay: ['psn_cash_pay', 'pdn_cash_pay', 'cash_payamt', 'cashPayamt', 'psnCash_pay'],
  psn_part_amt: ['psn_part_amt', 'psn_pay'],
  inscp_scp_amt: ['inscp_scp_amt', 'inscp_amt'],
  preselfpay_amt: ['preselfpay_amt', 'prese_ifpay_amt'],
  medfee_sumamt: ['medfee_sumamt', 'med_fee_sumamt', 'med_sumfee'],
  hosp_part_amt: ['hosp_part_amt', 'ownpay_hosp_part'],
  oth_pay: ['oth_pay', 'othfund_pay'],
};

const NAMED = ['hifp_pay', 'cvlserv_pay', 'hifes_pay', 'hifmi_pay', 'hifob_pay', 'maf_pay', 'oth_pay'];

/** The first variant that carries a value ('' / null are "not given"). */
function pick(node: Record<string, unknown>, field: string): unknown {
  for (const name of VARIANTS[field] ?? [field]) {
    const v = node[name];
    if (v !== undefined && v !== null && v !== '') return v;
  }
  return undefined;
}

function moneyOf(r: Reader, field: string, required = false): string {
  const v = pick(r.node, field);
  if (v === undefined) {
    if (required) throw new BadResponseError(r.infno, r.msgid, `${r.path}.${field} is missing`);
    return '0.00';
  }
  const m = wireMoney(v);
  if (m === undefined) throw new BadResponseError(r.infno, r.msgid, `${r.path}.${field} is not an amount (${JSON.stringify(v)})`);
  return m;
}

function given(node: Record<string, unknown>, field: string): boolean {
  return pick(node, field) !== undefined;
}

export interface ReadOptions {
  /** setl_id must be present (a settlement, not a pre-settlement). */
  needSettlementId: boolean;
  /** The answer is a cancellation record (2208/2305). */
  cancellation?: boolean;
  funds?: FundMap;
}

interface Placed {
  layers: Map<string, { amount: Decimal; name: string; sources: string[] }>;
  details: SettlementDetailRow[];
  unplaced: string[];
  rowsAccount: Decimal;
  rowsHospital: Decimal;
}

function readRows(rows: Reader[], funds: FundMap, hospitalRow: string | undefined): Placed {
  const out: Placed = { layers: new Map(), details: [], unplaced: [], rowsAccount: ZERO, rowsHospital: ZERO };
  for (const r of rows) {
    const type = r.str('fund_pay_type');
    const amount = wireMoney(r.node.fund_payamt);
    // A row without a fund type or an amount carries nothing (a Hunan answer sends one all "").
    if (!type || amount === undefined) continue;
    const place = placeFund(type, funds, hospitalRow);
    const d: SettlementDetailRow = {
      fundType: type, fundName: r.str('fund_pay_type_name'), amount, inScope: wireMoney(r.node.inscp_scp_amt) ?? '',
      limit: wireMoney(r.node.crt_payb_lmt_amt) ?? '', info: r.str('setl_proc_info'),
      place: place ? (place.kind === 'layer' ? place.key : place.kind) : undefined,
    };
    out.details.push(d);
    const a = new Dec(amount);
    if (!place) {
      if (!a.isZero()) out.unplaced.push(type);
    } else if (place.kind === 'account') {
      out.rowsAccount = out.rowsAccount.plus(a);
    } else if (place.kind === 'hospital') {
      out.rowsHospital = out.rowsHospital.plus(a);
    } else {
      const cur = out.layers.get(place.key) ?? { amount: ZERO, name: d.fundName || (FUND_LAYERS as Record<string, string>)[place.key] || place.key, sources: [] };
      cur.amount = cur.amount.plus(a);
      cur.sources.push(type);
      out.layers.set(place.key, cur);
    }
  }
  return out;
}

/** No usable rows: the layers come from the named fields (§12.2 step 7). */
function fromNamed(named: Record<string, string>): Placed {
  const out: Placed = { layers: new Map(), details: [], unplaced: [], rowsAccount: ZERO, rowsHospital: ZERO };
  for (const { field, key } of NAMED_FUND_FIELDS) {
    const a = new Dec(named[field]);
    if (a.isZero()) continue;
    const cur = out.layers.get(key) ?? { amount: ZERO, name: (FUND_LAYERS as Record<string, string>)[key], sources: [] };
    cur.amount = cur.amount.plus(a);
    cur.sources.push(field);
    out.layers.set(key, cur);
  }
  if (!new Dec(named.oth_pay).isZero()) out.unplaced.push('oth_pay');
  return out;
}

function layersOf(p: Placed, hospital: Decimal): { layers: Record<string, string>; list: NetLayer[] } {
  const list: NetLayer[] = [...p.layers].filter(([, v]) => !v.amount.isZero()).map(([key, v]) => ({ key, name: v.name, amount: fmt(v.amount), sources: v.sources }));
  if (!hospital.isZero()) list.push({ key: HOSPITAL_LAYER, name: FUND_LAYERS.reduction, amount: fmt(hospital), sources: ['hosp_part_amt'] });
  return { layers: Object.fromEntries(list.map((l) => [l.key, l.amount])), list };
}

/** setlinfo (+ setldetail) -> NetSettlement. */
export function readSettlement(output: unknown, o: ReadOptions, infno: string, msgid: string): NetSettlement {
  const out = Reader.of(output, 'output', infno, msgid);
  const s = out.child('setlinfo', true);
  const named = Object.fromEntries(NAMED.map((f) => [f, moneyOf(s, f)]));
  const total = moneyOf(s, 'medfee_sumamt', true);
  const account = moneyOf(s, 'acct_pay');
  const cash = moneyOf(s, 'psn_cash_pay');
  // The hospital part is one amount: hosp_part_amt when sent, else the rows that stand for it.
  const hospitalRow = s.node.ownpay_hosp_part != null && s.node.ownpay_hosp_part !== '' ? '999997' : undefined;
  const rows = readRows(out.list('setldetail'), o.funds ?? {}, hospitalRow);
  const usable = rows.details.length > 0;
  const placed = usable ? rows : fromNamed(named);
  const hospital = given(s.node, 'hosp_part_amt') ? new Dec(moneyOf(s, 'hosp_part_amt')) : rows.rowsHospital;
  const { layers, list } = layersOf(placed, hospital);
  const sumLayers = list.reduce((a, l) => a.plus(l.amount), ZERO);
  const imbalance = sumLayers.plus(account).plus(cash).minus(total);
  const personTotal = given(s.node, 'psn_part_amt') ? moneyOf(s, 'psn_part_amt') : fmt(new Dec(account).plus(cash));
  return {
    visitId: s.str('mdtrt_id', true),
    settlementId: s.str('setl_id', o.needSettlementId),
    personNo: s.str('psn_no'),
    sourceMsgid: s.str('medins_setl_id'),
    time: s.str('setl_time'),
    medType: s.str('med_type'),
    insutype: s.str('insutype'),
    personType: s.str('psn_type'),
    total,
    fullSelfPay: moneyOf(s, 'fulamt_ownpay_amt'),
    overLimit: moneyOf(s, 'overlmt_selfpay'),
    preSelfPay: moneyOf(s, 'preselfpay_amt'),
    inScope: moneyOf(s, 'inscp_scp_amt'),
    deductible: moneyOf(s, 'act_pay_dedc'),
    fundTotal: moneyOf(s, 'fund_pay_sumamt'),
    personTotal,
    account,
    accountMutualAid: moneyOf(s, 'acct_mulaid_pay'),
    cash,
    hospitalPart: fmt(hospital),
    balance: moneyOf(s, 'balc'),
    named,
    clearing: { type: s.str('clr_type'), way: s.str('clr_way'), institution: s.str('clr_optins') },
    layers,
    layerList: list,
    details: rows.details,
    unplaced: placed.unplaced,
    imbalance: fmt(imbalance),
    cancelled: o.cancellation === true || s.str('refd_setl_flag') === '1',
    sent: { setlinfo: { ...s.node }, setldetail: out.list('setldetail').map((r) => ({ ...r.node })) },
  };
}

/** Problems of a read settlement a person must see (the figures stay as sent). */
export function settlementProblems(s: NetSettlement): string[] {
  const out: string[] = [];
  if (!new Dec(s.imbalance).isZero()) out.push(`各基金支付 + 个人账户 + 个人现金与医疗费总额 ${s.total} 相差 ${s.imbalance}`);
  if (s.unplaced.length) out.push(`基金支付类型 ${s.unplaced.join('、')} 无法归入任何一重保障（请在医保设置中对照）`);
  const rowsAccount = s.details.filter((d) => d.place === 'account').reduce((a, d) => a.plus(d.amount), ZERO);
  if (s.details.some((d) => d.place === 'account') && !rowsAccount.equals(s.account)) out.push(`个人账户基金行合计 ${fmt(rowsAccount)} 与个人账户支出 ${s.account} 不符`);
  const rowsHospital = s.details.filter((d) => d.place === 'hospital').reduce((a, d) => a.plus(d.amount), ZERO);
  if (s.details.some((d) => d.place === 'hospital') && !rowsHospital.equals(s.hospitalPart)) out.push(`医院负担基金行合计 ${fmt(rowsHospital)} 与医院负担金额 ${s.hospitalPart} 不符`);
  return out;
}
