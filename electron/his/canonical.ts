// The SHA-256 of a visit body's canonical JSON (electron/core/canonical-json.ts): its identity
// for idempotency.
import crypto from 'node:crypto';

export { canonicalJson } from '../core/canonical-json';

export function sha256(data: string | Buffer): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}
