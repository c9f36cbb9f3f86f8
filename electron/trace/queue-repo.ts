// The durable queue of sale records to upload (trace_uploads): rows are added in the settlement's
// or the cancellation's own transaction, and moved on by the sender (sender.ts).
import type { Db } from '../store/db';
import { stmt } from '../store/stmt';

export type UploadState = 'waiting' | 'sending' | 'done' | 'rejected' | 'void';

export interface Upload {
  id: number;
  settlementId: string;
  lineNo: string;
  infno: '3505' | '3506';
  state: UploadState;
  msgid?: string;
  attempts: number;
  nextAt?: string;
  message?: string;
  createdAt: string;
  updatedAt: string;
}

type R = Record<string, unknown>;

function uploadOf(r: R): Upload {
  return {
    id: Number(r.id), settlementId: String(r.settlement_id), lineNo: String(r.line_no), infno: r.infno as Upload['infno'], state: r.state as UploadState,
    msgid: (r.msgid as string | null) ?? undefined, attempts: Number(r.attempts), nextAt: (r.next_at as string | null) ?? undefined,
    message: (r.message as string | null) ?? undefined, createdAt: String(r.created_at), updatedAt: String(r.updated_at),
  };
}

export class UploadQueue {
  constructor(private readonly db: Db, private readonly now: () => Date) {}

  private at(): string {
    return this.now().toISOString();
  }

  add(settlementId: string, lineNo: string, infno: Upload['infno'], state: UploadState = 'waiting', message?: string): void {
    stmt(
      this.db,
      `INSERT INTO trace_uploads (settlement_id, line_no, infno, state, message, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (settlement_id, line_no, infno) DO NOTHING`,
    ).run(settlementId, lineNo, infno, state, message ?? null, this.at(), this.at());
  }

  get(id: number): Upload | undefined {
    const r = stmt(this.db, 'SELECT * FROM trace_uploads WHERE id = ?').get(id) as R | undefined;
    return r && uploadOf(r);
  }

  find(settlementId: string, lineNo: string, infno: Upload['infno']): Upload | undefined {
    const r = stmt(this.db, 'SELECT * FROM trace_uploads WHERE settlement_id = ? AND line_no = ? AND infno = ?').get(settlementId, lineNo, infno) as R | undefined;
    return r && uploadOf(r);
  }

  forSettlement(settlementId: string): Upload[] {
    return (stmt(this.db, 'SELECT * FROM trace_uploads WHERE settlement_id = ? ORDER BY id').all(settlementId) as R[]).map(uploadOf);
  }

  /** Open rows due now, oldest first. */
  due(limit = 50): Upload[] {
    const rows = stmt(
      this.db,
      "SELECT * FROM trace_uploads WHERE state IN ('waiting', 'sending') AND (next_at IS NULL OR next_at <= ?) ORDER BY id LIMIT ?",
    ).all(this.at(), limit) as R[];
    return rows.map(uploadOf);
  }

  list(states: UploadState[], limit = 500): Upload[] {
    const marks = states.map(() => '?').join(', ');
    return (stmt(this.db, `SELECT * FROM trace_uploads WHERE state IN (${marks}) ORDER BY id DESC LIMIT ?`).all(...states, limit) as R[]).map(uploadOf);
  }

  /** The msgid is stored before the request leaves: a crash after it is sent again under it. */
  sending(id: number, msgid: string): void {
    stmt(this.db, "UPDATE trace_uploads SET state = 'sending', msgid = ?, attempts = attempts + 1, updated_at = ? WHERE id = ?").run(msgid, this.at(), id);
  }

  later(id: number, nextAt: Date, message: string): void {
    stmt(this.db, 'UPDATE trace_uploads SET next_at = ?, message = ?, updated_at = ? WHERE id = ?').run(nextAt.toISOString(), message, this.at(), id);
  }

  finish(id: number, state: 'done' | 'rejected' | 'void', message?: string): void {
    stmt(this.db, 'UPDATE trace_uploads SET state = ?, message = ?, next_at = NULL, updated_at = ? WHERE id = ?').run(state, message ?? null, this.at(), id);
  }

  /** A rejected record sent again (after the cause was fixed): a new msgid, from the start. */
  retry(id: number): boolean {
    const r = stmt(this.db, "UPDATE trace_uploads SET state = 'waiting', msgid = NULL, next_at = NULL, message = NULL, updated_at = ? WHERE id = ? AND state = 'rejected'");
    return r.run(this.at(), id).changes === 1;
  }

  counts(): Record<UploadState, number> {
    const out: Record<UploadState, number> = { waiting: 0, sending: 0, done: 0, rejected: 0, void: 0 };
    for (const r of stmt(this.db, 'SELECT state, COUNT(*) AS n FROM trace_uploads GROUP BY state').all() as { state: UploadState; n: number }[]) out[r.state] = r.n;
    return out;
  }
}
