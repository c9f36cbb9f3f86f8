// Domain types of the insurance network client: what callers pass in and get back.
// Money is a decimal string with two decimals ("12.34") both ways; the client converts to and
// from the wire (numbers or strings). Every value the spec marks required must be given: the
// client refuses to send a request with one missing (RequestIncompleteError, before any msgid).
import type { Identity } from '../../demo/persons';

export type { Identity };
export type Money = string;
export type InsuranceType = 'resident' | 'employee';

/** How the person was identified: 01 e-voucher (token), 02 ID number, 03 social security card. */
export type CertType = 'eVoucher' | 'idNumber' | 'ssCard';

export interface Cert {
  type: CertType;
  /** 01: the e-voucher token (ecToken) the voucher service gave; 02: the ID number; 03: the card number. */
  no: string;
  /** 卡识别码 (card_sn): required with a social security card (03). */
  cardSn?: string;
}

/** A code with its name (a doctor, a department). */
export interface CodeName {
  code: string;
  name: string;
}

/** What every call about a known person carries (psn_no and the insured region for the envelope). */
export interface PersonRef {
  personNo: string;
  /** The insurance type of the visit: one of the person's insuinfo rows ("390", "310" …). */
  insutype: string;
  /** insuplc_admdvs of that row (the envelope's insuplc_admdvs). */
  insuranceRegion: string;
}

// ---------------------------------------------------------------- 9001 / 9002
export interface SignInResult {
  signNo: string;
  signTime: string;
}
export interface SignOutResult {
  signTime: string;
}

// ---------------------------------------------------------------- 1101 / 5301 / 5206 / 2001
export interface PersonQuery {
  cert: Cert;
  /** Name as read from the card (psn_name), optional. */
  name?: string;
}

/** One insuinfo row of 1101, as sent. */
export interface NetInsurance {
  insutype: string;
  personType: string;
  /** psn_insu_stas: "1" insured and paying; anything else (paused, ended) has no benefits. */
  status: string;
  since: string;
  pausedSince: string;
  civilServant: boolean;
  region: string;
  employer: string;
  balance: Money;
}

export interface NetIdentityRow {
  code: string;
  level: string;
  begin: string;
  end: string;
}

/** A chronic-disease registration (5301 feedetail). */
export interface NetChronicRegistration {
  /** The code the window's policy packs use (through the setup's chronic map), else the network's. */
  code: string;
  /** opsp_dise_code as the network sent it (a 1309 catalog code): what 2203/2204 carry as dise_codg. */
  networkCode: string;
  name: string;
  /** The signing institution when the network says it (5301 does not): '' = not said. */
  clinic: string;
  begin: string;
  end: string;
}

export interface NetPerson extends PersonRef {
  name: string;
  idNumber: string;
  /** psn_cert_type, "01" resident ID. */
  idType: string;
  gender: string;
  nation: string;
  birthDate: string;
  insuranceType: InsuranceType;
  /** psn_type of the chosen insuinfo row. */
  personType: string;
  /** psn_insu_stas of the chosen row ("1" = entitled; a paused or ended row is chosen only when no row is active). */
  insuranceStatus: string;
  /** Every insuinfo row as sent. */
  insurances: NetInsurance[];
  /** Employee personal account balance ("0.00" when none). */
  accountBalance: Money;
  /** Our identities mapped from idetinfo (through the setup's code map), valid on the lookup date. */
  identities: Identity[];
  /** The raw idetinfo rows (every row, mapped or not). */
  identityRows: NetIdentityRow[];
  /** Schemes named in baseinfo.exp_content.enrolled when a region sends it (no national field). */
  enrolled: string[];
  /** From 5301 (empty when only 1101 was asked). */
  chronic: NetChronicRegistration[];
}

/** 5206 cuminfo: one figure per cum_type_code (C0000 count, S0000 total, D<fund> paid by a fund, …). */
export interface NetYearToDateRow {
  insutype: string;
  year: string;
  month: string;
  code: string;
  amount: string;
}

