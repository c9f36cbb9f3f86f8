// SQLite of the trace area (migration 100): a visit's scan session (trace_lines, trace_scans),
// what each settlement sold (trace_sales) and this institution's code history (trace_codes).
// The upload queue is queue-repo.ts.
import type { Db } from '../store/db';
import { stmt } from '../store/stmt';
import type { CodeHistory } from './rules';

export interface SessionLine {
  visitRef: string;
  lineNo: string;
  listCode: string;
  hospCode: string;
  name: string;
  quantity: string;
  unitPrice: string;
  pack: number;
  split: boolean;
  reason?: string;
  prescriber: string;
  lotNo?: string;
  madeOn?: string;
}

export interface Scan {
  code: string;
  lineNo: string;
  units: string;
  warning?: string;
  scannedAt: string;
}

export interface SaleRow {
  settlementId: string;
  lineNo: string;
  businessDate: string;
  listCode: string;
  hospCode: string;
  name: string;
  quantity: string;
  unitPrice: string;
  pack: number;
  split: boolean;
  codes: { code: string; units: string }[];
  reason?: string;
  prescriber: string;
  lotNo?: string;
  madeOn?: string;
  returned: boolean;
}

type R = Record<string, unknown>;
const opt = (v: unknown) => (v === null || v === undefined ? undefined : String(v));

function lineOf(r: R): SessionLine {
  return {
    visitRef: String(r.visit_ref), lineNo: String(r.line_no), listCode: String(r.list_code), hospCode: String(r.hosp_code), name: String(r.name),
    quantity: String(r.quantity), unitPrice: String(r.unit_price), pack: Number(r.pack), split: r.split === 1, reason: opt(r.reason),
    prescriber: String(r.prescriber), lotNo: opt(r.lot_no), madeOn: opt(r.made_on),
  };
}

function saleOf(r: R): SaleRow {
  return {
    settlementId: String(r.settlement_id), lineNo: String(r.line_no), businessDate: String(r.business_date), listCode: String(r.list_code),
    hospCode: String(r.hosp_code), name: String(r.name), quantity: String(r.quantity), unitPrice: String(r.unit_price), pack: Number(r.pack),
    split: r.split === 1, codes: JSON.parse(String(r.codes)) as SaleRow['codes'], reason: opt(r.reason), prescriber: String(r.prescriber),
    lotNo: opt(r.lot_no), madeOn: opt(r.made_on), returned: r.returned === 1,
  };
}

/** Line numbers sort as numbers where they are numbers (HIS lines "1".."12"). */
const byLineNo = (a: { lineNo: string }, b: { lineNo: string }) => a.lineNo.localeCompare(b.lineNo, 'en', { numeric: true });

export class TraceRepo {
  constructor(private readonly db: Db, private readonly now: () => Date) {}

  private at(): string {
    return this.now().toISOString();
  }

  // ------------------------------------------------------------ the scan session
  lines(visitRef: string): SessionLine[] {
    return (stmt(this.db, 'SELECT * FROM trace_lines WHERE visit_ref = ?').all(visitRef) as R[]).map(lineOf).sort(byLineNo);
  }

  hasSession(visitRef: string): boolean {
    return !!stmt(this.db, 'SELECT 1 FROM trace_lines WHERE visit_ref = ? LIMIT 1').get(visitRef);
  }

  putLine(l: SessionLine): void {
    stmt(
      this.db,
      `INSERT INTO trace_lines (visit_ref, line_no, list_code, hosp_code, name, quantity, unit_price, pack, split, reason, prescriber, lot_no, made_on, updated_at)
       VALUES (@visitRef, @lineNo, @listCode, @hospCode, @name, @quantity, @unitPrice, @pack, @split, @reason, @prescriber, @lotNo, @madeOn, @at)
       ON CONFLICT (visit_ref, line_no) DO UPDATE SET list_code = excluded.list_code, hosp_code = excluded.hosp_code, name = excluded.name,
         quantity = excluded.quantity, unit_price = excluded.unit_price, pack = excluded.pack, split = excluded.split,
         prescriber = excluded.prescriber, lot_no = excluded.lot_no, made_on = excluded.made_on, updated_at = excluded.updated_at`,
    ).run({ ...l, split: l.split ? 1 : 0, reason: l.reason ?? null, lotNo: l.lotNo ?? null, madeOn: l.madeOn ?? null, at: this.at() });
  }

