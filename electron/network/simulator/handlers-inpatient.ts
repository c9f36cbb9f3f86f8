// Inpatient: 2401 admission, 2403 its change, 2404 its cancellation, 2402 discharge, 2405 its
// cancellation, 2301 fee lines (refund lines carry init_feedetl_sn and a negative count), 2302
// their withdrawal, 2303 pre-settlement, 2304 settlement, 2305 cancellation.
import { one, openVisit, personOf, rows, type Ctx, type Handler } from './context';
import { refuse, where } from './errors';
import type { Row } from './fields';
import { checkCertificate, checkDiagnoses, checkInsutype } from './handlers-visit';
import { cancellationAnswer } from './handlers-settle';
import { priceLine } from './pricing';
import { kindOf } from './rules';
import { book, cancel, checkSplit, compute, setldetail, setlinfo, settlementOf } from './settle-core';
import type { Visit } from './state';

const IPT = 'IPT';

function inpatientVisit(c: Ctx, mdtrtId: string, psnNo: string, node = 'data'): Visit {
  const v = openVisit(c, mdtrtId, psnNo, node);
  if (v.kind !== 'ip') refuse(`${where(c.infno, node)}就诊ID(mdtrt_id)${mdtrtId}不是住院就诊`);
  return v;
}

function checkDiseRows(c: Ctx, list: Row[], psnNo: string): { code: string; name: string } {
  list.forEach((r, i) => {
    if (r.psn_no !== psnNo) refuse(`${where(c.infno, 'diseinfo', i)}人员编号(psn_no)与就诊人员不一致`);
  });
  return checkDiagnoses(c, list, 'diseinfo');
}

export const admit: Handler = (c) => {
  const m = one(c, 'mdtrtinfo');
  const at = where(c.infno, 'mdtrtinfo');
  const p = personOf(c, m.psn_no, 'mdtrtinfo');
  checkInsutype(c, p, m.insutype, m.begntime.slice(0, 10), 'mdtrtinfo');
  checkCertificate(c, p, m.mdtrt_cert_type, m.mdtrt_cert_no, 'mdtrtinfo');
  if (kindOf(m.med_type) !== 'ip') refuse(`${at}医疗类别(med_type)${m.med_type}不是住院类别`);
  const main = checkDiseRows(c, rows(c, 'diseinfo'), p.psn_no);
  const key = `${c.institution.code}|${m.ipt_no}`;
  if (c.books.openVisitNo.has(key)) refuse(`${at}住院号(ipt_no)${m.ipt_no}已存在未撤销的就诊`);
  const mdtrtId = c.books.nextId('mdtrt', `Z${c.institution.region}`, c.stamp);
  c.books.visits.set(mdtrtId, {
    mdtrtId, psnNo: p.psn_no, insutype: m.insutype, kind: 'ip', medType: m.med_type, iptOtpNo: m.ipt_no, institution: c.institution.code,
    begntime: m.begntime, certType: m.mdtrt_cert_type, certNo: m.mdtrt_cert_no, state: 'open', lines: new Map(), batches: new Map(),
    settledBatches: new Map(), settlements: [], diag: { medType: m.med_type, diseCodg: m.dise_codg, diseName: m.dise_name, main, rows: rows(c, 'diseinfo').length },
  });
  c.books.openVisitNo.set(key, mdtrtId);
  c.books.applied.set(c.msgid, { msgid: c.msgid, infno: c.infno, psnNo: p.psn_no, ref: mdtrtId, reversed: false });
  return { result: { mdtrt_id: mdtrtId } };
};

export const changeAdmission: Handler = (c) => {
  const a = one(c, 'adminfo');
  const v = inpatientVisit(c, a.mdtrt_id, a.psn_no, 'adminfo');
  if (v.settledBatches.size) refuse(`${where(c.infno, 'adminfo')}已结算的住院不能变更入院信息`);
  if (kindOf(a.med_type) !== 'ip') refuse(`${where(c.infno, 'adminfo')}医疗类别(med_type)${a.med_type}不是住院类别`);
  const main = checkDiseRows(c, rows(c, 'diseinfo'), v.psnNo);
  v.medType = a.med_type;
  v.diag = { medType: a.med_type, diseCodg: a.dise_codg, diseName: a.dise_name, main, rows: rows(c, 'diseinfo').length };
  return {};
};

export const cancelAdmission: Handler = (c) => {
  const d = one(c, 'data');
  const v = inpatientVisit(c, d.mdtrt_id, d.psn_no);
  if (v.lines.size || v.settledBatches.size) refuse(`${where(c.infno, 'data')}已有费用明细或结算，不能撤销入院`);
  v.state = 'cancelled';
  c.books.openVisitNo.delete(`${v.institution}|${v.iptOtpNo}`);
  return {};
};

