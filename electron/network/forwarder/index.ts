// The outbox forwarder (settle area): see forwarder.ts.
export { Forwarder, type ForwarderDeps, type ForwarderOptions, type ForwarderStatus } from './forwarder';
export { planSettlement, planCancel, isUndoStep, STEP_NAMES, type PlannedStep } from './steps';
export { backoffMs } from './backoff';
export { compareWithLocal, confirmedAmounts, localAmounts } from './confirm';
export { type NetworkConfirmed } from './confirm';
export { visitClinical, type ClinicalDoc, type VisitClinical, type VisitSetup, type HisClinical, type ClinicalSources } from './clinical';
