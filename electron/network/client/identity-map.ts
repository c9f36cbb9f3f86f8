// psn_idet_type codes -> our identities. The codes are region dictionaries (1901 PSN_IDET_TYPE);
// these defaults are the built-in simulator's, and the setup overrides them per region.
import type { Identity } from './types';

export const DEFAULT_IDENTITY_MAP: Record<string, Identity> = {
  '210': 'poverty',
  '220': 'lowIncome',
  '230': 'destitute',
  '240': 'severeDisability',
  '250': 'atRisk',
};

/** Our identity -> the code the built-in simulator sends. */
export const SIM_IDENTITY_CODES: Record<Identity, string> = Object.fromEntries(
  Object.entries(DEFAULT_IDENTITY_MAP).map(([code, id]) => [id, code]),
) as Record<Identity, string>;
