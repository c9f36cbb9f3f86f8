// The one-sheet settlement receipt as data: everything the sheet shows, amounts as decimal
// strings with two decimals. Built once from a settlement (build.ts), stored as JSON with the
// archived PDF, and rendered to HTML (A5/A4) or ESC/POS (58/80 mm) by electron/print.
import type Decimal from 'decimal.js';
import type { FacilityLevel, InsuranceType, PolicyPack, VisitType } from '../engine';

/** An amount as the builder accepts it: a Decimal or a decimal string. */
export type MoneyIn = Decimal | string;

export const RECEIPT_MODEL_VERSION = 1;

export interface ReceiptLayer {
  key: string;
  /** The Chinese name of the variant that applied (the pack's name). */
  name: string;
  /** Paid by this layer in this visit ("0.00" when it applied but paid nothing). */
  amount: string;
  /** Paid by this layer so far this year, after this visit, when known. */
  ytdPaid?: string;
}

export interface ReceiptPayment {
  /** cash, wechat, alipay, unionpay or other. */
  method: string;
  /** The method's Chinese name as printed (现金, 微信支付, 支付宝 ...). */
  name: string;
  /** A mobile payment's transaction reference (交易单号). */
  reference?: string;
}

/** One charge category (医疗收费项目类别) of the bill with its class A / B / C split. */
export interface ReceiptCategoryRow {
  code: string;
  name: string;
  total: string;
  classA: string;
  classB: string;
  classC: string;
}

export interface ReceiptData {
  model: typeof RECEIPT_MODEL_VERSION;
  /** `settlement`: the normal sheet; `reversal`: the sheet of a cancelled settlement (amounts negated). */
  kind: 'settlement' | 'reversal';
  title: string;
  institution: { name: string; code: string };
  receiptNo: string;
  settlementId: string;
  /** Local date and time of the settlement, "YYYY-MM-DD HH:mm:ss" (China time). */
  settledAt: string;
  operator: string;
  patient: {
    name: string;
    /** First 6 and last 4 digits kept. */
    idMasked: string;
    insuranceType: string;
    /** Chinese labels of the person's identities (e.g. 贫困人口); empty when none. */
    identities: string[];
    /** Chinese labels of extra schemes the person is enrolled in (e.g. 齐惠保). */
    enrolled: string[];
  };
  visit: { type: string; facilityLevel: string; date: string };
  fees: {
    total: string;
    inScope: string;
    preSelfPay: string;
    fullSelfPay: string;
  };
  /** By charge category, when the bill came as fee lines; empty for a bill given as totals. */
  categories: ReceiptCategoryRow[];
  /**
   * Every fee line of the bill, for the attached detail list (费用明细清单) printed after the
   * sheet when the setup asks for it; absent for a bill given as totals and on reversals.
   */
  details?: ReceiptDetailLine[];
  /** Class A / B / C totals, when the bill came as fee lines. */
  classTotals?: { classA: string; classB: string; classC: string };
  /** The basic layer's deductible this visit actually counted (起付线), when known. */
  deductible?: string;
  /** Every layer that applied, in the order the pack applies them. */
  layers: ReceiptLayer[];
  fundTotal: string;
  /** Employee personal account (个人账户) paid; "0.00" for residents. */
  accountPaid: string;
  accountBalance?: string;
  cashPaid: string;
  /**
   * How the patient paid the personal part: the method's code and Chinese name (现金, 微信支付 ...)
   * and, for a mobile payment, its transaction reference. Absent on sheets issued before the
   * method was kept: those were read as cash.
   */
  payment?: ReceiptPayment;
  /** Capital numerals (大写) of the bill total, the funds' total and the cash paid. */
  capital: { total: string; fundTotal: string; cashPaid: string };
  /**
   * A difference of an earlier settlement settled at this visit (the network confirmed other
   * amounts and the setup says the patient pays or gets back the difference): `amount` is signed
   * (+ collected, - refunded); `collected` is this visit's cash plus it, what changes hands.
   */
  adjustment?: { amount: string; collected: string; capitalCollected: string };
  /** Year-to-date figures after this visit (e.g. 本年统筹累计支付), label and amount. */
  ytd: { label: string; amount: string }[];
  policy: { id: string; name?: string; hash: string };
  /** Settled offline: pending confirmation by the insurance network. */
  offline: boolean;
  warnings: string[];
  /** Drug traceability codes (追溯码) scanned for this sale, and drug lines sold without (each with a reason). */
  traceCodes?: { codes: number; drugLines: number; withoutCodes: number };
  /** For a reversal: the settlement and receipt it cancels. */
  reverses?: { settlementId: string; receiptNo: string; settledAt: string };
  /** What the QR code carries: settlement id and a short check value. */
  qr: { text: string; check: string };
}

/** One line of the attached detail list. */
export interface ReceiptDetailLine {
  code: string;
  name: string;
  /** The charge category's Chinese name (西药费 ...). */
  category: string;
  class: 'A' | 'B' | 'C';
  quantity?: string;
  unitPrice?: string;
  amount: string;
}

/** A fee line of the bill as stored with a settlement; `category` is a 医疗收费项目类别 code (01..14). */
export interface ReceiptFeeLine {
  code: string;
  name?: string;
  amount: MoneyIn;
  class: 'A' | 'B' | 'C';
  category?: string;
  quantity?: string;
  /** As the HIS priced it (up to four decimals for drugs). */
  unitPrice?: string;
}

/** The settlement as the receipt needs it: the engine's result (Decimals) or the same shape with strings. */
export interface SettlementLike {
  packId: string;
  packHash: string;
  fees: { total: MoneyIn; inScope: MoneyIn; preSelfPay: MoneyIn; fullSelfPay: MoneyIn };
  layers: readonly { key: string; name: string; ytdKey: string; entry?: number; base?: MoneyIn; amount: MoneyIn }[];
  cash: MoneyIn;
  ytd: Readonly<Record<string, { base: MoneyIn; paid: MoneyIn; burden: MoneyIn }>>;
  warnings: readonly { message: string }[];
}

export interface ReceiptSource {
  settlementId: string;
  receiptNo: string;
  /** When the settlement happened: a Date (shown in China time) or a display string. */
  settledAt: Date | string;
  operatorName: string;
  offline: boolean;
  visit: { type: VisitType; facilityLevel: FacilityLevel; date: string };
  result: SettlementLike;
  /** The fee lines, when the bill came as lines (for the category table and the class split). */
  lines?: readonly ReceiptFeeLine[];
  /** Employee personal account paid out of the engine's cash, and the balance after. */
  accountPaid?: MoneyIn;
  accountBalance?: MoneyIn;
  /** Earlier settlements' differences settled with this visit (+ collected, - refunded). */
  adjustment?: MoneyIn;
  /** How the personal part was paid (method code and a mobile payment's transaction reference). */
  payment?: { method: string; reference?: string };
  /** The pack, for the deductible figure and the pack name (optional). */
  pack?: PolicyPack;
}

export interface ReceiptInstitution {
  name: string;
  code: string;
}

export interface ReceiptPerson {
  name: string;
  idNumber: string;
  insuranceType: InsuranceType;
  identities?: readonly string[];
  enrolled?: readonly string[];
}

/** Computes the short check value of a QR payload (HMAC at the edge; core stays pure). */
export type CheckSigner = (payload: string) => string;
