// Copies template units into a store under new ids, a new day and a new person: every string
// that identified the template (document and receipt numbers, the HIS visit, msgids, the
// network's ids, the person's number, name, ID number and card, masked or whole, the day) is
// replaced in every column of every row, integer keys are renumbered, the audit chain is
// extended with its keyed hashes. The archived PDFs are not copied: the store is marked as one
// whose start has checked its receipts (seed.ts), as a store in use is.
import type Database from 'better-sqlite3';
import { maskIdNumber, maskName, maskNumber } from '../../../electron/core/mask';
import { documentNumbers } from '../../../electron/settlement/documents';
import { dayKey } from '../../../electron/store/settlements';
import { entryHash } from '../../../electron/audit/log';
import { readAuditKey } from '../../../electron/audit/key';
import { ReceiptNameIndex } from '../../../electron/print/name-index';
import { readPersonRows, templateKeys, type Row, type TemplateUnit } from './units';
import type { SeedPerson } from './persons';
import { TODAY } from './templates';

/** Rows whose integer key the copier assigns (or leaves to SQLite). */
const DROP_ID = new Set(['network_messages', 'receipt_prints', 'settlement_warnings', 'cancel_requests', 'dead_letters']);

export interface CopyOptions {
  /** Keep the message log rows and their msgids (the app keeps 180 days of them). */
  messages: boolean;
  /** Never sent: every message queued, no msgid yet (a long network outage). */
  queued?: boolean;
}

interface Prepared {
  keys: string[];
  pattern: RegExp;
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

export class Copier {
  private readonly inserts = new Map<string, Database.Statement>();
  private readonly prepared = new Map<TemplateUnit, Prepared>();
  private readonly daySeq = new Map<string, number>();
  private readonly dayMsgids = new Map<string, number>();
  private readonly personYears = new Set<string>();
  private readonly personRows = new Map<string, Record<string, Row[]>>();
  private nextOutboxId: number;
  private netCounter = 0;
  private copyNo = 0;
  private audit: { seq: number; hash: string };
  private readonly auditKey?: Buffer;
  /** The receipts' name index, where the schema has one. */
  private readonly names?: ReceiptNameIndex;

