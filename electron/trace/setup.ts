// The trace setup of this institution (settings key `trace.setup`): whether the window asks for the
// codes between the pre-settlement and the payment, the code format (20 digits by default), the pharmacist the sale records name (phar_name, phar_prac_cert_no: required by the
// network) and the lot number sent when neither the HIS nor the box gave one.
import type { SettingsRepo } from '../store/settings';
import { bool, obj, parseWith, str } from '../api/validate';
import { AppFailure } from '../core/result';
import { DEFAULT_CODE_PATTERN } from './rules';

export interface TraceSetup {
  /** The window's scan step for a HIS visit's drug lines (off: nothing is scanned or recorded). */
  scanAtWindow: boolean;
  /** A regular expression a scanned code must match. */
  codePattern: string;
  pharmacistName: string;
  pharmacistCertNo: string;
  /** manu_lotnum when the lot is not known (the network requires one). */
  unknownLot: string;
}

export const DEFAULT_TRACE_SETUP: TraceSetup = { scanAtWindow: false, codePattern: DEFAULT_CODE_PATTERN, pharmacistName: '', pharmacistCertNo: '', unknownLot: '-' };

function validPattern(s: string): boolean {
  try {
    new RegExp(s);
    return true;
  } catch {
    return false;
  }
}

export const traceSetupInput = obj({
  scanAtWindow: bool(),
  codePattern: str({ min: 1, max: 200 }),
  pharmacistName: str({ max: 50 }),
  pharmacistCertNo: str({ max: 50, pattern: /^[A-Za-z0-9-]*$/ }),
  unknownLot: str({ min: 1, max: 30 }),
});

const KEY = 'trace.setup';

export function readTraceSetup(settings: SettingsRepo): TraceSetup {
  const stored = settings.get<unknown>(KEY);
  const merged = { ...DEFAULT_TRACE_SETUP, ...(typeof stored === 'object' && stored ? stored : {}) };
  const checked = parseWith(traceSetupInput, merged, KEY);
  return checked.ok && validPattern(checked.value.codePattern) ? checked.value : DEFAULT_TRACE_SETUP;
}

/** Refuses a format that is not a regular expression (named by its field). */
export function writeTraceSetup(settings: SettingsRepo, s: TraceSetup): TraceSetup {
  if (!validPattern(s.codePattern)) return invalidPattern();
  settings.set(KEY, s);
  return s;
}

function invalidPattern(): never {
  throw new AppFailure({ code: 'VALIDATION', message: '追溯码格式规则不是有效的正则表达式', detail: 'trace.setup.codePattern is not a valid regular expression', field: 'codePattern' });
}
