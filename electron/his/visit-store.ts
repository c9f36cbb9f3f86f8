// Repository of HIS visits: the validated body, its fee lines, its state at the window and the
// settlement result. Every write is one transaction; the callback outbox row (when a callback URL
// is configured) is written in the same transaction as the state change it reports.
import type { Db } from '../store/db';
import { fromFen } from '../core/money';
import { fenOf } from './check';
import { sha256 } from './canonical';
import { visitTotalFen } from './visit-validate';
import type { HisCancellation, HisSettlementResult, HisVisit, HisVisitInput, HisVisitSummary, VisitState } from './types';
import { maskIdNumber, maskName, maskNumber } from '../core/mask';
import { packText } from '../store/packed';
import { VISIT_JSON, type StoredVisitResult } from './visit-stored';

export type UpsertOutcome =
  | { ok: true; outcome: 'created' | 'unchanged' | 'replaced'; state: VisitState; revision: number }
  | { ok: false; code: 'VISIT_SETTLED' | 'VISIT_CANCELLED'; state: VisitState };

interface VisitRow {
  his_visit_id: string;
  source: 'api' | 'drop';
  state: VisitState;
  revision: number;
  body_hash: string;
  /** The validated body: packed (electron/store/packed.ts), or JSON text when stored before. */
  body: string | Buffer;
  total_fen: number;
  line_count: number;
  cancel_requested_at: string | null;
  cancel_reason: string | null;
  /** The settlement result: packed, or JSON text when stored before. */
  result: string | Buffer | null;
  received_at: string;
  updated_at: string;
}

type StoredResult = StoredVisitResult;

export class VisitStore {
  private readonly stmts;

