// Repository of issued receipts (migration 040): the receipt data as printed, the archived PDF,
// the print and reprint counters, and the print log.
import type { Db } from '../store/db';
import { dec, toFen } from '../core/money';
import type { ReceiptData } from '../core/receipt';
import { addDays } from '../core/time';
import { pack } from '../store/packed';
import { stmt } from '../store/stmt';
import { RECEIPT_DATA } from './receipt-schema';
import { ReceiptNameIndex, normalizeName, wallSeconds } from './name-index';

export interface ReceiptRow {
  receiptNo: string;
  settlementId: string;
  kind: ReceiptData['kind'];
  settledAt: string;
  patientName: string;
  idMasked: string;
  totalFen: number;
  cashFen: number;
  offline: boolean;
  pdfPath: string;
  printCount: number;
  reprintCount: number;
  /** An offline settlement confirmed by the network later: when (China time). */
  confirmedAt?: string;
  createdAt: string;
}

export interface ReceiptFilter {
  /** YYYY-MM-DD, inclusive, on the settlement's China date. */
  from?: string;
  to?: string;
  receiptNo?: string;
  settlementId?: string;
  /** The start of the patient's name (姓, or its first characters, or all of it). */
  name?: string;
  /** Only receipts in this rowid range (the ones the name index does not hold yet), read by name. */
  rowids?: { next: number; end: number };
  limit?: number;
}

type Raw = Record<string, unknown>;

/** A receipt's columns but its data: what a row and a list show (the data is read for printing only). */
const ROW = `receipt_no, settlement_id, kind, settled_at, patient_name, id_masked, total_fen, cash_fen, offline, pdf_path,
  print_count, reprint_count, confirmed_at, created_at`;

function fromRaw(r: Raw): ReceiptRow {
  return {
    receiptNo: r.receipt_no as string,
    settlementId: r.settlement_id as string,
    kind: r.kind as ReceiptRow['kind'],
    settledAt: r.settled_at as string,
    patientName: r.patient_name as string,
    idMasked: r.id_masked as string,
    totalFen: r.total_fen as number,
    cashFen: r.cash_fen as number,
    offline: r.offline === 1,
    pdfPath: r.pdf_path as string,
    printCount: r.print_count as number,
    reprintCount: r.reprint_count as number,
    confirmedAt: (r.confirmed_at as string | null) ?? undefined,
    createdAt: r.created_at as string,
  };
}

export class ReceiptsRepo {
  private readonly names: ReceiptNameIndex;

  constructor(private readonly db: Db, private readonly now: () => Date) {
    this.names = new ReceiptNameIndex(db);
    // Receipts stored before the name index are indexed in the background; the search covers them meanwhile.
    this.names.startBackfill(() => undefined);
  }

