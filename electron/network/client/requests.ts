// Builds the `input` node of each transaction from our domain types: every field by its spec
// name, codes from the caller (doctors, departments, diagnoses, caty) or the spec's fixed values,
// amounts as two-decimal strings. Output-only fields (a 2204 line's class, self-pay ratio, item
// type) are never sent. Conditional requirements are refused here; the rest by required.ts.
import { dec, fmt, isDecimalString, roundFen } from '../../core/money';
import { AppFailure } from '../../core/result';
import { fieldMessage } from '../../core/field-label';
import { RequestIncompleteError } from './required';
import type {
  AdmitInput, CancelInput, Cert, CertType, CodeName, Diagnosis, DischargeInput, EntitlementInput, FeeCancelInput, FeeLineInput,
  FeeUploadInput, InpatientFeeCancelInput, InpatientSettleInput, MedType, PersonQuery, PreSettleInput, ReconcileDetailsInput,
  ReconcileTotalsInput, RegisterInput, ReverseInput, SettleInput, SettlementQuery, VisitCancelInput, VisitInfoInput,
} from './types';
import { ALL_UNSETTLED_LINES } from './types';

export const CERT_TYPE_CODES: Record<CertType, string> = { eVoucher: '01', idNumber: '02', ssCard: '03' };
export const MED_TYPE_CODES: Record<MedType, string> = { outpatient: '11', chronicOutpatient: '14', inpatient: '21' };

function invalid(field: string, zh: string, en: string): never {
  throw new AppFailure({ code: 'VALIDATION', message: fieldMessage(field, zh), detail: `${field}: ${en}`, field });
}

const text = (v: string | undefined): string => (v ?? '').trim();

function amount(v: string, field: string): string {
  if (!isDecimalString(v)) invalid(field, '金额格式不正确', `is not a decimal string: ${JSON.stringify(v)}`);
  return fmt(dec(v));
}

/** det_item_fee_sumamt = quantity x unit price, half-up to the fen. */
export function lineAmount(line: Pick<FeeLineInput, 'quantity' | 'unitPrice' | 'lineNo'>): string {
  if (!isDecimalString(line.quantity)) invalid(`lines[${line.lineNo}].quantity`, '数量格式不正确', 'bad quantity');
  if (!isDecimalString(line.unitPrice) || dec(line.unitPrice).isNegative()) invalid(`lines[${line.lineNo}].unitPrice`, '单价格式不正确', 'bad unit price');
  return fmt(roundFen(dec(line.quantity).times(dec(line.unitPrice))));
}

/** mdtrt_cert_type / mdtrt_cert_no (+ card_sn with a social security card, required there). */
function certFields(infno: string, cert: Cert, node: string): { type: string; no: string; cardSn: string } {
  const type = CERT_TYPE_CODES[cert.type];
  if (!type) invalid('cert.type', '就诊凭证类型不正确', `unknown cert type ${String(cert.type)}`);
  const no = cert.type === 'idNumber' ? text(cert.no).toUpperCase() : text(cert.no);
  if (cert.type === 'ssCard' && !text(cert.cardSn) && infno === '1101') throw new RequestIncompleteError(infno, `${node}.card_sn`, '卡识别码');
  return { type, no, cardSn: text(cert.cardSn) };
}

export function personInfoInput(q: PersonQuery): Record<string, unknown> {
  const c = certFields('1101', q.cert, 'data');
  const idNumber = q.cert.type === 'idNumber' ? c.no : '';
  return {
    data: {
      mdtrt_cert_type: c.type, mdtrt_cert_no: c.no, card_sn: c.cardSn, begntime: '',
      psn_cert_type: idNumber ? '01' : '', certno: idNumber, psn_name: text(q.name),
    },
  };
}

export function entitlementInput(i: EntitlementInput, institutionCode: string): Record<string, unknown> {
  const chronic = i.medType === 'chronicOutpatient';
  if (chronic && !text(i.disease?.code)) throw new RequestIncompleteError('2001', 'data.dise_codg', '病种编码', '不能为空（门诊慢特病）');
  return {
    data: {
      psn_no: i.person.personNo, insutype: i.person.insutype, fixmedins_code: institutionCode, med_type: MED_TYPE_CODES[i.medType],
      begntime: i.begin, endtime: text(i.end), dise_codg: text(i.disease?.code), dise_name: text(i.disease?.name),
    },
  };
}

