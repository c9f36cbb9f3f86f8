// The support bundle: one JSON file a technician sends to support, with the network setup minus
// secrets, the recent message log (already masked), the recent app log lines (masked), the msgid
// state and the queue counts (from the settle area, through a callback).
// Nothing in it can rebuild an ID number: birth dates (the 8 digits a masked ID number hides) are
// removed, person numbers masked, and messages logged before a masking rule existed are masked
// again on the way out. The file and its folder are readable by the user only.
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../store/db';
import { maskLogText, maskNumber } from '../../core/mask';
import { maskMessage, SqliteMessageLog, type MessageRow } from './message-log';

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

// Birth dates: with the first 6 and last 4 digits of a masked ID number they give all 18.
const BIRTH_KEY = /^(brdy|birth|birthday|birthdate|birth_date|psn_birthday|csrq)$/i;
// Person numbers of the insurance network: personal, and a key to the person at the center.
const PERSON_NO_KEY = /^(psn_no|personno|psnno|person_no)$/i;
// A run of 19-20 digits in free text is a person number (msgids carry letters and 29 digits).
const PERSON_NO_TEXT = /(?<![\d])\d{19,20}(?![\d])/g;

function maskText(text: string): string {
  return maskLogText(text).replace(PERSON_NO_TEXT, (m) => maskNumber(m));
}

/** A deep copy safe for support: birth dates removed, person numbers masked, then the message-log masking. */
export function maskForSupport(v: unknown, key = ''): unknown {
  if (BIRTH_KEY.test(key)) return v === undefined || v === null || v === '' ? v : '<removed>';
  if (PERSON_NO_KEY.test(key) && (typeof v === 'string' || typeof v === 'number')) return maskNumber(String(v));
  if (typeof v === 'string') return maskText(v);
  if (Array.isArray(v)) return v.map((x) => maskForSupport(x, key));
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, maskForSupport(x, k)]));
  }
  return v;
}

/** A logged message (request and answer are JSON text) masked again with today's rules. */
function supportMessage(r: MessageRow): MessageRow {
  const json = (text: string | null): string | null => {
    if (text === null) return null;
    try {
      return JSON.stringify(maskForSupport(maskMessage(JSON.parse(text))));
    } catch {
      return maskText(text);
    }
  };
  return { ...r, request: json(r.request) ?? '', response: json(r.response), err_msg: r.err_msg === null ? null : maskText(r.err_msg) };
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
    files.map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8').split('\n').filter(Boolean).slice(-lines).map(maskText)]),
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
    setup: maskForSupport(withoutSecrets(o.setup)),
    queue: maskForSupport(queue),
    messageCounts: log.counts(),
    msgidState: o.db.prepare('SELECT * FROM network_msgid_state').all(),
    messages: log.recent(o.messageLimit ?? 500).map(supportMessage),
    appLogs: tailLogs(o.logDir, o.logLines ?? 2000),
    ...(maskForSupport(o.extra ?? {}) as Record<string, unknown>),
  };
  fs.mkdirSync(o.outDir, { recursive: true, mode: 0o700 });
  fs.chmodSync(o.outDir, 0o700);
  const file = path.join(o.outDir, `support-${now.toISOString().replace(/[:.]/g, '-')}.json`);
  const text = JSON.stringify(bundle, null, 1);
  fs.writeFileSync(file, text, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  return { file, bytes: Buffer.byteLength(text) };
}
