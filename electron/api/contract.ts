// THE API CONTRACT between the UI and the services: every call, its input and its output.
// Served by Electron IPC (preload + main) and by the HTTP host (browser mode); the renderer only
// ever sees an object of type `Api`. Pure types: this file is compiled into the renderer too.
// Money on the wire is a decimal string with two decimals ("1234.50"); dates "YYYY-MM-DD".

export type Money = string;
export type Role = 'cashier' | 'technician' | 'administrator';
export type FacilityLevel = 'village' | 'township' | 'county' | 'city' | 'province';

export interface ApiError {
  code: string;
  /** Chinese, for the user. */
  message: string;
  field?: string;
}
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

type Call<I, O> = { input: I; output: O };

// ---------------------------------------------------------------- foundation
export interface AppInfo {
  name: string;
  version: string;
  mode: 'electron' | 'browser';
  dataDir: string;
  schemaVersion: number;
  storeId: string;
  now: string;
}
export interface InstitutionSetup {
  code: string;
  name: string;
  level: FacilityLevel;
  /** Six-digit administrative region code of the facility. */
  region: string;
  /** This window's terminal number (two digits), part of every msgid so windows never collide. */
  terminalNo: string;
}
export interface BackupInfo {
  file: string;
  bytes: number;
  createdAt: string;
}

// ---------------------------------------------------------------- operators, audit, window (issue 8)
export interface SessionInfo {
  operatorId: string;
  operatorName: string;
  role: Role;
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
}

