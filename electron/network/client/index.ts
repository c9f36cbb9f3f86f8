// THE public interface of the insurance network client (netclient area). Other areas import from
// here only. Reference: docs/NETWORK-SPEC.md; the API for the settlement flow: docs/NETWORK-CLIENT.md.
//
// One method per transaction; each takes our domain types (money as decimal strings) and returns
// the parsed, validated answer plus `meta` (msgid used, the network's reference id, warnings).
// Every method accepts `{ msgid }`: the outbox allocates a msgid (MsgIdSource), stores it with
// its message, and passes it in, so the msgid is durable before the request leaves.
//
// Before anything leaves, every field the spec marks required is checked: a missing one throws
// RequestIncompleteError (AppFailure NETWORK_REQUEST_INCOMPLETE, Chinese message naming the field).
// Failures of a call that left are thrown as exactly one of the errors in ./errors (see there):
//   NotSentError (resend with the same msgid; SignInEndedError: with a new one), UnknownOutcomeError
//   and BadResponseError (resolve by 5203 / 2601 first), BusinessRejectedError (dead letter with
//   err_msg; GatewayRefusalError: a gateway's own answer). `retryAs(err)` names the action.
//
// Sign-in: 9001 before the first call of each China business day, and again whenever the
// platform refuses a call because the sign-in ended — the call is then sent once more under a
// new msgid (`renewMsgid` lets a durable caller record it first). `close()` signs out (9002).
import type {
  AdmitInput, AdmitResult, CancelInput, DischargeInput, DrugSaleInput, DrugSaleResult, EntitlementInput, EntitlementResult,
  FeeCancelInput, FeeUploadInput, FeeUploadResult, InpatientFeeCancelInput, InpatientSettleInput, NetChronicRegistration, NetFile,
  NetPerson, NetSettlement, NetYearToDateRow, PersonQuery, PersonRef, PreSettleInput, ReconcileDetailsInput, ReconcileDetailsResult,
  ReconcileTotalsInput, ReconcileTotalsResult, RegisterInput, RegisterResult, ReverseInput, ReverseResult, SettlementQuery,
  SettleInput, SignInResult, SignOutResult, VisitCancelInput, VisitInfoInput, Identity,
} from './types';
import type { FundMap } from './funds';
import type { RefusalKind, RefusalPatterns } from './patterns';

export * from './types';
export * from './errors';
export { MsgIdSource, isMsgid, stampOf, type MsgIdSourceOptions } from './msgid';
export { RequestIncompleteError, REQUIRED } from './required';
export { placeFund, fundMapProblem, FUND_LAYERS, HOSPITAL_LAYER, type FundMap, type FundPlace } from './funds';
export { readSettlement, settlementProblems } from './settlement-read';
export { RefusalMatcher, DEFAULT_REFUSAL_PATTERNS, refusalPatternsProblem, type RefusalKind, type RefusalPatterns } from './patterns';
export { readZip, writeZip, isZip } from './zip';
export { SignInEndedError } from './client';
export * from './catalog';

/** Per call: a pre-allocated msgid (else the client allocates one) and a timeout override. */
export interface SendOptions {
  msgid?: string;
  /**
   * With a caller-given msgid: called when the call must be sent again under a new msgid (the
   * platform ended the sign-in and refused it); returns the new msgid once it is stored.
   */
  renewMsgid?: (infno: string) => Promise<string>;
  timeoutMs?: number;
  /** The operator (cashier) for opter / opter_name of this call; default the setup's. */
  operator?: { code: string; name: string };
}

/** What every answer carries besides its business content. */
export interface ReplyMeta {
  /** The msgid the request went out with. */
  msgid: string;
  infno: string;
  /** inf_refmsgid: the network's own id of the message. */
  refMsgid: string;
  warnMsg: string;
  /** respond_time as sent, or '' */
  respondTime: string;
}

export type Answer<T> = T & { readonly meta: ReplyMeta };

/** TLS to the endpoint: PEM text or file paths are resolved by the caller (setup) into PEM text. */
export interface TlsOptions {
  /** Extra CA certificate(s) (PEM) trusted for the endpoint. */
  ca?: string | string[];
  /** Client certificate and key (PEM) for mutual TLS, or a PKCS#12 bundle. */
  cert?: string;
  key?: string;
  pfx?: Buffer;
  passphrase?: string;
  /** Default true; false only for a technician's test against a self-signed endpoint. */
  rejectUnauthorized?: boolean;
  /** SNI / certificate host name override. */
  servername?: string;
}

/**
 * A region's gateway: extra HTTP headers, envelope signing (cainfo/signtype), encryption of
 * `input` and decryption of `output`. All hooks optional; the default is plain JSON.
 */
