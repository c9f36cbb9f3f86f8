// The outbox forwarder (settle area): see forwarder.ts.
export { Forwarder, type ForwarderDeps, type ForwarderOptions, type ForwarderStatus } from './forwarder';
export { planSettlement, planCancel, isUndoStep, STEP_NAMES, type PlannedStep } from './steps';
export { backoffMs } from './backoff';
export { compareWithLocal, confirmedAmounts, localAmounts } from './confirm';
