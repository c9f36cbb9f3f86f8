// Repository of issued receipts (migration 040): the receipt data as printed, the archived PDF,
// the print and reprint counters, and the print log.
import type { Db } from '../store/db';
import { dec, toFen } from '../core/money';
import type { ReceiptData } from '../core/receipt';

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
  /** Part of the patient's name. */
  name?: string;
  limit?: number;
}

type Raw = Record<string, unknown>;

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
  constructor(private readonly db: Db, private readonly now: () => Date) {}

  /** Inserts the receipt unless its number exists; returns the stored row (the first one wins). */
  insertOnce(data: ReceiptData, pdfPath: string): { row: ReceiptRow; inserted: boolean } {
    const res = this.db
      .prepare(
        `INSERT OR IGNORE INTO receipts (receipt_no, settlement_id, kind, settled_at, settled_day, patient_name, id_masked,
           total_fen, cash_fen, offline, data, pdf_path, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        data.receiptNo, data.settlementId, data.kind, data.settledAt, data.settledAt.slice(0, 10), data.patient.name,
        data.patient.idMasked, toFen(dec(data.fees.total)), toFen(dec(data.cashPaid)), data.offline ? 1 : 0,
        JSON.stringify(data), pdfPath, this.now().toISOString(),
      );
    return { row: this.get(data.receiptNo)!, inserted: res.changes === 1 };
  }

  get(receiptNo: string): ReceiptRow | undefined {
    const r = this.db.prepare('SELECT * FROM receipts WHERE receipt_no = ?').get(receiptNo) as Raw | undefined;
    return r ? fromRaw(r) : undefined;
  }

  data(receiptNo: string): ReceiptData | undefined {
    const r = this.db.prepare('SELECT data FROM receipts WHERE receipt_no = ?').get(receiptNo) as { data: string } | undefined;
    return r ? (JSON.parse(r.data) as ReceiptData) : undefined;
  }

  bySettlement(settlementId: string, kind: ReceiptRow['kind']): ReceiptRow | undefined {
    const r = this.db.prepare('SELECT * FROM receipts WHERE settlement_id = ? AND kind = ? ORDER BY created_at LIMIT 1').get(settlementId, kind) as Raw | undefined;
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

  search(f: ReceiptFilter): ReceiptRow[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (f.from) (where.push('settled_day >= ?'), args.push(f.from));
    if (f.to) (where.push('settled_day <= ?'), args.push(f.to));
    if (f.receiptNo) (where.push('receipt_no = ?'), args.push(f.receiptNo));
    if (f.settlementId) (where.push('settlement_id = ?'), args.push(f.settlementId));
    if (f.name) (where.push("patient_name LIKE ? ESCAPE '\\'"), args.push(`%${f.name.replace(/[\\%_]/g, (c) => '\\' + c)}%`));
    const sql = `SELECT * FROM receipts ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY settled_at DESC, receipt_no DESC LIMIT ?`;
    return (this.db.prepare(sql).all(...args, Math.min(f.limit ?? 200, 1000)) as Raw[]).map(fromRaw);
  }
}
