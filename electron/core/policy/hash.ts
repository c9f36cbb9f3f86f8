// The content hash recorded on every settlement: sha256 of the pack's canonical JSON
// (keys sorted, no whitespace), so that the same rules hash alike whatever the file's layout.
import { createHash } from 'node:crypto';
import type { PolicyPack } from './types';

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const cache = new WeakMap<object, string>();

/** "sha256:<hex>" of the pack's canonical JSON (cached per pack object). */
export function packHash(pack: PolicyPack): string {
  let h = cache.get(pack);
  if (!h) {
    h = 'sha256:' + createHash('sha256').update(canonicalJson(pack)).digest('hex');
    cache.set(pack, h);
  }
  return h;
}
