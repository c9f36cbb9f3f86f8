// The network's side of a settlement document (mutable, unlike the document): its state, the
// network's own ids (mdtrt_id, setl_id) and the amounts the network confirmed.
import type { Db } from './db';
import { stmt } from './stmt';
import * as v from 'valibot';
import { pack } from './packed';
import { fen, fenMap, jsonObject, readStored, storedJson } from './stored-json';

export type NetworkState = 'pending' | 'confirmed' | 'dead' | 'cancelled' | 'local';

/** The network's confirmed split, in fen. */
const ConfirmedAmountsSchema = v.object({
  totalFen: fen(),
  fundsFen: fen(),
  accountFen: fen(),
  cashFen: fen(),
  layers: fenMap(),
  /** The network's settlement date (its accounting day, for reconciliation). */
  date: v.optional(v.string()),
  // What the network sent with them (forwarder/confirm.ts NetworkConfirmed): kept on read, else
  // reconciliation would lose each record's clearing group.
  clearing: v.optional(v.object({ type: v.string(), way: v.string(), institution: v.string() })),
  insutype: v.optional(v.string()),
  unplaced: v.optional(v.array(v.string())),
  sent: v.optional(v.object({
    figures: v.record(v.string(), v.unknown()),
    funds: v.array(v.object({ fund_pay_type: v.string(), fund_payamt: v.string(), name: v.string() })),
  })),
});
export type ConfirmedAmounts = v.InferOutput<typeof ConfirmedAmountsSchema>;

const column = (field: string, fieldZh: string) => ({ table: 'settlement_network', tableZh: '结算的医保状态', field, fieldZh });
const CONFIRMED = storedJson(column('confirmed', '医保确认金额'), ConfirmedAmountsSchema);

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
  confirmed: string | Buffer | null;
  confirmed_at: string | null;
  updated_at: string;
}

function fromRow(r: Row): NetworkRecord {
  return {
    settlementId: r.settlement_id,
    state: r.state,
    visitId: r.visit_id ?? undefined,
    netSettlementId: r.net_settlement_id ?? undefined,
    confirmed: CONFIRMED.readOpt(r.confirmed, r.settlement_id),
    confirmedAt: r.confirmed_at ?? undefined,
    updatedAt: r.updated_at,
  };
}

/**
 * The record is created by the first change (not with the settlement, to keep the settle commit
 * small): a settlement without one is pending.
 */
export class SettlementNetworkRepo {
  constructor(private readonly db: Db, private readonly now: () => Date) {}

  private upsert(settlementId: string, set: string, args: unknown[]): void {
    stmt(
      this.db,
      `INSERT INTO settlement_network (settlement_id, state, updated_at) VALUES (?, 'pending', ?)
       ON CONFLICT (settlement_id) DO NOTHING`,
    ).run(settlementId, this.now().toISOString());
    stmt(this.db, `UPDATE settlement_network SET ${set}, updated_at = ? WHERE settlement_id = ?`).run(...args, this.now().toISOString(), settlementId);
  }

  create(settlementId: string, state: NetworkState): void {
    this.setState(settlementId, state);
  }

  get(settlementId: string): NetworkRecord | undefined {
    const row = stmt(this.db, 'SELECT * FROM settlement_network WHERE settlement_id = ?').get(settlementId) as Row | undefined;
    if (row) return fromRow(row);
    const doc = stmt(this.db, 'SELECT created_at FROM settlements WHERE id = ?').get(settlementId) as { created_at: string } | undefined;
    return doc ? { settlementId, state: 'pending', updatedAt: doc.created_at } : undefined;
  }

  setState(settlementId: string, state: NetworkState): void {
    this.upsert(settlementId, 'state = ?', [state]);
  }

  setVisitId(settlementId: string, visitId: string | undefined): void {
    this.upsert(settlementId, 'visit_id = ?', [visitId ?? null]);
  }

  /** The split totals of the uploaded fee lines (2204/2301 answer), which the settle call repeats. */
  setFeeSplit(settlementId: string, split: unknown): void {
    this.upsert(settlementId, 'fee_split = ?', [JSON.stringify(split)]);
  }

  /**
   * The stored fee split, read through the caller's schema of it (the network client's answer).
   * Without a schema only its being a JSON object is checked (the forwarder's call, until it passes one).
   */
  feeSplit<T = Record<string, unknown>>(settlementId: string, schema?: v.GenericSchema<unknown, T>): T | undefined {
    const r = stmt(this.db, 'SELECT fee_split FROM settlement_network WHERE settlement_id = ?').get(settlementId) as { fee_split: string | null } | undefined;
    if (!r?.fee_split) return undefined;
    const at = column('fee_split', '费用明细分割');
    return schema ? readStored(at, schema, r.fee_split, settlementId) : (readStored(at, jsonObject(), r.fee_split, settlementId) as T);
  }

  setCancelledBy(settlementId: string, cancellationId: string): void {
    this.upsert(settlementId, 'cancelled_by = ?', [cancellationId]);
  }

  /**
   * The network confirmed the document: its ids and amounts (packed), and the day it belongs to in
   * the network's books (its settlement date, else the document's day) for the day's reconciliation.
   */
  confirm(settlementId: string, netSettlementId: string, amounts: ConfirmedAmounts): void {
    const at = this.now().toISOString();
    const day = amounts.date ?? (stmt(this.db, 'SELECT business_date AS d FROM settlements WHERE id = ?').get(settlementId) as { d: string } | undefined)?.d;
    // The fee split (2204/2301) served the settle call only: the confirmed record holds what followed.
    this.upsert(settlementId, "state = 'confirmed', net_settlement_id = ?, confirmed = ?, confirmed_at = ?, net_day = ?, fee_split = NULL", [
      netSettlementId, pack(amounts), at, netSettlementId ? day ?? null : null,
    ]);
  }

  /** The documents the network booked on the days from..to (its day), by day: one index range. */
  bookedOn(from: string, to: string): string[] {
    const rows = stmt(this.db, 'SELECT settlement_id AS id FROM settlement_network WHERE net_day >= ? AND net_day <= ? AND net_day IS NOT NULL')
      .all(from, to) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** Counts of the records by state (settlements with no record yet are pending, not counted here). */
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
