// `backup --data-dir DIR --out FILE`: an online, consistent copy (safe while the app runs), with
// the audit chain's anchor beside it (FILE.anchor.json, as the app writes for its own backups), so
// a later audit-verify holds the log against the backup's count and head.
import path from 'node:path';
import fs from 'node:fs';
import { parseArgs, requireFlag, printJsonLine, type FlagSpec } from './args';
import { openDatabase, databasePath } from '../store/db';
import { backupTo } from '../store/backup';
import type { Db } from '../store/db';
import { AuditLog } from '../audit/log';
import { readAuditKey } from '../audit/key';
import { ANCHOR_SUFFIX, anchorRecord, writeAnchorFile } from '../audit/anchors';

export const summary = 'online backup of a data dir: --data-dir DIR --out FILE';
export const flags: FlagSpec = { strings: ['data-dir', 'out'] };

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, flags);
  const dataDir = path.resolve(requireFlag(args, 'data-dir'));
  const out = path.resolve(requireFlag(args, 'out'));
  if (!fs.existsSync(databasePath(dataDir))) {
    process.stderr.write(`备份失败：${dataDir} 中没有数据库\nbackup failed: no database in ${dataDir}\n`);
    return 2;
  }
  // Opening migrates nothing newer: a database from a newer build is refused here too.
  const db = openDatabase(databasePath(dataDir));
  try {
    const result = await backupTo(db, out);
    const anchored = anchorBackup(dataDir, result.file);
    process.stderr.write(`备份完成：${result.file}\n`);
    printJsonLine({ ok: true, file: result.file, bytes: result.bytes, auditAnchor: anchored });
    return 0;
  } finally {
    db.close();
  }
}

/** Writes the anchor of the backup's own audit log beside it (keyed when the key can be read here); whether it did. */
function anchorBackup(dataDir: string, file: string): boolean {
  const copy = openDatabase(file, { readonly: true });
  try {
    if (!hasAuditLog(copy)) return false;
    const storeId = (copy.prepare("SELECT value FROM store_meta WHERE key = 'store_id'").get() as { value: string } | undefined)?.value ?? '';
    const key = readAuditKey(dataDir);
    const anchor = new AuditLog(copy, () => new Date()).anchor();
    writeAnchorFile(`${file}${ANCHOR_SUFFIX}`, anchorRecord(storeId, anchor, new Date(), key.state === 'ok' ? key.key.key : undefined));
    return true;
  } finally {
    copy.close();
  }
}

function hasAuditLog(db: Db): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'").get() !== undefined;
}
