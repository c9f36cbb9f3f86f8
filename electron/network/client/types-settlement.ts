// Domain types of the network client's answers: a settlement as the network states it, recovery,
// reconciliation, files and drug sales (see ./types.ts for the requests' types).
import type { Money, PersonRef } from './types';

/** One setldetail row, as sent, with where it was placed. */
export interface SettlementDetailRow {
  fundType: string;
  /** fund_pay_type_name as sent ('' when not sent: the receipt takes the 1901 label). */
  fundName: string;
  amount: Money;
  inScope: Money;
  /** crt_payb_lmt_amt ('' when not sent). */
  limit: string;
  /** setl_proc_info, free text. */
  info: string;
  /** The layer key, "account", "hospital", or undefined when nothing placed it. */
  place?: string;
}

/** A settlement layer as the network's fund rows (or named fields) give it. */
export interface NetLayer {
  key: string;
  /** The network's own name for it (the first row's fund_pay_type_name), else our family name. */
  name: string;
  amount: Money;
  /** The fund_pay_type codes in it (or the named fields, for an answer without rows). */
  sources: string[];
}

/** Clearing fields, stored as sent (3201 is grouped by them). */
export interface NetClearing {
  /** clr_type */
  type: string;
  /** clr_way */
  way: string;
  /** clr_optins: the clearing institution (3201's setl_optins). */
  institution: string;
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
  personType: string;
  total: Money;
  fullSelfPay: Money;
  overLimit: Money;
  preSelfPay: Money;
  inScope: Money;
  /** act_pay_dedc */
  deductible: Money;
  /** fund_pay_sumamt */
  fundTotal: Money;
  /** psn_part_amt (5203: psn_pay), else account + cash. */
  personTotal: Money;
  /** acct_pay */
  account: Money;
  /** acct_mulaid_pay (family account). */
  accountMutualAid: Money;
  /** psn_cash_pay (2208: pdn_cash_pay; 5203: cash_payamt; regional spellings): what the patient pays at the window. */
  cash: Money;
  /** hosp_part_amt (or ownpay_hosp_part): one amount, the `reduction` layer. */
  hospitalPart: Money;
  /** Account balance after the settlement (balc). */
  balance: Money;
  /** The named fund fields as sent: hifp_pay, cvlserv_pay, hifes_pay, hifmi_pay, hifob_pay, maf_pay, oth_pay. */
  named: Record<string, Money>;
  clearing: NetClearing;
  /** Layer key -> amount: the placed fund rows (the hospital part under `reduction`). Non-zero only. */
  layers: Record<string, Money>;
  /** The same, with names and the codes in each. */
  layerList: NetLayer[];
  details: SettlementDetailRow[];
  /** fund_pay_type codes (or "oth_pay") that nothing placed: shown to a person, never guessed into a layer. */
  unplaced: string[];
  /** Σ layers + account + cash − total: "0.00" when the answer adds up (§12.2 step 8). */
  imbalance: Money;
  /** A cancellation record (2208/2305 answers, 5203 refd_setl_flag 1). */
  cancelled: boolean;
  /** setlinfo and setldetail as the network sent them. */
  sent: { setlinfo: Record<string, unknown>; setldetail: Record<string, unknown>[] };
}

// ---------------------------------------------------------------- 2601 / 5203
export interface ReverseInput {
  person: PersonRef;
  /** The msgid of the call to reverse (omsgid) and its infno (oinfno). */
  originalMsgid: string;
  originalInfno: string;
}
/** reversed: 2601 accepted; notFound: the network says the original does not exist; alreadyReversed: as said. */
export interface ReverseResult {
  outcome: 'reversed' | 'notFound' | 'alreadyReversed';
}

export interface SettlementQuery {
  person: PersonRef;
  visitId: string;
  settlementId: string;
}

// ---------------------------------------------------------------- 3201 / 3202
export interface ReconcileTotalsInput {
  insutype: string;
  clearingType: string;
  /** setl_optins: the settlements' clr_optins. */
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
  clearingType?: string;
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

// ---------------------------------------------------------------- 9102 / 3505 / 3506
/** A file the platform sent (9102): the zip's entries. */
export interface NetFile {
  bytes: Buffer;
  entries: { name: string; text: string }[];
}

/** One dispensed drug line with its traceability codes (3505 after 2207, 3506 after 2208). */
export interface DrugSaleInput {
  person: PersonRef & { certType?: string; idNumber?: string; name?: string };
  /** setl_id (required for an insured patient's sale). */
  settlementId: string;
  /** The institution's visit number (mdtrt_sn). */
  visitNo: string;
  listCode: string;
  hospCode: string;
  hospName: string;
  /** The stock batch serial (fixmedins_bchno), lot number and manufacture date. */
  batchNo: string;
  lotNo: string;
  madeOn: string;
  expiresOn?: string;
  prescriber: string;
  pharmacist: { name: string; certNo: string };
  /** hi_feesetl_type; default "1". */
  feeSettleType?: string;
  prescription: boolean;
  /** trdn_flag: a split pack. */
  splitPack: boolean;
  quantity: string;
  unitPrice?: string;
  /** yyyy-MM-dd HH:mm:ss */
  time: string;
  operatorName: string;
  /** The retail document number (rtal_docno); 3505 only. */
  documentNo: string;
  prescriptionNo?: string;
  codes: string[];
}

export interface DrugSaleResult {
  /** retRslt "1" (or no result node: the older spec). */
  ok: boolean;
  message: string;
}
