// High-cost warnings raised by the engine on a settlement (list + CSV export).
import type { Db } from './db';
import { chinaDaysAsInstants, stmt } from './stmt';

export interface WarningRecord {
  id: number;
  settlementId: string;
  personNo: string;
  kind: string;
  thresholdFen: number;
  amountFen: number;
  message: string;
  createdAt: string;
}

interface Row {
  id: number;
  settlement_id: string;
  person_no: string;
  kind: string;
  threshold_fen: number;
  amount_fen: number;
  message: string;
  created_at: string;
}

export class WarningsRepo {
  constructor(private readonly db: Db) {}

  add(w: Omit<WarningRecord, 'id'>): void {
    stmt(this.db, 
        `INSERT INTO settlement_warnings (settlement_id, person_no, kind, threshold_fen, amount_fen, message, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(w.settlementId, w.personNo, w.kind, w.thresholdFen, w.amountFen, w.message, w.createdAt);
  }

  list(opts: { from?: string; to?: string; limit?: number } = {}): WarningRecord[] {
    const rows = stmt(this.db, 
        `SELECT * FROM settlement_warnings WHERE (? IS NULL OR created_at >= ?)
         AND (? IS NULL OR created_at < ?) ORDER BY id DESC LIMIT ?`,
      )
      .all(...chinaDaysAsInstants(opts.from, opts.to), opts.limit ?? 1000) as Row[];
    return rows.map((r) => ({
      id: r.id,
      settlementId: r.settlement_id,
      personNo: r.person_no,
      kind: r.kind,
      thresholdFen: r.threshold_fen,
      amountFen: r.amount_fen,
      message: r.message,
      createdAt: r.created_at,
    }));
  }
}
