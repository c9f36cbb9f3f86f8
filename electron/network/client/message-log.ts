// The message log in SQLite (network_messages): every attempt, request and answer, with personal
// data masked before it is written (ID numbers, names, card numbers, tokens, phone, address), the
// bodies packed (electron/store/packed.ts; rows written before are JSON text and read as they are).
import type { Db } from '../../store/db';
import { maskIdNumber, maskName, maskNumber, maskLogText } from '../../core/mask';
import { packText, unpackText } from '../../store/packed';
import type { MessageLogSink } from './index';

const NAME_KEYS = new Set(['psn_name', 'name', 'userName', 'coner_name', 'emp_name']);
const ID_KEYS = new Set(['certno', 'idNo', 'idNumber', 'psn_cert_no']);
const NUMBER_KEYS = new Set(['mdtrt_cert_no', 'card_sn', 'cardno', 'cardNumber', 'ecToken', 'ecQrCode', 'tel', 'mob', 'ecIndexNo']);
const DROP_KEYS = new Set(['addr', 'address', 'in', 'content', 'dev_safe_info']);

function maskValue(key: string, v: string): string {
  if (!v) return v;
  if (NAME_KEYS.has(key)) return maskName(v);
  if (ID_KEYS.has(key)) return maskIdNumber(v);
  if (NUMBER_KEYS.has(key)) return /^\d{17}[\dXx]$/.test(v) ? maskIdNumber(v) : maskNumber(v);
  if (DROP_KEYS.has(key)) return `<${v.length} chars>`;
  return maskLogText(v);
}

/** A deep copy with personal data masked (by field name, and any ID number anywhere in text). */
export function maskMessage(value: unknown, key = ''): unknown {
  if (typeof value === 'string') return maskValue(key, value);
  if (typeof value === 'number') return ID_KEYS.has(key) || NUMBER_KEYS.has(key) ? maskValue(key, String(value)) : value;
  if (Array.isArray(value)) return value.map((v) => maskMessage(v, key));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, maskMessage(v, k)]));
  }
  return value;
}

export interface MessageRow {
  id: number;
  msgid: string;
  infno: string;
  endpoint: string;
  started_at: string;
  finished_at: string | null;
  duration_ms: number | null;
  outcome: string;
  http_status: number | null;
  infcode: string | null;
  err_msg: string | null;
  request: string;
  response: string | null;
}

export class SqliteMessageLog implements MessageLogSink {
  private readonly insert;
  private readonly update;

  constructor(private readonly db: Db) {
    this.insert = db.prepare(
      'INSERT INTO network_messages (msgid, infno, endpoint, started_at, request) VALUES (?, ?, ?, ?, ?)',
    );
    this.update = db.prepare(
      `UPDATE network_messages SET finished_at = ?, duration_ms = ?, outcome = ?, http_status = ?, infcode = ?,
       err_msg = ?, response = ? WHERE id = ?`,
    );
  }

  started(e: { msgid: string; infno: string; endpoint: string; at: Date; request: unknown }): number {
    const r = this.insert.run(e.msgid, e.infno, e.endpoint, e.at.toISOString(), packText(JSON.stringify(maskMessage(e.request))));
    return Number(r.lastInsertRowid);
  }

  finished(id: number, e: Parameters<MessageLogSink['finished']>[1]): void {
    const response = e.response === undefined ? null : packText(JSON.stringify(maskMessage(e.response)));
    this.update.run(e.at.toISOString(), e.durationMs, e.outcome, e.httpStatus ?? null, e.infcode ?? null,
      e.errMsg ? maskLogText(e.errMsg) : null, response, id);
  }

  recent(limit = 200): MessageRow[] {
    const rows = this.db.prepare('SELECT * FROM network_messages ORDER BY id DESC LIMIT ?').all(limit) as (Omit<MessageRow, 'request' | 'response'> & { request: string | Buffer; response: string | Buffer | null })[];
    return rows.map((r) => ({ ...r, request: unpackText(r.request), response: r.response === null ? null : unpackText(r.response) }));
  }

  counts(): Record<string, number> {
    const rows = this.db.prepare('SELECT outcome, COUNT(*) AS n FROM network_messages GROUP BY outcome').all() as { outcome: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.outcome, r.n]));
  }

  /**
   * The answer (output node) a message got, as logged (masked), when it was answered: after a
   * crash between the answer and its recording, recovery reads the settlement id from it.
   */
  answerOf(msgid: string): Record<string, unknown> | undefined {
    const r = this.db.prepare("SELECT response FROM network_messages WHERE msgid = ? AND outcome = 'ok' ORDER BY id DESC LIMIT 1").get(msgid) as { response: string | Buffer | null } | undefined;
    if (!r?.response) return undefined;
    try {
      const v = JSON.parse(unpackText(r.response)) as { output?: unknown };
      return v.output && typeof v.output === 'object' ? (v.output as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * Deletes rows older than `before` (ISO); returns how many. Their msgids go too (network_msgids:
   * support data like the log, read through the old rows' range; a settlement's stay in outbox_msgids).
   */
  prune(before: string): number {
    this.db.prepare('DELETE FROM network_msgids WHERE msgid IN (SELECT msgid FROM network_messages WHERE started_at < ?)').run(before);
    return this.db.prepare('DELETE FROM network_messages WHERE started_at < ?').run(before).changes;
  }
}
