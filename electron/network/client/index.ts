// THE public interface of the insurance network client (netclient area). Other areas import from
// here only. Reference: ../shared/design/NETWORK-INTERFACE.md.
//
// One method per transaction; each takes our domain types (money as decimal strings) and returns
// the parsed, validated answer plus `meta` (msgid used, the network's reference id, warnings).
// Every method accepts `{ msgid }`: the outbox allocates a msgid (MsgIdSource), stores it with
// its message, and passes it in, so the msgid is durable before the request leaves.
//
// Failures are thrown as exactly one of the errors in ./errors (see there):
//   NotSentError (resend with the same msgid), UnknownOutcomeError and BadResponseError (resolve
//   by 5203 / 2601, then redo with a new msgid), BusinessRejectedError (dead letter, err_msg).
//   `retryAs(err)` names the action.
//
// Sign-in: the client keeps the sign_no of 9001 and sends it on every later call; any call made
// before sign-in signs in first (autoSignIn, default on); if that sign-in fails, the call fails
// with NotSentError (the business message never left).
// Invalid input (e.g. a malformed amount) throws AppFailure code VALIDATION before anything is sent.
import type {
  AdmitInput, AdmitResult, CancelInput, DischargeInput, FeeCancelInput, FeeUploadInput, FeeUploadResult,
  InpatientFeeCancelInput, InpatientSettleInput, NetPerson, NetSettlement, PersonQuery, PreSettleInput, ReconcileDetailsInput, ReconcileDetailsResult,
  ReconcileTotalsInput, ReconcileTotalsResult, RegisterInput, RegisterResult, ReverseInput, ReverseResult,
  SettlementQuery, SettleInput, SignInResult, SignOutResult, VisitCancelInput, VisitInfoInput, Identity,
} from './types';

export * from './types';
export * from './errors';
export { MsgIdSource, isMsgid, stampOf, type MsgIdSourceOptions } from './msgid';
export {
  layersToWire, wireToLayers, compareLayers, layerOfDetail, basicFundCode, OTHER_LAYER_FUNDS, FUND_NAMES,
  type WireLayers, type WireDetailRow, type LayerDifference,
} from './wire-layers';

/** Per call: a pre-allocated msgid (else the client allocates one) and a timeout override. */
export interface SendOptions {
  msgid?: string;
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
  /** psn_idet_type code -> our identity (the region's dictionary). */
  identityMap?: Record<string, Identity>;
  /** Sign in automatically before the first call. Default true. */
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

  signIn(opts?: SendOptions): Promise<Answer<SignInResult>>;
  signOut(opts?: SendOptions): Promise<Answer<SignOutResult>>;
  personInfo(q: PersonQuery, opts?: SendOptions): Promise<Answer<{ person: NetPerson }>>;

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
  preSettle2303(input: PreSettleInput, opts?: SendOptions): Promise<Answer<{ settlement: NetSettlement }>>;
  settle2304(input: InpatientSettleInput, opts?: SendOptions): Promise<Answer<{ settlement: NetSettlement }>>;
  cancel2305(input: CancelInput, opts?: SendOptions): Promise<Answer<{ settlement: NetSettlement }>>;
  discharge2402(input: DischargeInput, opts?: SendOptions): Promise<Answer<{ visitId: string }>>;
  /** 2302: takes back inpatient fee lines not yet settled (lineNo default "0000": all of the visit's). */
  cancelFees2302(input: InpatientFeeCancelInput, opts?: SendOptions): Promise<Answer<{ visitId: string }>>;
  /** 2404: takes back an admission that has no valid settlement. */
  cancelAdmission2404(input: VisitCancelInput, opts?: SendOptions): Promise<Answer<{ visitId: string }>>;

  reverse2601(input: ReverseInput, opts?: SendOptions): Promise<Answer<ReverseResult>>;
  /** The settlement of a visit (or by setl_id); `settlement` null when the network has none. */
  querySettlement5203(q: SettlementQuery, opts?: SendOptions): Promise<Answer<{ settlement: NetSettlement | null }>>;
  reconcileTotals3201(input: ReconcileTotalsInput, opts?: SendOptions): Promise<Answer<ReconcileTotalsResult>>;
  /** Uploads the detail file (9101), runs 3202, downloads the result (9102). `opts.msgid` applies to 3202. */
  reconcileDetails3202(input: ReconcileDetailsInput, opts?: SendOptions): Promise<Answer<ReconcileDetailsResult>>;

  /** The raw transaction: envelope + input node(s) -> parsed `output` (infcode checked). */
  send(infno: string, input: Record<string, unknown>, opts?: SendOptions): Promise<{ output: Record<string, unknown>; meta: ReplyMeta }>;
}

export { HttpNetworkClient, createNetworkClient, type NetworkClientDeps } from './client';
export { SqliteMessageLog, maskMessage } from './message-log';
export { sm3Sm4Gateway, cryptoSupport, type Sm3Sm4Options } from './gateway';
export { parseEnvelope, wireMoney, wireString, type ParsedEnvelope } from './parse';
export { exportSupportBundle, type SupportBundleOptions } from './support-bundle';
