// Repository of a visit's side at the network before it is settled (migration 080): the visit row
// (mdtrt_id, the uploaded fee batch and its split, batches to take back, the problem that stops
// it) and the journal of its calls, each msgid stored before the request leaves.
import type { Db } from '../store/db';
import { stmt } from '../store/stmt';
import { optText, type Row } from '../store/row';
import { pack, unpackOpt } from '../store/packed';
import type { FeeLineResult, FeeSplit } from '../network/client';

export interface NetVisitRow {
  id: number;
  visitRef: string;
  personNo: string;
  medType: string;
  insutype: string;
  insuranceRegion: string;
  certType: string;
  certNo: string;
  visitId?: string;
  batchNo?: string;
  batchRev: number;
  fingerprint?: string;
  /** The network's answer to the current batch: the split and each line's class. */
  uploaded?: { split: FeeSplit; lines: Pick<FeeLineResult, 'lineNo' | 'class' | 'selfPayRatio'>[] };
  discharged: boolean;
  /** Batches uploaded before the visit changed, to be taken back (2205). */
  staleBatches: string[];
  problem?: { code: string; message: string; field?: string };
  settledBy?: string;
  updatedAt: string;
}

export type NetCallState = 'open' | 'done' | 'rejected' | 'dropped';

export interface NetCall {
  id: number;
  netVisitId: number;
  step: string;
  infno: string;
  msgid: string;
  input: unknown;
  state: NetCallState;
  result?: unknown;
  message?: string;
}

function visitFromRow(r: Row): NetVisitRow {
  return {
    id: r.id as number,
    visitRef: r.visit_ref as string,
    personNo: r.person_no as string,
    medType: r.med_type as string,
    insutype: r.insutype as string,
    insuranceRegion: r.insurance_region as string,
    certType: r.cert_type as string,
    certNo: r.cert_no as string,
    visitId: optText(r.visit_id),
    batchNo: optText(r.batch_no),
    batchRev: r.batch_rev as number,
    fingerprint: optText(r.fingerprint),
    uploaded: unpackOpt(r.uploaded as Buffer | null),
    discharged: r.discharged === 1,
    staleBatches: JSON.parse(r.stale_batches as string) as string[],
    problem: r.problem ? { code: String(r.problem_code ?? ''), message: r.problem as string, field: optText(r.problem_field) } : undefined,
    settledBy: optText(r.settled_by),
    updatedAt: r.updated_at as string,
  };
}

function callFromRow(r: Row): NetCall {
  return {
    id: r.id as number,
    netVisitId: r.net_visit_id as number,
    step: r.step as string,
    infno: r.infno as string,
    msgid: r.msgid as string,
    input: unpackOpt(r.input as Buffer),
    state: r.state as NetCallState,
    result: unpackOpt(r.result as Buffer | null),
    message: optText(r.message),
  };
}

export type NewNetVisit = Pick<NetVisitRow, 'visitRef' | 'personNo' | 'medType' | 'insutype' | 'insuranceRegion' | 'certType' | 'certNo'>;

export class NetVisitRepo {
  constructor(private readonly db: Db, private readonly now: () => Date) {}

  private at(): string {
    return this.now().toISOString();
  }

  get(visitRef: string): NetVisitRow | undefined {
    const r = stmt(this.db, 'SELECT * FROM net_visits WHERE visit_ref = ?').get(visitRef) as Row | undefined;
    return r ? visitFromRow(r) : undefined;
  }

  byId(id: number): NetVisitRow | undefined {
    const r = stmt(this.db, 'SELECT * FROM net_visits WHERE id = ?').get(id) as Row | undefined;
    return r ? visitFromRow(r) : undefined;
  }

  /** The row of a visit, made on first use. */
  open(v: NewNetVisit): NetVisitRow {
    const at = this.at();
    stmt(
      this.db,
      `INSERT INTO net_visits (visit_ref, person_no, med_type, insutype, insurance_region, cert_type, cert_no, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (visit_ref) DO NOTHING`,
    ).run(v.visitRef, v.personNo, v.medType, v.insutype, v.insuranceRegion, v.certType, v.certNo, at, at);
    return this.get(v.visitRef)!;
  }

  private set(id: number, sql: string, args: unknown[]): void {
    stmt(this.db, `UPDATE net_visits SET ${sql}, updated_at = ? WHERE id = ?`).run(...args, this.at(), id);
  }

  registered(id: number, visitId: string): void {
    this.set(id, 'visit_id = ?, problem = NULL, problem_code = NULL, problem_field = NULL', [visitId]);
  }

