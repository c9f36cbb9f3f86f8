// The HIS's items and their matching to national codes: the proposal (code, score, how it was
// found), the technician's decision, and where the matching stands on the network.
import type { Db } from '../store/db';
import type { HisItemInput } from './his-items';

export type MatchState = 'todo' | 'proposed' | 'confirmed' | 'selfPay';
export type UploadState = 'none' | 'uploaded' | 'accepted' | 'withdrawn' | 'rejected';

export interface HisItem extends HisItemInput {
  source: 'csv' | 'bridge';
  state: MatchState;
  code: string;
  score: number;
  method: string;
  decidedBy: string | null;
  decidedAt: string | null;
  upload: UploadState;
  uploadCode: string;
  uploadListType: string;
  uploadedAt: string | null;
  uploadError: string | null;
}

interface Row {
  his_code: string;
  name: string;
  spec: string;
  dosage_form: string;
  manufacturer: string;
  approval_no: string;
  national_code: string;
  unit: string;
  price_fen: number | null;
  source: 'csv' | 'bridge';
  state: MatchState;
  code: string;
  score: number;
  method: string;
  decided_by: string | null;
  decided_at: string | null;
  upload: UploadState;
  upload_code: string;
  upload_list_type: string;
  uploaded_at: string | null;
  upload_error: string | null;
}

const toItem = (r: Row): HisItem => ({
  hisCode: r.his_code, name: r.name, spec: r.spec, dosageForm: r.dosage_form, manufacturer: r.manufacturer, approvalNo: r.approval_no,
  nationalCode: r.national_code, unit: r.unit, priceFen: r.price_fen, source: r.source, state: r.state, code: r.code, score: r.score,
  method: r.method, decidedBy: r.decided_by, decidedAt: r.decided_at, upload: r.upload, uploadCode: r.upload_code,
  uploadListType: r.upload_list_type, uploadedAt: r.uploaded_at, uploadError: r.upload_error,
});

export type ItemFilter = 'todo' | 'proposed' | 'confirmed' | 'selfPay' | 'open' | 'all';

export class HisItemsRepo {

  /**
   * Stores imported items (inside the caller's transaction). A known item keeps its decision; an
   * undecided one is matched again. Returns the codes to match.
   */
  importAll(items: HisItemInput[], source: 'csv' | 'bridge', now: string): string[] {
    const find = this.db.prepare('SELECT state FROM catalog_his_items WHERE his_code = ?');
    const put = this.db.prepare(
      `INSERT INTO catalog_his_items (his_code, name, spec, dosage_form, manufacturer, approval_no, national_code, unit, price_fen, source, imported_at, state)
       VALUES (@hisCode, @name, @spec, @dosageForm, @manufacturer, @approvalNo, @nationalCode, @unit, @priceFen, @source, @now, 'todo')
       ON CONFLICT(his_code) DO UPDATE SET name = excluded.name, spec = excluded.spec, dosage_form = excluded.dosage_form,
         manufacturer = excluded.manufacturer, approval_no = excluded.approval_no, national_code = excluded.national_code,
         unit = excluded.unit, price_fen = excluded.price_fen, imported_at = excluded.imported_at`,
    );
    const toMatch: string[] = [];
    for (const it of items) {
      const old = find.get(it.hisCode) as { state: MatchState } | undefined;
      put.run({ ...it, source, now });
      if (!old || old.state === 'todo' || old.state === 'proposed') toMatch.push(it.hisCode);
    }
    return toMatch;
  }

  private readonly byCode;

  constructor(private readonly db: Db) {
    this.byCode = db.prepare('SELECT * FROM catalog_his_items WHERE his_code = ?');
  }

  /** Runs `fn` in one transaction (many upload states written with one disk sync). */
  batch<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  get(hisCode: string): HisItem | undefined {
    const r = this.byCode.get(hisCode) as Row | undefined;
    return r && toItem(r);
  }

