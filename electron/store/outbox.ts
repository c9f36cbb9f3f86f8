// Repository of the transactional outbox: the network messages of each settlement (written in
// the settle transaction), their msgids (persisted before every send), attempts, backoff and
// dead letters. Messages of one person go in id order; a dead message holds the rest of its
// settlement until a person retries or cancels it.
import type { Db } from './db';
import { stmt } from './stmt';
import { optText, type Row } from './row';
import * as v from 'valibot';
import { pack } from './packed';
import { storedJson } from './stored-json';

export type OutboxState = 'queued' | 'sending' | 'unknown' | 'held' | 'done' | 'dead' | 'cancelled';
/**
 * The business steps of a settlement as replayed to the network; a cancellation's: 'cancel' (the
 * settlement reached the network) or the undo of what reached it before the settlement did
 * ('unfees', then 'unregister' / 'unadmit').
 */
export type OutboxStep = 'register' | 'admit' | 'fees' | 'settle' | 'discharge' | 'cancel' | 'unfees' | 'unregister' | 'unadmit';

export interface OutboxMessage {
  id: number;
  settlementId: string;
  personNo: string;
  step: OutboxStep;
  infno: string;
  state: OutboxState;
  msgid?: string;
  attempts: number;
  nextAttemptAt: number;
  /** Some earlier attempt may have reached the network (its outcome was unknown). */
  maybeSent: boolean;
  lastError?: string;
  lastErrorCode?: string;
  result?: unknown;
  createdAt: string;
  updatedAt: string;
  doneAt?: string;
}

export interface DeadLetter {
  id: number;
  outboxId: number;
  settlementId: string;
  code: string;
  message: string;
  createdAt: string;
  resolvedAt?: string;
  resolution?: 'retry' | 'cancelled';
  reason?: string;
  operatorId?: string;
}


/**
 * Unfinished messages are the queued ones, found by id from the mark (none below it: 053), and the
 * ones the forwarder took up, in the partial index (its term repeated verbatim so SQLite uses it).
 * Open (to be sent or resolved, in order per person): queued, sending, unknown.
 */
const QUEUED = "id >= (SELECT queued_from FROM outbox_mark) AND state = 'queued'";
const ACTIVE = "state IN ('sending', 'unknown', 'held', 'dead')";
const IN_FLIGHT = `${ACTIVE} AND state IN ('sending', 'unknown')`;
/** How many queued messages heads() looks at, at most. */
const HEAD_WINDOW = 500;

/** A message's result: any JSON the step kept (its readers check what they take from it). */
const RESULT = storedJson({ table: 'outbox', tableZh: '待上传医保消息', field: 'result', fieldZh: '处理结果' }, v.unknown());

function fromRow(r: Row): OutboxMessage {
  return {
    id: r.id as number,
    settlementId: r.settlement_id as string,
    personNo: r.person_no as string,
    step: r.step as OutboxStep,
    infno: r.infno as string,
    state: r.state as OutboxState,
    msgid: optText(r.msgid),
    attempts: r.attempts as number,
    nextAttemptAt: r.next_attempt_at as number,
    maybeSent: r.maybe_sent === 1,
    lastError: optText(r.last_error),
    lastErrorCode: optText(r.last_error_code),
    result: RESULT.readOpt(r.result, r.id as number),
    createdAt: r.created_at as string,
    updatedAt: r.updated_at as string,
    doneAt: optText(r.done_at),
  };
}

function deadFromRow(r: Row): DeadLetter {
  return {
    id: r.id as number,
    outboxId: r.outbox_id as number,
    settlementId: r.settlement_id as string,
    code: r.code as string,
    message: r.message as string,
    createdAt: r.created_at as string,
    resolvedAt: optText(r.resolved_at),
    resolution: optText(r.resolution) as DeadLetter['resolution'],
    reason: optText(r.reason),
    operatorId: optText(r.operator_id),
  };
}

export interface OutboxCounts {
  /** Messages not yet done (queued, sending, unknown, held, dead). */
  unsentMessages: number;
  /** Settlements with messages not yet done. */
  unsentSettlements: number;
  inFlight: number;
  unknown: number;
  dead: number;
  held: number;
}

