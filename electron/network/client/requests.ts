// Builds the `input` node of each transaction from our domain types (wire names, codes, amounts).
import { dec, fmt, isDecimalString, roundFen } from '../../core/money';
import { AppFailure } from '../../core/result';
import { fieldMessage } from '../../core/field-label';
import type {
  AdmitInput, CancelInput, CertType, Diagnosis, DischargeInput, FeeCancelInput, FeeLineInput, FeeUploadInput,
  InpatientFeeCancelInput, InpatientSettleInput, MedType, PersonQuery, VisitCancelInput, PreSettleInput, RegisterInput, ReverseInput, SettleInput, SettlementQuery, VisitInfoInput,
  ReconcileTotalsInput, ReconcileDetailsInput,
} from './types';
import { ALL_UNSETTLED_LINES } from './types';

export const CERT_TYPE_CODES: Record<CertType, string> = { eVoucher: '01', idNumber: '02', ssCard: '03' };
export const MED_TYPE_CODES: Record<MedType, string> = { outpatient: '11', chronicOutpatient: '14', inpatient: '21' };
export const CLASS_CODES = { A: '01', B: '02', C: '03' } as const;

function invalid(field: string, zh: string, en: string): never {
  throw new AppFailure({ code: 'VALIDATION', message: fieldMessage(field, zh), detail: `${field}: ${en}`, field });
}

function need(v: string | undefined, field: string): string {
  if (!v || !v.trim()) invalid(field, '不能为空', 'is required');
  return v;
}

function amount(v: string, field: string): string {
  if (!isDecimalString(v)) invalid(field, '金额格式不正确', `is not a decimal string: ${JSON.stringify(v)}`);
  return fmt(dec(v));
}

/** det_item_fee_sumamt = quantity x unit price, half-up to the fen. */
export function lineAmount(line: Pick<FeeLineInput, 'quantity' | 'unitPrice' | 'lineNo'>): string {
  if (!isDecimalString(line.quantity) || dec(line.quantity).isNegative()) invalid(`lines[${line.lineNo}].quantity`, '数量格式不正确', 'bad quantity');
  if (!isDecimalString(line.unitPrice) || dec(line.unitPrice).isNegative()) invalid(`lines[${line.lineNo}].unitPrice`, '单价格式不正确', 'bad unit price');
  return fmt(roundFen(dec(line.quantity).times(dec(line.unitPrice))));
}

export function personInfoInput(q: PersonQuery): Record<string, unknown> {
  const idNumber = q.cert.type === 'idNumber' ? q.cert.no.toUpperCase() : '';
  return {
    data: {
      mdtrt_cert_type: CERT_TYPE_CODES[q.cert.type],
      mdtrt_cert_no: need(q.cert.type === 'idNumber' ? idNumber : q.cert.no, 'cert.no'),
      card_sn: q.cert.cardSn ?? '',
      begntime: '',
      psn_cert_type: idNumber ? '01' : '',
      certno: idNumber,
      psn_name: q.name ?? '',
    },
  };
}

export function registerInput(i: RegisterInput, operator: { code: string; name: string }): Record<string, unknown> {
  return {
    data: {
      psn_no: need(i.person.personNo, 'person.personNo'),
      insutype: need(i.person.insutype, 'person.insutype'),
      begntime: need(i.begin, 'begin'),
      mdtrt_cert_type: CERT_TYPE_CODES[i.cert.type],
      mdtrt_cert_no: i.cert.no,
      ipt_otp_no: need(i.hisVisitNo, 'hisVisitNo'),
      atddr_no: i.doctorCode ?? operator.code,
      dr_name: i.doctorName ?? operator.name,
      dept_code: i.deptCode ?? '01',
      dept_name: i.deptName ?? '全科',
      caty: i.deptCode ?? '01',
    },
  };
}

