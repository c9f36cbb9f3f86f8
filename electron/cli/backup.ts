// `backup --data-dir DIR --out FILE`: an online, consistent copy (safe while the app runs).
import path from 'node:path';
import fs from 'node:fs';
import { parseArgs, requireFlag, printJsonLine, type FlagSpec } from './args';
import { openDatabase, databasePath } from '../store/db';
import { backupTo } from '../store/backup';

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
    process.stderr.write(`备份完成：${result.file}\n`);
    printJsonLine({ ok: true, file: result.file, bytes: result.bytes });
    return 0;
  } finally {
    db.close();
  }
}
