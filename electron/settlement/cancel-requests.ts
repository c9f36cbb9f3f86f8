// Repository of the attempts to cancel a settlement at the network (migration 055): each 2208 /
// 2305 with its msgid, stored before the request leaves, and how it ended. 'sending' and
// 'unknown' are open (the outcome is not known yet); at most one is open per settlement.
import type { Db } from '../store/db';
import { stmt } from '../store/stmt';
import { optText, type Row } from '../store/row';

export type CancelRequestState = 'sending' | 'unknown' | 'accepted' | 'refused' | 'notSent' | 'notApplied';

export interface CancelRequest {
  id: number;
  settlementId: string;
  infno: string;
  msgid: string;
  reason: string;
  operatorId: string;
  state: CancelRequestState;
  cancellationId?: string;
  message?: string;
  createdAt: string;
  updatedAt: string;
}

const OPEN = "state IN ('sending', 'unknown')";

function fromRow(r: Row): CancelRequest {
  return {
    id: r.id as number,
    settlementId: r.settlement_id as string,
    infno: r.infno as string,
    msgid: r.msgid as string,
    reason: r.reason as string,
    operatorId: r.operator_id as string,
    state: r.state as CancelRequestState,
    cancellationId: optText(r.cancellation_id),
    message: optText(r.message),
    createdAt: r.created_at as string,
    updatedAt: r.updated_at as string,
  };
}

export class CancelRequestsRepo {
  constructor(private readonly db: Db, private readonly now: () => Date) {}

  /** Stores an attempt about to be sent (inside the caller's transaction, with its msgid). */
  insert(r: Pick<CancelRequest, 'settlementId' | 'infno' | 'msgid' | 'reason' | 'operatorId'>): CancelRequest {
    const at = this.now().toISOString();
    const id = stmt(
      this.db,
      `INSERT INTO cancel_requests (settlement_id, infno, msgid, reason, operator_id, state, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 'sending', ?, ?)`,
    ).run(r.settlementId, r.infno, r.msgid, r.reason, r.operatorId, at, at).lastInsertRowid;
    return this.get(Number(id))!;
  }

  get(id: number): CancelRequest | undefined {
    const r = stmt(this.db, 'SELECT * FROM cancel_requests WHERE id = ?').get(id) as Row | undefined;
    return r ? fromRow(r) : undefined;
  }

  /** The open attempt of a settlement, if any. */
  openFor(settlementId: string): CancelRequest | undefined {
    const r = stmt(this.db, `SELECT * FROM cancel_requests WHERE settlement_id = ? AND ${OPEN}`).get(settlementId) as Row | undefined;
    return r ? fromRow(r) : undefined;
  }

  /** Every open attempt, oldest first (from the partial index of open attempts: polled, so never every attempt ever made). */
  open(): CancelRequest[] {
    return (stmt(this.db, `SELECT * FROM cancel_requests INDEXED BY cancel_requests_open WHERE ${OPEN} ORDER BY id`).all() as Row[]).map(fromRow);
  }

  forSettlement(settlementId: string): CancelRequest[] {
    return (stmt(this.db, 'SELECT * FROM cancel_requests WHERE settlement_id = ? ORDER BY id').all(settlementId) as Row[]).map(fromRow);
  }

  set(id: number, state: CancelRequestState, o: { cancellationId?: string; message?: string } = {}): void {
    stmt(this.db, 'UPDATE cancel_requests SET state = ?, cancellation_id = COALESCE(?, cancellation_id), message = COALESCE(?, message), updated_at = ? WHERE id = ?')
      .run(state, o.cancellationId ?? null, o.message ?? null, this.now().toISOString(), id);
  }
}
