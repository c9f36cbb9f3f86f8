// The support bundle: one JSON file a technician sends to support, with the network setup minus
// secrets, the recent message log (already masked), the recent app log lines (masked), the msgid
// state and the queue counts (from the settle area, through a callback).
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../store/db';
import { maskLogText } from '../../app/logger';
import { SqliteMessageLog } from './message-log';

const SECRET_KEY = /(key|passphrase|secret|password|token|pfx)$/i;

/** A deep copy with every secret-looking field replaced by "<set>" / "" (PEM bodies never leave). */
export function withoutSecrets(v: unknown, key = ''): unknown {
  if (SECRET_KEY.test(key)) return v ? '<set>' : '';
  if (typeof v === 'string' && v.includes('-----BEGIN')) return '<pem>';
  if (Array.isArray(v)) return v.map((x) => withoutSecrets(x));
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, withoutSecrets(x, k)]));
  }
  return v;
}

export interface SupportBundleOptions {
  db: Db;
  /** Folder the bundle file is written into. */
  outDir: string;
  setup: unknown;
  /** The app log folder (DATA_DIR/logs); the last lines of the newest files are included. */
  logDir?: string;
  /** Queue state from the settle area (outbox / dead letters counts), if installed. */
  queueState?: () => unknown;
  now?: () => Date;
  messageLimit?: number;
  logLines?: number;
  extra?: Record<string, unknown>;
}

function tailLogs(dir: string | undefined, lines: number): Record<string, string[]> {
  if (!dir || !fs.existsSync(dir)) return {};
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.log')).sort().slice(-3);
  return Object.fromEntries(
    files.map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8').split('\n').filter(Boolean).slice(-lines).map(maskLogText)]),
  );
}

export function exportSupportBundle(o: SupportBundleOptions): { file: string; bytes: number } {
  const now = (o.now ?? (() => new Date()))();
  const log = new SqliteMessageLog(o.db);
  let queue: unknown;
  try {
    queue = o.queueState ? o.queueState() : 'not installed';
  } catch (err) {
    queue = { error: String(err) };
  }
  const bundle = {
    kind: 'settle-window-support-bundle',
    createdAt: now.toISOString(),
    setup: withoutSecrets(o.setup),
    queue,
    messageCounts: log.counts(),
    msgidState: o.db.prepare('SELECT * FROM network_msgid_state').all(),
    messages: log.recent(o.messageLimit ?? 500),
    appLogs: tailLogs(o.logDir, o.logLines ?? 2000),
    ...(o.extra ?? {}),
  };
  fs.mkdirSync(o.outDir, { recursive: true });
  const file = path.join(o.outDir, `support-${now.toISOString().replace(/[:.]/g, '-')}.json`);
  const text = JSON.stringify(bundle, null, 1);
  fs.writeFileSync(file, text);
  return { file, bytes: Buffer.byteLength(text) };
}