export const discharge: Handler = (c) => {
  const d = one(c, 'dscginfo');
  const v = inpatientVisit(c, d.mdtrt_id, d.psn_no, 'dscginfo');
  if (d.insutype !== v.insutype) refuse(`${where(c.infno, 'dscginfo')}险种类型(insutype)与入院时不一致`);
  if (v.state === 'discharged') refuse(`${where(c.infno, 'dscginfo')}该住院已办理出院`);
  if (d.endtime < v.begntime) refuse(`${where(c.infno, 'dscginfo')}结束时间(endtime)早于入院时间`);
  if (d.dscg_way === '5' && !d.die_date) refuse(`${where(c.infno, 'dscginfo')}死亡日期(die_date)不能为空（离院方式为死亡）`);
  checkDiseRows(c, rows(c, 'diseinfo'), v.psnNo);
  v.state = 'discharged';
  v.discharge = { endtime: d.endtime, dscgWay: d.dscg_way };
  return {};
};

export const cancelDischarge: Handler = (c) => {
  const d = one(c, 'data');
  const v = inpatientVisit(c, d.mdtrt_id, d.psn_no);
  if (v.state !== 'discharged') refuse(`${where(c.infno, 'data')}该住院未办理出院`);
  if (v.settledBatches.size) refuse(`${where(c.infno, 'data')}已结算，请先撤销结算(2305)`);
  v.state = 'open';
  v.discharge = undefined;
  return {};
};

export const inpatientFees: Handler = (c) => {
  const list = rows(c, 'feedetail');
  const v = inpatientVisit(c, list[0].mdtrt_id, list[0].psn_no, 'feedetail第1条');
  const seen = new Set<string>();
  const priced = list.map((r, i) => {
    const at = where(c.infno, 'feedetail', i);
    if (r.mdtrt_id !== v.mdtrtId || r.psn_no !== v.psnNo) refuse(`${at}同一次上传的就诊ID(mdtrt_id)和人员编号(psn_no)必须一致`);
    if (v.lines.has(r.feedetl_sn) || seen.has(r.feedetl_sn)) refuse(`${at}费用明细流水号(feedetl_sn)${r.feedetl_sn}重复`);
    seen.add(r.feedetl_sn);
    if (v.settledBatches.size) refuse(`${at}该住院已结算，不能上传费用`);
    const refund = r.cnt.startsWith('-');
    if (refund && !v.lines.has(r.init_feedetl_sn)) refuse(`${at}原费用流水号(init_feedetl_sn)${r.init_feedetl_sn || '(空)'}不存在（退费明细）`);
    return priceLine(c, r, at, refund);
  });
  list.forEach((r, i) => {
    v.lines.set(r.feedetl_sn, {
      sn: r.feedetl_sn, batch: IPT, medListCodg: r.med_list_codg, medinsListCodg: r.medins_list_codg, cnt: r.cnt, pric: r.pric,
      feeTime: r.fee_ocur_time, diseCodg: '', priced: priced[i].priced, result: priced[i].result,
    });
    v.batches.set(IPT, [...(v.batches.get(IPT) ?? []), r.feedetl_sn]);
  });
  return { result: priced.map((p) => p.result) };
};

export const withdrawInpatientFees: Handler = (c) => {
  const d = one(c, 'data');
  const v = inpatientVisit(c, d.mdtrt_id, d.psn_no);
  if (v.settledBatches.size) refuse(`${where(c.infno, 'data')}该住院已结算，不能撤销费用`);
  if (d.feedetl_sn !== '0000' && !v.lines.has(d.feedetl_sn)) refuse(`${where(c.infno, 'data')}费用明细流水号(feedetl_sn)${d.feedetl_sn}不存在`);
  const gone = d.feedetl_sn === '0000' ? [...v.lines.keys()] : [d.feedetl_sn];
  for (const sn of gone) v.lines.delete(sn);
  v.batches.set(IPT, (v.batches.get(IPT) ?? []).filter((sn) => !gone.includes(sn)));
  return {};
};

function inpatient(c: Ctx) {
  const d = one(c, 'data');
  const v = inpatientVisit(c, d.mdtrt_id, d.psn_no);
  if (d.mid_setl_flag !== '1' && v.state !== 'discharged') refuse(`${where(c.infno, 'data')}请先办理出院(2402)，或按中途结算(mid_setl_flag=1)`);
  const sns = (v.batches.get(IPT) ?? []).filter((sn) => !v.lines.get(sn)!.settled);
  return { d, comp: compute(c, v, IPT, sns, { ...d, med_type: v.medType }, v.medType) };
}

export const preSettleInpatient: Handler = (c) => {
  const { comp } = inpatient(c);
  return { setlinfo: setlinfo(c, comp, { setlId: null, time: null, msgid: c.msgid }), setldetail: setldetail(comp) };
};

export const settleInpatient: Handler = (c) => {
  const { d, comp } = inpatient(c);
  checkSplit(c, comp, d);
  return book(c, comp);
};

export const cancelInpatient: Handler = (c) => {
  const d = one(c, 'data');
  return cancellationAnswer(cancel(c, settlementOf(c, d.setl_id, d.mdtrt_id, d.psn_no), '2304'));
};
