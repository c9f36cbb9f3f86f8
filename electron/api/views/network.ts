// Insurance network setup and status. View types of the API contract (electron/api/contract.ts); pure types.

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
  /** The demo's 模拟断网 switch (null when no built-in simulator runs). */
  simOffline: boolean | null;
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
