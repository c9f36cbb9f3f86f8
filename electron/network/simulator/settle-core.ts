// The settlement life cycle shared by outpatient (2206/2207/2208) and inpatient (2303/2304/2305):
// checks of the request against the visit, the arithmetic (./calc.ts), the answer in the spec's
// setlinfo/setldetail shape, and booking a settlement, its cancellation record and their
// reversal (2601) in the year-to-date figures, the account, and the reconciliation totals.
import { Dec, ZERO, fmt, sum } from '../../core/money';
import { settle, type CalcResult } from './calc';
import { activeRow, ageAt, dec, identitiesAt, money, personOf, type Ctx } from './context';
import { codeLabel } from './dictionary';
import { refuse, where } from './errors';
import type { Row } from './fields';
import type { InsuRow, PlatformPerson } from './persons';
import { KIND_BIZ, kindOf, rulesFor } from './rules';
import type { Settlement, Visit } from './state';

export interface Computed {
  person: PlatformPerson;
  row: InsuRow;
  calc: CalcResult;
  visit: Visit;
  batch: string;
  sns: string[];
  medType: string;
  clrType: string;
}

const SPLIT = ['fulamt_ownpay_amt', 'overlmt_selfpay', 'preselfpay_amt', 'inscp_scp_amt'] as const;

function clrTypeOf(medType: string): string {
  if (medType === '51' || medType === '52' || medType === '53') return '51';
  if (medType === '41') return '41';
  return KIND_BIZ[kindOf(medType)];
}

/** Checks a pre-settle/settle request against the visit and computes it; changes nothing. */
export function compute(c: Ctx, v: Visit, batch: string, sns: string[], d: Row, medType: string): Computed {
  const at = where(c.infno, 'data');
  const p = personOf(c, d.psn_no);
  if (d.insutype !== v.insutype) refuse(`${at}险种类型(insutype)${d.insutype}与登记时的险种${v.insutype}不一致`);
  if (d.med_type && d.med_type !== medType) refuse(`${at}医疗类别(med_type)${d.med_type}与就诊信息的${medType || '(未上传)'}不一致`);
  if (d.mdtrt_cert_type !== v.certType || d.mdtrt_cert_no !== v.certNo) refuse(`${at}就诊凭证(mdtrt_cert_type/mdtrt_cert_no)与登记时不一致`);
  if (v.settledBatches.has(batch)) refuse(`${at}收费批次号(chrg_bchno)${batch}已结算`);
  if (!sns.length) refuse(`${at}收费批次号(chrg_bchno)${batch}无可结算的费用明细`);
  const { row, why } = activeRow(p, v.insutype, c.day);
  if (!row || why) refuse(`${at}险种类型(insutype)${v.insutype}：${why}`);
  const lines = sns.map((sn) => v.lines.get(sn)!.priced);
  const total = sum(lines.map((l) => l.det));
  if (!dec(d.medfee_sumamt).equals(total)) refuse(`${at}医疗费总额(medfee_sumamt)${d.medfee_sumamt}与费用明细合计${fmt(total)}不符`);
  const employee = v.insutype !== '390' && v.insutype !== '391';
  const group = employee ? '310' : '390';
  const calc = settle({
    rules: rulesFor(row.insuplc_admdvs), employee, retired: /^1[23]/.test(row.psn_type), cvlserv: row.cvlserv_flag === '1',
    hasInsutype: (t) => p.insu.some((r) => r.insutype === t && r.psn_insu_stas === '1'), identities: identitiesAt(p, c.time),
    kind: kindOf(medType), level: c.institution.level, lines, acctUsed: d.acct_used_flag === '1',
    balance: employee ? c.books.balance(p.psn_no) : undefined, ytd: (code) => c.books.ytdOf(p.psn_no, c.year, group, code),
  });
  return { person: p, row, calc, visit: v, batch, sns, medType, clrType: clrTypeOf(medType) };
}

/** 2207/2304 send the four split totals: they must be those of the platform's own 2204 results. */
export function checkSplit(c: Ctx, comp: Computed, d: Row): void {
  const mine: Record<(typeof SPLIT)[number], Dec> = {
    fulamt_ownpay_amt: comp.calc.fulamt, overlmt_selfpay: comp.calc.overlmt, preselfpay_amt: comp.calc.preselfpay, inscp_scp_amt: comp.calc.inscp,
  };
  const labels = { fulamt_ownpay_amt: '全自费金额', overlmt_selfpay: '超限价金额', preselfpay_amt: '先行自付金额', inscp_scp_amt: '符合政策范围金额' };
  for (const f of SPLIT) {
    if (d[f] === '') continue;
    if (!dec(d[f]).equals(mine[f])) refuse(`${where(c.infno, 'data')}${labels[f]}(${f})${d[f]}与明细分割结果${fmt(mine[f])}不符`);
  }
}

export interface SettleIds {
  setlId: string | null;
  time: string | null;
  msgid: string;
  balance?: Dec;
}