export function personOnlyInput(personNo: string, extra: Record<string, string> = {}): Record<string, unknown> {
  return { data: { psn_no: personNo, ...extra } };
}

export function registerInput(i: RegisterInput): Record<string, unknown> {
  const c = certFields('2201', i.cert, 'data');
  return {
    data: {
      psn_no: i.person.personNo, insutype: i.person.insutype, begntime: i.begin, mdtrt_cert_type: c.type, mdtrt_cert_no: c.no,
      ipt_otp_no: text(i.hisVisitNo), atddr_no: text(i.doctor?.code), dr_name: text(i.doctor?.name),
      dept_code: text(i.dept?.code), dept_name: text(i.dept?.name), caty: text(i.caty),
    },
  };
}

interface DiagDefaults {
  time: string;
  dept: CodeName | undefined;
  doctor: CodeName | undefined;
}

/** diseinfo rows: the first diagnosis is the main one (diag_srt_no 1). */
function diseInfo(diagnoses: Diagnosis[], d: DiagDefaults, inpatient: { personNo: string } | undefined): Record<string, unknown>[] {
  return diagnoses.map((x, n) => {
    const row: Record<string, unknown> = {
      diag_type: x.type ?? '1', diag_srt_no: n + 1, diag_code: text(x.code), diag_name: text(x.name),
      diag_dept: text(x.dept ?? d.dept?.name), dise_dor_no: text(x.doctor?.code ?? d.doctor?.code),
      dise_dor_name: text(x.doctor?.name ?? d.doctor?.name), diag_time: text(x.time) || d.time,
    };
    if (inpatient) Object.assign(row, { psn_no: inpatient.personNo, maindiag_flag: n === 0 ? '1' : '0', adm_cond: text(x.admissionCondition) });
    else row.vali_flag = '1';
    return row;
  });
}

/** The chronic disease of a med_type 14 visit: required by 2203 and every 2204 line. */
function disease(infno: string, medType: MedType, d: CodeName | undefined, field: string): CodeName {
  if (medType === 'chronicOutpatient' && !text(d?.code)) throw new RequestIncompleteError(infno, field, '病种编码', '不能为空（门诊慢特病须填写已备案的病种）');
  return { code: text(d?.code), name: text(d?.name) };
}

export function visitInfoInput(i: VisitInfoInput): Record<string, unknown> {
  const dise = disease('2203', i.medType, i.disease, 'mdtrtinfo.dise_codg');
  return {
    mdtrtinfo: {
      mdtrt_id: i.visitId, psn_no: i.person.personNo, med_type: MED_TYPE_CODES[i.medType], begntime: i.begin,
      main_cond_dscr: text(i.condition), dise_codg: dise.code, dise_name: dise.name,
    },
    diseinfo: diseInfo(i.diagnoses ?? [], { time: i.begin, dept: i.dept, doctor: i.doctor }, undefined),
  };
}

function feeLine(i: FeeUploadInput, l: FeeLineInput, n: number, infno: string, dise: CodeName): Record<string, unknown> {
  const outside = l.outsidePrescription === true;
  if (outside && !text(l.prescriptionNo)) throw new RequestIncompleteError(infno, `feedetail[${n}].rxno`, '处方号', '不能为空（外购处方）');
  const row: Record<string, unknown> = {
    feedetl_sn: text(l.lineNo), mdtrt_id: i.visitId, psn_no: i.person.personNo, fee_ocur_time: l.time,
    med_list_codg: text(l.listCode), medins_list_codg: text(l.hospCode), det_item_fee_sumamt: lineAmount(l), cnt: l.quantity, pric: l.unitPrice,
    bilg_dept_codg: text(l.dept?.code), bilg_dept_name: text(l.dept?.name), bilg_dr_codg: text(l.doctor?.code), bilg_dr_name: text(l.doctor?.name),
    hosp_appr_flag: l.approval ?? '0',
  };
  if (infno === '2204') Object.assign(row, { chrg_bchno: i.batchNo, dise_codg: dise.code, rxno: text(l.prescriptionNo), rx_circ_flag: outside ? '1' : '0' });
  else Object.assign(row, { med_type: MED_TYPE_CODES[i.medType], init_feedetl_sn: text(l.originalLineNo), drord_no: text(l.orderNo) });
  return row;
}

