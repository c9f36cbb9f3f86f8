// HIS bridge. View types of the API contract (electron/api/contract.ts); pure types.
import type { ApiError, Money } from './common';

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
  /** Files larger than this many MB fail without being read (default 20). */
  maxFileMB?: number;
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
