// Day-end reconciliation (settle area): see reconcile.ts.
export { Reconciler, MISMATCH_NAMES, type ReconcilerDeps } from './reconcile';
export { runView, runCsv, mismatchView } from './views';
export { toCsv, csvCell } from './csv';