function diseInfo(diagnoses: Diagnosis[], time: string, dept: string): Record<string, unknown>[] {
  return diagnoses.map((d, n) => ({
    diag_type: '1', diag_srt_no: String(n + 1), diag_code: d.code, diag_name: d.name,
    diag_dept: dept, dise_dor_no: '', dise_dor_name: '', diag_time: time, vali_flag: '1',
    maindiag_flag: n === 0 ? '1' : '0',
  }));
}

export function visitInfoInput(i: VisitInfoInput): Record<string, unknown> {
  const main = i.diagnoses[0];
  return {
    mdtrtinfo: {
      mdtrt_id: need(i.visitId, 'visitId'),
      psn_no: i.person.personNo,
      med_type: MED_TYPE_CODES[i.medType],
      begntime: i.begin,
      main_cond_dscr: '',
      dise_codg: i.diseaseCode ?? main?.code ?? '',
      dise_name: i.diseaseName ?? main?.name ?? '',
      birctrl_type: '',
      birctrl_matn_date: '',
    },
    diseinfo: diseInfo(i.diagnoses, i.begin, ''),
  };
}

export function feeLinesInput(i: FeeUploadInput, inpatient: boolean): Record<string, unknown> {
  if (!i.lines.length) invalid('lines', '没有费用明细', 'no fee lines');
  const seen = new Set<string>();
  const feedetail = i.lines.map((l) => {
    if (seen.has(l.lineNo)) invalid('lines', `明细序号 ${l.lineNo} 重复`, `duplicate lineNo ${l.lineNo}`);
    seen.add(l.lineNo);
    const base: Record<string, unknown> = {
      feedetl_sn: need(l.lineNo, 'lineNo'),
      mdtrt_id: need(i.visitId, 'visitId'),
      psn_no: i.person.personNo,
      chrg_bchno: i.batchNo,
      dise_codg: i.diseaseCode ?? '',
      rxno: '',
      rx_circ_flag: '0',
      fee_ocur_time: l.time,
      med_list_codg: need(l.listCode, 'listCode'),
      medins_list_codg: l.hospCode || l.listCode,
      medins_list_name: l.name ?? '',
      det_item_fee_sumamt: lineAmount(l),
      cnt: l.quantity,
      pric: l.unitPrice,
      sin_dos_dscr: '', used_frqu_dscr: '', prd_days: '', medc_way_dscr: '',
      bilg_dept_codg: l.deptCode ?? '01', bilg_dept_name: l.deptName ?? '全科',
      bilg_dr_codg: l.doctorCode ?? '', bilg_dr_name: l.doctorName ?? '',
      acord_dept_codg: '', acord_dept_name: '', orders_dr_code: '', orders_dr_name: '',
      hosp_appr_flag: '1', tcmdrug_used_way: '', etip_flag: '0', etip_hosp_code: '', dscg_tkdrug_flag: '0', matn_fee_flag: '0',
      // Extensions (our catalog mapping's view; the network's own catalog decides).
      med_chrgitm_type: l.itemType ?? '',
      chrgitm_lv: l.class ? CLASS_CODES[l.class] : '',
      selfpay_prop: l.selfPayRatio !== undefined ? amountRatio(l.selfPayRatio, l.lineNo) : '',
    };
    if (inpatient) Object.assign(base, { init_feedetl_sn: '', drord_no: '', med_type: MED_TYPE_CODES[i.medType], memo: '' });
    return base;
  });
  return { feedetail };
}

function amountRatio(v: string, lineNo: string): string {
  if (!isDecimalString(v) || dec(v).isNegative() || dec(v).greaterThan(1)) invalid(`lines[${lineNo}].selfPayRatio`, '自付比例格式不正确', 'bad ratio');
  return v;
}

function settleData(i: PreSettleInput, inpatient: boolean): Record<string, unknown> {
  const data: Record<string, unknown> = {
    psn_no: i.person.personNo,
    mdtrt_cert_type: CERT_TYPE_CODES[i.cert.type],
    mdtrt_cert_no: i.cert.no,
    med_type: MED_TYPE_CODES[i.medType],
    medfee_sumamt: amount(i.total, 'total'),
    psn_setlway: '01',
    mdtrt_id: need(i.visitId, 'visitId'),
    insutype: i.person.insutype,
    acct_used_flag: i.useAccount ? '1' : '0',
  };
  if (!inpatient) data.chrg_bchno = i.batchNo;
  return data;
}

