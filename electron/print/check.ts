// The QR check value: the first 8 hex digits of HMAC-SHA256 over the receipt's check payload,
// keyed by a secret kept in this window's settings (made once, at random).
import crypto from 'node:crypto';
import type { CheckSigner } from '../core/receipt';
import type { SettingsRepo } from '../store/settings';
import * as v from 'valibot';

const KEY_SETTING = 'receipt.checkKey';

export function hmacSigner(key: string): CheckSigner {
  return (payload) => crypto.createHmac('sha256', key).update(payload, 'utf8').digest('hex').slice(0, 8).toUpperCase();
}

/** The window's check key, created at first use. */
export function storeCheckKey(settings: SettingsRepo): string {
  // A damaged key is refused, not replaced: a new key would make every printed check value fail.
  const existing = settings.read(KEY_SETTING, v.pipe(v.string(), v.minLength(32)));
  if (existing !== undefined) return existing;
  const key = crypto.randomBytes(32).toString('hex');
  settings.set(KEY_SETTING, key);
  return key;
}

/** The key the command line uses (no data dir): receipts it writes verify only against itself. */
export const DEMO_CHECK_KEY = 'settle-window-demo-receipt-key';
