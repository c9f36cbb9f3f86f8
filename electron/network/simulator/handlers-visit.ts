// Outpatient visit: 2201 registration, 2202 its cancellation, 2203/2203A visit information with
// diagnoses, 2204 fee lines (priced by the platform's own catalog truth), 2205 their withdrawal.
import { activeRow, one, openVisit, personOf, rows, type Ctx, type Handler } from './context';
import { refuse, where } from './errors';
import type { Row } from './fields';
import type { PlatformPerson } from './persons';
import { priceLine } from './pricing';
import { kindOf } from './rules';
import type { Line, Visit } from './state';

/** Insurance types a visit is registered under (the supplementary ones ride along). */
const VISIT_INSUTYPES = ['310', '340', '350', '360', '390', '391', '399', '510'];

/** The certificate on a registration must be the person's (01: a token issued for them). */
export function checkCertificate(c: Ctx, p: PlatformPerson, type: string, no: string, node: string): void {
  const at = where(c.infno, node);
  const ok = type === '02' ? no.toUpperCase() === p.certno : type === '03' ? no === p.cardNo : c.books.tokens.get(no)?.key === p.key;
  if (!ok) refuse(`${at}就诊凭证编号(mdtrt_cert_no)与人员编号(psn_no)${p.psn_no}不符`);
}

export function checkInsutype(c: Ctx, p: PlatformPerson, insutype: string, day: string, node: string): void {
  const at = where(c.infno, node);
  if (!VISIT_INSUTYPES.includes(insutype)) refuse(`${at}险种类型(insutype)${insutype}不能作为就诊险种`);
  const { row, why } = activeRow(p, insutype, day);
  if (!row || why) refuse(`${at}险种类型(insutype)${insutype}：${why}`);
  const insuplc = String(c.env.insuplc_admdvs ?? '');
  if (insuplc && insuplc !== row.insuplc_admdvs) refuse(`${where(c.infno)}报文头：参保地医保区划(insuplc_admdvs)${insuplc}与人员参保地${row.insuplc_admdvs}不一致`);
}

export const register: Handler = (c) => {
  const d = one(c, 'data');
  const p = personOf(c, d.psn_no);
  checkInsutype(c, p, d.insutype, d.begntime.slice(0, 10), 'data');
  checkCertificate(c, p, d.mdtrt_cert_type, d.mdtrt_cert_no, 'data');
  const key = `${c.institution.code}|${d.ipt_otp_no}`;
  if (c.books.openVisitNo.has(key)) refuse(`${where(c.infno, 'data')}住院/门诊号(ipt_otp_no)${d.ipt_otp_no}已存在未撤销的就诊`);
  const mdtrtId = c.books.nextId('mdtrt', `M${c.institution.region}`, c.stamp);
  const v: Visit = {
    mdtrtId, psnNo: p.psn_no, insutype: d.insutype, kind: 'op', medType: '', iptOtpNo: d.ipt_otp_no, institution: c.institution.code,
    begntime: d.begntime, certType: d.mdtrt_cert_type, certNo: d.mdtrt_cert_no, state: 'open', lines: new Map(), batches: new Map(),
    settledBatches: new Map(), settlements: [],
  };
  c.books.visits.set(mdtrtId, v);
  c.books.openVisitNo.set(key, mdtrtId);
  return { data: { mdtrt_id: mdtrtId, psn_no: p.psn_no, ipt_otp_no: d.ipt_otp_no } };
};

export const unregister: Handler = (c) => {
  const d = one(c, 'data');
  const v = openVisit(c, d.mdtrt_id, d.psn_no);
  if (v.iptOtpNo !== d.ipt_otp_no) refuse(`${where(c.infno, 'data')}住院/门诊号(ipt_otp_no)与就诊ID不符`);
  if (v.settledBatches.size) refuse(`${where(c.infno, 'data')}该就诊存在有效结算，不能撤销挂号`);
  v.state = 'cancelled';
  c.books.openVisitNo.delete(`${v.institution}|${v.iptOtpNo}`);
  return {};
};

/** Diagnosis rows: exactly one main (diag_srt_no 1), every code in the 1307 catalog. */
export function checkDiagnoses(c: Ctx, list: Row[], node: string): { code: string; name: string } {
  const mains = list.filter((r) => Number(r.diag_srt_no) === 1 && (r.maindiag_flag === undefined || r.maindiag_flag === '1'));
  if (mains.length !== 1) refuse(`${where(c.infno, node)}必须有且只有一条主诊断(diag_srt_no=1)`);
  const store = c.catalog();
  list.forEach((r, i) => {
    const it = store.item(r.diag_code);
    if (!it || (it.cat !== '1307' && it.cat !== '1314') || !it.valid) refuse(`${where(c.infno, node, i)}诊断代码(diag_code)${r.diag_code}不在疾病诊断目录中`);
  });
  return { code: mains[0].diag_code, name: mains[0].diag_name };
}