/** A step's result without what is recorded on the settlement's network record in the same transaction. */
function withoutRecorded(result: unknown): unknown {
  if (!result || typeof result !== 'object' || Array.isArray(result)) return result;
  const { amounts: _amounts, split: _split, ...rest } = result as Record<string, unknown>;
  return rest;
}

export class OutboxRepo {
  private readonly stmts;
  /** The INSERT of n messages, by n. */
  private readonly inserts: string[] = [];

  constructor(private readonly db: Db, private readonly now: () => Date) {
    this.stmts = {
      raisePersonMark: db.prepare(
        `INSERT INTO outbox_person_mark (person_no, queued_from) VALUES (?, ?)
         ON CONFLICT (person_no) DO UPDATE SET queued_from = max(queued_from, excluded.queued_from)`,
      ),
      headInFlight: db.prepare(`SELECT * FROM outbox WHERE ${IN_FLIGHT} AND person_no = ? ORDER BY id LIMIT 1`),
      byId: db.prepare('SELECT * FROM outbox WHERE id = ?'),
      stateOf: db.prepare('SELECT state FROM outbox WHERE id = ?'),
      inFlightHeads: db.prepare(`SELECT id, person_no, next_attempt_at FROM outbox WHERE ${IN_FLIGHT} ORDER BY id`),
      queuedWindow: db.prepare(`SELECT id, person_no, next_attempt_at FROM outbox WHERE ${QUEUED} ORDER BY id LIMIT ?`),
      mark: db.prepare('SELECT queued_from AS m FROM outbox_mark'),
      firstQueued: db.prepare("SELECT id FROM outbox WHERE id >= ? AND state = 'queued' ORDER BY id LIMIT 1"),
      nextId: db.prepare('SELECT COALESCE(max(id), 0) + 1 AS id FROM outbox'),
      setMark: db.prepare('UPDATE outbox_mark SET queued_from = ?'),
      update: db.prepare(
        `UPDATE outbox SET state = ?, msgid = ?, attempts = ?, next_attempt_at = ?, maybe_sent = ?, last_error = ?,
         last_error_code = ?, updated_at = ? WHERE id = ?`,
      ),
      msgid: db.prepare('INSERT INTO outbox_msgids (msgid, outbox_id, infno, created_at) VALUES (?, ?, ?, ?)'),
      outcome: db.prepare('UPDATE outbox_msgids SET outcome = ? WHERE outbox_id = ? AND msgid = ?'),
    };
  }

  /** Queues the steps of a settlement, in order (inside the settle transaction): one statement. */
  enqueue(settlementId: string, personNo: string, steps: { step: OutboxStep; infno: string }[]): number[] {
    if (!steps.length) return [];
    const at = this.now().toISOString();
    const args: unknown[] = [];
    for (const s of steps) args.push(settlementId, personNo, s.step, s.infno, at, at);
    const sql = (this.inserts[steps.length] ??= `INSERT INTO outbox (settlement_id, person_no, step, infno, state, created_at, updated_at)
      VALUES ${steps.map(() => "(?, ?, ?, ?, 'queued', ?, ?)").join(', ')}`);
    // Rows of one statement take consecutive ids (max + 1 each; outbox rows are never deleted).
    const last = Number(stmt(this.db, sql).run(...args).lastInsertRowid);
    return steps.map((_, i) => last - steps.length + 1 + i);
  }

  get(id: number): OutboxMessage | undefined {
    const r = this.stmts.byId.get(id) as Row | undefined;
    return r ? fromRow(r) : undefined;
  }

  /**
   * The person's next message in order (queued, sending or unknown), ready or not. The queued one
   * is found among the person's settlements with unfinished messages (settlements_person, 074's
   * outbox_open_settlements, outbox_settlement): what the person has, not what the queue holds.
   */
  head(personNo: string): OutboxMessage | undefined {
    const q = stmt(
      this.db,
      `SELECT o.* FROM settlements s CROSS JOIN outbox_open_settlements os CROSS JOIN outbox o
       WHERE s.person_no = ? AND os.settlement_id = s.id AND o.settlement_id = s.id AND o.state = 'queued' ORDER BY o.id LIMIT 1`,
    ).get(personNo) as Row | undefined;
    const f = this.stmts.headInFlight.get(personNo) as Row | undefined;
    const r = q && f ? ((q.id as number) < (f.id as number) ? q : f) : q ?? f;
    return r ? fromRow(r) : undefined;
  }

