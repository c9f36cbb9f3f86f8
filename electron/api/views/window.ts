// Operators, audit, the cashier window. View types of the API contract (electron/api/contract.ts); pure types.
import type { Money, Role } from './common';

export interface SessionInfo {
  operatorId: string;
  operatorName: string;
  role: Role;
  /** The password is below the rule the role needs now: the window asks for a new one before anything else. */
  mustChangePassword?: boolean;
}
export interface AuthState {
  /** False on first start: the UI offers "创建管理员" instead of login. */
  hasOperators: boolean;
  session?: SessionInfo;
  idleMinutes: number;
}
export interface LoginResult {
  token: string;
  session: SessionInfo;
  idleMinutes: number;
}
export interface OperatorView {
  id: string;
  name: string;
  role: Role;
  active: boolean;
  createdAt: string;
  /** Locked for a while after repeated wrong passwords. */
  lockedUntil?: string;
}
export interface OperatorSettings {
  /** Minutes without activity before the window locks (1..240). */
  idleMinutes: number;
}
export interface AuditEntryView {
  seq: number;
  at: string;
  action: string;
  /** The action's Chinese name. */
  actionLabel: string;
  operatorId: string | null;
  channel: string;
  summary: string;
  hash: string;
}
export interface AuditVerifyView {
  ok: boolean;
  entries: number;
  brokenAt?: number;
  reason?: string;
  /** Keyed entries present: true when their keyed hashes were checked. */
  keyed?: boolean;
  /** An anchor kept outside the log names more entries than it has: its tail was cut off. */
  truncated?: { anchored: number; found: number; source: string };
  /** The entry at an anchor's count has another hash: the chain was rewritten and recomputed. */
  rewritten?: { at: number; source: string };
}

/** How the patient was identified: social security card, e-voucher QR, ID card reader, or card-free (typed ID number + name). */
export type IdentifyMethod = 'ssCard' | 'eVoucher' | 'idCard' | 'cardFree';
export type WindowVisitType = 'outpatient' | 'chronicOutpatient' | 'inpatient';
/** Upper bounds of what the cashier types (系统设置 → 输入上限). */
export interface InputLimits {
  /** Largest quantity of one fee line. */
  maxQuantity: number;
  /** Largest cash received, yuan. */
  maxTendered: string;
}
export interface CardFreeRules {
  poverty: boolean;
  lowIncome: boolean;
  destitute: boolean;
}
export interface PersonChronicView {
  code: string;
  name: string;
  clinic: string;
  /** True when the patient signed with this institution. */
  signedHere: boolean;
  stable: boolean;
  since: string;
}
export interface PersonView {
  /** The window's handle for this patient's case; every later call names it. */
  ticket: string;
  method: IdentifyMethod;
  personNo: string;
  /** Shown whole on the person panel only (the cashier checks it against the patient); masked elsewhere. */
  name: string;
  idMasked: string;
  gender: string;
  age?: number;
  insuranceType: 'resident' | 'employee';
  insuranceTypeName: string;
  region: string;
  identities: { code: string; name: string }[];
  enrolled: string[];
  chronic: PersonChronicView[];
  accountBalance: Money;
  ytd: { year: number; items: { key: string; name: string; paid: Money }[]; inpatientBurden: Money; chronicBurden: Money };
  warnings: string[];
  source: 'network' | 'cache';
  fetchedAt: string;
  ageSeconds: number;
  cardFree: boolean;
}
export interface WindowVisitView {
  visitId: string;
  visitType: WindowVisitType;
  visitTypeName: string;
  department: string;
  doctor: string;
  diagnosis: string;
  date: string;
  total: Money;
  lineCount: number;
  unmappedCount: number;
}
export interface CatalogItemView {
  code: string;
  name: string;
  spec: string;
  unit: string;
  price: Money;
  class: 'A' | 'B' | 'C';
  selfPayRatio: string;
  /** Days of medicine one unit covers, for the 3-month prescription rule (drugs only). */
  daysPerUnit?: number;
}
export interface ManualLineInput {
  code: string;
  quantity: string;
}
export interface PreSettleInput {
  ticket: string;
  /** A waiting HIS visit, or hand-entered lines (village clinic). */
  visitId?: string;
  lines?: ManualLineInput[];
  visitType?: WindowVisitType;
  /** The registered chronic disease of a chronic visit. */
  chronicCode?: string;
  /** Days of medicine prescribed (chronic visits: up to 90 for registered stable patients). */
  prescriptionDays?: number;
  /** The village clinic screen: hand-entered lines settled at the village clinic's facility level. */
  village?: boolean;
}
export interface PreSettleLayerView {
  key: string;
  name: string;
  amount: Money;
  trace: string;
}
export interface PreSettleView {
  preId: string;
  visitType: WindowVisitType;
  visitTypeName: string;
  lineCount: number;
  lines: { name: string; quantity: string; amount: Money; class: 'A' | 'B' | 'C' }[];
  total: Money;
  inScope: Money;
  preSelfPay: Money;
  fullSelfPay: Money;
  layers: PreSettleLayerView[];
  insurancePays: Money;
  /** What the patient owes before any personal-account payment. */
  patientDue: Money;
  /** Employees: the most the personal account can pay (min of balance and due); "0.00" otherwise. */
  accountMax: Money;
  packId: string;
  warnings: string[];
  trace: string[];
  online: boolean;
  /** Where it is settled, as the receipt says it (e.g. 村卫生室, 乡镇级医疗机构). */
  facilityName: string;
}
export type PaymentInput =
  | { kind: 'cash'; tendered: Money }
  | { kind: 'mobile'; method: 'wechat' | 'alipay' | 'unionpay' | 'other'; reference: string };
