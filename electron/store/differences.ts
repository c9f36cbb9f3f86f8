// Differences between the local settlement and the network's confirmed amounts: stored, listed
// for reconciliation, never silently overwritten. By default the institution bears them; the setup
// may instead collect them from (or refund them to) the patient at the next visit.
import type { Db } from './db';
import * as v from 'valibot';
import { chinaDaysAsInstants, stmt } from './stmt';
import { fen, storedJson } from './stored-json';

export type DifferencePolicy = 'institution' | 'patient';
export type DifferenceStatus = 'open' | 'borne' | 'collected';

const DifferenceItemSchema = v.object({
  /** Layer key, or `account`, `cash`, `funds`, `total`. */
  item: v.string(),
  localFen: fen(),
  networkFen: fen(),
});
export type DifferenceItem = v.InferOutput<typeof DifferenceItemSchema>;

const ITEMS = storedJson(
  { table: 'settlement_differences', tableZh: '结算差异', field: 'items', fieldZh: '差异项目' },
  v.array(DifferenceItemSchema),
);

export interface DifferenceRecord {
  settlementId: string;
  personNo: string;
  items: DifferenceItem[];
  /** Network cash minus local cash: positive = the patient paid too little. */
  cashDiffFen: number;
  policy: DifferencePolicy;
  status: DifferenceStatus;
  resolvedBy?: string;
  createdAt: string;
}

interface Row {
  settlement_id: string;
  person_no: string;
  items: string;
  cash_diff_fen: number;
  policy: DifferencePolicy;
  status: DifferenceStatus;
  resolved_by: string | null;
  created_at: string;
}

function fromRow(r: Row): DifferenceRecord {
  return {
    settlementId: r.settlement_id,
    personNo: r.person_no,
    items: ITEMS.read(r.items, r.settlement_id),
    cashDiffFen: r.cash_diff_fen,
    policy: r.policy,
    status: r.status,
    resolvedBy: r.resolved_by ?? undefined,
    createdAt: r.created_at,
  };
}

export class DifferencesRepo {
  constructor(private readonly db: Db, private readonly now: () => Date) {}

  /** Records the difference of a settlement (once; a second confirmation changes nothing). */
  record(d: Omit<DifferenceRecord, 'status' | 'createdAt' | 'resolvedBy'>): void {
    const status: DifferenceStatus = d.policy === 'institution' || d.cashDiffFen === 0 ? 'borne' : 'open';
    stmt(this.db, 
        `INSERT OR IGNORE INTO settlement_differences (settlement_id, person_no, items, cash_diff_fen, policy, status, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(d.settlementId, d.personNo, JSON.stringify(d.items), d.cashDiffFen, d.policy, status, this.now().toISOString());
  }

  get(settlementId: string): DifferenceRecord | undefined {
    const r = stmt(this.db, 'SELECT * FROM settlement_differences WHERE settlement_id = ?').get(settlementId) as Row | undefined;
    return r ? fromRow(r) : undefined;
  }

  /** Open patient differences of a person (collected or refunded at the next visit). */
  openFor(personNo: string): DifferenceRecord[] {
    const rows = stmt(this.db, "SELECT * FROM settlement_differences WHERE person_no = ? AND status = 'open' ORDER BY created_at")
      .all(personNo) as Row[];
    return rows.map(fromRow);
  }

  markCollected(settlementIds: string[], by: string): void {
    const update = stmt(this.db, "UPDATE settlement_differences SET status = 'collected', resolved_by = ? WHERE settlement_id = ? AND status = 'open'");
    for (const id of settlementIds) update.run(by, id);
  }

  /** Puts differences collected by a cancelled settlement back to open. */
  reopenCollectedBy(settlementId: string): void {
    stmt(this.db, "UPDATE settlement_differences SET status = 'open', resolved_by = NULL WHERE resolved_by = ? AND status = 'collected'")
      .run(settlementId);
  }

  /** Newest first; a range of China days is a range of settlement_differences_created (071). */
  list(opts: { from?: string; to?: string; limit?: number } = {}): DifferenceRecord[] {
    const [, start, , end] = chinaDaysAsInstants(opts.from, opts.to);
    const where = [...(start ? ['created_at >= ?'] : []), ...(end ? ['created_at < ?'] : [])];
    const rows = stmt(this.db, `SELECT * FROM settlement_differences ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC LIMIT ?`)
      .all(...[start, end].filter((v) => v), opts.limit ?? 500) as Row[];
    return rows.map(fromRow);
  }
}
