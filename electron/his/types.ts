// Types of the HIS bridge: a visit as the HIS sends it (validated), its state at the window,
// and the settlement result handed back. Pure types, shared by the server, store and service.

export type VisitType = 'outpatient' | 'chronicOutpatient' | 'inpatient';
export const VISIT_TYPES: readonly VisitType[] = ['outpatient', 'chronicOutpatient', 'inpatient'];

export type VisitState = 'waiting' | 'pre-settled' | 'settled' | 'cancelled';

/** Identity hints the window matches with the card read (at least one of them is present). */
export interface PatientHints {
  idNumber?: string;
  name?: string;
  cardNumber?: string;
  /** Six-digit insurance region (参保地). */
  insuranceRegion?: string;
}

export interface CodeName {
  code?: string;
  name: string;
}

export interface Diagnosis {
  code: string;
  name?: string;
}

/** One fee line. quantity and unitPrice are decimal strings; amount = quantity x unitPrice to the fen. */
export interface HisFeeLine {
  lineNo?: string;
  itemCode: string;
  itemName: string;
  quantity: string;
  unitPrice: string;
  amount: string;
  time: string;
  /** Charge category (med_chrgitm_type, 01..14) when the HIS knows it; the catalog mapping wins. */
  category?: string;
  unit?: string;
  specification?: string;
}

/** A visit as received on POST /his/v1/visits (after validation and normalisation). */
export interface HisVisitInput {
  hisVisitId: string;
  visitType: VisitType;
  patient: PatientHints;
  department: CodeName;
  doctor: CodeName;
  diagnoses: Diagnosis[];
  visitTime?: string;
  admissionDate?: string;
  dischargeDate?: string;
  lines: HisFeeLine[];
  /** Free-form HIS data kept with the visit (at most 4 KB of JSON). */
  extra?: Record<string, unknown>;
}

export interface SettlementLayer {
  key: string;
  name: string;
  amount: string;
}

/** The settlement result, as stored and as handed back to the HIS. */
export interface HisSettlementResult {
  settlementId: string;
  receiptNo: string;
  layers: SettlementLayer[];
  cash: string;
  settledAt: string;
}

export interface HisCancellation {
  cancelledAt: string;
  reason?: string;
  /** The cancellation (refund) document id when a settled visit was cancelled. */
  cancellationId?: string;
}

/** A stored visit (full, with personal data unmasked: for the window's own matching). */
export interface HisVisit extends HisVisitInput {
  state: VisitState;
  revision: number;
  source: 'api' | 'drop';
  total: string;
  receivedAt: string;
  updatedAt: string;
  cancelRequested?: { at: string; reason?: string };
  settlement?: HisSettlementResult;
  cancellation?: HisCancellation;
}

/** What the window's lists show: personal data masked. */
export interface HisVisitSummary {
  hisVisitId: string;
  state: VisitState;
  visitType: VisitType;
  patientName?: string;
  patientIdNumber?: string;
  patientCardNumber?: string;
  department: string;
  doctor: string;
  total: string;
  lineCount: number;
  unmappedCount: number;
  cancelRequested: boolean;
  receivedAt: string;
}

/** Charge categories (med_chrgitm_type): one national code table, kept with the receipt labels. */
export { CHARGE_CATEGORIES } from '../core/receipt/labels';
