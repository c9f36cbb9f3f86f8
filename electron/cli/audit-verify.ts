// `npm run --silent cli -- audit-verify --data-dir DIR [--anchor N:HEX[,N:HEX]] [--anchors-dir DIR]`:
// walks the audit log's chain (keyed entries checked with the installation's key where it can be
// read here) and holds it against the anchors kept outside the table: the head file, the anchors
// next to backups (DATA_DIR/backups, the automatic backups' folder, --anchors-dir), and anchors
// written down from day summaries (--anchor). Prints {"ok":true,"entries":N,...} (exit 0), or
// names what broke: an entry, a cut-off tail (truncated) or a recomputed chain (rewritten) (exit 1).
// 2 on bad usage.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs, printJsonLine, requireFlag, stringFlag, type FlagSpec } from './args';
import { databasePath, openDatabase } from '../store/db';
import { AuditLog, type VerifyResult } from '../audit/log';
import { readAuditKey } from '../audit/key';
import { collectAnchors, parseAnchorText } from '../audit/anchors';

export const summary = 'verify the audit log: chain, key, anchors: --data-dir DIR [--anchor N:HEX] [--anchors-dir DIR]';
export const flags: FlagSpec = { strings: ['data-dir', 'anchor', 'anchors-dir'] };

function explain(r: VerifyResult): string {
  if (r.truncated) return `审计日志被截短：${r.truncated.source} 记有 ${r.truncated.anchored} 条，现只有 ${r.truncated.found} 条 / log truncated: ${r.reason}`;
  if (r.rewritten) return `审计日志被改写后重新计算：第 ${r.rewritten.at} 条与 ${r.rewritten.source} 不符 / chain rewritten: ${r.reason}`;
  return `审计日志第 ${r.brokenAt} 条被篡改 / entry ${r.brokenAt} broken: ${r.reason}`;
}

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, flags);
  const dataDir = path.resolve(requireFlag(args, 'data-dir'));
  const given = parseAnchorText(stringFlag(args, 'anchor') ?? '');
  if (typeof given === 'string') {
    process.stderr.write(`audit-verify: ${given}\n`);
    return 2;
  }
  const file = databasePath(dataDir);
  if (!fs.existsSync(file)) {
    process.stderr.write(`audit-verify: 数据目录中没有数据库 / no database at ${file}\n`);
    return 2;
  }
  const db = openDatabase(file, { readonly: true });
  try {
    const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'").get();
    if (!hasTable) {
      printJsonLine({ ok: true, entries: 0 });
      return 0;
    }
    const storeId = (db.prepare("SELECT value FROM store_meta WHERE key = 'store_id'").get() as { value: string } | undefined)?.value ?? '';
    const key = readAuditKey(dataDir);
    const keyInfo = key.state === 'ok' ? key.key : undefined;
    const log = new AuditLog(db, () => new Date(), keyInfo, key.state === 'sealed' ? key.since : undefined);
    const extra = stringFlag(args, 'anchors-dir');
    const anchors = [...collectAnchors(dataDir, storeId, keyInfo?.key, extra ? [path.resolve(extra)] : []), ...given];
    const result = { ...log.verify(anchors), anchors: anchors.length };
    if (key.state === 'sealed') process.stderr.write(`audit-verify: 密钥由桌面程序保管，此处无法核对各条目的密钥校验值，仅核对链条与锚点 / ${key.reason}\n`);
    if (!result.ok) process.stderr.write(`audit-verify: ${explain(result)}\n`);
    printJsonLine(result);
    return result.ok ? 0 : 1;
  } finally {
    db.close();
  }
}