export function feeLinesInput(i: FeeUploadInput, inpatient: boolean): Record<string, unknown> {
  const infno = inpatient ? '2301' : '2204';
  const seen = new Set<string>();
  for (const l of i.lines) {
    if (seen.has(l.lineNo)) invalid('lines', `明细序号 ${l.lineNo} 重复`, `duplicate lineNo ${l.lineNo}`);
    seen.add(l.lineNo);
  }
  const dise = inpatient ? { code: '', name: '' } : disease(infno, i.medType, i.disease, 'feedetail[0].dise_codg');
  return { feedetail: i.lines.map((l, n) => feeLine(i, l, n, infno, dise)) };
}

function settleData(i: PreSettleInput, infno: string): Record<string, unknown> {
  const c = certFields(infno, i.cert, 'data');
  return {
    psn_no: i.person.personNo, mdtrt_cert_type: c.type, mdtrt_cert_no: c.no, med_type: MED_TYPE_CODES[i.medType],
    medfee_sumamt: amount(i.total, 'total'), psn_setlway: i.settleWay ?? '01', mdtrt_id: i.visitId, insutype: i.person.insutype,
    acct_used_flag: i.useAccount ? '1' : '0',
  };
}

function splitFields(i: SettleInput): Record<string, string> {
  return {
    fulamt_ownpay_amt: amount(i.split.fullSelfPay, 'split.fullSelfPay'),
    overlmt_selfpay: amount(i.split.overLimit, 'split.overLimit'),
    preselfpay_amt: amount(i.split.preSelfPay, 'split.preSelfPay'),
    inscp_scp_amt: amount(i.split.inScope, 'split.inScope'),
  };
}

export function preSettleInput(i: PreSettleInput, inpatient: boolean): Record<string, unknown> {
  const data = settleData(i, inpatient ? '2303' : '2206');
  if (inpatient) data.mid_setl_flag = (i as InpatientSettleInput).midSettlement ? '1' : '0';
  else data.chrg_bchno = i.batchNo;
  return { data };
}

export function settleInput(i: SettleInput | InpatientSettleInput, inpatient: boolean): Record<string, unknown> {
  const data: Record<string, unknown> = { ...settleData(i, inpatient ? '2304' : '2207'), invono: text(i.invoiceNo), ...splitFields(i) };
  if (inpatient) {
    const ip = i as InpatientSettleInput;
    Object.assign(data, { mid_setl_flag: ip.midSettlement ? '1' : '0', dscg_time: text(ip.dischargeDate) });
  } else {
    data.chrg_bchno = i.batchNo;
  }
  return { data };
}

export function cancelInput(i: CancelInput): Record<string, unknown> {
  return { data: { setl_id: text(i.settlementId), mdtrt_id: text(i.visitId), psn_no: i.person.personNo } };
}

/** 2202: psn_no, mdtrt_id, ipt_otp_no. */
export function cancelRegisterInput(i: VisitCancelInput): Record<string, unknown> {
  return { data: { psn_no: i.person.personNo, mdtrt_id: text(i.visitId), ipt_otp_no: text(i.hisVisitNo) } };
}

/** 2205: mdtrt_id, chrg_bchno ("0000": every unsettled line), psn_no. */
export function cancelFeesInput(i: FeeCancelInput): Record<string, unknown> {
  return { data: { mdtrt_id: text(i.visitId), chrg_bchno: i.batchNo ?? ALL_UNSETTLED_LINES, psn_no: i.person.personNo } };
}

/** 2302: feedetl_sn ("0000": every unsettled line), mdtrt_id, psn_no. */
export function cancelInpatientFeesInput(i: InpatientFeeCancelInput): Record<string, unknown> {
  return { data: { feedetl_sn: i.lineNo ?? ALL_UNSETTLED_LINES, mdtrt_id: text(i.visitId), psn_no: i.person.personNo } };
}

