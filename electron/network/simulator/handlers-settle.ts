// Outpatient 2206 pre-settlement, 2207 settlement, 2208 cancellation; 5203 settlement query;
// 2601 reversal of the transactions the spec lists.
import { one, openVisit, type Ctx, type Handler } from './context';
import { refuse, TEXT, where } from './errors';
import { book, cancel, checkSplit, compute, reverseCancellation, reverseSettlement, setldetail, setlinfo, settlementOf } from './settle-core';
import { poolRegion } from './rules';
import type { Settlement } from './state';

function outpatient(c: Ctx) {
  const d = one(c, 'data');
  const v = openVisit(c, d.mdtrt_id, d.psn_no);
  if (v.kind !== 'op') refuse(`${where(c.infno, 'data')}住院就诊请使用2303/2304结算`);
  if (!v.diag) refuse(`${where(c.infno, 'data')}请先上传就诊信息及诊断(2203)`);
  const sns = (v.batches.get(d.chrg_bchno) ?? []).filter((sn) => !v.lines.get(sn)!.settled);
  return { d, comp: compute(c, v, d.chrg_bchno, sns, d, v.medType) };
}

export const preSettle: Handler = (c) => {
  const { comp } = outpatient(c);
  return { setlinfo: setlinfo(c, comp, { setlId: null, time: null, msgid: c.msgid }), setldetail: setldetail(comp) };
};

export const settleOutpatient: Handler = (c) => {
  const { d, comp } = outpatient(c);
  checkSplit(c, comp, d);
  return book(c, comp);
};

/** The 2208/2305 answer: the spec's table names the cash field pdn_cash_pay. */
export function cancellationAnswer(r: Settlement): Record<string, unknown> {
  const { psn_cash_pay, ...rest } = r.setlinfo;
  return { setlinfo: { ...rest, pdn_cash_pay: psn_cash_pay }, setldetail: r.setldetail };
}

export const cancelOutpatient: Handler = (c) => {
  const d = one(c, 'data');
  return cancellationAnswer(cancel(c, settlementOf(c, d.setl_id, d.mdtrt_id, d.psn_no), '2207'));
};

export const settlementQuery: Handler = (c) => {
  const d = one(c, 'data');
  const s = settlementOf(c, d.setl_id, d.mdtrt_id, d.psn_no);
  const i = s.setlinfo;
  const v = c.books.visits.get(s.mdtrtId)!;
  const inst = c.cfg.institutions.get(s.institution);
  return {
    setlinfo: {
      setl_id: s.setlId, mdtrt_id: s.mdtrtId, psn_no: s.psnNo, psn_name: i.psn_name, psn_cert_type: i.psn_cert_type, certno: i.certno,
      gend: i.gend, naty: i.naty, brdy: i.brdy, age: i.age, insutype: i.insutype, psn_type: i.psn_type, cvlserv_flag: i.cvlserv_flag,
      flxempe_flag: '0', nwb_flag: '0', insu_optins: s.clr.optins, emp_name: null, pay_loc: s.clr.optins === poolRegion(c.institution.region) ? '1' : '2',
      fixmedins_code: s.institution, fixmedins_name: inst?.name ?? '', hosp_lv: inst?.level === 'township' ? '09' : '11', fixmedins_poolarea: inst?.region ?? '',
      lmtpric_hosp_lv: null, dedc_hosp_lv: null, begndate: v.begntime.slice(0, 10), enddate: (v.discharge?.endtime ?? String(i.setl_time ?? '')).slice(0, 10),
      setl_time: i.setl_time, mdtrt_cert_type: i.mdtrt_cert_type, med_type: i.med_type, clr_type: i.clr_type, clr_way: i.clr_way, clr_optins: i.clr_optins,
      medfee_sumamt: i.medfee_sumamt, fulamt_ownpay_amt: i.fulamt_ownpay_amt, overlmt_selfpay: i.overlmt_selfpay, preselfpay_amt: i.preselfpay_amt,
      inscp_scp_amt: i.inscp_scp_amt, act_pay_dedc: i.act_pay_dedc, hifp_pay: i.hifp_pay, pool_prop_selfpay: i.pool_prop_selfpay,
      cvlserv_pay: i.cvlserv_pay, hifes_pay: i.hifes_pay, hifmi_pay: i.hifmi_pay, hifob_pay: i.hifob_pay, maf_pay: i.maf_pay, oth_pay: i.oth_pay,
      fund_pay_sumamt: i.fund_pay_sumamt, psn_pay: i.psn_part_amt, acct_pay: i.acct_pay, cash_payamt: i.psn_cash_pay, balc: i.balc,
      acct_mulaid_pay: i.acct_mulaid_pay, medins_setl_id: i.medins_setl_id, refd_setl_flag: s.cancels ? '1' : '0', year: s.ytdKey.split('|')[1],
      dise_codg: v.diag?.diseCodg || null, dise_name: v.diag?.diseName || null, invono: null, opter_id: null, opter_name: null, opt_time: i.setl_time,
    },
    setldetail: s.setldetail,
  };
};

/** The transactions 2601 may reverse (NETWORK-SPEC §2.4). */
export const REVERSIBLE = ['2102', '2103', '2207', '2208', '2304', '2305', '2401'];

export const reverse: Handler = (c) => {
  const d = one(c, 'data');
  if (!REVERSIBLE.includes(d.oinfno)) refuse(`${where(c.infno, 'data')}原交易编号(oinfno)${d.oinfno}：${TEXT.notReversible}`);
  const a = c.books.applied.get(d.omsgid);
  if (!a || a.infno !== d.oinfno || a.psnNo !== d.psn_no) refuse(TEXT.originalNotFound);
  if (a.reversed) refuse(TEXT.alreadyReversed);
  if (d.oinfno === '2401') {
    const v = c.books.visits.get(a.ref)!;
    if (v.lines.size || v.settlements.length) refuse(`${where(c.infno, 'data')}该入院登记已有费用或结算，不能冲正`);
    v.state = 'cancelled';
    c.books.openVisitNo.delete(`${v.institution}|${v.iptOtpNo}`);
  } else {
    const s = c.books.settlements.get(a.ref)!;
    if (s.cancels) reverseCancellation(c, s);
    else reverseSettlement(c, s);
  }
  a.reversed = true;
  return {};
};

