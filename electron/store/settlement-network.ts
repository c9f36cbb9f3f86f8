// The network's side of a settlement document (mutable, unlike the document): its state, the
// network's own ids (mdtrt_id, setl_id) and the amounts the network confirmed.
import type { Db } from './db';
import { stmt } from './stmt';

export type NetworkState = 'pending' | 'confirmed' | 'dead' | 'cancelled' | 'local';

/** The network's confirmed split, in fen. */
export interface ConfirmedAmounts {
  totalFen: number;
  fundsFen: number;
  accountFen: number;
  cashFen: number;
  layers: Record<string, number>;
  /** The network's settlement date (its accounting day, for reconciliation). */
  date?: string;
}

export interface NetworkRecord {
  settlementId: string;
  state: NetworkState;
  visitId?: string;
  netSettlementId?: string;
  confirmed?: ConfirmedAmounts;
  confirmedAt?: string;
  updatedAt: string;
}

interface Row {
  settlement_id: string;
  state: NetworkState;
  visit_id: string | null;
  net_settlement_id: string | null;
  confirmed: string | null;
  confirmed_at: string | null;
  updated_at: string;
}

function fromRow(r: Row): NetworkRecord {
  return {
    settlementId: r.settlement_id,
    state: r.state,
    visitId: r.visit_id ?? undefined,
    netSettlementId: r.net_settlement_id ?? undefined,
    confirmed: r.confirmed ? (JSON.parse(r.confirmed) as ConfirmedAmounts) : undefined,
    confirmedAt: r.confirmed_at ?? undefined,
    updatedAt: r.updated_at,
  };
}

export class SettlementNetworkRepo {
  constructor(private readonly db: Db, private readonly now: () => Date) {}

  create(settlementId: string, state: NetworkState): void {
    stmt(this.db, 'INSERT INTO settlement_network (settlement_id, state, updated_at) VALUES (?, ?, ?)')
      .run(settlementId, state, this.now().toISOString());
  }

  get(settlementId: string): NetworkRecord | undefined {
    const row = stmt(this.db, 'SELECT * FROM settlement_network WHERE settlement_id = ?').get(settlementId) as Row | undefined;
    return row ? fromRow(row) : undefined;
  }

  setState(settlementId: string, state: NetworkState): void {
    stmt(this.db, 'UPDATE settlement_network SET state = ?, updated_at = ? WHERE settlement_id = ?')
      .run(state, this.now().toISOString(), settlementId);
  }

  setVisitId(settlementId: string, visitId: string | undefined): void {
    stmt(this.db, 'UPDATE settlement_network SET visit_id = ?, updated_at = ? WHERE settlement_id = ?')
      .run(visitId ?? null, this.now().toISOString(), settlementId);
  }

  confirm(settlementId: string, netSettlementId: string, amounts: ConfirmedAmounts): void {
    const at = this.now().toISOString();
    stmt(this.db, 
        `UPDATE settlement_network SET state = 'confirmed', net_settlement_id = ?, confirmed = ?, confirmed_at = ?, updated_at = ?
         WHERE settlement_id = ?`,
      )
      .run(netSettlementId, JSON.stringify(amounts), at, at, settlementId);
  }

  /** Counts by state (for the status bar and the queue screen). */
  counts(): Record<NetworkState, number> {
    const out: Record<NetworkState, number> = { pending: 0, confirmed: 0, dead: 0, cancelled: 0, local: 0 };
    const rows = stmt(this.db, 'SELECT state, COUNT(*) AS n FROM settlement_network GROUP BY state').all() as {
      state: NetworkState;
      n: number;
    }[];
    for (const r of rows) out[r.state] = r.n;
    return out;
  }
}