export function setlinfo(c: Ctx, comp: Computed, ids: SettleIds): Record<string, unknown> {
  const { person: p, row, calc: k } = comp;
  const n = k.named;
  return {
    mdtrt_id: comp.visit.mdtrtId, setl_id: ids.setlId, psn_no: p.psn_no, psn_name: p.name, psn_cert_type: '01', certno: p.certno,
    gend: p.gend, naty: p.naty, brdy: p.brdy, age: ageAt(p.brdy, c.day), insutype: comp.visit.insutype, psn_type: row.psn_type,
    cvlserv_flag: row.cvlserv_flag, setl_time: ids.time, mdtrt_cert_type: comp.visit.certType, med_type: comp.medType,
    medfee_sumamt: money(k.medfee), fulamt_ownpay_amt: money(k.fulamt), overlmt_selfpay: money(k.overlmt), preselfpay_amt: money(k.preselfpay),
    inscp_scp_amt: money(k.inscp), act_pay_dedc: money(k.dedc), hifp_pay: money(n.hifp), pool_prop_selfpay: k.ratio,
    cvlserv_pay: money(n.cvlserv), hifes_pay: money(n.hifes), hifmi_pay: money(n.hifmi), hifob_pay: money(n.hifob), maf_pay: money(n.maf),
    oth_pay: money(n.oth), fund_pay_sumamt: money(k.fundSum), psn_part_amt: money(k.psnPart), acct_pay: money(k.acct),
    psn_cash_pay: money(k.cash), hosp_part_amt: money(k.hosp), balc: money(ids.balance ?? k.balanceAfter ?? ZERO), acct_mulaid_pay: '0.00',
    medins_setl_id: ids.msgid, clr_optins: ids.setlId ? row.insuplc_admdvs : null, clr_way: ids.setlId ? '1' : null, clr_type: comp.clrType,
  };
}

export function setldetail(comp: Computed): Record<string, unknown>[] {
  const k = comp.calc;
  const rowOf = (type: string, amount: Dec, limit: Dec | undefined, info: string | null) => ({
    fund_pay_type: type, inscp_scp_amt: money(k.inscp), crt_payb_lmt_amt: limit ? money(limit) : null, fund_payamt: money(amount),
    fund_pay_type_name: codeLabel('FUND_PAY_TYPE', type) ?? null, setl_proc_info: info,
  });
  // Funds that paid nothing are left out, except the basic pooling row when nothing else paid.
  const paying = k.funds.filter((f, i) => !f.amount.isZero() || (i === 0 && k.funds.every((x) => x.amount.isZero())));
  const out = paying.map((f) => rowOf(f.type, f.amount, f.limit, f.info));
  if (!k.hosp.isZero()) out.push(rowOf('999996', k.hosp, undefined, '医疗机构减免'));
  if (!k.acct.isZero()) out.push(rowOf('310201', k.acct, undefined, '个人账户支付'));
  return out;
}

/** Books a settlement (2207/2304) and returns its answer. */
export function book(c: Ctx, comp: Computed): { setlinfo: Record<string, unknown>; setldetail: Record<string, unknown>[] } {
  const setlId = c.books.nextId('setl', `S${c.institution.region}`, c.stamp);
  const k = comp.calc;
  const info = setlinfo(c, comp, { setlId, time: c.time, msgid: c.msgid });
  const detail = setldetail(comp);
  const s: Settlement = {
    setlId, mdtrtId: comp.visit.mdtrtId, psnNo: comp.person.psn_no, batch: comp.batch, msgid: c.msgid, infno: c.infno, status: 'valid',
    setlinfo: info, setldetail: detail, ytd: k.ytd, ytdKey: `${comp.person.psn_no}|${c.year}|${comp.visit.insutype === '390' || comp.visit.insutype === '391' ? '390' : '310'}`,
    month: c.month, acct: k.acct, day: c.day, institution: c.institution.code,
    clr: { insutype: comp.visit.insutype, clrType: comp.clrType, optins: comp.row.insuplc_admdvs },
    sums: { medfee: k.medfee, fund: k.fundSum, acct: k.acct, cash: k.cash },
  };
  enter(c, s, 1);
  comp.visit.settledBatches.set(comp.batch, setlId);
  comp.visit.settlements.push(setlId);
  for (const sn of comp.sns) comp.visit.lines.get(sn)!.settled = setlId;
  c.books.settlements.set(setlId, s);
  c.books.applied.set(c.msgid, { msgid: c.msgid, infno: c.infno, psnNo: s.psnNo, ref: setlId, reversed: false });
  return { setlinfo: info, setldetail: detail };
}

/** Enters (1) or takes back (-1) a record's effects on the books. */
function enter(c: Ctx, s: Settlement, sign: 1 | -1): void {
  c.books.applyYtd(s, sign);
  c.books.applyTotals(s, sign);
  c.books.moveAccount(s.psnNo, sign === 1 ? s.acct.negated() : s.acct);
}

