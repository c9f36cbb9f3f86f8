// Day-end reconciliation runs (3201 totals, 3202 details) and the mismatches each found.
import type { Db } from './db';
import { stmt } from './stmt';
import { optText, type Row } from './row';

export interface ReconcileTotalsFen {
  count: number;
  medfeeFen: number;
  fundFen: number;
  accountFen: number;
  cashFen: number;
}

export interface MismatchRecord {
  kind: string;
  settlementId?: string;
  personNo?: string;
  visitId?: string;
  netSettlementId?: string;
  localFen?: number;
  networkFen?: number;
  code?: string;
  memo: string;
}

export interface ReconcileRunRecord {
  id: number;
  from: string;
  to: string;
  startedAt: string;
  finishedAt?: string;
  operatorId?: string;
  local: ReconcileTotalsFen;
  totalsBalanced?: boolean;
  totalsCode?: string;
  totalsMessage?: string;
  mismatchCount: number;
  unsentCount: number;
  error?: string;
}


function fromRow(r: Row): ReconcileRunRecord {
  return {
    id: r.id as number,
    from: r.date_from as string,
    to: r.date_to as string,
    startedAt: r.started_at as string,
    finishedAt: optText(r.finished_at),
    operatorId: optText(r.operator_id),
    local: {
      count: r.local_count as number, medfeeFen: r.local_medfee_fen as number, fundFen: r.local_fund_fen as number,
      accountFen: r.local_account_fen as number, cashFen: r.local_cash_fen as number,
    },
    totalsBalanced: r.totals_balanced === null ? undefined : r.totals_balanced === 1,
    totalsCode: optText(r.totals_code),
    totalsMessage: optText(r.totals_message),
    mismatchCount: r.mismatch_count as number,
    unsentCount: r.unsent_count as number,
    error: optText(r.error),
  };
}

export class ReconcileRepo {
  constructor(private readonly db: Db) {}

  start(from: string, to: string, at: string, operatorId: string | undefined): number {
    return Number(
      stmt(this.db, 'INSERT INTO reconcile_runs (date_from, date_to, started_at, operator_id) VALUES (?, ?, ?, ?)').run(from, to, at, operatorId ?? null)
        .lastInsertRowid,
    );
  }

  finish(id: number, r: {
    local: ReconcileTotalsFen; balanced?: boolean; code?: string; message?: string; mismatches: MismatchRecord[];
    unsent: number; error?: string; at: string;
  }): void {
    this.db.transaction(() => {
      stmt(this.db, 
          `UPDATE reconcile_runs SET finished_at = ?, local_count = ?, local_medfee_fen = ?, local_fund_fen = ?, local_account_fen = ?,
           local_cash_fen = ?, totals_balanced = ?, totals_code = ?, totals_message = ?, mismatch_count = ?, unsent_count = ?, error = ?
           WHERE id = ?`,
        )
        .run(
          r.at, r.local.count, r.local.medfeeFen, r.local.fundFen, r.local.accountFen, r.local.cashFen,
          r.balanced === undefined ? null : r.balanced ? 1 : 0, r.code ?? null, r.message ?? null, r.mismatches.length, r.unsent,
          r.error ?? null, id,
        );
      const ins = stmt(this.db, 
        `INSERT INTO reconcile_mismatches (run_id, kind, settlement_id, person_no, visit_id, net_settlement_id, local_fen, network_fen, code, memo)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      for (const m of r.mismatches) {
        ins.run(id, m.kind, m.settlementId ?? null, m.personNo ?? null, m.visitId ?? null, m.netSettlementId ?? null,
          m.localFen ?? null, m.networkFen ?? null, m.code ?? null, m.memo);
      }
    })();
  }

  get(id: number): ReconcileRunRecord | undefined {
    const r = stmt(this.db, 'SELECT * FROM reconcile_runs WHERE id = ?').get(id) as Row | undefined;
    return r ? fromRow(r) : undefined;
  }

  list(limit = 50): ReconcileRunRecord[] {
    return (stmt(this.db, 'SELECT * FROM reconcile_runs ORDER BY id DESC LIMIT ?').all(limit) as Row[]).map(fromRow);
  }

  mismatches(runId: number): MismatchRecord[] {
    const rows = stmt(this.db, 'SELECT * FROM reconcile_mismatches WHERE run_id = ? ORDER BY id').all(runId) as Row[];
    const opt = <T>(v: unknown) => (v === null ? undefined : (v as T));
    return rows.map((r) => ({
      kind: r.kind as string,
      settlementId: opt<string>(r.settlement_id),
      personNo: opt<string>(r.person_no),
      visitId: opt<string>(r.visit_id),
      netSettlementId: opt<string>(r.net_settlement_id),
      localFen: opt<number>(r.local_fen),
      networkFen: opt<number>(r.network_fen),
      code: opt<string>(r.code),
      memo: r.memo as string,
    }));
  }
}