export interface GatewayPlugin {
  name: string;
  /** Extra HTTP headers for this request (e.g. CSB `_api_*` or TIF `x-tif-*`). */
  headers?(ctx: { infno: string; body: string; now: Date }): Record<string, string>;
  /** Called with the envelope before serialising: may replace `input`, set cainfo/signtype/enctype. */
  seal?(envelope: Record<string, unknown>): Record<string, unknown>;
  /** Called with the parsed response before validation: may decrypt `output`, verify cainfo. Throw to reject. */
  open?(response: Record<string, unknown>): Record<string, unknown>;
}

/** The message log (SQLite by default): personal data is masked before anything is written. */
export interface MessageLogSink {
  started(entry: { msgid: string; infno: string; endpoint: string; at: Date; request: unknown }): number;
  finished(id: number, entry: {
    at: Date; outcome: 'ok' | 'rejected' | 'notSent' | 'unknownOutcome' | 'badResponse';
    httpStatus?: number; infcode?: string; errMsg?: string; response?: unknown; durationMs: number;
  }): void;
}

export interface NetworkSetup {
  /** The full endpoint URL, posted to as is (http: or https:). */
  endpoint: string;
  institutionCode: string;
  institutionName: string;
  /** mdtrtarea_admvs: the institution's region (6 digits). */
  region: string;
  /** recer_sys_code, e.g. "MBS_LOCAL". */
  receiverSystemCode: string;
  /** infver, e.g. "V1.0". */
  interfaceVersion: string;
  /** opter_type: 1 operator, 2 self-service terminal, 3 mobile. */
  operatorType: string;
  operatorCode: string;
  operatorName: string;
  /** Two digits: part of every msgid. */
  terminalNo: string;
  /** dev_no (optional). */
  deviceNo?: string;
  /** Per-request timeout (whole request), ms. Default 30000. */
  timeoutMs?: number;
  /** Connect timeout, ms (a connect that never completes is NotSent). Default min(timeoutMs, 10000). */
  connectTimeoutMs?: number;
  tls?: TlsOptions;
  /** psn_idet_type code (the region's 1901 PSN_IDET_TYPE) -> our identity; no code of our own. */
  identityMap?: Record<string, Identity>;
  /** opsp_dise_code (5301, the 1309 catalog) -> the chronic code the policy packs use. */
  chronicMap?: Record<string, string>;
  /** fund_pay_type -> layer key (or "account" / "hospital"), over the spec's families. */
  fundMap?: FundMap;
  /** Extra refusal patterns of the site (NETWORK-SPEC §12.5), added to the defaults. */
  refusalPatterns?: RefusalPatterns;
  /** Sign in automatically (first call of the day, after the platform ended it). Default true. */
  autoSignIn?: boolean;
  /** Local MAC / IP reported in 9001 (optional). */
  mac?: string;
  ip?: string;
}

/** The client the settle area codes against. */
export interface NetworkClient {
  readonly setup: Readonly<NetworkSetup>;
  /** sign_no of the current sign-in, if signed in. */
  readonly signNo: string | undefined;
  /** Last transport outcome seen: true after any answer, false after NotSent/Unknown. */
  readonly lastSeenOnline: { online: boolean; at: Date } | undefined;
  /** Whether an error is the platform's refusal of a kind (by the setup's patterns). */
  isRefusal(err: unknown, kind: RefusalKind): boolean;

  signIn(opts?: SendOptions): Promise<Answer<SignInResult>>;
  signOut(opts?: SendOptions): Promise<Answer<SignOutResult>>;
  /** 9002 when signed in (closing the window); never throws. */
  close(timeoutMs?: number): Promise<{ signedOut: boolean; error?: string }>;
  /** Whether the network answers (1901 while signed in today, else 9001): for probes; throws the call's error. */
  ping(opts?: SendOptions): Promise<void>;

  /** 1101 only: baseinfo, insuinfo (the visit's insutype picked), idetinfo through the identity map. `chronic` is empty. */
  personInfo(q: PersonQuery, opts?: SendOptions): Promise<Answer<{ person: NetPerson }>>;
  /** 1101 + 5301: the person with their chronic-disease registrations. */
  personRecord(q: PersonQuery, opts?: SendOptions): Promise<Answer<{ person: NetPerson }>>;
  chronicRegistrations5301(person: PersonRef, opts?: SendOptions): Promise<Answer<{ registrations: NetChronicRegistration[] }>>;
  /** 5206: the year-to-date figures as sent (cum_type_code rows); `month` yyyyMM, default all. */
  yearToDate5206(person: PersonRef, month?: string, opts?: SendOptions): Promise<Answer<{ rows: NetYearToDateRow[] }>>;
  /** 2001: whether the person enjoys benefits for this kind of visit now (before fees are taken). */
  entitlement2001(input: EntitlementInput, opts?: SendOptions): Promise<Answer<EntitlementResult>>;

