// Sync runs and the change log they write: what each sync changed (new codes, class / self-pay
// ratio / price cap changes, expired codes, changed descriptions), and the technician's review.
import type { Db } from '../store/db';

export type ChangeKind = 'new' | 'class' | 'ratio' | 'price' | 'expired' | 'changed';

export interface Change {
  id: number;
  syncId: number;
  code: string;
  catalog: string;
  kind: ChangeKind;
  before: string;
  after: string;
  /** The day the change takes effect ('' when the row does not say). */
  effective: string;
  reviewedAt: string | null;
  reviewedBy: string | null;
}

interface ChangeRow {
  id: number;
  sync_id: number;
  code: string;
  catalog: string;
  kind: ChangeKind;
  before: string;
  after: string;
  effective: string;
  reviewed_at: string | null;
  reviewed_by: string | null;
}

const toChange = (r: ChangeRow): Change => ({
  id: r.id, syncId: r.sync_id, code: r.code, catalog: r.catalog, kind: r.kind, before: r.before, after: r.after, effective: r.effective,
  reviewedAt: r.reviewed_at, reviewedBy: r.reviewed_by,
});

export interface SyncRun {
  id: number;
  startedAt: string;
  finishedAt: string | null;
  state: 'running' | 'done' | 'failed' | 'interrupted';
  counts: Record<string, unknown>;
  error: string | null;
}

export interface ChangeFilter {
  /** Only changes of codes a confirmed HIS matching uses. */
  matchedOnly?: boolean;
  /** Only changes not yet reviewed. */
  pendingOnly?: boolean;
  syncId?: number;
  limit?: number;
  offset?: number;
}

export class ChangesRepo {
  private readonly insert;

  constructor(private readonly db: Db) {
    this.insert = db.prepare('INSERT INTO catalog_changes (sync_id, code, catalog, kind, before, after, effective) VALUES (?, ?, ?, ?, ?, ?, ?)');
  }

  /** Starts a run; a run a crash left "running" is marked interrupted first. */
  start(now: string): number {
    this.db.prepare("UPDATE catalog_syncs SET state = 'interrupted', finished_at = ? WHERE state = 'running'").run(now);
    return Number(this.db.prepare("INSERT INTO catalog_syncs (started_at, state) VALUES (?, 'running')").run(now).lastInsertRowid);
  }

  finish(id: number, state: 'done' | 'failed', counts: Record<string, unknown>, now: string, error?: string): void {
    this.db.prepare('UPDATE catalog_syncs SET state = ?, finished_at = ?, counts = ?, error = ? WHERE id = ?').run(state, now, JSON.stringify(counts), error ?? null, id);
  }

  runs(limit = 20): SyncRun[] {
    const rows = this.db.prepare('SELECT * FROM catalog_syncs ORDER BY id DESC LIMIT ?').all(limit) as {
      id: number; started_at: string; finished_at: string | null; state: SyncRun['state']; counts: string; error: string | null;
    }[];
    return rows.map((r) => ({ id: r.id, startedAt: r.started_at, finishedAt: r.finished_at, state: r.state, counts: JSON.parse(r.counts) as Record<string, unknown>, error: r.error }));
  }

  log(syncId: number, c: { code: string; catalog: string; kind: ChangeKind; before?: string; after?: string; effective?: string }): void {
    this.insert.run(syncId, c.code, c.catalog, c.kind, c.before ?? '', c.after ?? '', c.effective ?? '');
  }

  private where(f: ChangeFilter): { sql: string; params: unknown[] } {
    const parts: string[] = [];
    const params: unknown[] = [];
    if (f.matchedOnly) parts.push("c.code IN (SELECT code FROM catalog_his_items WHERE state = 'confirmed')");
    if (f.pendingOnly) parts.push('c.reviewed_at IS NULL');
    if (f.syncId !== undefined) {
      parts.push('c.sync_id = ?');
      params.push(f.syncId);
    }
    return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
  }

  list(f: ChangeFilter): { total: number; items: Change[] } {
    const w = this.where(f);
    const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM catalog_changes c ${w.sql}`).get(...w.params) as { n: number }).n;
    const rows = this.db
      .prepare(`SELECT c.* FROM catalog_changes c ${w.sql} ORDER BY c.reviewed_at IS NOT NULL, c.id DESC LIMIT ? OFFSET ?`)
      .all(...w.params, f.limit ?? 200, f.offset ?? 0) as ChangeRow[];
    return { total, items: rows.map(toChange) };
  }

  /** Marks changes reviewed (those not reviewed yet); returns how many. */
  review(ids: number[], by: string, now: string): number {
    const stmt = this.db.prepare('UPDATE catalog_changes SET reviewed_at = ?, reviewed_by = ? WHERE id = ? AND reviewed_at IS NULL');
    return this.db.transaction(() => ids.reduce((n, id) => n + stmt.run(now, by, id).changes, 0))();
  }

  pendingMatched(): number {
    return (this.db.prepare(
      "SELECT COUNT(*) AS n FROM catalog_changes WHERE reviewed_at IS NULL AND code IN (SELECT code FROM catalog_his_items WHERE state = 'confirmed')",
    ).get() as { n: number }).n;
  }
}
