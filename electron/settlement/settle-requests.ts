// Repository of the attempts to settle a visit at the network (migration 080): each 2207 / 2304
// with its msgid and what the local settlement is built from, stored before the request leaves.
// 'sending' and 'unknown' are open (the outcome is not known yet); at most one is open per visit.
import type { Db } from '../store/db';
import { stmt } from '../store/stmt';
import { optText, type Row } from '../store/row';
import { pack, unpack } from '../store/packed';

export type SettleRequestState = 'sending' | 'unknown' | 'settled' | 'refused' | 'notSent' | 'notApplied';

export interface SettleRequestRecord<T = unknown> {
  id: number;
  visitRef: string;
  personNo: string;
  infno: string;
  msgid: string;
  /** What the settlement is built from (the caller's input, the visit at the network). */
  request: T;
  state: SettleRequestState;
  settlementId?: string;
  message?: string;
  createdAt: string;
}

const OPEN = "state IN ('sending', 'unknown')";

function fromRow<T>(r: Row): SettleRequestRecord<T> {
  return {
    id: r.id as number,
    visitRef: r.visit_ref as string,
    personNo: r.person_no as string,
    infno: r.infno as string,
    msgid: r.msgid as string,
    request: unpack<T>(r.request as Buffer),
    state: r.state as SettleRequestState,
    settlementId: optText(r.settlement_id),
    message: optText(r.message),
    createdAt: r.created_at as string,
  };
}

export class SettleRequestsRepo {
  constructor(private readonly db: Db, private readonly now: () => Date) {}

  /** Stores an attempt about to be sent (inside the caller's transaction, with its msgid). */
  insert<T>(r: { visitRef: string; personNo: string; infno: string; msgid: string; request: T }): SettleRequestRecord<T> {
    const at = this.now().toISOString();
    const id = stmt(
      this.db,
      `INSERT INTO settle_requests (visit_ref, person_no, infno, msgid, request, state, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 'sending', ?, ?)`,
    ).run(r.visitRef, r.personNo, r.infno, r.msgid, pack(r.request), at, at).lastInsertRowid;
    return this.get<T>(Number(id))!;
  }

  get<T>(id: number): SettleRequestRecord<T> | undefined {
    const r = stmt(this.db, 'SELECT * FROM settle_requests WHERE id = ?').get(id) as Row | undefined;
    return r ? fromRow<T>(r) : undefined;
  }

  /** The open attempt of a visit, if any. */
  openFor<T>(visitRef: string): SettleRequestRecord<T> | undefined {
    const r = stmt(this.db, `SELECT * FROM settle_requests WHERE visit_ref = ? AND ${OPEN}`).get(visitRef) as Row | undefined;
    return r ? fromRow<T>(r) : undefined;
  }

  /** Every open attempt, oldest first (from the partial index of open attempts). */
  open<T>(): SettleRequestRecord<T>[] {
    return (stmt(this.db, `SELECT * FROM settle_requests INDEXED BY settle_requests_open WHERE ${OPEN} ORDER BY id`).all() as Row[]).map((r) => fromRow<T>(r));
  }

  /** Every msgid a visit's settlement was ever sent with (2601 / 5203 recognise ours by them). */
  msgidsOf(visitRef: string): string[] {
    return (stmt(this.db, 'SELECT msgid FROM settle_requests WHERE visit_ref = ?').all(visitRef) as { msgid: string }[]).map((r) => r.msgid);
  }

  set(id: number, state: SettleRequestState, o: { settlementId?: string; message?: string } = {}): void {
    stmt(this.db, 'UPDATE settle_requests SET state = ?, settlement_id = COALESCE(?, settlement_id), message = COALESCE(?, message), updated_at = ? WHERE id = ?')
      .run(state, o.settlementId ?? null, o.message ?? null, this.now().toISOString(), id);
  }

  /** The open attempt `old` was refused for an ended sign-in: closed, and `next` stored in its place (one transaction). */
  renew<T>(old: SettleRequestRecord<T>, msgid: string): SettleRequestRecord<T> {
    return this.db.transaction(() => {
      this.set(old.id, 'notApplied', { message: 'refused for an ended sign-in; sent again under a new msgid' });
      return this.insert({ visitRef: old.visitRef, personNo: old.personNo, infno: old.infno, msgid, request: old.request });
    })();
  }
}