export interface SettleInputView {
  ticket: string;
  preId: string;
  accountPay: Money;
  payment: PaymentInput;
}
export interface SettledView {
  settlementId: string;
  receiptNo: string;
  /** confirmed by the network, or queued (store-and-forward) while it is down. */
  state: 'confirmed' | 'queued';
  total: Money;
  insurancePays: Money;
  accountPay: Money;
  cashDue: Money;
  tendered?: Money;
  change?: Money;
  /** How the personal part was paid: method, its Chinese name (现金, 微信支付 ...), a mobile payment's reference. */
  payment: { method: 'cash' | 'wechat' | 'alipay' | 'unionpay' | 'other'; name: string; reference?: string };
  /** Browser-mode address of the receipt PDF (archived). */
  receiptUrl?: string;
  cardFree: boolean;
}
export interface WindowSettlementRow {
  settlementId: string;
  receiptNo: string;
  at: string;
  nameMasked: string;
  idMasked: string;
  visitTypeName: string;
  total: Money;
  cashDue: Money;
  state: string;
  cancelled: boolean;
  cardFree: boolean;
  receiptUrl?: string;
}
export interface CancelInput {
  settlementId: string;
  reason: string;
  /** The operator confirms with the password. */
  password: string;
}
export interface DailySummaryView {
  date: string;
  operatorId: string;
  operatorName: string;
  count: number;
  cancelledCount: number;
  cardFreeCount: number;
  queuedCount: number;
  total: Money;
  layers: { key: string; name: string; amount: Money }[];
  account: Money;
  cash: Money;
  mobile: { method: string; amount: Money }[];
  /** Cash the operator hands in: cash taken minus cash refunded. */
  cashToHandIn: Money;
  byHour: { hour: number; count: number; total: Money }[];
  /** The audit log's anchor for the day's paper: entries so far and the first 16 hex of the last hash. */
  audit?: { count: number; head: string };
}
export interface DemoCardView {
  key: string;
  label: string;
  nameMasked: string;
  idMasked: string;
  inReader: boolean;
  /** DEMO DATA ONLY (simulated reader): the demo person's full name and ID number, for trying card-free. */
  demoName: string;
  demoIdNumber: string;
}
export interface PolicyPackView {
  id: string;
  name: string;
  region: string;
  from: string;
  to: string;
  hash: string;
  /** demo: offered only while the built-in network simulator is in use. */
  source: 'shipped' | 'imported' | 'demo';
  inForce: boolean;
}