  /** Inserts the receipt (its data packed, its name indexed) unless its number exists; returns the stored row (the first one wins). */
  insertOnce(data: ReceiptData, pdfPath: string): { row: ReceiptRow; inserted: boolean } {
    const inserted = this.db.transaction(() => {
      const res = this.db
        .prepare(
          `INSERT OR IGNORE INTO receipts (receipt_no, settlement_id, kind, settled_at, settled_day, patient_name, id_masked,
             total_fen, cash_fen, offline, data, pdf_path, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          data.receiptNo, data.settlementId, data.kind, data.settledAt, data.settledAt.slice(0, 10), data.patient.name,
          data.patient.idMasked, toFen(dec(data.fees.total)), toFen(dec(data.cashPaid)), data.offline ? 1 : 0,
          pack(data), pdfPath, this.now().toISOString(),
        );
      if (res.changes === 1) this.names.add(data.receiptNo, data.patient.name, data.settledAt);
      return res.changes === 1;
    })();
    return { row: this.get(data.receiptNo)!, inserted };
  }

  get(receiptNo: string): ReceiptRow | undefined {
    const r = stmt(this.db, `SELECT ${ROW} FROM receipts WHERE receipt_no = ?`).get(receiptNo) as Raw | undefined;
    return r ? fromRaw(r) : undefined;
  }

  data(receiptNo: string): ReceiptData | undefined {
    const r = stmt(this.db, 'SELECT data FROM receipts WHERE receipt_no = ?').get(receiptNo) as { data: string | Buffer } | undefined;
    return r ? RECEIPT_DATA.read(r.data, receiptNo) : undefined;
  }

  bySettlement(settlementId: string, kind: ReceiptRow['kind']): ReceiptRow | undefined {
    const r = stmt(this.db, `SELECT ${ROW} FROM receipts WHERE settlement_id = ? AND kind = ? ORDER BY created_at LIMIT 1`).get(settlementId, kind) as Raw | undefined;
    return r ? fromRaw(r) : undefined;
  }

  /** Records that the network confirmed an offline settlement (every receipt of it); returns how many. */
  markConfirmed(settlementId: string, at: string): number {
    return this.db.prepare('UPDATE receipts SET confirmed_at = ? WHERE settlement_id = ? AND offline = 1 AND confirmed_at IS NULL').run(at, settlementId).changes;
  }

  /** Takes the next reprint number (1, 2, ...) atomically. */
  nextReprint(receiptNo: string): number {
    const r = this.db
      .prepare('UPDATE receipts SET reprint_count = reprint_count + 1 WHERE receipt_no = ? RETURNING reprint_count')
      .get(receiptNo) as { reprint_count: number } | undefined;
    if (!r) throw new Error(`no receipt ${receiptNo}`);
    return r.reprint_count;
  }

  logPrint(p: { receiptNo: string; reprintNo: number; target: string; operator?: string; ok: boolean; detail?: string; pdfPath?: string }): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO receipt_prints (receipt_no, reprint_no, target, operator, ok, detail, pdf_path, printed_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(p.receiptNo, p.reprintNo, p.target, p.operator ?? null, p.ok ? 1 : 0, p.detail ?? null, p.pdfPath ?? null, this.now().toISOString());
      if (p.ok) this.db.prepare('UPDATE receipts SET print_count = print_count + 1 WHERE receipt_no = ?').run(p.receiptNo);
    })();
  }

  prints(receiptNo: string): { reprintNo: number; target: string; ok: boolean; detail?: string; pdfPath?: string; printedAt: string }[] {
    const rows = this.db.prepare('SELECT * FROM receipt_prints WHERE receipt_no = ? ORDER BY id').all(receiptNo) as Raw[];
    return rows.map((r) => ({
      reprintNo: r.reprint_no as number,
      target: r.target as string,
      ok: r.ok === 1,
      detail: (r.detail as string | null) ?? undefined,
      pdfPath: (r.pdf_path as string | null) ?? undefined,
      printedAt: r.printed_at as string,
    }));
  }

  /**
   * Receipts matching the filter, newest first. A name is looked up in the name index (the start
   * of the name: 姓, 姓名的前几个字, or all of it), a date range is a range of receipts_at: neither
   * reads more receipts than it returns.
   */
  search(f: ReceiptFilter): ReceiptRow[] {
    const limit = Math.min(f.limit ?? 200, 1000);
    const name = f.name ? normalizeName(f.name) : '';
    if (name && !f.rowids) return this.searchByName(f, name, limit);
    const where: string[] = [];
    const args: unknown[] = [];
    if (f.from) (where.push('settled_at >= ?'), args.push(f.from));
    if (f.to) (where.push('settled_at < ?'), args.push(addDays(f.to, 1)));
    if (f.receiptNo) (where.push('receipt_no = ?'), args.push(f.receiptNo));
    if (f.settlementId) (where.push('settlement_id = ?'), args.push(f.settlementId));
    if (f.rowids) (where.push('rowid >= ? AND rowid <= ?'), args.push(f.rowids.next, f.rowids.end));
    if (f.rowids && f.name) (where.push("patient_name LIKE ? ESCAPE '\\'"), args.push(`${f.name.trim().replace(/[\\%_]/g, (c) => '\\' + c)}%`));
    const sql = `SELECT ${ROW} FROM receipts ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY settled_at DESC, receipt_no DESC LIMIT ?`;
    return (stmt(this.db, sql).all(...args, limit) as Raw[]).map(fromRaw);
  }

  private searchByName(f: ReceiptFilter, name: string, limit: number): ReceiptRow[] {
    const named = (r: Raw) => normalizeName(r.patient_name as string).startsWith(name);
    const where = ['n.k = ?'];
    const args: unknown[] = [this.names.searchKey(name)];
    if (f.from) (where.push('n.at >= ?'), args.push(wallSeconds(f.from)));
    if (f.to) (where.push('n.at < ?'), args.push(wallSeconds(addDays(f.to, 1))));
    if (f.receiptNo) (where.push('r.receipt_no = ?'), args.push(f.receiptNo));
    if (f.settlementId) (where.push('r.settlement_id = ?'), args.push(f.settlementId));
    const found = (stmt(this.db, `SELECT ${ROW.replace(/(\w+)/g, 'r.$1')} FROM receipt_name_keys n JOIN receipts r ON r.receipt_no = n.receipt_no WHERE ${where.join(' AND ')}
        ORDER BY n.at DESC, n.receipt_no DESC LIMIT ?`)
      .all(...args, limit) as Raw[]).filter(named);
    const pending = this.names.pending();
    if (!pending) return found.map(fromRaw);
    // Receipts stored before the index and not indexed yet: read by name until the background is done.
    const rest = this.search({ ...f, limit, rowids: pending });
    const have = new Set(found.map((r) => r.receipt_no as string));
    return [...found.map(fromRaw), ...rest.filter((r) => !have.has(r.receiptNo))]
      .sort((a, b) => b.settledAt.localeCompare(a.settledAt) || b.receiptNo.localeCompare(a.receiptNo))
      .slice(0, limit);
  }
}

