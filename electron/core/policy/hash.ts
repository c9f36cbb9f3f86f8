// The content hash recorded on every settlement: sha256 of the pack's canonical JSON
// (keys sorted, no whitespace), so that the same rules hash alike whatever the file's layout.
// SHA-256 from @noble/hashes: the core stays pure (no node:crypto).
import { sha256 } from '@noble/hashes/sha256';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import { canonicalJson } from '../canonical-json';
import type { PolicyPack } from './types';

export { canonicalJson };

const cache = new WeakMap<object, string>();

/** "sha256:<hex>" of the pack's canonical JSON (cached per pack object). */
export function packHash(pack: PolicyPack): string {
  let h = cache.get(pack);
  if (!h) {
    h = 'sha256:' + bytesToHex(sha256(utf8ToBytes(canonicalJson(pack))));
    cache.set(pack, h);
  }
  return h;
}