const AMOUNTS = [
  'medfee_sumamt', 'fulamt_ownpay_amt', 'overlmt_selfpay', 'preselfpay_amt', 'inscp_scp_amt', 'act_pay_dedc', 'hifp_pay', 'cvlserv_pay', 'hifes_pay',
  'hifmi_pay', 'hifob_pay', 'maf_pay', 'oth_pay', 'fund_pay_sumamt', 'psn_part_amt', 'acct_pay', 'psn_cash_pay', 'hosp_part_amt', 'acct_mulaid_pay',
];

export const negate = (s: unknown): string => {
  const d = new Dec(String(s ?? '0')).negated();
  return d.isZero() ? '0.00' : fmt(d);
};

/** Finds the settlement a 2208/2305/5203 names and checks it is the person's, at this visit. */
export function settlementOf(c: Ctx, setlId: string, mdtrtId: string, psnNo: string): Settlement {
  const s = c.books.settlements.get(setlId);
  const at = where(c.infno, 'data');
  if (!s || s.status === 'reversed' || s.institution !== c.institution.code) refuse(`${at}结算ID(setl_id)${setlId}：未查询到结算信息`);
  if (s.mdtrtId !== mdtrtId) refuse(`${at}结算ID(setl_id)${setlId}与就诊ID(mdtrt_id)${mdtrtId}不符`);
  if (s.psnNo !== psnNo) refuse(`${at}结算ID(setl_id)${setlId}与人员编号(psn_no)${psnNo}不符`);
  return s;
}

/** Cancels a valid settlement (2208/2305): a new record with every amount negated. */
export function cancel(c: Ctx, s: Settlement, originalInfno: string): Settlement {
  const at = where(c.infno, 'data');
  if (s.cancels || s.infno !== originalInfno) refuse(`${at}结算ID(setl_id)${s.setlId}不是可撤销的${originalInfno}结算`);
  if (s.status !== 'valid') refuse(`${at}结算ID(setl_id)${s.setlId}已撤销`);
  const setlId = c.books.nextId('setl', `S${c.institution.region}`, c.stamp);
  const info: Record<string, unknown> = { ...s.setlinfo, setl_id: setlId, setl_time: c.time, medins_setl_id: c.msgid };
  for (const f of AMOUNTS) info[f] = negate(s.setlinfo[f]);
  const after = (c.books.balance(s.psnNo) ?? ZERO).plus(s.acct);
  info.balc = money(c.books.balance(s.psnNo) === undefined ? ZERO : after);
  const detail = s.setldetail.map((r) => ({ ...r, inscp_scp_amt: negate(r.inscp_scp_amt), fund_payamt: negate(r.fund_payamt), crt_payb_lmt_amt: null }));
  const r: Settlement = {
    ...s, setlId, msgid: c.msgid, infno: c.infno, status: 'valid', cancels: s.setlId, cancelledBy: undefined, setlinfo: info, setldetail: detail,
    ytd: Object.fromEntries(Object.entries(s.ytd).map(([k, v]) => [k, v.negated()])), acct: s.acct.negated(), day: c.day,
    month: Number(s.ytdKey.split('|')[1]) === c.year ? c.month : s.month,
    sums: { medfee: s.sums.medfee.negated(), fund: s.sums.fund.negated(), acct: s.sums.acct.negated(), cash: s.sums.cash.negated() },
  };
  enter(c, r, 1);
  s.status = 'cancelled';
  s.cancelledBy = setlId;
  const v = c.books.visits.get(s.mdtrtId)!;
  v.settledBatches.delete(s.batch);
  for (const l of v.lines.values()) if (l.settled === s.setlId) l.settled = undefined;
  c.books.settlements.set(setlId, r);
  c.books.applied.set(c.msgid, { msgid: c.msgid, infno: c.infno, psnNo: s.psnNo, ref: setlId, reversed: false });
  return r;
}

/** 2601 of a settlement (2207/2304): as if it had never been applied. */
export function reverseSettlement(c: Ctx, s: Settlement): void {
  if (s.status === 'cancelled') refuse(`${where(c.infno, 'data')}原结算已撤销，请先冲正撤销交易`);
  enter(c, s, -1);
  s.status = 'reversed';
  const v = c.books.visits.get(s.mdtrtId)!;
  v.settledBatches.delete(s.batch);
  for (const l of v.lines.values()) if (l.settled === s.setlId) l.settled = undefined;
}

/** 2601 of a cancellation (2208/2305): the original settlement is valid again. */
export function reverseCancellation(c: Ctx, r: Settlement): void {
  const s = c.books.settlements.get(r.cancels!)!;
  const v = c.books.visits.get(s.mdtrtId)!;
  if (v.settledBatches.has(s.batch)) refuse(`${where(c.infno, 'data')}原结算的费用已重新结算，不能冲正撤销交易`);
  enter(c, r, -1);
  r.status = 'reversed';
  s.status = 'valid';
  s.cancelledBy = undefined;
  v.settledBatches.set(s.batch, s.setlId);
  for (const sn of v.batches.get(s.batch) ?? []) {
    const l = v.lines.get(sn);
    if (l) l.settled = s.setlId;
  }
}
