// THE public entry of the built-in insurance network simulator (netclient area).
//   startNetworkSimulator({ port, faults, seed, packsDir, log }) -> { url, port, close(), stats(), setFaults(), ledger(), registerToken() }
// See server.ts (endpoints, idempotency), faults.ts (fault spec), ledger.ts (inspection).
export { startNetworkSimulator, type NetworkSimulator, type NetworkSimulatorOptions, type SimStats } from './server';
export { parseFaults, formatFaults, type FaultSpec, type FaultKind } from './faults';
export { type SimLedger, type SimLedgerSettlement } from './ledger';
export { derivedEVoucherToken } from './handlers-person';