/** How the patient was identified: social security card, e-voucher QR, ID card reader, or card-free (typed ID number + name). */
export type IdentifyMethod = 'ssCard' | 'eVoucher' | 'idCard' | 'cardFree';
export type WindowVisitType = 'outpatient' | 'chronicOutpatient' | 'inpatient';
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
}
export interface DemoCardView {
  key: string;
  label: string;
  nameMasked: string;
  idMasked: string;
  inReader: boolean;
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

// ---------------------------------------------------------------- settlement, network, queue (issue 4) types
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
  createdAt: string;
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

// ---------------------------------------------------------------- network client setup (issue 4, netclient)
export type NetworkIdentity = 'poverty' | 'lowIncome' | 'destitute' | 'severeDisability' | 'atRisk';
export interface NetworkSetupView {
  /** builtin: the built-in simulator started with the app; endpoint: the insurance network at `endpoint`. */
  mode: 'builtin' | 'endpoint';
  /** The full endpoint URL, posted to as is (mode endpoint). */
  endpoint: string;
  /** recer_sys_code, e.g. MBS_LOCAL. */
  receiverSystemCode: string;
  /** infver, e.g. V1.0. */
  interfaceVersion: string;
  /** opter_type: 1 operator, 2 self-service terminal, 3 mobile. */
  operatorType: string;
  operatorCode: string;
  operatorName: string;
  timeoutMs: number;
  /** PEM file paths; empty when unused. */
  caFile: string;
  certFile: string;
  keyFile: string;
  /** Write-only: the view says whether one is set; `set` keeps it when undefined, clears it with "". */
  passphrase?: string;
  passphraseSet: boolean;
  /** psn_idet_type code -> identity. */
  identityMap: Record<string, NetworkIdentity>;
  /** Region gateway: none, or SM4 encryption + HMAC-SM3 signature. */
  gateway: 'none' | 'sm3sm4';
  /** Write-only SM4 key (32 hex) and signing key, as `passphrase`. */
  sm4Key?: string;
  sm4KeySet: boolean;
  signKey?: string;
  signKeySet: boolean;
  /** Fault spec of the built-in simulator (mode builtin), e.g. "drop=0.1,latency=20-200"; "" none. */
  simFaults: string;
}
export interface NetworkStatusView {
  mode: 'builtin' | 'endpoint';
  endpoint: string;
  /** Set by the --network flag (overrides the setup). */
  fromFlag: boolean;
  /** As last seen: null before any call. */
  online: boolean | null;
  lastSeenAt: string | null;
  signedIn: boolean;
  signNo: string | null;
  institutionCode: string;
  terminalNo: string;
  simFaults: string | null;
  messages: Record<string, number>;
}
export interface NetworkMessageView {
  id: number;
  msgid: string;
  infno: string;
  startedAt: string;
  durationMs: number | null;
  outcome: string;
  infcode: string | null;
  errMsg: string | null;
}
export interface SupportBundleView {
  file: string;
  bytes: number;
}

// ---------------------------------------------------------------- HIS bridge (issue 6) types
export type HisVisitState = 'waiting' | 'pre-settled' | 'settled' | 'cancelled';
export type HisVisitType = 'outpatient' | 'chronicOutpatient' | 'inpatient';
/** A visit in the window's list (personal data masked). */
export interface HisVisitListItem {
  hisVisitId: string;
  state: HisVisitState;
  visitType: HisVisitType;
  patientName?: string;
  patientIdNumber?: string;
  patientCardNumber?: string;
  department: string;
  doctor: string;
  total: Money;
  lineCount: number;
  /** Distinct items without a catalog mapping: the visit cannot be settled while > 0. */
  unmappedCount: number;
  cancelRequested: boolean;
  receivedAt: string;
}
export interface HisFeeLineView {
  lineNo?: string;
  itemCode: string;
  itemName: string;
  quantity: string;
  unitPrice: string;
  amount: Money;
  time: string;
  category?: string;
  unit?: string;
  specification?: string;
}
/** A visit in full, as the HIS sent it, with its state (identity hints unmasked: the window matches them). */
export interface HisVisitDetail {
  hisVisitId: string;
  state: HisVisitState;
  revision: number;
  source: 'api' | 'drop';
  visitType: HisVisitType;
  patient: { idNumber?: string; name?: string; cardNumber?: string; insuranceRegion?: string };
  department: { code?: string; name: string };
  doctor: { code?: string; name: string };
  diagnoses: { code: string; name?: string }[];
  visitTime?: string;
  admissionDate?: string;
  dischargeDate?: string;
  lines: HisFeeLineView[];
  total: Money;
  receivedAt: string;
  updatedAt: string;
  cancelRequested?: { at: string; reason?: string };
  settlement?: { settlementId: string; receiptNo: string; layers: { key: string; name: string; amount: Money }[]; cash: Money; settledAt: string };
  cancellation?: { cancelledAt: string; reason?: string; cancellationId?: string };
}
/** Fee lines mapped to the catalog, in the engine's line format plus what the window shows. */
export interface HisMappedLines {
  hisVisitId: string;
  revision: number;
  visitType: HisVisitType;
  lines: {
    code: string; name: string; amount: Money; class: 'A' | 'B' | 'C'; selfPayRatio: string;
    hisCode: string; hisName: string; quantity: string; unitPrice: string; category: string; selfPay: boolean;
  }[];
  totals: { total: Money; byClass: { A: Money; B: Money; C: Money }; byCategory: { category: string; name: string; amount: Money }[] };
}
export interface HisApiInfo {
  /** Base URL the HIS calls, e.g. http://127.0.0.1:5781 */
  url: string;
  port: number;
  host: string;
  token: string;
  /** Set by SETTLE_HIS_TOKEN: shown, not rotatable here. */
  tokenFromEnvironment: boolean;
  openapiUrl: string;
  /** Set when the HIS API could not start (e.g. the port is taken). */
  error?: string;
}
export interface HisCallbackSetup {
  /** http(s) URL that receives settled/cancelled results; empty = no push. */
  url: string;
  token?: string;
}
export interface HisCallbackStatus extends HisCallbackSetup {
  pending: number;
  acked: number;
  lastError?: string;
}
export interface HisDropSetup {
  folder: string;
  enabled: boolean;
  /** CSV header text for each field (fields left out: a header equal to the field name or its label). */
  columns: Record<string, string>;
  visitTypeValues: Record<string, HisVisitType>;
  diagnosisSeparator: string;
}
export interface HisDropFile {
  fileName: string;
  outcome: 'done' | 'failed';
  visits: number;
  reason?: string;
  processedAt: string;
}
export interface HisDropStatus {
  setup: HisDropSetup;
  pending: string[];
  recent: HisDropFile[];
  fields: { field: string; label: string; required: boolean }[];
}
export interface HisDropPreview {
  encoding: 'utf-8' | 'gb18030';
  format: 'csv' | 'json';
  headers: string[];
  /** The first rows of the file as text. */
  rows: string[][];
  /** Which header each field resolved to with the given setup. */
  resolved: Record<string, string>;
  visits: { hisVisitId: string; visitType: HisVisitType; patientName?: string; lineCount: number; total: Money }[];
  error?: ApiError;
}
export interface HisCatalogEntry {
  hisCode: string;
  hisName: string;
  catalogCode: string;
  catalogName: string;
  class: 'A' | 'B' | 'C';
  selfPayRatio: string;
  category: string;
  selfPay: boolean;
  source: 'csv' | 'ui' | 'demo';
  updatedAt: string;
}
export interface HisUnmappedItem {
  itemCode: string;
  itemName: string;
  visits: number;
  amount: Money;
  lastSeen: string;
}

// ---------------------------------------------------------------- receipts and printing (issue 7) types
export type ReceiptPaper = 'A5' | 'A4' | 'escpos58' | 'escpos80';
export interface ReceiptSetupView {
  paper: ReceiptPaper;
  /** System printer for A5/A4 sheets (Electron); empty = default printer. */
  printerName: string;
  thermalKind: 'serial' | 'file';
  /** Thermal printer port or device path (COM3, /dev/ttyUSB0, /dev/usb/lp0); empty = none. */
  thermalPath: string;
  thermalBaud: number;
  preview: boolean;
  autoPrint: boolean;
}
export interface ReceiptSearchInput {
  from?: string;
  to?: string;
  receiptNo?: string;
  settlementId?: string;
  name?: string;
}
export interface ReceiptListItemView {
  receiptNo: string;
  settlementId: string;
  kind: 'settlement' | 'reversal';
  settledAt: string;
  /** Masked (张**). */
  patientName: string;
  idMasked: string;
  total: Money;
  cash: Money;
  offline: boolean;
  printCount: number;
  reprintCount: number;
}
/** The receipt sheet as printed (electron/core/receipt ReceiptData). */
export interface ReceiptSheetView {
  kind: 'settlement' | 'reversal';
  title: string;
  institution: { name: string; code: string };
  receiptNo: string;
  settlementId: string;
  settledAt: string;
  operator: string;
  patient: { name: string; idMasked: string; insuranceType: string; identities: string[]; enrolled: string[] };
  visit: { type: string; facilityLevel: string; date: string };
  fees: { total: Money; inScope: Money; preSelfPay: Money; fullSelfPay: Money };
  categories: { code: string; name: string; total: Money; classA: Money; classB: Money; classC: Money }[];
  deductible?: Money;
  layers: { key: string; name: string; amount: Money; ytdPaid?: Money }[];
  fundTotal: Money;
  accountPaid: Money;
  accountBalance?: Money;
  cashPaid: Money;
  capital: { total: string; fundTotal: string; cashPaid: string };
  offline: boolean;
  warnings: string[];
  reverses?: { settlementId: string; receiptNo: string; settledAt: string };
  qr: { text: string; check: string };
}
export interface ReceiptPrintView {
  receiptNo: string;
  /** 0 = original sheet; N = "重打 N". */
  reprintNo: number;
  target: 'printer' | 'preview' | 'browser' | 'thermal';
  ok: boolean;
  message: string;
  /** Browser mode: GET this (plus `?session=<token>`) and print it with the browser. */
  pdfUrl?: string;
}
export interface ReceiptDetailView {
  receipt: ReceiptSheetView;
  item: ReceiptListItemView;
  /** Browser mode: the archived original PDF (add `?session=<token>`). */
  pdfUrl: string;
  prints: { reprintNo: number; target: string; ok: boolean; detail?: string; printedAt: string }[];
}
export interface ReceiptPrintersView {
  mode: 'electron' | 'browser';
  printers: { name: string; displayName: string; isDefault: boolean }[];
  message: string;
  font: { ok: boolean; message: string };
}

// ---------------------------------------------------------------- devices (issue 5)
export interface ReaderSetupView {
  /** ssCard: RSR-1 reader; idCard: GA 467; qrScanner: e-voucher scanner; vendorDll: the vendor's DLL; simulated: demo. */
  type: 'ssCard' | 'idCard' | 'qrScanner' | 'vendorDll' | 'simulated';
  transport?: 'serial' | 'hid';
  port?: string;
  baudRate?: number;
  timeoutMs?: number;
  scanTimeoutMs?: number;
  simulatedCard?: 'ssCard' | 'idCard' | 'eVoucher';
  simulatedPerson?: string;
}
export interface ReaderStatusView {
  configured: boolean;
  config?: ReaderSetupView;
  connected: boolean;
  busy: boolean;
  lastReadAt?: string;
  lastError?: ApiError;
}
export interface ReaderTestView {
  ok: boolean;
  /** Chinese summary: what the test read found (identity masked) or what went wrong. */
  message: string;
  elapsedMs?: number;
  identity?: { source: string; name: string; idNumber: string };
}
export interface ReaderPortsView {
  serial: { path: string; manufacturer?: string }[];
  hid: { path: string; product?: string; vendorId?: number; productId?: number }[];
  message?: string;
}

export interface ApiContract {
  'app.info': Call<void, AppInfo>;
  'setup.institution.get': Call<void, InstitutionSetup>;
  'setup.institution.set': Call<InstitutionSetup, InstitutionSetup>;
  'setup.backup': Call<void, BackupInfo>;
  'setup.backups': Call<void, BackupInfo[]>;
  'setup.restore': Call<{ file: string }, { restoredSchemaVersion: number }>;
  // ---------------------------------------------------------------- operators and audit (issue 8)
  'auth.state': Call<void, AuthState>;
  'auth.setupAdmin': Call<{ operatorId: string; name: string; password: string }, LoginResult>;
  'auth.login': Call<{ operatorId: string; password: string }, LoginResult>;
  'auth.logout': Call<void, { loggedOut: true }>;
  'auth.changePassword': Call<{ oldPassword: string; newPassword: string }, { changed: true }>;
  'operators.list': Call<void, OperatorView[]>;
  'operators.create': Call<{ id: string; name: string; role: Role; password: string }, OperatorView>;
  'operators.update': Call<{ id: string; name?: string; role?: Role; active?: boolean; password?: string }, OperatorView>;
  'operators.settings.get': Call<void, OperatorSettings>;
  'operators.settings.set': Call<OperatorSettings, OperatorSettings>;
  'audit.list': Call<{ limit?: number; beforeSeq?: number }, AuditEntryView[]>;
  'audit.verify': Call<void, AuditVerifyView>;
  /** `reader`: one read of the configured reader (card, QR or ID card); `cardFree`: typed ID number plus name check. */
  'window.identify': Call<{ via: 'reader' | 'cardFree'; idNumber?: string; name?: string }, PersonView>;
  'window.visits': Call<{ ticket: string }, WindowVisitView[]>;
  'window.catalog.search': Call<{ q: string }, CatalogItemView[]>;
  'window.preSettle': Call<PreSettleInput, PreSettleView>;
  'window.settle': Call<SettleInputView, SettledView>;
  /** `openUrl`: browser mode prints through the browser: open this PDF (with the session) and print it there. */
  'window.print': Call<{ settlementId: string }, { printed: boolean; message: string; openUrl?: string }>;
  'window.recent': Call<{ date?: string }, WindowSettlementRow[]>;
  'window.cancel': Call<CancelInput, WindowSettlementRow>;
  'window.summary': Call<{ date?: string }, DailySummaryView>;
  'window.cardFree.get': Call<void, CardFreeRules>;
  'window.cardFree.set': Call<CardFreeRules, CardFreeRules>;
  /** DEMO / SIMULATOR ONLY: which demo card sits in the simulated reader. */
  'window.demo.cards': Call<void, DemoCardView[]>;
  'window.demo.insertCard': Call<{ personKey: string }, DemoCardView[]>;
  /** DEMO / SIMULATOR ONLY: the demo HIS sends its visits for the demo persons (as `cli his-demo` does). */
  'window.demo.loadVisits': Call<void, { visits: number }>;
  'policy.list': Call<void, PolicyPackView[]>;
  'policy.import': Call<{ file: string }, PolicyPackView>;
  'policy.inForce': Call<{ region?: string; date?: string }, PolicyPackView | null>;
  // ---------------------------------------------------------------- policies and engine (issue 3)
  // ---------------------------------------------------------------- devices (issue 5)
  'devices.setup.get': Call<void, ReaderSetupView>;
  'devices.setup.set': Call<ReaderSetupView, ReaderStatusView>;
  'devices.status': Call<void, ReaderStatusView>;
  'devices.testRead': Call<void, ReaderTestView>;
  'devices.ports': Call<void, ReaderPortsView>;
  // ---------------------------------------------------------------- settlement, network, queue (issue 4)
  'network.setup.get': Call<void, NetworkSetupView>;
  'network.setup.set': Call<NetworkSetupView, NetworkSetupView>;
  'network.status': Call<void, NetworkStatusView>;
  'network.signIn': Call<void, NetworkStatusView>;
  'network.messages': Call<{ limit?: number }, NetworkMessageView[]>;
  'network.supportBundle': Call<void, SupportBundleView>;
  'settlement.lookupPerson': Call<{ certType: CertType; certNo: string; name?: string }, InsuredPersonView>;
  'settlement.preSettle': Call<SettlementPreInput, SettlementPreView>;
  'settlement.settle': Call<SettlementSettleInput, SettlementView>;
  'settlement.cancel': Call<{ settlementId: string; reason: string }, SettlementView>;
  'settlement.get': Call<{ settlementId: string }, SettlementView>;
  'settlement.search': Call<SettlementSearchInput, SettlementListItem[]>;
  'settlement.dailySummary': Call<{ operatorId?: string; date?: string }, SettlementDailySummary>;
  'settlement.offlineLimits.get': Call<void, OfflineLimitsView>;
  'settlement.offlineLimits.set': Call<OfflineLimitsView, OfflineLimitsView>;
  'queue.status': Call<void, QueueStatusView>;
  'queue.list': Call<{ limit?: number }, QueueItemView[]>;
  'queue.deadLetters': Call<void, DeadLetterView[]>;
  'queue.retry': Call<{ deadLetterId: number }, QueueStatusView>;
  'queue.cancelDead': Call<{ deadLetterId: number; reason: string }, SettlementView>;
  'queue.drainNow': Call<void, QueueStatusView>;
  'reconcile.run': Call<{ from: string; to: string }, ReconcileRunView>;
  'reconcile.list': Call<{ limit?: number }, ReconcileRunView[]>;
  'reconcile.differences': Call<{ from?: string; to?: string }, DifferenceView[]>;
  'reconcile.export': Call<{ runId: number }, CsvExportView>;
  'warnings.list': Call<{ from?: string; to?: string }, WarningView[]>;
  'warnings.export': Call<{ from?: string; to?: string }, CsvExportView>;
  // ---------------------------------------------------------------- HIS bridge (issue 6)
  'his.visits.list': Call<void, HisVisitListItem[]>;
  'his.visits.get': Call<{ hisVisitId: string }, HisVisitDetail>;
  'his.visits.lines': Call<{ hisVisitId: string }, HisMappedLines>;
  'his.token.get': Call<void, HisApiInfo>;
  'his.token.rotate': Call<void, HisApiInfo>;
  'his.callback.get': Call<void, HisCallbackStatus>;
  'his.callback.set': Call<HisCallbackSetup, HisCallbackStatus>;
  'his.drop.get': Call<void, HisDropStatus>;
  'his.drop.set': Call<HisDropSetup, HisDropStatus>;
  'his.drop.preview': Call<{ file?: string; contentBase64?: string; fileName?: string; setup?: HisDropSetup }, HisDropPreview>;
  'his.drop.scan': Call<void, { file: string; outcome: 'done' | 'failed' | 'duplicate'; visits: number; reason?: string }[]>;
  'his.catalog.list': Call<{ search?: string; offset?: number; limit?: number }, { total: number; items: HisCatalogEntry[] }>;
  'his.catalog.import': Call<{ contentBase64: string; replace?: boolean }, { imported: number; total: number }>;
  'his.catalog.set': Call<{ hisCode: string; hisName: string; catalogCode: string; catalogName?: string; class: 'A' | 'B' | 'C'; selfPayRatio?: string; category: string }, HisCatalogEntry>;
  'his.catalog.markSelfPay': Call<{ hisCode: string; hisName: string; category?: string }, HisCatalogEntry>;
  'his.catalog.remove': Call<{ hisCode: string }, { removed: boolean }>;
  'his.unmapped.list': Call<void, HisUnmappedItem[]>;
  // ---------------------------------------------------------------- receipts and printing (issue 7)
  'receipt.search': Call<ReceiptSearchInput, ReceiptListItemView[]>;
  'receipt.get': Call<{ receiptNo: string }, ReceiptDetailView>;
  'receipt.print': Call<{ receiptNo: string; preview?: boolean }, ReceiptPrintView>;
  'receipt.reprint': Call<{ receiptNo: string; preview?: boolean }, ReceiptPrintView>;
  'receipt.printers': Call<void, ReceiptPrintersView>;
  'receipt.setup.get': Call<void, ReceiptSetupView>;
  'receipt.setup.set': Call<ReceiptSetupView, ReceiptSetupView>;
}

export type ApiMethod = keyof ApiContract;
export type ApiInput<M extends ApiMethod> = ApiContract[M]['input'];
export type ApiOutput<M extends ApiMethod> = ApiContract[M]['output'];

/** What the renderer holds: one typed call function, whatever the transport. */
export interface Api {
  call<M extends ApiMethod>(method: M, ...input: ApiInput<M> extends void ? [] : [ApiInput<M>]): Promise<ApiResult<ApiOutput<M>>>;
}

/** The IPC channel of the contract (Electron mode). */
export const API_IPC_CHANNEL = 'settle-api:call';
/** The HTTP prefix of the contract (browser mode): POST /api/<method>. */
export const API_HTTP_PREFIX = '/api/';
/** Header carrying the operator session token in browser mode. */
export const SESSION_HEADER = 'x-settle-session';