/** A chronic-disease code must be one of the person's registrations (5301) valid on the day. */
export function checkChronic(p: PlatformPerson, code: string, day: string, at: string): void {
  if (!code) refuse(`${at}病种编码(dise_codg)不能为空（门诊慢特病）`);
  const ok = p.chronic.some((r) => r.opsp_dise_code === code && r.begndate <= day && (!r.enddate || day <= r.enddate));
  if (!ok) refuse(`${at}病种编码(dise_codg)${code}：人员未办理该门诊慢特病备案或备案不在有效期内`);
}

export const visitInfo: Handler = (c) => {
  const m = one(c, 'mdtrtinfo');
  const v = openVisit(c, m.mdtrt_id, m.psn_no, 'mdtrtinfo');
  const at = where(c.infno, 'mdtrtinfo');
  if (v.kind !== 'op' || kindOf(m.med_type) === 'ip') refuse(`${at}医疗类别(med_type)${m.med_type}不是门诊类别`);
  if (v.settledBatches.size && v.medType !== m.med_type) refuse(`${at}就诊已有结算，不能修改医疗类别`);
  const p = personOf(c, m.psn_no, 'mdtrtinfo');
  if (kindOf(m.med_type) === 'chronic') checkChronic(p, m.dise_codg, m.begntime.slice(0, 10), at);
  const list = rows(c, 'diseinfo');
  const main = checkDiagnoses(c, list, 'diseinfo');
  v.medType = m.med_type;
  v.diag = { medType: m.med_type, diseCodg: m.dise_codg, diseName: m.dise_name, main, rows: list.length };
  return {};
};

function checkFeeRow(c: Ctx, v: Visit, r: Row, i: number, seen: Set<string>): void {
  const at = where(c.infno, 'feedetail', i);
  if (r.mdtrt_id !== v.mdtrtId || r.psn_no !== v.psnNo) refuse(`${at}同一次上传的就诊ID(mdtrt_id)和人员编号(psn_no)必须一致`);
  if (v.lines.has(r.feedetl_sn) || seen.has(r.feedetl_sn)) refuse(`${at}费用明细流水号(feedetl_sn)${r.feedetl_sn}重复`);
  seen.add(r.feedetl_sn);
  if (v.settledBatches.has(r.chrg_bchno)) refuse(`${at}收费批次号(chrg_bchno)${r.chrg_bchno}已结算，不能追加明细`);
  if (r.rx_circ_flag === '1' && !r.rxno) refuse(`${at}处方号(rxno)不能为空（外购处方）`);
  const chronic = kindOf(v.medType) === 'chronic';
  if (chronic && r.dise_codg !== v.diag!.diseCodg) refuse(`${at}病种编码(dise_codg)${r.dise_codg || '(空)'}与就诊信息病种${v.diag!.diseCodg}不一致`);
  const existing = v.batches.get(r.chrg_bchno)?.[0];
  const other = existing ? v.lines.get(existing)!.diseCodg : undefined;
  if (other !== undefined && other !== r.dise_codg) refuse(`${at}同一收费批次号病种编号必须一致`);
}

export const feeUpload: Handler = (c) => {
  const list = rows(c, 'feedetail');
  const v = openVisit(c, list[0].mdtrt_id, list[0].psn_no, 'feedetail第1条');
  if (v.kind !== 'op') refuse(`${where(c.infno, 'feedetail', 0)}住院就诊请使用2301上传费用`);
  if (!v.diag) refuse(`${where(c.infno, 'feedetail', 0)}请先上传就诊信息及诊断(2203)`);
  const seen = new Set<string>();
  const priced = list.map((r, i) => {
    checkFeeRow(c, v, r, i, seen);
    return priceLine(c, r, where(c.infno, 'feedetail', i));
  });
  list.forEach((r, i) => {
    const line: Line = {
      sn: r.feedetl_sn, batch: r.chrg_bchno, medListCodg: r.med_list_codg, medinsListCodg: r.medins_list_codg, cnt: r.cnt, pric: r.pric,
      feeTime: r.fee_ocur_time, diseCodg: r.dise_codg, priced: priced[i].priced, result: priced[i].result,
    };
    v.lines.set(line.sn, line);
    const b = v.batches.get(line.batch) ?? [];
    b.push(line.sn);
    v.batches.set(line.batch, b);
  });
  return { result: priced.map((p) => p.result) };
};

export const feeWithdraw: Handler = (c) => {
  const d = one(c, 'data');
  const v = openVisit(c, d.mdtrt_id, d.psn_no);
  const at = where(c.infno, 'data');
  const targets = d.chrg_bchno === '0000' ? [...v.batches.keys()].filter((b) => !v.settledBatches.has(b)) : [d.chrg_bchno];
  if (d.chrg_bchno !== '0000') {
    if (!v.batches.has(d.chrg_bchno)) refuse(`${at}收费批次号(chrg_bchno)${d.chrg_bchno}不存在`);
    if (v.settledBatches.has(d.chrg_bchno)) refuse(`${at}收费批次号(chrg_bchno)${d.chrg_bchno}已结算，不能撤销明细`);
  } else if (!targets.length) refuse(`${at}无可撤销的费用明细`);
  for (const b of targets) {
    for (const sn of v.batches.get(b) ?? []) v.lines.delete(sn);
    v.batches.delete(b);
  }
  return {};
};
