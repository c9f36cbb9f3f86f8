// A damaged database at start: the app says so plainly and offers the newest backup that passes
// its own check. The folder of automatic backups is chosen in setup (kept in the database), so a
// copy of that choice lives outside it (DATA_DIR/backup-location.json): a damaged database cannot
// be asked where its backups are.
import fs from 'node:fs';
import path from 'node:path';
import { AppFailure } from '../core/result';
import { chinaDateTime } from '../core/time';
import { databasePath, openDatabase, type Db } from './db';
import { inspectBackup } from './backup';

const LOCATION_FILE = 'backup-location.json';

export interface BackupCandidate {
  file: string;
  createdAt: string;
}

/** The plain message about a damaged database: at start (it was not opened) or while running. */
export function corruptMessage(backup: BackupCandidate | undefined, atStart: boolean): string {
  const what = atStart ? '数据库文件已损坏，无法打开（数据未做任何改动）。' : '数据库检查发现文件已损坏，请立即停止收费并联系技术人员。';
  if (!backup) return `${what}没有找到完好的备份，请联系技术人员。`;
  const when = chinaDateTime(new Date(backup.createdAt));
  const how = atStart ? '请用它恢复' : '可在「系统设置 → 备份与恢复」中用它恢复（重新启动后生效）';
  return `${what}最近一份完好的备份是 ${backup.file}（备份于 ${when}），${how}；恢复后，备份之后的结算请通过医保对账补回。`;
}

/** A DB_CORRUPT failure that names the backup to restore from, when there is a good one. */
export class DbCorruptFailure extends AppFailure {
  constructor(readonly file: string, readonly backup: BackupCandidate | undefined, detail: string, atStart = true) {
    super({ code: 'DB_CORRUPT', message: corruptMessage(backup, atStart), detail });
    this.name = 'DbCorruptFailure';
  }
}

export function writeBackupLocation(dataDir: string, folder: string): void {
  fs.writeFileSync(path.join(dataDir, LOCATION_FILE), JSON.stringify({ folder }) + '\n', { mode: 0o600 });
}

/** Folders that may hold backups: DATA_DIR/backups and the automatic backups' folder. */
export function backupFolders(dataDir: string): string[] {
  const out = [path.join(dataDir, 'backups')];
  try {
    const folder = (JSON.parse(fs.readFileSync(path.join(dataDir, LOCATION_FILE), 'utf8')) as { folder?: unknown }).folder;
    if (typeof folder === 'string' && path.isAbsolute(folder) && !out.includes(folder)) out.push(folder);
  } catch {
    // no automatic backup folder chosen yet
  }
  return out;
}

/** The newest backup (*.db) in `folders` that opens and passes quick_check. */
export function lastGoodBackup(folders: string[]): BackupCandidate | undefined {
  const files: { file: string; mtime: number }[] = [];
  for (const dir of folders) {
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch {
      continue;
    }
    for (const n of names.filter((x) => x.endsWith('.db'))) {
      try {
        files.push({ file: path.join(dir, n), mtime: fs.statSync(path.join(dir, n)).mtimeMs });
      } catch {
        // gone meanwhile
      }
    }
  }
  for (const f of files.sort((a, b) => b.mtime - a.mtime)) {
    try {
      inspectBackup(f.file);
      return { file: f.file, createdAt: new Date(f.mtime).toISOString() };
    } catch {
      // damaged or not ours: try the next older one
    }
  }
  return undefined;
}

/** Opens the data dir's database; a damaged one fails with the offer of the last good backup. */
export function openStoreChecked(dataDir: string): Db {
  const file = databasePath(dataDir);
  try {
    return openDatabase(file);
  } catch (err) {
    if (!(err instanceof AppFailure) || err.error.code !== 'DB_CORRUPT') throw err;
    throw new DbCorruptFailure(file, lastGoodBackup(backupFolders(dataDir)), err.error.detail ?? 'database damaged');
  }
}