export interface EntitlementInput {
  person: PersonRef;
  medType: MedType;
  /** yyyy-MM-dd HH:mm:ss */
  begin: string;
  end?: string;
  /** Chronic visits: the network's disease code (5301). */
  disease?: CodeName;
}

/** 2001 trtinfo row. */
export interface EntitlementRow {
  fundType: string;
  checkType: string;
  entitled: boolean;
  begin: string;
  end: string;
  /** trt_chk_rslt: why not (the network's words). */
  reason: string;
}

export interface EntitlementResult {
  rows: EntitlementRow[];
  /** The basic pooling fund is enjoyed (a paused or lapsed coverage is not). */
  entitled: boolean;
  /** The network's reasons for every fund not enjoyed. */
  problems: string[];
}

// ---------------------------------------------------------------- visits
export type MedType = 'outpatient' | 'chronicOutpatient' | 'inpatient';

/** A diagnosis as 2203 / 2401 / 2402 send it (diseinfo). The first of a list is the main one. */
export interface Diagnosis {
  /** The national (医保版 ICD-10) code, 1307 catalog. */
  code: string;
  name: string;
  /** diag_type: 1 western (default), 2 TCM disease, 3 TCM syndrome. */
  type?: '1' | '2' | '3';
  /** 诊断科室 (diag_dept): default the visit's department name. */
  dept?: string;
  /** 诊断医生: default the visit's doctor. */
  doctor?: CodeName;
  /** yyyy-MM-dd HH:mm:ss; default the visit's begin. */
  time?: string;
  /** 入院病情 (adm_cond), inpatient. */
  admissionCondition?: string;
}

export interface RegisterInput {
  person: PersonRef;
  cert: Cert;
  /** The HIS visit number (ipt_otp_no), unique in the institution. */
  hisVisitNo: string;
  /** yyyy-MM-dd HH:mm:ss */
  begin: string;
  /** The attending doctor (atddr_no: the national doctor code). */
  doctor: CodeName;
  /** The department as registered with 3401 (dept_code / dept_name). */
  dept: CodeName;
  /** 科别: a DEPT dictionary code (e.g. A02). */
  caty: string;
}
export interface RegisterResult {
  /** mdtrt_id: the network's visit id. */
  visitId: string;
  personNo: string;
  hisVisitNo: string;
}

export interface VisitInfoInput {
  person: PersonRef;
  visitId: string;
  medType: MedType;
  begin: string;
  /** At least one; the first is the main diagnosis. */
  diagnoses: Diagnosis[];
  /** Defaults for the diagnosis rows' department (name) and doctor. */
  dept: CodeName;
  doctor: CodeName;
  /** Chronic visits: the registered disease (5301 code) — required for chronicOutpatient. */
  disease?: CodeName;
  /** 主要病情描述, optional. */
  condition?: string;
}

export interface FeeLineInput {
  /** feedetl_sn: unique within the visit. */
  lineNo: string;
  /** National catalog code (med_list_codg). */
  listCode: string;
  /** The institution's own item code (medins_list_codg), as matched by 3301. */
  hospCode: string;
  /** Decimal strings; amount = quantity x unit price, rounded half-up to the fen, computed by the client. */
  quantity: string;
  unitPrice: string;
  /** yyyy-MM-dd HH:mm:ss */
  time: string;
  /** The ordering (billing) department and doctor: bilg_dept_codg/name, bilg_dr_codg/name. */
  dept: CodeName;
  doctor: CodeName;
  /** rx_circ_flag 1 (an outside prescription): rxno required. */
  outsidePrescription?: boolean;
  prescriptionNo?: string;
  /** hosp_appr_flag; default "0" (no approval needed). */
  approval?: string;
  /** Inpatient: a refund line's original feedetl_sn (init_feedetl_sn) and the order number. */
  originalLineNo?: string;
  orderNo?: string;
}

export interface FeeUploadInput {
  person: PersonRef;
  visitId: string;
  /** chrg_bchno */
  batchNo: string;
  medType: MedType;
  /** Chronic visits: the registered disease (every line carries its code; one per batch). */
  disease?: CodeName;
  lines: FeeLineInput[];
}

