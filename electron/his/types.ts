// Types of the HIS bridge: a visit as the HIS sends it (validated), its state at the window,
// and the settlement result handed back. Pure types, shared by the server, store and service.
import type { VisitBody } from './visit-schema';

export type VisitType = 'outpatient' | 'chronicOutpatient' | 'inpatient';
export const VISIT_TYPES: readonly VisitType[] = ['outpatient', 'chronicOutpatient', 'inpatient'];

export type VisitState = 'waiting' | 'pre-settled' | 'settled' | 'cancelled';

// A visit as the HIS sends it: the output of the visit body's schema (visit-schema.ts), so the
// checks and these types cannot drift apart.
/** A visit as received on POST /his/v1/visits (after validation and normalisation). */
export type HisVisitInput = VisitBody;
/** Identity hints the window matches with the card read (at least one of them is present). */
export type PatientHints = HisVisitInput['patient'];
export type CodeName = HisVisitInput['department'];
export type Diagnosis = HisVisitInput['diagnoses'][number];
/** One fee line. quantity and unitPrice are decimal strings; amount = quantity x unitPrice to the fen. */
export type HisFeeLine = HisVisitInput['lines'][number];

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