  constructor(private readonly db: Db) {
    this.stmts = {
      get: db.prepare('SELECT * FROM his_visits WHERE his_visit_id = ?'),
      head: db.prepare('SELECT state, revision, body_hash FROM his_visits WHERE his_visit_id = ?'),
      insert: db.prepare(
        `INSERT INTO his_visits (his_visit_id, source, state, revision, body_hash, visit_type, patient_id_number, patient_name,
           patient_card_number, patient_region, body, total_fen, line_count, received_at, updated_at)
         VALUES (@id, @source, 'waiting', 1, @hash, @type, @idNumber, @name, @card, @region, @body, @total, @count, @now, @now)`,
      ),
      replace: db.prepare(
        `UPDATE his_visits SET state = 'waiting', revision = revision + 1, body_hash = @hash, visit_type = @type,
           patient_id_number = @idNumber, patient_name = @name, patient_card_number = @card, patient_region = @region,
           body = @body, total_fen = @total, line_count = @count, source = @source, updated_at = @now
         WHERE his_visit_id = @id`,
      ),
      deleteLines: db.prepare('DELETE FROM his_visit_lines WHERE his_visit_id = ?'),
      insertLine: db.prepare(
        `INSERT INTO his_visit_lines (his_visit_id, seq, item_code, item_name, quantity, unit_price, amount_fen, category)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      setState: db.prepare('UPDATE his_visits SET state = ?, result = ?, updated_at = ? WHERE his_visit_id = ?'),
      finishedLines: db.prepare('DELETE FROM his_visit_lines WHERE his_visit_id = ?'),
      cancelRequest: db.prepare('UPDATE his_visits SET cancel_requested_at = ?, cancel_reason = ?, updated_at = ? WHERE his_visit_id = ?'),
      open: db.prepare(
        `SELECT v.*, (SELECT COUNT(DISTINCT l.item_code) FROM his_visit_lines l LEFT JOIN his_catalog c ON c.his_code = l.item_code
                      WHERE l.his_visit_id = v.his_visit_id AND c.his_code IS NULL) AS unmapped
         FROM his_visits v WHERE v.state IN ('waiting', 'pre-settled') ORDER BY v.received_at, v.his_visit_id`,
      ),
      recent: db.prepare('SELECT * FROM his_visits ORDER BY updated_at DESC, his_visit_id LIMIT ?'),
      count: db.prepare('SELECT COUNT(*) AS n FROM his_visits'),
    };
  }

  /** Stores a validated visit: created, unchanged (same body), replaced (before settlement) or refused. */
  upsert(v: HisVisitInput, source: 'api' | 'drop', now: Date): UpsertOutcome {
    // The validated visit has a fixed key order (and `extra` sorted), so its JSON is canonical.
    const body = JSON.stringify(v);
    const hash = sha256(body);
    return this.db.transaction((): UpsertOutcome => {
      const head = this.stmts.head.get(v.hisVisitId) as Pick<VisitRow, 'state' | 'revision' | 'body_hash'> | undefined;
      if (head && head.body_hash === hash) return { ok: true, outcome: 'unchanged', state: head.state, revision: head.revision };
      if (head?.state === 'settled') return { ok: false, code: 'VISIT_SETTLED', state: head.state };
      if (head?.state === 'cancelled') return { ok: false, code: 'VISIT_CANCELLED', state: head.state };
      const params = {
        id: v.hisVisitId,
        source,
        hash,
        type: v.visitType,
        idNumber: v.patient.idNumber ?? null,
        name: v.patient.name ?? null,
        card: v.patient.cardNumber ?? null,
        region: v.patient.insuranceRegion ?? null,
        body: packText(body),
        total: Number(visitTotalFen(v)),
        count: v.lines.length,
        now: now.toISOString(),
      };
      if (head) {
        this.stmts.replace.run(params);
        this.stmts.deleteLines.run(v.hisVisitId);
      } else this.stmts.insert.run(params);
      v.lines.forEach((l, i) => {
        this.stmts.insertLine.run(v.hisVisitId, i + 1, l.itemCode, l.itemName, l.quantity, l.unitPrice, fenOf(l.amount), l.category ?? null);
      });
      return { ok: true, outcome: head ? 'replaced' : 'created', state: 'waiting', revision: head ? head.revision + 1 : 1 };
    })();
  }

  get(id: string): HisVisit | undefined {
    const row = this.stmts.get.get(id) as VisitRow | undefined;
    return row ? toVisit(row) : undefined;
  }

  state(id: string): { state: VisitState; revision: number } | undefined {
    const row = this.stmts.head.get(id) as Pick<VisitRow, 'state' | 'revision'> | undefined;
    return row ? { state: row.state, revision: row.revision } : undefined;
  }

  /**
   * Moves the visit to `state`. A settled or cancelled visit's line rows go (they serve the open
   * visits' unmapped items only; its body keeps the lines, the settlement document the settled ones).
   */
  setState(id: string, state: VisitState, result: StoredResult | undefined, now: Date): void {
    this.stmts.setState.run(state, result ? packText(JSON.stringify(result)) : null, now.toISOString(), id);
    if (state === 'settled' || state === 'cancelled') this.stmts.finishedLines.run(id);
  }

  requestCancel(id: string, reason: string | undefined, now: Date): void {
    this.stmts.cancelRequest.run(now.toISOString(), reason ?? null, now.toISOString(), id);
  }

  listOpen(): HisVisitSummary[] {
    return (this.stmts.open.all() as (VisitRow & { unmapped: number })[]).map((r) => summary(r, r.unmapped));
  }

  recent(limit: number): HisVisitSummary[] {
    return (this.stmts.recent.all(limit) as VisitRow[]).map((r) => summary(r, 0));
  }

  count(): number {
    return (this.stmts.count.get() as { n: number }).n;
  }
}

function toVisit(row: VisitRow): HisVisit {
  const input = VISIT_JSON.body.read(row.body, row.his_visit_id);
  const result = VISIT_JSON.result.readOpt(row.result, row.his_visit_id) ?? {};
  return {
    ...input,
    state: row.state,
    revision: row.revision,
    source: row.source,
    total: fromFen(row.total_fen).toFixed(2),
    receivedAt: row.received_at,
    updatedAt: row.updated_at,
    ...(row.cancel_requested_at ? { cancelRequested: { at: row.cancel_requested_at, ...(row.cancel_reason ? { reason: row.cancel_reason } : {}) } } : {}),
    ...result,
  };
}

function summary(row: VisitRow, unmapped: number): HisVisitSummary {
  const v = VISIT_JSON.body.read(row.body, row.his_visit_id);
  const out: HisVisitSummary = {
    hisVisitId: row.his_visit_id,
    state: row.state,
    visitType: v.visitType,
    department: v.department.name,
    doctor: v.doctor.name,
    total: fromFen(row.total_fen).toFixed(2),
    lineCount: row.line_count,
    unmappedCount: unmapped,
    cancelRequested: row.cancel_requested_at !== null,
    receivedAt: row.received_at,
  };
  if (v.patient.name) out.patientName = maskName(v.patient.name);
  if (v.patient.idNumber) out.patientIdNumber = maskIdNumber(v.patient.idNumber);
  if (v.patient.cardNumber) out.patientCardNumber = maskNumber(v.patient.cardNumber);
  return out;
}
