// Every command of `npm run cli -- <command>`; each module exports `run(argv): Promise<number>`.
// Loaded lazily so that one command's dependencies never slow another's start.

import type { FlagSpec } from './args';

export type CommandModule = { run(argv: string[]): Promise<number>; summary: string; flags: FlagSpec };

export const commands: Record<string, () => Promise<CommandModule>> = {
  'audit-verify': () => import('./audit-verify.js'),
  backup: () => import('./backup.js'),
  'catalog-sync': () => import('./catalog-sync.js'),
  chaos: () => import('./chaos.js'),
  restore: () => import('./restore.js'),
  settle: () => import('./settle.js'),
  'his-demo': () => import('./his-demo.js'),
  'his-openapi': () => import('./his-openapi.js'),
  'network-check': () => import('./network-check.js'),
  'network-sim': () => import('./network-sim.js'),
  'policy-check': () => import('./policy-check.js'),
  'read-card': () => import('./read-card.js'),
  'read-idcard': () => import('./read-idcard.js'),
  receipt: () => import('./receipt.js'),
};
