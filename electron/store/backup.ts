// Backup and restore of the local store, so a clinic can move to a new PC.
// Backup uses SQLite's online backup API (consistent while the app is running).
// Restore refuses a file that is not our database or is from a newer version, and keeps the
// current database aside before replacing it: nothing stored is lost. Backups are readable by
// the user only (0600 in a 0700 folder), like the database itself.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { AppFailure } from '../core/result';
import { databasePath, loadMigrations, restrictDatabaseFiles, type Db } from './db';
import { copyFileAtomic, writeFileAtomic } from './files';

/** Creates `dir` (and parents) and makes it readable by the user only. */
export function privateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (process.platform !== 'win32') fs.chmodSync(dir, 0o700);
}

export async function backupTo(db: Db, outFile: string): Promise<{ file: string; bytes: number }> {
  privateDir(path.dirname(path.resolve(outFile)));
  const tmp = `${outFile}.partial`;
  fs.closeSync(fs.openSync(tmp, 'w', 0o600));
  try {
    await db.backup(tmp);
    if (process.platform !== 'win32') fs.chmodSync(tmp, 0o600);
    const fd = fs.openSync(tmp, 'r+');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, outFile);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  return { file: path.resolve(outFile), bytes: fs.statSync(outFile).size };
}

function refuse(code: string, zh: string, en: string): never {
  throw new AppFailure({ code, message: zh, detail: en });
}

/** Checks that `file` is one of our databases and not newer than this build; returns its version. */
export function inspectBackup(file: string): { schemaVersion: number; storeId: string } {
  if (!fs.existsSync(file)) refuse('RESTORE_NOT_FOUND', '找不到要恢复的备份文件', `backup file not found: ${file}`);
  const header = Buffer.alloc(16);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, header, 0, 16, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (header.toString('latin1') !== 'SQLite format 3\u0000') {
    refuse('RESTORE_NOT_OUR_DB', '该文件不是本程序的数据库备份', `not an SQLite database: ${file}`);
  }
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const hasMeta = db.prepare("SELECT 1 FROM sqlite_master WHERE type='table' AND name='store_meta'").get();
    const row = hasMeta ? (db.prepare("SELECT value FROM store_meta WHERE key='store_id'").get() as { value: string } | undefined) : undefined;
    if (!row) refuse('RESTORE_NOT_OUR_DB', '该文件不是本程序的数据库备份', `no store_meta/store_id in ${file}`);
    const version = db.pragma('user_version', { simple: true }) as number;
    const migrations = loadMigrations();
    const latest = migrations[migrations.length - 1].version;
    if (version > latest) {
      refuse('RESTORE_TOO_NEW', `备份来自更新版本的程序（数据库版本 ${version}），请先升级本程序`, `backup schema ${version} > supported ${latest}`);
    }
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') refuse('RESTORE_CORRUPT', '备份文件已损坏，无法恢复', `quick_check: ${String(check)}`);
    return { schemaVersion: version, storeId: row.value };
  } finally {
    db.close();
  }
}

/**
 * Replaces the data dir's database with `from` (validated first). The current database, if any,
 * is moved to `backups/before-restore-<time>.db`. The app must not have the database open.
 */
export function restoreInto(dataDir: string, from: string, now = new Date()): { schemaVersion: number; keptAside?: string } {
  const info = inspectBackup(from);
  const target = databasePath(dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  let keptAside: string | undefined;
  if (fs.existsSync(target)) {
    // A damaged database may refuse the checkpoint: then its -wal is kept aside beside it.
    let checkpointed = false;
    try {
      const current = new Database(target);
      try {
        current.pragma('wal_checkpoint(TRUNCATE)');
        checkpointed = true;
      } finally {
        current.close();
      }
    } catch {
      checkpointed = false;
    }
    keptAside = path.join(dataDir, 'backups', `before-restore-${now.toISOString().replace(/[:.]/g, '-')}.db`);
    privateDir(path.dirname(keptAside));
    fs.copyFileSync(target, keptAside);
    if (!checkpointed && fs.existsSync(`${target}-wal`)) fs.copyFileSync(`${target}-wal`, `${keptAside}-wal`);
  }
  const staged = `${target}.restoring`;
  fs.copyFileSync(from, staged);
  for (const suffix of ['-wal', '-shm']) fs.rmSync(target + suffix, { force: true });
  fs.renameSync(staged, target);
  restrictDatabaseFiles(target);
  // The audit chain now is the backup's: anchors of the log replaced no longer apply to it.
  privateDir(path.join(dataDir, 'keys'));
  fs.rmSync(path.join(dataDir, 'keys', 'audit-head.json'), { force: true });
  writeFileAtomic(path.join(dataDir, 'keys', 'audit-restored.json'), JSON.stringify({ at: now.toISOString(), from: path.resolve(from) }) + '\n');
  return { schemaVersion: info.schemaVersion, keptAside };
}

/** A restore chosen in the running app is staged here and applied at the next start. */
export function pendingRestorePath(dataDir: string): string {
  return path.join(dataDir, 'restore-pending.db');
}

/** Stages a checked backup for the next start, whole or not at all. */
export function stageRestore(dataDir: string, from: string): { schemaVersion: number } {
  const info = inspectBackup(from);
  copyFileAtomic(from, pendingRestorePath(dataDir));
  return { schemaVersion: info.schemaVersion };
}

/**
 * Applies a staged restore. A staged file that is no longer a good backup (say, cut short by a
 * full disk by an older build) is set aside and the current database kept: the app still starts.
 */
export function applyPendingRestore(dataDir: string, log?: { warn(m: string): void }): boolean {
  const pending = pendingRestorePath(dataDir);
  if (!fs.existsSync(pending)) return false;
  try {
    inspectBackup(pending);
  } catch (err) {
    const aside = `${pending}.rejected-${Date.now()}`;
    fs.renameSync(pending, aside);
    log?.warn(`pending restore not applied (${err instanceof AppFailure ? err.error.detail : String(err)}); kept as ${aside}`);
    return false;
  }
  restoreInto(dataDir, pending);
  fs.rmSync(pending);
  return true;
}