export function preSettleInput(i: PreSettleInput, inpatient: boolean): Record<string, unknown> {
  const data = settleData(i, inpatient);
  if (inpatient) data.mid_setl_flag = '0';
  return { data };
}

export function settleInput(i: SettleInput | InpatientSettleInput, inpatient: boolean): Record<string, unknown> {
  const data = settleData(i, inpatient);
  Object.assign(data, {
    invono: i.invoiceNo ?? '',
    fulamt_ownpay_amt: amount(i.split.fullSelfPay, 'split.fullSelfPay'),
    overlmt_selfpay: amount(i.split.overLimit, 'split.overLimit'),
    preselfpay_amt: amount(i.split.preSelfPay, 'split.preSelfPay'),
    inscp_scp_amt: amount(i.split.inScope, 'split.inScope'),
  });
  if (inpatient) data.mid_setl_flag = (i as InpatientSettleInput).midSettlement ? '1' : '0';
  return { data };
}

export function cancelInput(i: CancelInput): Record<string, unknown> {
  return { data: { setl_id: need(i.settlementId, 'settlementId'), mdtrt_id: need(i.visitId, 'visitId'), psn_no: i.person.personNo } };
}

/** 2202: psn_no, mdtrt_id, ipt_otp_no. */
export function cancelRegisterInput(i: VisitCancelInput): Record<string, unknown> {
  return {
    data: { psn_no: need(i.person.personNo, 'person.personNo'), mdtrt_id: need(i.visitId, 'visitId'), ipt_otp_no: need(i.hisVisitNo, 'hisVisitNo') },
  };
}

/** 2205: mdtrt_id, chrg_bchno ("0000": every unsettled line), psn_no. */
export function cancelFeesInput(i: FeeCancelInput): Record<string, unknown> {
  const batch = i.batchNo ?? ALL_UNSETTLED_LINES;
  return { data: { mdtrt_id: need(i.visitId, 'visitId'), chrg_bchno: need(batch, 'batchNo'), psn_no: need(i.person.personNo, 'person.personNo') } };
}

/** 2302: feedetl_sn ("0000": every unsettled line), mdtrt_id, psn_no. */
export function cancelInpatientFeesInput(i: InpatientFeeCancelInput): Record<string, unknown> {
  const line = i.lineNo ?? ALL_UNSETTLED_LINES;
  return { data: { feedetl_sn: need(line, 'lineNo'), mdtrt_id: need(i.visitId, 'visitId'), psn_no: need(i.person.personNo, 'person.personNo') } };
}

/** 2404: mdtrt_id, psn_no. */
export function cancelAdmissionInput(i: VisitCancelInput): Record<string, unknown> {
  return { data: { mdtrt_id: need(i.visitId, 'visitId'), psn_no: need(i.person.personNo, 'person.personNo') } };
}

export function admitInput(i: AdmitInput, operator: { code: string; name: string }): Record<string, unknown> {
  const main = i.diagnoses[0];
  return {
    mdtrtinfo: {
      psn_no: i.person.personNo, insutype: i.person.insutype, coner_name: '', tel: '',
      begntime: i.begin, mdtrt_cert_type: CERT_TYPE_CODES[i.cert.type], mdtrt_cert_no: i.cert.no,
      med_type: '21', ipt_no: need(i.hisVisitNo, 'hisVisitNo'), medrcdno: i.hisVisitNo,
      atddr_no: i.doctorCode ?? operator.code, chfpdr_name: i.doctorName ?? operator.name,
      adm_diag_dscr: main?.name ?? '', adm_dept_codg: i.deptCode ?? '01', adm_dept_name: i.deptName ?? '住院部',
      adm_bed: i.bedNo ?? '', dscg_maindiag_code: main?.code ?? '', dscg_maindiag_name: main?.name ?? '',
      main_cond_dscr: '', dise_codg: main?.code ?? '', dise_name: main?.name ?? '',
      oprn_oprt_code: '', oprn_oprt_name: '', fpsc_no: '', matn_type: '', birctrl_type: '', latechb_flag: '0',
      geso_val: '', fetts: '', fetus_cnt: '', pret_flag: '0', birctrl_matn_date: '', dise_type_code: '',
    },
    diseinfo: diseInfo(i.diagnoses, i.begin, i.deptCode ?? '01').map((d) => ({ ...d, psn_no: i.person.personNo, mdtrt_id: '' })),
  };
}

