// Simulated visits: 2201/2202 register, 2203 visit info, 2204/2205 fee lines, 2401/2404 admission,
// 2402 discharge, 2301/2302 inpatient fee lines. Every state change records its undo for 2601.
// Undoing a visit (2202/2404) or its fee lines (2205/2302) is refused once the visit has a valid
// settlement (cancel that first, 2208/2305); a visit is taken back only after its unsettled lines.
import { Dec, ZERO, dec, fmt, roundFen } from '../../core/money';
import { SIM_CATALOG } from './catalog';
import { amount, list, node, text, type Handler, type HandlerCtx } from './context';
import { SimReject, type SimLine, type SimVisit } from './state';

const CLASS_OF: Record<string, 'A' | 'B' | 'C'> = { '01': 'A', '02': 'B', '03': 'C', '1': 'A', '2': 'B', '3': 'C' };

function openVisit(c: HandlerCtx, kind: SimVisit['kind'], d: Record<string, unknown>, hisNoField: string): SimVisit {
  const personNo = text(d, 'psn_no', true);
  const person = c.state.person(personNo);
  const insutype = text(d, 'insutype') || person.insutype;
  if (insutype !== person.insutype) throw new SimReject(`人员 ${personNo} 未参加险种 ${insutype}`);
  const hisVisitNo = text(d, hisNoField, true);
  const visit: SimVisit = {
    visitId: c.state.nextId(kind === 'inpatient' ? 'ZY' : 'MZ', c.stamp),
    personNo, insutype, kind, medType: text(d, 'med_type') || (kind === 'inpatient' ? '21' : '11'),
    institution: c.institution, hisVisitNo, begin: text(d, 'begntime') || c.time, diseaseCode: text(d, 'dise_codg'),
    state: 'open', lines: new Map(), msgid: c.msgid,
  };
  c.state.visits.set(visit.visitId, visit);
  c.state.record({
    msgid: c.msgid, infno: c.infno, personNo,
    undo: () => {
      if (c.state.validSettlementOf(visit.visitId)) throw new SimReject('该就诊已结算，不能冲正登记');
      visit.state = 'cancelled';
    },
  });
  return visit;
}

export const register2201: Handler = (c) => {
  const v = openVisit(c, 'outpatient', node(c.input, 'data'), 'ipt_otp_no');
  return { data: { mdtrt_id: v.visitId, psn_no: v.personNo, ipt_otp_no: v.hisVisitNo, exp_content: '' } };
};

export const admit2401: Handler = (c) => {
  const v = openVisit(c, 'inpatient', node(c.input, 'mdtrtinfo'), 'ipt_no');
  return { result: { mdtrt_id: v.visitId, psn_no: v.personNo, ipt_otp_no: v.hisVisitNo } };
};

function liveVisit(c: HandlerCtx, visitId: string, personNo: string, kind: SimVisit['kind']): SimVisit {
  const v = c.state.visit(visitId, personNo || undefined);
  if (v.state === 'cancelled') throw new SimReject(`就诊 ${visitId} 已撤销`);
  if (v.kind !== kind) throw new SimReject(`就诊 ${visitId} 不是${kind === 'inpatient' ? '住院' : '门诊'}就诊`);
  return v;
}

/** 2202 / 2404: the visit is cancelled; a later settle, fee upload or undo of it is refused. */
function cancelVisit(c: HandlerCtx, kind: SimVisit['kind'], hisVisitNo: string): Record<string, unknown> {
  const d = node(c.input, 'data');
  const v = liveVisit(c, text(d, 'mdtrt_id', true), text(d, 'psn_no'), kind);
  const what = kind === 'inpatient' ? '入院登记' : '挂号';
  if (hisVisitNo && hisVisitNo !== v.hisVisitNo) throw new SimReject(`院内就诊号 ${hisVisitNo} 与就诊 ${v.visitId} 不符`);
  if (c.state.validSettlementOf(v.visitId)) throw new SimReject(`就诊 ${v.visitId} 已结算，不能撤销${what}，请先撤销结算`);
  if (kind === 'inpatient' && v.state === 'discharged') throw new SimReject(`就诊 ${v.visitId} 已出院，请先撤销出院`);
  const open = [...v.lines.values()].filter((l) => !l.settledBy).length;
  if (open) throw new SimReject(`就诊 ${v.visitId} 尚有 ${open} 条未撤销的费用明细，请先撤销明细`);
  const before = v.state;
  v.state = 'cancelled';
  c.state.record({
    msgid: c.msgid, infno: c.infno, personNo: v.personNo,
    undo: () => {
      if (v.state === 'cancelled') v.state = before;
    },
  });
  return {};
}

export const cancelRegister2202: Handler = (c) => cancelVisit(c, 'outpatient', text(node(c.input, 'data'), 'ipt_otp_no', true));
export const cancelAdmission2404: Handler = (c) => cancelVisit(c, 'inpatient', '');

export const visitInfo2203: Handler = (c) => {
  const m = node(c.input, 'mdtrtinfo');
  const v = liveVisit(c, text(m, 'mdtrt_id', true), text(m, 'psn_no'), 'outpatient');
  const before = { medType: v.medType, diseaseCode: v.diseaseCode };
  v.medType = text(m, 'med_type') || v.medType;
  v.diseaseCode = text(m, 'dise_codg') || v.diseaseCode;
  c.state.record({ msgid: c.msgid, infno: c.infno, personNo: v.personNo, undo: () => Object.assign(v, before) });
  return {};
};

