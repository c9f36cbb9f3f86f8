// The outbox forwarder (settle area): see forwarder.ts.
export { Forwarder, type ForwarderDeps, type ForwarderOptions, type ForwarderStatus } from './forwarder';
export { planSettlement, planCancellation, planUndo, planCancel, reachedNetwork, isUndoStep, STEP_NAMES, type CancelPlan, type PlannedStep, type ReachedNetwork } from './steps';
export { backoffMs } from './backoff';
export { compareWithLocal, confirmedAmounts, localAmounts } from './confirm';