export function dischargeInput(i: DischargeInput): Record<string, unknown> {
  const main = i.diagnoses[0];
  return {
    dscginfo: {
      mdtrt_id: need(i.visitId, 'visitId'), psn_no: i.person.personNo, insutype: i.person.insutype,
      endtime: need(i.end, 'end'), dise_codg: main?.code ?? '', dise_name: main?.name ?? '',
      oprn_oprt_code: '', oprn_oprt_name: '', fpsc_no: '', matn_type: '', birctrl_type: '', latechb_flag: '0',
      geso_val: '', fetts: '', fetus_cnt: '', pret_flag: '0', birctrl_matn_date: '', cop_flag: '',
      dscg_dept_codg: '01', dscg_dept_name: '住院部', dscg_sickbed: '', dscg_way: i.dischargeWay ?? '1', die_date: '',
    },
    diseinfo: diseInfo(i.diagnoses, i.end, '01').map((d) => ({ ...d, psn_no: i.person.personNo, mdtrt_id: i.visitId })),
  };
}

export function reverseInput(i: ReverseInput): Record<string, unknown> {
  return { data: { psn_no: i.person.personNo, omsgid: need(i.originalMsgid, 'originalMsgid'), oinfno: need(i.originalInfno, 'originalInfno') } };
}

export function querySettlementInput(q: SettlementQuery): Record<string, unknown> {
  if (!q.visitId && !q.settlementId) invalid('visitId', '就诊 ID 与结算 ID 至少填一项', 'visitId or settlementId required');
  return { data: { psn_no: q.person.personNo, setl_id: q.settlementId ?? '', mdtrt_id: q.visitId ?? '' } };
}

export function reconcileTotalsInput(i: ReconcileTotalsInput): Record<string, unknown> {
  return {
    data: {
      insutype: i.insutype, clr_type: i.clearingType, setl_optins: i.clearingAgency,
      stmt_begndate: i.begin, stmt_enddate: i.end,
      medfee_sumamt: amountSigned(i.medfeeTotal, 'medfeeTotal'),
      fund_pay_sumamt: amountSigned(i.fundTotal, 'fundTotal'),
      acct_pay: amountSigned(i.accountTotal, 'accountTotal'),
      fixmedins_setl_cnt: String(i.count),
    },
  };
}

function amountSigned(v: string, field: string): string {
  return amount(v, field);
}

/** The detail file of 3202: one tab-separated row per settlement record. */
export function reconcileDetailFile(i: ReconcileDetailsInput): string {
  return i.rows
    .map((r) => [r.settlementId, r.visitId, r.personNo, fmt(dec(r.medfeeTotal)), fmt(dec(r.fundTotal)), fmt(dec(r.accountTotal)), r.refund ? '1' : '0'].join('\t'))
    .join('\n');
}

export function reconcileDetailsInput(i: ReconcileDetailsInput, fileQueryNo: string): Record<string, unknown> {
  return {
    data: {
      setl_optins: i.clearingAgency, file_qury_no: fileQueryNo, stmt_begndate: i.begin, stmt_enddate: i.end,
      medfee_sumamt: amountSigned(i.medfeeTotal, 'medfeeTotal'), fund_pay_sumamt: amountSigned(i.fundTotal, 'fundTotal'),
      cash_payamt: amountSigned(i.cashTotal, 'cashTotal'), fixmedins_setl_cnt: String(i.count),
    },
  };
}
