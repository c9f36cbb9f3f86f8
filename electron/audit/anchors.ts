// Anchors of the audit chain kept outside its table: the count of entries and the head hash at a
// moment. One sits next to every backup (<backup>.anchor.json), one is kept current in
// DATA_DIR/keys/audit-head.json, and the day's summary shows one (count and the first 16 hex of
// the head) on screen and paper. A log later found shorter than an anchor was cut off; a log whose
// entry at an anchor's count has another hash was rewritten, even if its chain links again.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../store/files';
import { backupFolders } from '../store/recovery';
import type { AuditAnchor } from './log';

export const ANCHOR_SUFFIX = '.anchor.json';
const KIND = 'settle-window-audit-anchor';

export interface AnchorRecord extends AuditAnchor {
  kind: typeof KIND;
  storeId: string;
  at: string;
  /** HMAC of the fields with the audit key, when the key was at hand. */
  mac?: string;
}

export type SourcedAnchor = AuditAnchor & { source: string };

function macOf(key: Buffer, r: Omit<AnchorRecord, 'mac' | 'kind'>): string {
  return crypto.createHmac('sha256', key).update(`${r.storeId}|${r.count}|${r.head}|${r.at}`).digest('hex');
}

export function anchorRecord(storeId: string, a: AuditAnchor, at: Date, key?: Buffer): AnchorRecord {
  const r = { storeId, count: a.count, head: a.head, at: at.toISOString() };
  return { kind: KIND, ...r, ...(key ? { mac: macOf(key, r) } : {}) };
}

export function headFilePath(dataDir: string): string {
  return path.join(dataDir, 'keys', 'audit-head.json');
}

export function writeAnchorFile(file: string, record: AnchorRecord): void {
  writeFileAtomic(file, JSON.stringify(record) + '\n', { mode: 0o600 });
}

/** An anchor file of this store, or undefined (not ours, unreadable, or its MAC does not hold). */
function readAnchor(file: string, storeId: string, key?: Buffer): AnchorRecord | undefined {
  try {
    const r = JSON.parse(fs.readFileSync(file, 'utf8')) as AnchorRecord;
    if (r.kind !== KIND || r.storeId !== storeId || !Number.isSafeInteger(r.count) || typeof r.head !== 'string' || r.head.length < 12) return undefined;
    if (key && r.mac !== undefined && r.mac !== macOf(key, r)) return undefined;
    return r;
  } catch {
    return undefined;
  }
}

/** Where a restore notes when it replaced the database: anchors made before then describe the old log. */
export function restoredMarkPath(dataDir: string): string {
  return path.join(dataDir, 'keys', 'audit-restored.json');
}

function restoredAt(dataDir: string): string | undefined {
  try {
    const at = (JSON.parse(fs.readFileSync(restoredMarkPath(dataDir), 'utf8')) as { at?: unknown }).at;
    return typeof at === 'string' ? at : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Every anchor of this store: the head file and the anchors next to backups (both folders), and
 * `extraDirs`. Anchors from before the last restore are left out: they describe the log replaced.
 */
export function collectAnchors(dataDir: string, storeId: string, key?: Buffer, extraDirs: string[] = []): SourcedAnchor[] {
  const out: SourcedAnchor[] = [];
  const since = restoredAt(dataDir);
  const current = (r: AnchorRecord | undefined) => r && (!since || r.at >= since);
  const head = readAnchor(headFilePath(dataDir), storeId, key);
  if (current(head)) out.push({ count: head!.count, head: head!.head, source: 'the head file (keys/audit-head.json)' });
  for (const dir of [...new Set([...backupFolders(dataDir), ...extraDirs])]) {
    let names: string[];
    try {
      names = fs.readdirSync(dir).filter((n) => n.endsWith(ANCHOR_SUFFIX));
    } catch {
      continue;
    }
    for (const n of names) {
      const r = readAnchor(path.join(dir, n), storeId, key);
      if (r && current(r)) out.push({ count: r.count, head: r.head, source: `the backup anchor ${path.join(dir, n)}` });
    }
  }
  return out;
}

/** "N:HEX[,N:HEX]" as written down from day summaries (HEX at least 12 characters of the head). */
export function parseAnchorText(text: string): SourcedAnchor[] | string {
  const out: SourcedAnchor[] = [];
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^(\d{1,12}):([0-9a-fA-F]{12,64})$/.exec(part);
    if (!m) return `not an anchor (N:HEX, HEX at least 12 hex digits): ${part}`;
    out.push({ count: Number(m[1]), head: m[2].toLowerCase(), source: `the anchor ${part} given on the command line` });
  }
  return out;
}