  setReason(visitRef: string, lineNo: string, reason: string | undefined): void {
    stmt(this.db, 'UPDATE trace_lines SET reason = ?, updated_at = ? WHERE visit_ref = ? AND line_no = ?').run(reason ?? null, this.at(), visitRef, lineNo);
  }

  /** Lines no longer on the visit (the HIS changed it) go with their scans. */
  dropLinesExcept(visitRef: string, keep: string[]): void {
    for (const l of this.lines(visitRef)) {
      if (keep.includes(l.lineNo)) continue;
      stmt(this.db, 'DELETE FROM trace_scans WHERE visit_ref = ? AND line_no = ?').run(visitRef, l.lineNo);
      stmt(this.db, 'DELETE FROM trace_lines WHERE visit_ref = ? AND line_no = ?').run(visitRef, l.lineNo);
    }
  }

  scans(visitRef: string): Scan[] {
    const rows = stmt(this.db, 'SELECT * FROM trace_scans WHERE visit_ref = ? ORDER BY scanned_at, code').all(visitRef) as R[];
    return rows.map((r) => ({ code: String(r.code), lineNo: String(r.line_no), units: String(r.units), warning: opt(r.warning), scannedAt: String(r.scanned_at) }));
  }

  /** False when the code is already scanned in this visit (the primary key). */
  addScan(visitRef: string, s: Omit<Scan, 'scannedAt'>): boolean {
    const r = stmt(
      this.db,
      'INSERT INTO trace_scans (visit_ref, code, line_no, units, warning, scanned_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
    ).run(visitRef, s.code, s.lineNo, s.units, s.warning ?? null, this.at());
    return r.changes === 1;
  }

  removeScan(visitRef: string, code: string): boolean {
    return stmt(this.db, 'DELETE FROM trace_scans WHERE visit_ref = ? AND code = ?').run(visitRef, code).changes === 1;
  }

  dropSession(visitRef: string): void {
    stmt(this.db, 'DELETE FROM trace_scans WHERE visit_ref = ?').run(visitRef);
    stmt(this.db, 'DELETE FROM trace_lines WHERE visit_ref = ?').run(visitRef);
  }

  // ------------------------------------------------------------ sales and the code history
  addSale(s: SaleRow): void {
    stmt(
      this.db,
      `INSERT INTO trace_sales (settlement_id, line_no, business_date, list_code, hosp_code, name, quantity, unit_price, pack, split, codes, reason,
         prescriber, lot_no, made_on, returned)
       VALUES (@settlementId, @lineNo, @businessDate, @listCode, @hospCode, @name, @quantity, @unitPrice, @pack, @split, @codes, @reason,
         @prescriber, @lotNo, @madeOn, 0)`,
    ).run({ ...s, split: s.split ? 1 : 0, codes: JSON.stringify(s.codes), reason: s.reason ?? null, lotNo: s.lotNo ?? null, madeOn: s.madeOn ?? null });
  }

  sales(settlementId: string): SaleRow[] {
    return (stmt(this.db, 'SELECT * FROM trace_sales WHERE settlement_id = ?').all(settlementId) as R[]).map(saleOf).sort(byLineNo);
  }

  sale(settlementId: string, lineNo: string): SaleRow | undefined {
    const r = stmt(this.db, 'SELECT * FROM trace_sales WHERE settlement_id = ? AND line_no = ?').get(settlementId, lineNo) as R | undefined;
    return r && saleOf(r);
  }

  salesOn(date: string): SaleRow[] {
    return (stmt(this.db, 'SELECT * FROM trace_sales WHERE business_date = ? ORDER BY settlement_id').all(date) as R[]).map(saleOf);
  }

  markReturned(settlementId: string): void {
    stmt(this.db, 'UPDATE trace_sales SET returned = 1 WHERE settlement_id = ?').run(settlementId);
  }

  history(code: string): CodeHistory | undefined {
    const r = stmt(this.db, 'SELECT * FROM trace_codes WHERE code = ?').get(code) as R | undefined;
    return r && { wholeSold: Number(r.whole_sold), unitsUsed: String(r.units_used), pack: Number(r.pack), listCode: String(r.list_code) };
  }

  putHistory(code: string, h: CodeHistory): void {
    stmt(
      this.db,
      `INSERT INTO trace_codes (code, list_code, pack, whole_sold, units_used, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (code) DO UPDATE SET whole_sold = excluded.whole_sold, units_used = excluded.units_used, updated_at = excluded.updated_at`,
    ).run(code, h.listCode, h.pack, h.wholeSold, h.unitsUsed, this.at());
  }
}