  /**
   * Up to `limit` persons' head messages that are due at `now` (a person's head: their first open
   * message), leaving out the persons `busy` says are being worked on, oldest first; and when the
   * earliest head not yet due will be. Reads the messages in flight and the first WINDOW queued
   * ones, never the whole queue: a person whose first message lies further back is reached as
   * those before it go (with the network down, there is no hurry to find them).
   */
  heads(limit: number, busy: (personNo: string) => boolean, now: number): { due: OutboxMessage[]; nextAt?: number } {
    type Head = { id: number; person_no: string; next_attempt_at: number };
    const open = [...(this.stmts.inFlightHeads.all() as Head[]), ...(this.stmts.queuedWindow.all(HEAD_WINDOW) as Head[])].sort((a, b) => a.id - b.id);
    const seen = new Set<string>();
    const due: number[] = [];
    let nextAt: number | undefined;
    for (const h of open) {
      if (due.length >= limit) break;
      if (seen.has(h.person_no)) continue;
      seen.add(h.person_no);
      if (busy(h.person_no)) continue;
      if (h.next_attempt_at > now) nextAt = Math.min(nextAt ?? Infinity, h.next_attempt_at);
      else due.push(h.id);
    }
    return { due: due.map((id) => this.get(id)!).filter(Boolean), nextAt };
  }

  /** Every msgid the message was ever sent with. */
  msgidsOf(outboxId: number): string[] {
    return (stmt(this.db, 'SELECT msgid FROM outbox_msgids WHERE outbox_id = ?').all(outboxId) as { msgid: string }[]).map((r) => r.msgid);
  }

  forSettlement(settlementId: string): OutboxMessage[] {
    return (stmt(this.db, 'SELECT * FROM outbox WHERE settlement_id = ? ORDER BY id').all(settlementId) as Row[]).map(fromRow);
  }

  private write(m: OutboxMessage): void {
    this.stmts.update.run(
      m.state, m.msgid ?? null, m.attempts, m.nextAttemptAt, m.maybeSent ? 1 : 0, m.lastError ?? null,
      m.lastErrorCode ?? null, this.now().toISOString(), m.id,
    );
  }

  /** Persists the msgid of the attempt about to be sent (before sending) and marks it sending. */
  beginAttempt(m: OutboxMessage, msgid: string, infno: string): OutboxMessage | undefined {
    const next = { ...m, state: 'sending' as const, msgid, attempts: m.attempts + 1 };
    // The forwarder read `m` earlier (its commit runs a turn later): a cancellation in between
    // cancelled the message, and it must not be sent after all.
    const now = this.stmts.stateOf.get(m.id) as { state: OutboxState } | undefined;
    if (now?.state !== m.state) return undefined;
    this.db.transaction(() => {
      if (m.msgid !== msgid) this.stmts.msgid.run(msgid, m.id, infno, this.now().toISOString());
      this.write(next);
      if (m.state === 'queued') {
        // `m` was the person's lowest queued message: the rest of theirs lie above it.
        this.stmts.raisePersonMark.run(m.personNo, m.id + 1);
        this.raiseMark();
      }
    })();
    return next;
  }

  /** Messages left the queue: the mark moves up to the first queued message (or past the last message). */
  private raiseMark(): void {
    const mark = (this.stmts.mark.get() as { m: number }).m;
    const first = this.stmts.firstQueued.get(mark) as { id: number } | undefined;
    const to = first?.id ?? (this.stmts.nextId.get() as { id: number }).id;
    if (to !== mark) this.stmts.setMark.run(to);
  }

  /**
   * Whether the message's settlement was cancelled locally while the message was in flight or
   * unknown (cancelOpen leaves those to the forwarder): what is found not applied then is not sent
   * again but cancelled; the cancellation's undo steps take back whatever of it did apply.
   */
  private cancelledMeanwhile(m: OutboxMessage): boolean {
    return !!stmt(this.db, "SELECT 1 FROM settlement_network WHERE settlement_id = ? AND state = 'cancelled'").get(m.settlementId);
  }

