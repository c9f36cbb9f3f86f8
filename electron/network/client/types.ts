// Domain types of the insurance network client: what callers pass in and get back.
// Money is a decimal string with two decimals ("12.34") both ways; the client converts to and
// from the wire (numbers or strings) and validates every field it returns.
import type { Identity } from '../../demo/persons';

export type { Identity };
export type Money = string;
export type InsuranceType = 'resident' | 'employee';

/** How the person was identified at the window (mdtrt_cert_type 01 / 02 / 03). */
export type CertType = 'eVoucher' | 'idNumber' | 'ssCard';

export interface Cert {
  type: CertType;
  /** e-voucher token, ID number or social security card number. */
  no: string;
  /** 卡识别码 (card_sn), needed by some regions for type ssCard. */
  cardSn?: string;
}

/** What every call about a known person carries (psn_no and the insured region for the envelope). */
export interface PersonRef {
  personNo: string;
  /** Wire insurance type code: "390" resident, "310" employee (or a region's own). */
  insutype: string;
  /** insuplc_admdvs from 1101 (the envelope's insuplc_admdvs). */
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

// ---------------------------------------------------------------- 1101
export interface PersonQuery {
  cert: Cert;
  /** Name as read from the card (psn_name), optional. */
  name?: string;
}

export interface NetIdentityRow {
  code: string;
  level: string;
  begin: string;
  end: string;
}

export interface NetChronicRegistration {
  code: string;
  name: string;
  clinic: string;
  begin: string;
  end: string;
}

/** Year-to-date figures as the network reports them (ytdKey -> accumulators), for one year. */
export interface NetYtd {
  year: number;
  entries: Record<string, { base: Money; paid: Money; burden: Money }>;
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
  /** Employee personal account balance ("0.00" when none). */
  accountBalance: Money;
  /** Our identities mapped from idetinfo (through the setup's code map), valid on the lookup date. */
  identities: Identity[];
  /** The raw idetinfo rows (every row, mapped or not). */
  identityRows: NetIdentityRow[];
  /** Schemes the network says the person is enrolled in (extension `exp_content.enrolled`), e.g. qihuibao. */
  enrolled: string[];
  chronic: NetChronicRegistration[];
  /** Undefined when the network does not offer year-to-date figures: use the local record. */
  ytd?: NetYtd;
}

// ---------------------------------------------------------------- visits
export type MedType = 'outpatient' | 'chronicOutpatient' | 'inpatient';

export interface Diagnosis {
  code: string;
  name: string;
}

export interface RegisterInput {
  person: PersonRef;
  cert: Cert;
  /** The HIS visit number (ipt_otp_no), unique in the institution. */
  hisVisitNo: string;
  /** yyyy-MM-dd HH:mm:ss */
  begin: string;
  doctorCode?: string;
  doctorName?: string;
  deptCode?: string;
  deptName?: string;
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
  diagnoses: Diagnosis[];
  /** Disease code of a chronic-outpatient visit (门慢病种), else the main diagnosis. */
  diseaseCode?: string;
  diseaseName?: string;
}

export interface FeeLineInput {
  /** feedetl_sn: unique within the visit. */
  lineNo: string;
  /** National catalog code (med_list_codg). */
  listCode: string;
  /** The institution's own item code (medins_list_codg). */
  hospCode: string;
  name?: string;
  /** Decimal strings; amount = quantity x unit price, rounded half-up to the fen, computed by the client. */
  quantity: string;
  unitPrice: string;
  /** Class as our catalog mapping says; sent as extension chrgitm_lv (the network's own catalog wins). */
  class?: 'A' | 'B' | 'C';
  /** Class B self-pay-first ratio as our mapping says (extension selfpay_prop). */
  selfPayRatio?: string;
  /** med_chrgitm_type, e.g. "09" western drugs. */
  itemType?: string;
  /** yyyy-MM-dd HH:mm:ss */
  time: string;
  deptCode?: string;
  deptName?: string;
  doctorCode?: string;
  doctorName?: string;
}

export interface FeeUploadInput {
  person: PersonRef;
  visitId: string;
  /** chrg_bchno */
  batchNo: string;
  medType: MedType;
  diseaseCode?: string;
  lines: FeeLineInput[];
}

export interface FeeLineResult {
  lineNo: string;
  amount: Money;
  quantity: string;
  unitPrice: string;
  class: 'A' | 'B' | 'C';
  selfPayRatio: string;
  fullSelfPay: Money;
  overLimit: Money;
  preSelfPay: Money;
  inScope: Money;
  itemType: string;
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
  batchNo: string;
  /** medfee_sumamt */
  total: Money;
  /** acct_used_flag: pay from the employee personal account. */
  useAccount: boolean;
}

export interface SettleInput extends PreSettleInput {
  /** The split totals the network returned for the lines (2204/2301 results). */
  split: FeeSplit;
  invoiceNo?: string;
}

export interface InpatientSettleInput extends SettleInput {
  /** mid_setl_flag: a settlement in the middle of a stay. */
  midSettlement?: boolean;
}

export interface SettlementDetailRow {
  fundType: string;
  fundName: string;
  amount: Money;
  /** Our layer key the row stands for (from the wire mapping), if any. */
  layer?: string;
}

/** A settlement as the network states it (2206/2207/2303/2304/2208/2305/5203). */
export interface NetSettlement {
  visitId: string;
  /** setl_id; empty for a pre-settlement. */
  settlementId: string;
  personNo: string;
  /** medins_setl_id: the msgid of the call that created it (echoed). */
  sourceMsgid: string;
  time: string;
  medType: string;
  insutype: string;
  total: Money;
  fullSelfPay: Money;
  overLimit: Money;
  preSelfPay: Money;
  inScope: Money;
  deductible: Money;
  fundTotal: Money;
  personTotal: Money;
  account: Money;
  cash: Money;
  /** Account balance after the settlement. */
  balance: Money;
  /** Our layers as decoded from the wire (basic, critical, assistance, burdenCap, reduction, ...). */
  layers: Record<string, Money>;
  details: SettlementDetailRow[];
  /** True for a cancelled settlement (5203) or a cancellation record (2208/2305 answers). */
  cancelled: boolean;
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
  begin: string;
  diagnoses: Diagnosis[];
  deptCode?: string;
  deptName?: string;
  bedNo?: string;
  doctorCode?: string;
  doctorName?: string;
}
export type AdmitResult = RegisterResult;

export interface DischargeInput {
  person: PersonRef;
  visitId: string;
  end: string;
  diagnoses: Diagnosis[];
  /** dscg_way: 1 regular discharge. */
  dischargeWay?: string;
}

// ---------------------------------------------------------------- 2601 / 5203
export interface ReverseInput {
  person: PersonRef;
  /** The msgid of the call to reverse (omsgid) and its infno (oinfno). */
  originalMsgid: string;
  originalInfno: string;
}
export interface ReverseResult {
  reversed: true;
}

export interface SettlementQuery {
  person: PersonRef;
  visitId?: string;
  settlementId?: string;
}

// ---------------------------------------------------------------- 3201 / 3202
export interface ReconcileTotalsInput {
  insutype: string;
  clearingType: string;
  /** setl_optins: clearing agency region. */
  clearingAgency: string;
  begin: string;
  end: string;
  /** Net totals (a cancellation counts negative). */
  medfeeTotal: Money;
  fundTotal: Money;
  accountTotal: Money;
  count: number;
}
export interface ReconcileTotalsResult {
  balanced: boolean;
  /** stmt_rslt as the network sent it ("0"/"000000" balanced). */
  code: string;
  description: string;
}

export interface ReconcileDetailRow {
  settlementId: string;
  visitId: string;
  personNo: string;
  medfeeTotal: Money;
  fundTotal: Money;
  accountTotal: Money;
  /** refd_setl_flag: this row is a cancellation (negative) record. */
  refund: boolean;
}
export interface ReconcileDetailsInput {
  clearingAgency: string;
  begin: string;
  end: string;
  medfeeTotal: Money;
  fundTotal: Money;
  cashTotal: Money;
  count: number;
  rows: ReconcileDetailRow[];
}
export interface ReconcileDetailResultRow {
  personNo: string;
  visitId: string;
  settlementId: string;
  msgid: string;
  balanced: boolean;
  code: string;
  refund: boolean;
  memo: string;
}
export interface ReconcileDetailsResult {
  fileQueryNo: string;
  rows: ReconcileDetailResultRow[];
}