  private where(filter: ItemFilter, q: string): { sql: string; params: Record<string, unknown> } {
    const parts: string[] = [];
    if (filter === 'open') parts.push("state IN ('todo', 'proposed')");
    else if (filter !== 'all') parts.push('state = @state');
    if (q) parts.push("(his_code LIKE @like ESCAPE '\\' OR name LIKE @like ESCAPE '\\' OR code LIKE @like ESCAPE '\\')");
    return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params: { state: filter, like: `%${q.replace(/[%_\\]/g, (c) => `\\${c}`)}%` } };
  }

  /** A page of items; open ones with the weakest proposals first (what needs a person most). */
  list(filter: ItemFilter, q: string, limit: number, offset: number): { total: number; items: HisItem[] } {
    const w = this.where(filter, q);
    const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM catalog_his_items ${w.sql}`).get(w.params) as { n: number }).n;
    const order = filter === 'open' || filter === 'todo' || filter === 'proposed' ? 'state, score DESC, his_code' : 'his_code';
    const rows = this.db.prepare(`SELECT * FROM catalog_his_items ${w.sql} ORDER BY ${order} LIMIT @limit OFFSET @offset`).all({ ...w.params, limit, offset }) as Row[];
    return { total, items: rows.map(toItem) };
  }

  counts(): Record<MatchState | 'accepted' | 'uploaded', number> {
    const out = { todo: 0, proposed: 0, confirmed: 0, selfPay: 0, accepted: 0, uploaded: 0 };
    for (const r of this.db.prepare('SELECT state, COUNT(*) AS n FROM catalog_his_items GROUP BY state').all() as { state: MatchState; n: number }[]) out[r.state] = r.n;
    for (const r of this.db.prepare("SELECT upload, COUNT(*) AS n FROM catalog_his_items WHERE upload IN ('uploaded', 'accepted') GROUP BY upload").all() as { upload: 'uploaded' | 'accepted'; n: number }[]) out[r.upload] = r.n;
    return out;
  }

  codes(state: MatchState, minScore = 0): string[] {
    return (this.db.prepare('SELECT his_code FROM catalog_his_items WHERE state = ? AND score >= ? ORDER BY his_code').all(state, minScore) as { his_code: string }[]).map((r) => r.his_code);
  }

  propose(hisCode: string, p: { code: string; score: number; method: string }): void {
    const state: MatchState = p.code ? 'proposed' : 'todo';
    this.db.prepare("UPDATE catalog_his_items SET state = ?, code = ?, score = ?, method = ? WHERE his_code = ? AND state IN ('todo', 'proposed')").run(state, p.code, p.score, p.method, hisCode);
  }

  decide(hisCode: string, d: { state: 'confirmed' | 'selfPay'; code: string; score: number; method: string; by: string; at: string }): void {
    this.db.prepare('UPDATE catalog_his_items SET state = ?, code = ?, score = ?, method = ?, decided_by = ?, decided_at = ? WHERE his_code = ?')
      .run(d.state, d.code, d.score, d.method, d.by, d.at, hisCode);
  }

  setUpload(hisCode: string, u: { upload: UploadState; code?: string; listType?: string; at?: string; error?: string | null }): void {
    const cur = this.get(hisCode);
    if (!cur) return;
    this.db.prepare('UPDATE catalog_his_items SET upload = ?, upload_code = ?, upload_list_type = ?, uploaded_at = ?, upload_error = ? WHERE his_code = ?').run(
      u.upload, u.code ?? cur.uploadCode, u.listType ?? cur.uploadListType, u.at ?? cur.uploadedAt, u.error === undefined ? cur.uploadError : u.error, hisCode,
    );
  }

  /** Confirmed matchings the network does not hold as they are now (to upload). */
  toUpload(): HisItem[] {
    const rows = this.db.prepare(
      `SELECT * FROM catalog_his_items WHERE state = 'confirmed' AND code <> ''
         AND (upload IN ('none', 'withdrawn', 'rejected') OR upload_code <> code) ORDER BY his_code`,
    ).all() as Row[];
    return rows.map(toItem);
  }

  /** Items the network holds a matching of (uploaded or accepted). */
  onNetwork(): HisItem[] {
    return (this.db.prepare("SELECT * FROM catalog_his_items WHERE upload IN ('uploaded', 'accepted') ORDER BY his_code").all() as Row[]).map(toItem);
  }
}