/** 2404: mdtrt_id, psn_no. */
export function cancelAdmissionInput(i: VisitCancelInput): Record<string, unknown> {
  return { data: { mdtrt_id: text(i.visitId), psn_no: i.person.personNo } };
}

export function admitInput(i: AdmitInput): Record<string, unknown> {
  const c = certFields('2401', i.cert, 'mdtrtinfo');
  const main = i.diagnoses?.[0];
  return {
    mdtrtinfo: {
      psn_no: i.person.personNo, insutype: i.person.insutype, begntime: i.begin, mdtrt_cert_type: c.type, mdtrt_cert_no: c.no,
      med_type: i.medTypeCode ?? MED_TYPE_CODES.inpatient, ipt_no: text(i.hisVisitNo), medrcdno: text(i.recordNo),
      atddr_no: text(i.doctor?.code), chfpdr_name: text(i.doctor?.name), adm_diag_dscr: text(i.admissionNote ?? main?.name),
      adm_dept_codg: text(i.dept?.code), adm_dept_name: text(i.dept?.name), adm_bed: text(i.bed),
      dscg_maindiag_code: text(main?.code), dscg_maindiag_name: text(main?.name),
    },
    diseinfo: diseInfo(i.diagnoses ?? [], { time: i.begin, dept: i.dept, doctor: i.doctor }, { personNo: i.person.personNo }),
  };
}

export function dischargeInput(i: DischargeInput): Record<string, unknown> {
  return {
    dscginfo: {
      mdtrt_id: text(i.visitId), psn_no: i.person.personNo, insutype: i.person.insutype, endtime: i.end,
      dscg_dept_codg: text(i.dept?.code), dscg_dept_name: text(i.dept?.name), dscg_bed: text(i.bed), dscg_way: text(i.dischargeWay),
    },
    diseinfo: diseInfo(i.diagnoses ?? [], { time: i.end, dept: i.dept, doctor: i.doctor }, { personNo: i.person.personNo }),
  };
}

export function reverseInput(i: ReverseInput): Record<string, unknown> {
  return { data: { psn_no: i.person.personNo, omsgid: text(i.originalMsgid), oinfno: text(i.originalInfno) } };
}

export function querySettlementInput(q: SettlementQuery): Record<string, unknown> {
  return { data: { psn_no: q.person.personNo, setl_id: text(q.settlementId), mdtrt_id: text(q.visitId) } };
}

export function reconcileTotalsInput(i: ReconcileTotalsInput): Record<string, unknown> {
  return {
    data: {
      insutype: text(i.insutype), clr_type: text(i.clearingType), setl_optins: text(i.clearingAgency), stmt_begndate: i.begin, stmt_enddate: i.end,
      medfee_sumamt: amount(i.medfeeTotal, 'medfeeTotal'), fund_pay_sumamt: amount(i.fundTotal, 'fundTotal'),
      acct_pay: amount(i.accountTotal, 'accountTotal'), fixmedins_setl_cnt: String(i.count),
    },
  };
}

/** The detail file of 3202 (inside the uploaded zip): one tab-separated row per settlement record. */
export function reconcileDetailFile(i: ReconcileDetailsInput): string {
  return i.rows
    .map((r) => [r.settlementId, r.visitId, r.personNo, fmt(dec(r.medfeeTotal)), fmt(dec(r.fundTotal)), fmt(dec(r.accountTotal)), r.refund ? '1' : '0'].join('\t'))
    .join('\n');
}

export function reconcileDetailsInput(i: ReconcileDetailsInput, fileQueryNo: string): Record<string, unknown> {
  return {
    data: {
      setl_optins: text(i.clearingAgency), file_qury_no: fileQueryNo, stmt_begndate: i.begin, stmt_enddate: i.end,
      medfee_sumamt: amount(i.medfeeTotal, 'medfeeTotal'), fund_pay_sumamt: amount(i.fundTotal, 'fundTotal'),
      cash_payamt: amount(i.cashTotal, 'cashTotal'), fixmedins_setl_cnt: String(i.count), clr_type: text(i.clearingType),
    },
  };
}