  register2201(input: RegisterInput, opts?: SendOptions): Promise<Answer<RegisterResult>>;
  visitInfo2203(input: VisitInfoInput, opts?: SendOptions): Promise<Answer<{ visitId: string }>>;
  uploadFees2204(input: FeeUploadInput, opts?: SendOptions): Promise<Answer<FeeUploadResult>>;
  preSettle2206(input: PreSettleInput, opts?: SendOptions): Promise<Answer<{ settlement: NetSettlement }>>;
  settle2207(input: SettleInput, opts?: SendOptions): Promise<Answer<{ settlement: NetSettlement }>>;
  cancel2208(input: CancelInput, opts?: SendOptions): Promise<Answer<{ settlement: NetSettlement }>>;
  /** 2205: takes back fee lines not yet settled (batchNo default "0000": all of the visit's). */
  cancelFees2205(input: FeeCancelInput, opts?: SendOptions): Promise<Answer<{ visitId: string }>>;
  /** 2202: takes back a registration that has no valid settlement. */
  cancelRegister2202(input: VisitCancelInput, opts?: SendOptions): Promise<Answer<{ visitId: string }>>;

  admit2401(input: AdmitInput, opts?: SendOptions): Promise<Answer<AdmitResult>>;
  uploadFees2301(input: FeeUploadInput, opts?: SendOptions): Promise<Answer<FeeUploadResult>>;
  preSettle2303(input: InpatientSettleInput, opts?: SendOptions): Promise<Answer<{ settlement: NetSettlement }>>;
  settle2304(input: InpatientSettleInput, opts?: SendOptions): Promise<Answer<{ settlement: NetSettlement }>>;
  cancel2305(input: CancelInput, opts?: SendOptions): Promise<Answer<{ settlement: NetSettlement }>>;
  discharge2402(input: DischargeInput, opts?: SendOptions): Promise<Answer<{ visitId: string }>>;
  /** 2302: takes back inpatient fee lines not yet settled (lineNo default "0000": all of the visit's). */
  cancelFees2302(input: InpatientFeeCancelInput, opts?: SendOptions): Promise<Answer<{ visitId: string }>>;
  /** 2404: takes back an admission that has no valid settlement. */
  cancelAdmission2404(input: VisitCancelInput, opts?: SendOptions): Promise<Answer<{ visitId: string }>>;

  /** 2601: 'reversed', or the network's explicit 'notFound' / 'alreadyReversed'; any other refusal is thrown. */
  reverse2601(input: ReverseInput, opts?: SendOptions): Promise<Answer<ReverseResult>>;
  /** 5203 by setl_id (with mdtrt_id and psn_no): the settlement or cancellation record as the network holds it. */
  querySettlement5203(q: SettlementQuery, opts?: SendOptions): Promise<Answer<{ settlement: NetSettlement }>>;
  reconcileTotals3201(input: ReconcileTotalsInput, opts?: SendOptions): Promise<Answer<ReconcileTotalsResult>>;
  /** Uploads the detail file (9101, zipped), runs 3202, downloads the result (9102). `opts.msgid` applies to 3202. */
  reconcileDetails3202(input: ReconcileDetailsInput, opts?: SendOptions): Promise<Answer<ReconcileDetailsResult>>;
  /** 9102: the file itself (a zip), read into its entries. */
  download9102(fileQueryNo: string, filename: string, opts?: SendOptions & { owner?: string }): Promise<Answer<NetFile>>;
  /** 3505 after a settlement / 3506 after its cancellation: a drug line's traceability codes. */
  sellDrug3505(input: DrugSaleInput, opts?: SendOptions): Promise<Answer<DrugSaleResult>>;
  returnDrug3506(input: DrugSaleInput, opts?: SendOptions): Promise<Answer<DrugSaleResult>>;

  /** The raw transaction: envelope + input node(s) -> parsed `output` (infcode checked). */
  send(infno: string, input: Record<string, unknown>, opts?: SendOptions): Promise<{ output: Record<string, unknown>; meta: ReplyMeta }>;
}

export { checkSetup, type NetworkClientDeps } from './client';
export { HttpNetworkClient } from './transactions';
export { SqliteMessageLog, maskMessage } from './message-log';
export { sm3Sm4Gateway, cryptoSupport, type Sm3Sm4Options } from './gateway';
export { parseEnvelope, parseBody, wireMoney, wireString, type ParsedEnvelope } from './parse';
export { exportSupportBundle, type SupportBundleOptions } from './support-bundle';

import { HttpNetworkClient as Client } from './transactions';
import type { NetworkClientDeps as Deps } from './client';

export function createNetworkClient(setup: NetworkSetup, deps: Deps): Client {
  return new Client(setup, deps);
}