function lineOf(c: HandlerCtx, f: Record<string, unknown>): SimLine {
  const lineNo = text(f, 'feedetl_sn', true);
  const listCode = text(f, 'med_list_codg', true);
  const quantity = amount(f, 'cnt');
  const unitPrice = amount(f, 'pric');
  const total = dec(amount(f, 'det_item_fee_sumamt'));
  const expected = roundFen(dec(quantity).times(dec(unitPrice)));
  if (!total.equals(expected)) throw new SimReject(`明细 ${lineNo} 金额 ${fmt(total)} 不等于数量×单价 ${fmt(expected)}`);
  const known = SIM_CATALOG.get(listCode);
  const cls = known?.class ?? CLASS_OF[text(f, 'chrgitm_lv')] ?? 'A';
  const ratio = known?.selfPayRatio ?? (cls === 'B' ? text(f, 'selfpay_prop') || '0.10' : cls === 'C' ? '1' : '0');
  const full = cls === 'C' ? total : ZERO;
  const pre = cls === 'B' ? roundFen(total.times(new Dec(ratio))) : ZERO;
  const inScope = total.minus(full).minus(pre);
  const itemType = known?.itemType ?? (text(f, 'med_chrgitm_type') || '14');
  return {
    lineNo, listCode, amount: total, quantity, unitPrice, class: cls, selfPayRatio: ratio, itemType,
    fullSelfPay: full, preSelfPay: pre, inScope, batchNo: text(f, 'chrg_bchno'), msgid: c.msgid,
    result: {
      feedetl_sn: lineNo, det_item_fee_sumamt: fmt(total), cnt: quantity, pric: unitPrice, pric_uplmt_amt: '999999.00',
      selfpay_prop: ratio, fulamt_ownpay_amt: fmt(full), overlmt_amt: '0.00', preselfpay_amt: fmt(pre),
      inscp_scp_amt: fmt(inScope), chrgitm_lv: { A: '01', B: '02', C: '03' }[cls], med_chrgitm_type: itemType,
      bas_medn_flag: '0', hi_nego_drug_flag: '0', chld_medc_flag: '0', list_sp_item_flag: '0', lmt_used_flag: '0',
      drt_reim_flag: '0', memo: null,
    },
  };
}

function uploadLines(c: HandlerCtx, kind: SimVisit['kind']): Record<string, unknown> {
  const rows = list(c.input, 'feedetail');
  if (!rows.length) throw new SimReject('费用明细 feedetail 为空');
  const visits = new Set(rows.map((r) => text(r, 'mdtrt_id', true)));
  if (visits.size !== 1) throw new SimReject('一次上传的明细必须属于同一就诊');
  const v = liveVisit(c, [...visits][0], text(rows[0], 'psn_no'), kind);
  if (v.state === 'discharged' && kind === 'inpatient') throw new SimReject('已出院，不能再上传明细');
  const lines = rows.map((r) => lineOf(c, r));
  const seen = new Set<string>();
  for (const l of lines) {
    if (seen.has(l.lineNo)) throw new SimReject(`明细流水号 ${l.lineNo} 重复`);
    seen.add(l.lineNo);
    const old = v.lines.get(l.lineNo);
    if (old?.settledBy) throw new SimReject(`明细流水号 ${l.lineNo} 已结算`);
  }
  const replaced = lines.map((l) => [l.lineNo, v.lines.get(l.lineNo)] as const);
  for (const l of lines) v.lines.set(l.lineNo, l);
  c.state.record({
    msgid: c.msgid, infno: c.infno, personNo: v.personNo,
    undo: () => {
      if (lines.some((l) => v.lines.get(l.lineNo)?.settledBy)) throw new SimReject('明细已结算，不能冲正');
      for (const [no, old] of replaced) (old ? v.lines.set(no, old) : v.lines.delete(no));
    },
  });
  return { result: lines.map((l) => l.result) };
}

export const uploadFees2204: Handler = (c) => uploadLines(c, 'outpatient');
export const uploadFees2301: Handler = (c) => uploadLines(c, 'inpatient');

function removeLines(c: HandlerCtx, kind: SimVisit['kind'], which: (l: SimLine, key: string) => boolean, key: string): Record<string, unknown> {
  const d = node(c.input, 'data');
  const v = liveVisit(c, text(d, 'mdtrt_id', true), text(d, 'psn_no'), kind);
  if (c.state.validSettlementOf(v.visitId)) throw new SimReject(`就诊 ${v.visitId} 已结算，不能撤销费用明细，请先撤销结算`);
  const removed = [...v.lines.values()].filter((l) => !l.settledBy && which(l, key));
  for (const l of removed) v.lines.delete(l.lineNo);
  c.state.record({ msgid: c.msgid, infno: c.infno, personNo: v.personNo, undo: () => removed.forEach((l) => v.lines.set(l.lineNo, l)) });
  return {};
}

/** 2205: chrg_bchno "0000" removes every unsettled line of the visit. */
export const cancelFees2205: Handler = (c) => {
  const b = text(node(c.input, 'data'), 'chrg_bchno', true);
  return removeLines(c, 'outpatient', (l, k) => k === '0000' || l.batchNo === k, b);
};

/** 2302: feedetl_sn "0000" removes every unsettled line. */
export const cancelFees2302: Handler = (c) => {
  const sn = text(node(c.input, 'data'), 'feedetl_sn', true);
  return removeLines(c, 'inpatient', (l, k) => k === '0000' || l.lineNo === k, sn);
};

export const discharge2402: Handler = (c) => {
  const d = node(c.input, 'dscginfo');
  const v = liveVisit(c, text(d, 'mdtrt_id', true), text(d, 'psn_no'), 'inpatient');
  if (v.state === 'discharged') throw new SimReject('该就诊已出院');
  v.state = 'discharged';
  c.state.record({ msgid: c.msgid, infno: c.infno, personNo: v.personNo, undo: () => { v.state = 'open'; } });
  return {};
};
