// The installation's audit key: 32 random bytes, made once, kept outside the database file in
// DATA_DIR/keys/audit.key (folder 0700, file 0600). Where Electron's safeStorage can seal it (the
// operating system's user keychain / DPAPI), the file holds only the sealed form, and only this
// user's Electron app can use it. The file also says from which entry on the chain is keyed.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { privateDir } from '../store/backup';
import { writeFileAtomic } from '../store/files';
import type { AuditKeyInfo } from './log';

/** Seals secrets with the operating system (Electron's safeStorage); set by electron/main.ts. */
export interface SecretProtector {
  encrypt(plain: Buffer): Buffer;
  decrypt(sealed: Buffer): Buffer;
}

let protector: SecretProtector | undefined;

export function setSecretProtector(p: SecretProtector | undefined): void {
  protector = p;
}

export function auditKeyPath(dataDir: string): string {
  return path.join(dataDir, 'keys', 'audit.key');
}

interface KeyFile {
  v: 1;
  protection: 'safeStorage' | 'none';
  /** Keyed from this sequence number on (plain, so it is known even where the key cannot be unsealed). */
  since: number;
  /** base64: the key, or the sealed JSON { key, since } */
  data: string;
}

export type KeyState =
  | { state: 'none' }
  | { state: 'ok'; key: AuditKeyInfo; protection: KeyFile['protection'] }
  | { state: 'sealed'; since: number; reason: string };

/** Reads the key (never creates one). */
export function readAuditKey(dataDir: string): KeyState {
  let file: KeyFile;
  try {
    file = JSON.parse(fs.readFileSync(auditKeyPath(dataDir), 'utf8')) as KeyFile;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'none' };
    return { state: 'sealed', since: 1, reason: `audit key file unreadable: ${String(err)}` };
  }
  const since = Number.isSafeInteger(file.since) && file.since > 0 ? file.since : 1;
  if (file.protection === 'none') return { state: 'ok', key: { key: Buffer.from(file.data, 'base64'), since }, protection: 'none' };
  if (!protector) return { state: 'sealed', since, reason: 'audit key is sealed by the operating system for the desktop app' };
  try {
    const inner = JSON.parse(protector.decrypt(Buffer.from(file.data, 'base64')).toString('utf8')) as { key: string; since: number };
    return { state: 'ok', key: { key: Buffer.from(inner.key, 'base64'), since: inner.since }, protection: 'safeStorage' };
  } catch (err) {
    return { state: 'sealed', since, reason: `audit key could not be unsealed: ${String(err)}` };
  }
}

/** The key, made now if there is none yet; `nextSeq` is the first entry it will key. */
export function ensureAuditKey(dataDir: string, nextSeq: () => number): KeyState {
  const cur = readAuditKey(dataDir);
  if (cur.state !== 'none') return cur;
  const key = crypto.randomBytes(32);
  const since = nextSeq();
  const file: KeyFile = protector
    ? { v: 1, protection: 'safeStorage', since, data: protector.encrypt(Buffer.from(JSON.stringify({ key: key.toString('base64'), since }))).toString('base64') }
    : { v: 1, protection: 'none', since, data: key.toString('base64') };
  privateDir(path.dirname(auditKeyPath(dataDir)));
  writeFileAtomic(auditKeyPath(dataDir), JSON.stringify(file) + '\n', { mode: 0o600 });
  return { state: 'ok', key: { key, since }, protection: file.protection };
}
