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

export interface ApiContract {
  'app.info': Call<void, AppInfo>;
  'setup.institution.get': Call<void, InstitutionSetup>;
  'setup.institution.set': Call<InstitutionSetup, InstitutionSetup>;
  'setup.backup': Call<void, BackupInfo>;
  'setup.backups': Call<void, BackupInfo[]>;
  'setup.restore': Call<{ file: string }, { restoredSchemaVersion: number }>;
  // ---------------------------------------------------------------- operators and audit (issue 8)
  // ---------------------------------------------------------------- policies and engine (issue 3)
  // ---------------------------------------------------------------- devices (issue 5)
  // ---------------------------------------------------------------- settlement, network, queue (issue 4)
  // ---------------------------------------------------------------- HIS bridge (issue 6)
  // ---------------------------------------------------------------- receipts and printing (issue 7)
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