  /** The request certainly never reached the network: resend later with the same msgid. */
  notSent(m: OutboxMessage, code: string, error: string, nextAt: number): void {
    const state = this.cancelledMeanwhile(m) ? 'cancelled' : 'queued';
    this.write({ ...m, state, nextAttemptAt: nextAt, lastError: error, lastErrorCode: code });
  }

  /** The request may have reached the network: resolve before redoing. */
  unknown(m: OutboxMessage, code: string, error: string, nextAt: number): void {
    if (m.msgid) this.stmts.outcome.run('unknown', m.id, m.msgid);
    this.write({ ...m, state: 'unknown', maybeSent: true, nextAttemptAt: nextAt, lastError: error, lastErrorCode: code });
  }

  /** Resolution found the attempt not applied: redo with a new msgid. */
  redo(m: OutboxMessage, note: string): void {
    if (m.msgid) this.stmts.outcome.run('notApplied', m.id, m.msgid);
    const state = this.cancelledMeanwhile(m) ? 'cancelled' : 'queued';
    this.write({ ...m, state, msgid: undefined, nextAttemptAt: 0, lastError: note, lastErrorCode: 'RESOLVED' });
  }

  /**
   * Marks the message done, with the business result (the caller may run more in the same
   * transaction). The result is kept for support, packed, without what the same transaction
   * records on the settlement's network record (the confirmed amounts, the fee split).
   */
  done(m: OutboxMessage, result: unknown): void {
    const at = this.now().toISOString();
    if (m.msgid) this.stmts.outcome.run('applied', m.id, m.msgid);
    this.write({ ...m, state: 'done', lastError: undefined, lastErrorCode: undefined });
    stmt(this.db, 'UPDATE outbox SET result = ?, done_at = ? WHERE id = ?').run(pack(withoutRecorded(result ?? null)), at, m.id);
  }