  /** A new batch uploaded: the old one (if any) was taken back before. */
  uploadedBatch(id: number, batchNo: string, rev: number, fingerprint: string, uploaded: NonNullable<NetVisitRow['uploaded']>): void {
    this.set(id, 'batch_no = ?, batch_rev = ?, fingerprint = ?, uploaded = ?, problem = NULL, problem_code = NULL, problem_field = NULL', [
      batchNo, rev, fingerprint, pack(uploaded),
    ]);
  }

  /** The current batch no longer holds (the visit changed): it is to be taken back. */
  retireBatch(id: number, batchNo: string): void {
    const row = this.byId(id)!;
    const stale = [...new Set([...row.staleBatches, batchNo])];
    this.set(id, "batch_no = NULL, fingerprint = NULL, uploaded = NULL, stale_batches = ?", [JSON.stringify(stale)]);
  }

  batchTakenBack(id: number, batchNo: string): void {
    const row = this.byId(id)!;
    this.set(id, 'stale_batches = ?', [JSON.stringify(row.staleBatches.filter((b) => b !== batchNo))]);
  }

  discharged(id: number): void {
    this.set(id, 'discharged = 1', []);
  }

  problem(id: number, p: { code: string; message: string; field?: string } | undefined): void {
    this.set(id, 'problem = ?, problem_code = ?, problem_field = ?', [p?.message ?? null, p?.code ?? null, p?.field ?? null]);
  }

  /** The visit was settled (inside the settlement's transaction). */
  settled(visitRef: string, settlementId: string): void {
    stmt(this.db, 'UPDATE net_visits SET settled_by = ?, updated_at = ? WHERE visit_ref = ?').run(settlementId, this.at(), visitRef);
  }

  /** Visits settled or abandoned with batches still to take back. */
  withStaleBatches(limit = 50): NetVisitRow[] {
    return (stmt(this.db, "SELECT * FROM net_visits WHERE stale_batches <> '[]' ORDER BY id LIMIT ?").all(limit) as Row[]).map(visitFromRow);
  }

  // ---------------------------------------------------------------- calls

  /** The open call of a step (sent, outcome not known): it is sent again as it was. */
  openCall(netVisitId: number, step: string): NetCall | undefined {
    const r = stmt(this.db, "SELECT * FROM net_calls WHERE net_visit_id = ? AND step = ? AND state = 'open' ORDER BY id DESC LIMIT 1").get(netVisitId, step) as Row | undefined;
    return r ? callFromRow(r) : undefined;
  }

  /** The oldest open calls of all visits (steps whose outcome is not known), for the background resolver. */
  openCalls(limit = 50): NetCall[] {
    // Through the partial index of open calls: as many rows as calls are open, never the history.
    return (stmt(this.db, "SELECT * FROM net_calls INDEXED BY net_calls_open WHERE state = 'open' ORDER BY id LIMIT ?").all(limit) as Row[]).map(callFromRow);
  }

  /** Any open call of the visit (a step whose outcome is not known). */
  anyOpenCall(netVisitId: number): NetCall | undefined {
    const r = stmt(this.db, "SELECT * FROM net_calls WHERE net_visit_id = ? AND state = 'open' LIMIT 1").get(netVisitId) as Row | undefined;
    return r ? callFromRow(r) : undefined;
  }

  /** Stores a call about to be sent (its msgid and body), before it leaves. */
  addCall(netVisitId: number, step: string, infno: string, msgid: string, input: unknown): NetCall {
    const at = this.at();
    const id = stmt(
      this.db,
      "INSERT INTO net_calls (net_visit_id, step, infno, msgid, input, state, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'open', ?, ?)",
    ).run(netVisitId, step, infno, msgid, pack(input), at, at).lastInsertRowid;
    return callFromRow(stmt(this.db, 'SELECT * FROM net_calls WHERE id = ?').get(Number(id)) as Row);
  }

  endCall(id: number, state: Exclude<NetCallState, 'open'>, o: { result?: unknown; message?: string } = {}): void {
    stmt(this.db, 'UPDATE net_calls SET state = ?, result = ?, message = ?, updated_at = ? WHERE id = ?').run(
      state, o.result === undefined ? null : pack(o.result), o.message ?? null, this.at(), id,
    );
  }

  callsOf(netVisitId: number): NetCall[] {
    return (stmt(this.db, 'SELECT * FROM net_calls WHERE net_visit_id = ? ORDER BY id').all(netVisitId) as Row[]).map(callFromRow);
  }
}