export interface FeeLineResult {
  lineNo: string;
  amount: Money;
  quantity: string;
  unitPrice: string;
  /** chrgitm_lv as the network classes it: 01 A, 02 B, 03 C. */
  class: 'A' | 'B' | 'C';
  selfPayRatio: string;
  fullSelfPay: Money;
  overLimit: Money;
  preSelfPay: Money;
  inScope: Money;
  /** med_chrgitm_type as the network sent it. */
  itemType: string;
  /** pric_uplmt_amt ('' when not sent). */
  priceCap: string;
  memo: string;
}

/** The four split totals of the uploaded lines, as 2207/2304 must carry them. */
export interface FeeSplit {
  total: Money;
  fullSelfPay: Money;
  overLimit: Money;
  preSelfPay: Money;
  inScope: Money;
}

export interface FeeUploadResult {
  lines: FeeLineResult[];
  /** Sums of the network's per-line results. */
  split: FeeSplit;
}

export interface PreSettleInput {
  person: PersonRef;
  cert: Cert;
  visitId: string;
  medType: MedType;
  /** chrg_bchno (outpatient). */
  batchNo: string;
  /** medfee_sumamt */
  total: Money;
  /** acct_used_flag: pay from the employee personal account. */
  useAccount: boolean;
  /** psn_setlway; default "01" (by item). */
  settleWay?: string;
}

export interface SettleInput extends PreSettleInput {
  /** The split totals the network returned for the lines (2204/2301 results). */
  split: FeeSplit;
  invoiceNo?: string;
}

export interface InpatientSettleInput extends SettleInput {
  /** mid_setl_flag: a settlement in the middle of a stay. */
  midSettlement?: boolean;
  /** dscg_time (yyyy-MM-dd). */
  dischargeDate?: string;
}

export interface CancelInput {
  person: PersonRef;
  visitId: string;
  settlementId: string;
}

/** "0000" in 2205's chrg_bchno / 2302's feedetl_sn: every unsettled fee line of the visit. */
export const ALL_UNSETTLED_LINES = '0000';

/** 2205 门诊费用明细撤销. */
export interface FeeCancelInput {
  person: PersonRef;
  visitId: string;
  /** chrg_bchno of the batch to take back; default ALL_UNSETTLED_LINES. */
  batchNo?: string;
}

/** 2302 住院费用明细撤销. */
export interface InpatientFeeCancelInput {
  person: PersonRef;
  visitId: string;
  /** feedetl_sn of the line to take back; default ALL_UNSETTLED_LINES. */
  lineNo?: string;
}

/** 2202 挂号撤销 / 2404 入院撤销: the visit to take back (it must have no valid settlement). */
export interface VisitCancelInput {
  person: PersonRef;
  visitId: string;
  /** The HIS visit number it was registered with (ipt_otp_no, required by 2202). */
  hisVisitNo: string;
}

export interface AdmitInput {
  person: PersonRef;
  cert: Cert;
  hisVisitNo: string;
  /** Admission time. */
  begin: string;
  /** med_type; default 21 (普通住院). */
  medTypeCode?: string;
  /** At least one; the first is the main (admission) diagnosis. */
  diagnoses: Diagnosis[];
  /** adm_diag_dscr: default the main diagnosis' name. */
  admissionNote?: string;
  dept: CodeName;
  doctor: CodeName;
  /** adm_bed */
  bed: string;
  /** Medical record number (medrcdno), optional. */
  recordNo?: string;
}
export type AdmitResult = RegisterResult;

export interface DischargeInput {
  person: PersonRef;
  visitId: string;
  end: string;
  /** At least one; the first is the main (discharge) diagnosis. */
  diagnoses: Diagnosis[];
  dept: CodeName;
  doctor: CodeName;
  /** dscg_bed, optional in the spec. */
  bed?: string;
  /** dscg_way (DSCG_WAY): 1 discharged on the doctor's order. */
  dischargeWay: string;
}

export type * from './types-settlement';