  /** A business rejection: a dead letter with the network's message; the rest of the settlement waits. */
  dead(m: OutboxMessage, code: string, message: string): void {
    const at = this.now().toISOString();
    if (m.msgid) this.stmts.outcome.run('rejected', m.id, m.msgid);
    this.write({ ...m, state: 'dead', lastError: message, lastErrorCode: code });
    for (const open of [QUEUED, IN_FLIGHT]) {
      stmt(this.db, `UPDATE outbox SET state = 'held', updated_at = ? WHERE ${open} AND person_no = ? AND settlement_id = ? AND id <> ?`)
        .run(at, m.personNo, m.settlementId, m.id);
    }
    stmt(this.db, 'INSERT INTO dead_letters (outbox_id, settlement_id, code, message, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(m.id, m.settlementId, code, message, at);
  }

  deadLetters(opts: { open?: boolean; limit?: number } = {}): DeadLetter[] {
    const where = opts.open === false ? '' : 'WHERE resolved_at IS NULL';
    const rows = stmt(this.db, `SELECT * FROM dead_letters ${where} ORDER BY id DESC LIMIT ?`).all(opts.limit ?? 500) as Row[];
    return rows.map(deadFromRow);
  }

  deadLetter(id: number): DeadLetter | undefined {
    const r = stmt(this.db, 'SELECT * FROM dead_letters WHERE id = ?').get(id) as Row | undefined;
    return r ? deadFromRow(r) : undefined;
  }

  /** Retry after fix: the dead message is redone with a new msgid; its held siblings are released. */
  retryDead(id: number, operatorId: string): DeadLetter | undefined {
    const d = this.deadLetter(id);
    if (!d || d.resolvedAt) return undefined;
    const at = this.now().toISOString();
    this.db.transaction(() => {
      stmt(this.db, 
          `UPDATE outbox SET state = 'queued', msgid = NULL, attempts = 0, next_attempt_at = 0, updated_at = ? WHERE id = ? AND state = 'dead'`,
        )
        .run(at, d.outboxId);
      stmt(this.db, `UPDATE outbox SET state = 'queued', updated_at = ? WHERE ${ACTIVE} AND state = 'held' AND settlement_id = ?`).run(at, d.settlementId);
      this.resolveDead(d.id, 'retry', operatorId, undefined);
    })();
    return this.deadLetter(id);
  }

  resolveDead(id: number, resolution: 'retry' | 'cancelled', operatorId: string, reason: string | undefined): void {
    stmt(this.db, 'UPDATE dead_letters SET resolved_at = ?, resolution = ?, operator_id = ?, reason = ? WHERE id = ?')
      .run(this.now().toISOString(), resolution, operatorId, reason ?? null, id);
  }

  /**
   * Cancels the messages of a settlement that wait to be sent or were stopped (queued, held, dead);
   * what is in flight or unknown is left to the forwarder. With `stoppedOnly`, only held and dead
   * ones: a settlement cancelled at the network keeps its queued steps (they go, in order, before
   * the cancellation), but a rejected step must not count as unsent forever.
   */
  cancelOpen(settlementId: string, stoppedOnly = false): number {
    const at = this.now().toISOString();
    let n = 0;
    const stopped = `${ACTIVE} AND state IN ('held', 'dead')`;
    for (const open of stoppedOnly ? [stopped] : [QUEUED, stopped]) {
      n += stmt(this.db, `UPDATE outbox SET state = 'cancelled', updated_at = ? WHERE ${open} AND settlement_id = ?`).run(at, settlementId).changes;
    }
    if (n) this.raiseMark();
    return n;
  }

  /**
   * Every waiting message (queued or unknown) is due now: only those waiting for a later attempt
   * are read and written, through their own index (120), not the whole queue.
   */
  allDue(): void {
    stmt(this.db, "UPDATE outbox SET next_attempt_at = 0 WHERE next_attempt_at > 0 AND state IN ('queued', 'unknown')").run();
  }

  /** After a crash: a message that was being sent has an unknown outcome. */
  recoverInFlight(): number {
    return stmt(this.db, `UPDATE outbox SET state = 'unknown', maybe_sent = 1, updated_at = ? WHERE ${ACTIVE} AND state = 'sending'`)
      .run(this.now().toISOString()).changes;
  }

  /** The counts kept by the outbox's triggers (074): the same cost whatever the queue holds. */
  counts(): OutboxCounts {
    const t: Record<string, number> = {};
    for (const r of stmt(this.db, 'SELECT k, n FROM outbox_tally').all() as { k: string; n: number }[]) t[r.k] = r.n;
    const n = (k: string) => t[k] ?? 0;
    return {
      unsentMessages: n('queued') + n('sending') + n('unknown') + n('held') + n('dead'),
      unsentSettlements: n('settlements'),
      inFlight: n('sending'),
      unknown: n('unknown'),
      dead: n('dead'),
      held: n('held'),
    };
  }

  /** Open messages for the queue screen, oldest first. */
  listOpen(limit = 500): OutboxMessage[] {
    // Each part read in id order up to the limit, then merged: never the whole queue.
    const active = stmt(this.db, `SELECT * FROM outbox WHERE ${ACTIVE} ORDER BY id LIMIT ?`).all(limit) as Row[];
    const queued = stmt(this.db, `SELECT * FROM outbox WHERE ${QUEUED} ORDER BY id LIMIT ?`).all(limit) as Row[];
    return [...active, ...queued].sort((a, b) => (a.id as number) - (b.id as number)).slice(0, limit).map(fromRow);
  }

  /** Whether any message of the settlement may have reached the network. */
  anySent(settlementId: string): boolean {
    const r = stmt(this.db, "SELECT COUNT(*) AS n FROM outbox WHERE settlement_id = ? AND (state IN ('done', 'sending', 'unknown', 'dead') OR maybe_sent = 1)")
      .get(settlementId) as { n: number };
    return r.n > 0;
  }

  /** Open messages of a person (for the person-day pending check and the ytd refresh). */
  openCountFor(personNo: string): number {
    const r = stmt(this.db, `SELECT (SELECT COUNT(*) FROM outbox WHERE ${ACTIVE} AND person_no = ?)
      + (SELECT COUNT(*) FROM outbox WHERE ${QUEUED} AND person_no = ?) AS n`).get(personNo, personNo) as { n: number };
    return r.n;
  }
}