  constructor(private readonly db: Database.Database, dataDir: string) {
    this.nextOutboxId = ((db.prepare('SELECT COALESCE(max(id), 0) AS m FROM outbox').get() as { m: number }).m) + 1;
    const last = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
    this.audit = { seq: last?.seq ?? 0, hash: last?.hash ?? '' };
    const key = readAuditKey(dataDir);
    this.auditKey = key.state === 'ok' ? key.key.key : undefined;
    if (db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'receipt_name_keys'").get()) this.names = new ReceiptNameIndex(db);
    for (const r of db.prepare('SELECT business_date AS d, max(doc_key) AS k FROM settlements GROUP BY business_date').all() as { d: string; k: number }[]) {
      this.daySeq.set(r.d, r.k - dayKey(r.d)!);
    }
  }

  private insert(table: string, cols: string[], orIgnore = false): Database.Statement {
    const key = `${table}:${orIgnore}:${cols.join(',')}`;
    let s = this.inserts.get(key);
    if (!s) {
      s = this.db.prepare(`INSERT ${orIgnore ? 'OR IGNORE ' : ''}INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
      this.inserts.set(key, s);
    }
    return s;
  }

  private prep(u: TemplateUnit): Prepared {
    let p = this.prepared.get(u);
    if (!p) {
      const keys = templateKeys(u);
      p = { keys, pattern: new RegExp(keys.map((k) => k.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|'), 'g') };
      this.prepared.set(u, p);
    }
    return p;
  }

  private nextSeq(day: string): number {
    const n = (this.daySeq.get(day) ?? 0) + 1;
    this.daySeq.set(day, n);
    return n;
  }

  private msgid(template: string, day: string): string {
    const n = this.dayMsgids.get(day) ?? 0;
    this.dayMsgids.set(day, n + 1);
    const second = 8 * 3600 + Math.floor(n / 100);
    const stamp = `${day.replace(/-/g, '')}${pad(Math.floor(second / 3600), 2)}${pad(Math.floor(second / 60) % 60, 2)}${pad(second % 60, 2)}`;
    const inst = template.slice(0, template.length - 18);
    const terminal = template.slice(-4, -2);
    return `${inst}${stamp}${terminal}${pad(n % 100, 2)}`;
  }

  /** What each template string becomes in this copy. */
  private mapping(u: TemplateUnit, day: string, person: SeedPerson): Map<string, string> {
    const m = new Map<string, string>();
    for (const d of u.docs) {
      const n = documentNumbers(d.id.slice(1, 3), day, this.nextSeq(day));
      m.set(d.id, n.id);
      m.set(d.receiptNo, n.receiptNo);
    }
    m.set(u.visitRef, `${u.visitRef.slice(0, 2)}C${pad(++this.copyNo, 9)}`);
    const p = u.person;
    m.set(u.personNo, person.personNo);
    m.set(p.name, person.name);
    m.set(p.idNumber, person.idNumber);
    m.set(p.card, person.card);
    m.set(maskName(p.name), maskName(person.name));
    m.set(maskIdNumber(p.idNumber), maskIdNumber(person.idNumber));
    m.set(maskNumber(p.card), maskNumber(person.card));
    for (const id of u.ids.msgids) m.set(id, this.msgid(id, day));
    const yymmdd = day.replace(/-/g, '').slice(2);
    for (const id of u.ids.netIds) m.set(id, `${id.slice(0, 7)}${yymmdd}99${pad(++this.netCounter, Math.max(8, id.length - 15))}`);
    m.set(`receipts/${TODAY.slice(0, 4)}/${TODAY.slice(5, 7)}/`, `receipts/${day.slice(0, 4)}/${day.slice(5, 7)}/`);
    m.set(TODAY, day);
    m.set(TODAY.replace(/-/g, ''), day.replace(/-/g, ''));
    return m;
  }

  /** Writes one copy of `u` on `day` for `person`; returns the new settlement id. */
  copy(u: TemplateUnit, day: string, person: SeedPerson, o: CopyOptions): string {
    const { pattern } = this.prep(u);
    const map = this.mapping(u, day, person);
    const sub = (s: string) => s.replace(pattern, (k) => map.get(k) ?? k);
    // A packed value is copied as it is (repacking every one would take most of the seeding's
    // time): its size is the template's, its content names the template's ids; every column and
    // index row names the copy's.
    const value = (v: unknown) => (typeof v === 'string' ? sub(v) : v);
    const outboxIds = new Map<number, number>();
    for (const [table, rows] of Object.entries(u.rows)) {
      if (o.queued && (table === 'outbox_msgids' || table === 'network_msgids' || table === 'network_messages')) continue;
      // The message log and the msgids it took are kept 180 days (SqliteMessageLog.prune).
      if ((table === 'network_messages' || table === 'network_msgids') && !o.messages) continue;
      if (table === 'audit_log') {
        for (const r of rows) this.appendAudit(r, sub);
        continue;
      }
      for (const r of rows) {
        const row: Row = {};
        for (const [k, v] of Object.entries(r)) row[k] = value(v);
        if (DROP_ID.has(table)) delete row.id;
        if (table === 'settlements') row.doc_key = dayKey(day)! + Number((row.id as string).slice(11));
        if (table === 'outbox') {
          outboxIds.set(r.id as number, this.nextOutboxId);
          row.id = this.nextOutboxId++;
          if (o.queued) Object.assign(row, { state: 'queued', msgid: null, attempts: 0, next_attempt_at: 0, maybe_sent: 0, last_error: null, last_error_code: null, result: null, done_at: null });
        }
        if (table === 'outbox_msgids') row.outbox_id = outboxIds.get(r.outbox_id as number);
        const cols = Object.keys(row);
        this.insert(table, cols).run(...cols.map((c) => row[c]));
        if (table === 'receipts' && this.names) this.names.add(row.receipt_no as string, row.patient_name as string, row.settled_at as string);
      }
    }
    this.copyPerson(u, day, person, value);
    return map.get(u.docs[0].id)!;
  }

  /** The person's cache rows once, their year-to-date rows once per year. */
  private copyPerson(u: TemplateUnit, day: string, person: SeedPerson, value: (v: unknown) => unknown): void {
    let rows = this.personRows.get(u.personNo);
    if (!rows) {
      rows = readPersonRows(this.db, u.personNo);
      this.personRows.set(u.personNo, rows);
    }
    const year = Number(day.slice(0, 4));
    const first = !this.personYears.has(person.personNo);
    const yearKey = `${person.personNo}:${year}`;
    if (this.personYears.has(yearKey)) return;
    this.personYears.add(yearKey);
    this.personYears.add(person.personNo);
    for (const [table, list] of Object.entries(rows)) {
      if (table !== 'ytd' && !first) continue;
      for (const r of list) {
        const row: Row = {};
        for (const [k, v] of Object.entries(r)) row[k] = value(v);
        if (table === 'ytd') row.year = year;
        const cols = Object.keys(row);
        this.insert(table, cols, true).run(...cols.map((c) => row[c]));
      }
    }
  }

  private appendAudit(r: Row, sub: (s: string) => string): void {
    const base = {
      seq: this.audit.seq + 1, at: sub(r.at as string), action: r.action as string, operatorId: r.operator_id as string | null,
      channel: r.channel as string, summary: sub(r.summary as string),
    };
    const hash = entryHash(this.audit.hash, base as Parameters<typeof entryHash>[1], this.auditKey);
    this.insert('audit_log', ['seq', 'at', 'action', 'operator_id', 'channel', 'summary', 'prev_hash', 'hash', 'alg']).run(
      base.seq, base.at, base.action, base.operatorId, base.channel, base.summary, this.audit.hash, hash, this.auditKey ? 'hmac-sha256' : 'sha256',
    );
    this.audit = { seq: base.seq, hash };
  }
}
