// Settlement, queue, reconciliation, warnings. View types of the API contract (electron/api/contract.ts); pure types.
import type { FacilityLevel, Money } from './common';

export type CertType = 'ssCard' | 'eVoucher' | 'idNumber';
export type SettlementVisitType = 'outpatient' | 'chronicOutpatient' | 'inpatient';
/** The network's side of a settlement: pending (queued), confirmed, dead (rejected), cancelled, local (never sent). */
export type SettlementNetworkState = 'pending' | 'confirmed' | 'dead' | 'cancelled' | 'local';
export type DifferencePolicy = 'institution' | 'patient';
export interface InsuredPersonView {
  personNo: string;
  /** Whole on the person panel (the cashier checks it); masked in every list. */
  name: string;
  idMasked: string;
  gender: string;
  birthDate: string;
  insuranceType: 'resident' | 'employee';
  /** Wire insurance type code (390, 310). */
  insutype: string;
  region: string;
  identities: string[];
  enrolled: string[];
  chronic: { code: string; name: string }[];
  accountBalance: Money;
  source: 'network' | 'cache';
  fetchedAt: string;
  ageSeconds: number;
  /** e.g. "刚刚从医保网络获取" / "本机缓存，3 小时前获取". */
  ageText: string;
}
export interface SettlementLineInput {
  lineNo?: string;
  /** National catalog code. */
  code: string;
  name?: string;
  hospCode?: string;
  quantity?: string;
  unitPrice?: string;
  amount: Money;
  class: 'A' | 'B' | 'C';
  selfPayRatio?: string;
  /** 医疗收费项目类别 01..14. */
  category?: string;
  /** yyyy-MM-dd HH:mm:ss (replayed to the network as the line's time). */
  time?: string;
}
export interface SettlementVisitInput {
  /** HIS visit id, or a hand-entered visit id. */
  ref: string;
  source?: 'his' | 'manual';
  type: SettlementVisitType;
  date: string;
  lines?: SettlementLineInput[];
  fees?: { total: Money; preSelfPay?: Money; fullSelfPay?: Money };
  /** A village clinic of the institution: settled at the village level (default: the institution's level). */
  facilityLevel?: 'village';
  /** A chronic visit: the registered disease it is for (the network's dise_codg comes from its registration). */
  chronicCode?: string;
}
export interface SettlementPersonRef {
  personNo: string;
  certType: CertType;
  certNo: string;
}
export interface SettlementPreInput {
  person: SettlementPersonRef;
  visit: SettlementVisitInput;
  useAccount?: boolean;
}
export interface SettlementLayerView {
  key: string;
  name: string;
  ytdKey: string;
  base: Money;
  amount: Money;
  trace: string;
}
export interface SettlementFeesView {
  total: Money;
  inScope: Money;
  preSelfPay: Money;
  fullSelfPay: Money;
}
export interface SettlementPreView {
  packId: string;
  packHash: string;
  fees: SettlementFeesView;
  layers: SettlementLayerView[];
  funds: Money;
  account: Money;
  cash: Money;
  /** Earlier differences collected (+) or refunded (-) at this visit. */
  adjustment: Money;
  /** What the patient pays now: cash + adjustment. */
  cashDue: Money;
  trace: string[];
  warnings: string[];
  /** Whether settling now goes to the network (else offline, within the limits). */
  online: boolean;
  offlineAllowed: boolean;
  offlineMessage?: string;
  personSource: 'network' | 'cache';
  personAgeText: string;
  /**
   * network: the network pre-settled the visit (2206 / 2303) and its figures are above (layers named
   * as the network names its funds); local: the local engine's (offline).
   */
  basis: 'network' | 'local';
  /** The local engine's explanation beside the network's figures; absent offline (it is the figures then) or when it cannot settle this person. */
  local?: { packId: string; layers: SettlementLayerView[]; funds: Money; account: Money; cash: Money };
  /** Why the local engine cannot explain (settle) this person: no pack of a remote region, no rule for the insurance type. */
  localMissing?: string;
  /** Where the network's figures and the local explanation differ, item by item (flagged before the patient pays). */
  differences: SettlementDifferenceView[];
}
export interface SettlementDifferenceView {
  /** A layer key, or account / cash / total. */
  item: string;
  name: string;
  local: Money;
  network: Money;
  /** In words, e.g. "医疗救助：医保 12.00，本地测算 15.00（少 3.00）". */
  text: string;
}
export interface SettlementPaymentInput {
  method: 'cash' | 'wechat' | 'alipay' | 'unionpay' | 'other';
  reference?: string;
  tendered?: Money;
}
export interface SettlementSettleInput extends SettlementPreInput {
  payment: SettlementPaymentInput;
  cardFree?: boolean;
}
export interface SettlementView {
  id: string;
  receiptNo: string;
  kind: 'settlement' | 'cancellation';
  cancelsId?: string;
  cancelledById?: string;
  visitRef: string;
  visitSource: 'his' | 'manual';
  person: {
    personNo: string; name: string; idMasked: string; insuranceType: 'resident' | 'employee'; insutype: string;
    identities: string[]; enrolled: string[]; region: string;
  };
  visitType: SettlementVisitType;
  facilityLevel: FacilityLevel;
  visitDate: string;
  packId: string;
  packHash: string;
  fees: SettlementFeesView;
  categories: { byCategory: Record<string, Money>; byClass: Record<string, Money> };
  lines: { lineNo: string; code: string; name: string; quantity: string; unitPrice: string; amount: Money; class: 'A' | 'B' | 'C'; category?: string; time: string }[];
  layers: SettlementLayerView[];
  funds: Money;
  account: Money;
  cash: Money;
  adjustment: Money;
  cashDue: Money;
  payment: { method: string; reference?: string; tendered?: Money; change?: Money };
  operatorId: string;
  cardFree: boolean;
  mode: 'online' | 'offline';
  personFetchedAt?: string;
  reason?: string;
  businessDate: string;
  createdAt: string;
  trace: string[];
  warnings: string[];
  network: {
    state: SettlementNetworkState;
    stateText: string;
    visitId?: string;
    netSettlementId?: string;
    confirmed?: { total: Money; funds: Money; account: Money; cash: Money; layers: Record<string, Money> };
    confirmedAt?: string;
  };
  difference?: DifferenceView;
}
export interface SettlementListItem {
  id: string;
  receiptNo: string;
  kind: 'settlement' | 'cancellation';
  cancelsId?: string;
  cancelled: boolean;
  nameMasked: string;
  idMasked: string;
  visitRef: string;
  visitType: SettlementVisitType;
  total: Money;
  funds: Money;
  cashDue: Money;
  mode: 'online' | 'offline';
  networkState: SettlementNetworkState;
  createdAt: string;
  operatorId: string;
  cardFree: boolean;
}
export interface SettlementSearchInput {
  personNo?: string;
  visitRef?: string;
  from?: string;
  to?: string;
  operatorId?: string;
  limit?: number;
}
export interface SettlementDailySummary {
  date: string;
  operatorId: string;
  count: number;
  cancelledCount: number;
  offlineCount: number;
  pendingCount: number;
  total: Money;
  funds: Money;
  account: Money;
  cash: Money;
  layers: { key: string; name: string; amount: Money }[];
  byMethod: { method: string; amount: Money }[];
  /** Cash taken in cash minus cash refunded in cash. */
  cashToHandIn: Money;
}
export interface OfflineLimitsView {
  /** Largest offline settlement per visit (bill total), yuan. */
  perVisit: Money;
  /** Largest offline total per person per day, yuan. */
  perPersonDay: Money;
  differencePolicy: DifferencePolicy;
}
export interface QueueStatusView {
  /** null: not known yet. */
  online: boolean | null;
  lastContactAt?: string;
  /** Settlements not yet confirmed by the network. */
  unsent: number;
  unsentMessages: number;
  inFlight: number;
  unknown: number;
  dead: number;
  held: number;
  draining: boolean;
  drainTotal: number;
  drainDone: number;
}
export interface QueueItemView {
  id: number;
  settlementId: string;
  receiptNo: string;
  nameMasked: string;
  step: string;
  stepName: string;
  infno: string;
  state: string;
  stateName: string;
  attempts: number;
  nextAttemptAt?: string;
  lastError?: string;
  createdAt: string;
}
export interface DeadLetterView {
  id: number;
  outboxId: number;
  settlementId: string;
  receiptNo: string;
  nameMasked: string;
  total: Money;
  stepName: string;
  infno: string;
  code: string;
  /** The network's own message. */
  message: string;
  /** What of ours to correct before retrying (Chinese). */
  fix: string;
  createdAt: string;
  /**
   * What a person can do: a settlement's step: retry or cancel the settlement; a cancellation's
   * 2208/2305: retry only (the network holds the settlement); the undo of a visit that never
   * settled (2205/2202, 2302/2404): retry or abandon (no money moves with it).
   */
  kind: 'settlement' | 'cancellation' | 'undo';
}
export interface DifferenceView {
  settlementId: string;
  receiptNo: string;
  nameMasked: string;
  items: { item: string; itemName: string; local: Money; network: Money; difference: Money }[];
  /** Network cash minus local cash: positive = the patient paid too little. */
  cashDifference: Money;
  policy: DifferencePolicy;
  /** e.g. "机构承担" / "下次就诊补收" / "下次就诊退还". */
  policyText: string;
  status: 'open' | 'borne' | 'collected';
  statusText: string;
  createdAt: string;
}
export interface ReconcileMismatchView {
  kind: string;
  kindName: string;
  settlementId?: string;
  receiptNo?: string;
  personNoMasked?: string;
  visitId?: string;
  netSettlementId?: string;
  local?: Money;
  network?: Money;
  code?: string;
  memo: string;
}
export interface ReconcileRunView {
  id: number;
  from: string;
  to: string;
  startedAt: string;
  finishedAt?: string;
  local: { count: number; medfee: Money; funds: Money; account: Money; cash: Money };
  totalsBalanced?: boolean;
  totalsCode?: string;
  totalsMessage?: string;
  mismatchCount: number;
  unsentCount: number;
  error?: string;
  mismatches: ReconcileMismatchView[];
}
export interface WarningView {
  id: number;
  settlementId: string;
  receiptNo: string;
  nameMasked: string;
  kind: string;
  threshold: Money;
  amount: Money;
  message: string;
  createdAt: string;
}
export interface CsvExportView {
  filename: string;
  csv: string;
}
