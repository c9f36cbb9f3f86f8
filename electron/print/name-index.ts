// The receipts' name index (migration 073): a patient's name is personal data and is not stored
// whole a second time; the index holds keyed hashes of the name's leading parts (张, 张建, 张建国),
// HMAC-SHA256 under the store's own key cut to 48 bits, with the receipt's time, so a search by
// (the start of) a name is one index range, newest first. A hash shared by two names only brings
// a receipt to the final check against the receipt's own name. Receipts stored before the index
// existed are indexed in the background (a few thousand per turn); until then the search reads
// that rest by name.
import crypto from 'node:crypto';
import type { Db } from '../store/db';
import { stmt } from '../store/stmt';
import * as v from 'valibot';
import { storedJson } from '../store/stored-json';

/** The most leading characters indexed (a longer name is found by its first eight). */
const MAX_PREFIX = 8;
const BACKFILL_CHUNK = 2000;

/** The name as searched: full-width forms folded, spaces and the middle dot of transliterated names dropped. */
export function normalizeName(name: string): string {
  return name.normalize('NFKC').replace(/[\s·•・.]/g, '');
}

/** Seconds of a China wall-clock time "YYYY-MM-DD HH:MM:SS" (or a day), counted as if UTC: an order, not an instant. */
export function wallSeconds(at: string): number {
  const t = Date.parse(`${at.slice(0, 10)}T${at.length > 10 ? at.slice(11, 19) : '00:00:00'}Z`);
  return Number.isFinite(t) ? Math.floor(t / 1000) : 0;
}

const BackfillSchema = v.object({ next: v.pipe(v.number(), v.safeInteger()), end: v.pipe(v.number(), v.safeInteger()) });
type Backfill = v.InferOutput<typeof BackfillSchema>;
const BACKFILL = storedJson({ table: 'store_meta', tableZh: '存储信息', field: 'value', fieldZh: '收据姓名索引进度' }, BackfillSchema);

const running = new WeakSet<Db>();

export class ReceiptNameIndex {
  private readonly key: Buffer | undefined;

  constructor(private readonly db: Db) {
    const row = stmt(db, "SELECT value FROM store_meta WHERE key = 'receipt_name_key'").get() as { value: string } | undefined;
    this.key = row ? Buffer.from(row.value, 'hex') : undefined;
  }

  /** The keys of a name's leading parts (the whole name when it has at most eight characters). */
  keysOf(name: string): number[] {
    const chars = Array.from(normalizeName(name)).slice(0, MAX_PREFIX);
    const keys = new Set<number>();
    for (let i = 1; i <= chars.length; i++) keys.add(this.keyOf(chars.slice(0, i).join('')));
    return [...keys];
  }

  /** The key a search for `name` looks up (its first eight characters), or undefined for an empty name. */
  searchKey(name: string): number | undefined {
    const part = Array.from(normalizeName(name)).slice(0, MAX_PREFIX).join('');
    return part ? this.keyOf(part) : undefined;
  }

  private keyOf(part: string): number {
    if (!this.key) throw new Error('store has no receipt name key (migration 073)');
    return crypto.createHmac('sha256', this.key).update(`name:${part}`).digest().readUIntBE(0, 6);
  }

  /** Indexes one receipt (inside the caller's transaction). */
  add(receiptNo: string, name: string, settledAt: string): void {
    const ins = stmt(this.db, 'INSERT OR IGNORE INTO receipt_name_keys (k, at, receipt_no) VALUES (?, ?, ?)');
    const at = wallSeconds(settledAt);
    for (const k of this.keysOf(name)) ins.run(k, at, receiptNo);
  }

  /** The receipts (by rowid) stored before the index and not indexed yet, if any. */
  pending(): Backfill | undefined {
    const row = stmt(this.db, "SELECT value FROM store_meta WHERE key = 'receipt_name_backfill'").get() as { value: string } | undefined;
    const b = BACKFILL.readOpt(row?.value, 'receipt_name_backfill');
    return b && b.next <= b.end ? b : undefined;
  }

  /** Indexes the next chunk of older receipts; false when none is left. */
  backfillStep(chunk = BACKFILL_CHUNK): boolean {
    const b = this.pending();
    if (!b) return false;
    this.db.transaction(() => {
      const rows = stmt(this.db, 'SELECT rowid AS r, receipt_no, patient_name, settled_at FROM receipts WHERE rowid >= ? AND rowid <= ? ORDER BY rowid LIMIT ?')
        .all(b.next, b.end, chunk) as { r: number; receipt_no: string; patient_name: string; settled_at: string }[];
      for (const r of rows) this.add(r.receipt_no, r.patient_name, r.settled_at);
      const next = rows.length < chunk ? b.end + 1 : rows[rows.length - 1].r + 1;
      stmt(this.db, "UPDATE store_meta SET value = ? WHERE key = 'receipt_name_backfill'").run(JSON.stringify({ next, end: b.end }));
    })();
    return this.pending() !== undefined;
  }

  /** Runs the backfill in the background, a chunk per turn of the event loop, once per database. */
  startBackfill(onError: (err: unknown) => void): void {
    if (!this.key || running.has(this.db) || !this.pending()) return;
    running.add(this.db);
    const step = () => {
      try {
        if (this.db.open && this.backfillStep()) setTimeout(step, 0).unref();
        else running.delete(this.db);
      } catch (err) {
        running.delete(this.db);
        onError(err);
      }
    };
    setTimeout(step, 0).unref();
  }
}
