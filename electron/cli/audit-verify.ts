// `npm run --silent cli -- audit-verify --data-dir DIR`: walks the audit log's hash chain.
// Prints {"ok":true,"entries":N} (exit 0) or names the first broken entry (exit 1); 2 on bad usage.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs, printJsonLine, requireFlag, type FlagSpec } from './args';
import { databasePath, openDatabase } from '../store/db';
import { AuditLog } from '../audit/log';

export const summary = 'verify the audit log hash chain: --data-dir DIR (prints {"ok":..,"entries":N})';
export const flags: FlagSpec = { strings: ['data-dir'] };

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, flags);
  const dataDir = path.resolve(requireFlag(args, 'data-dir'));
  const file = databasePath(dataDir);
  if (!fs.existsSync(file)) {
    process.stderr.write(`audit-verify: 数据目录中没有数据库 / no database at ${file}\n`);
    return 2;
  }
  const db = openDatabase(file, { readonly: true });
  try {
    const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'").get();
    const result = hasTable ? new AuditLog(db, () => new Date()).verify() : { ok: true, entries: 0 };
    if (!result.ok) process.stderr.write(`audit-verify: 审计日志第 ${result.brokenAt} 条被篡改 / entry ${result.brokenAt} broken: ${result.reason}\n`);
    printJsonLine(result);
    return result.ok ? 0 : 1;
  } finally {
    db.close();
  }
}
