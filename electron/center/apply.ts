// The center's side of replication: one batch of a window's outbox applied in one PostgreSQL
// transaction, a few statements per batch (not per row: 150 windows share the server). Every
// write is idempotent, so a batch sent again after a crash (the window died between the center's
// COMMIT and deleting its outbox rows) changes nothing:
//   - a document is inserted once (ON CONFLICT DO NOTHING ... RETURNING); only the documents that
//     were inserted add to the persons' year-to-date and offline day (so those count each exactly
//     once) and take away the offline holds they were settled under;
//   - a network record is replaced only by a newer version (the window's outbox id);
//   - an audit entry is inserted once.
import type pg from 'pg';
import type { SettlementDoc } from '../store/settlements';
import type { OutboxItem } from './local';

type Client = pg.PoolClient;
type NetItem = Extract<OutboxItem, { kind: 'network' }>;
type AuditItem = Extract<OutboxItem, { kind: 'audit' }>;

/** Keys of the window's ytd table the center mirrors. */
const BURDEN_INPATIENT = '#burden.inpatient';
const BURDEN_CHRONIC = '#burden.chronic';
export const offlineKey = (day: string) => `#offline:${day}`;

/** `INSERT ... VALUES ($1, $2), ($3, $4) ...` for rows of `width` values, and the flat arguments. */
function values(rows: unknown[][]): { sql: string; args: unknown[] } {
  const args: unknown[] = [];
  const sql = rows.map((r) => `(${r.map((v) => (args.push(v), `$${args.length}`)).join(', ')})`).join(', ');
  return { sql, args };
}

/** The documents of the batch new at the center (ids). */
async function putDocs(c: Client, windowId: string, docs: SettlementDoc[]): Promise<Set<string>> {
  if (!docs.length) return new Set();
  const v = values(docs.map((d) => [
    windowId, d.id, d.kind, d.cancelsId ?? null, d.receiptNo, d.visitRef, d.person.personNo, d.businessDate, d.mode,
    d.totalFen, d.fundsFen, d.accountFen, d.cashFen, d.operatorId, d.createdAt, JSON.stringify(d),
  ]));
  const r = await c.query<{ settlement_id: string }>(
    `INSERT INTO settlements (window_id, settlement_id, kind, cancels_id, receipt_no, visit_ref, person_no, business_date, mode,
       total_fen, funds_fen, account_fen, cash_fen, operator_id, created_at, doc)
     VALUES ${v.sql} ON CONFLICT (window_id, settlement_id) DO NOTHING RETURNING settlement_id`,
    v.args,
  );
  const fresh = new Set(r.rows.map((x) => x.settlement_id));
  await recordConflicts(c, windowId, docs.filter((d) => !fresh.has(d.id)));
  return fresh;
}

/**
 * Documents the center already held under their ids: the same document sent again (nothing to do),
 * or another one (a window restored from an older backup numbered anew): kept aside, never dropped.
 */
async function recordConflicts(c: Client, windowId: string, seen: SettlementDoc[]): Promise<void> {
  if (!seen.length) return;
  const r = await c.query<{ settlement_id: string; created_at: Date; total_fen: string; visit_ref: string }>(
    'SELECT settlement_id, created_at, total_fen, visit_ref FROM settlements WHERE window_id = $1 AND settlement_id = ANY($2)',
    [windowId, seen.map((d) => d.id)],
  );
  const held = new Map(r.rows.map((x) => [x.settlement_id, x]));
  const other = seen.filter((d) => {
    const h = held.get(d.id);
    return h && (h.created_at.getTime() !== Date.parse(d.createdAt) || Number(h.total_fen) !== d.totalFen || h.visit_ref !== d.visitRef);
  });
  if (!other.length) return;
  const v = values(other.map((d) => [windowId, d.id, d.receiptNo, JSON.stringify(d)]));
  await c.query(`INSERT INTO replication_conflicts (window_id, settlement_id, receipt_no, doc) VALUES ${v.sql} ON CONFLICT DO NOTHING`, v.args);
}

/** The originals of cancellations (mode and day), which may be in this very batch. */
async function originals(c: Client, windowId: string, docs: SettlementDoc[]): Promise<Map<string, { mode: string; day: string }>> {
  const ids = docs.filter((d) => d.kind === 'cancellation' && d.cancelsId).map((d) => d.cancelsId!);
  if (!ids.length) return new Map();
  const r = await c.query<{ settlement_id: string; mode: string; day: string }>(
    "SELECT settlement_id, mode, to_char(business_date, 'YYYY-MM-DD') AS day FROM settlements WHERE window_id = $1 AND settlement_id = ANY($2)",
    [windowId, ids],
  );
  return new Map(r.rows.map((x) => [x.settlement_id, { mode: x.mode, day: x.day }]));
}

/** What the new documents add to the persons' accumulators, summed per (person, year, key). */
function ytdSums(docs: SettlementDoc[], orig: Map<string, { mode: string; day: string }>): Map<string, [string, number, string, number, number, number]> {
  const out = new Map<string, [string, number, string, number, number, number]>();
  const add = (person: string, year: number, key: string, base: number, paid: number, burden: number) => {
    const k = `${person}\u0000${year}\u0000${key}`;
    const cur = out.get(k) ?? [person, year, key, 0, 0, 0];
    out.set(k, [person, year, key, cur[3] + base, cur[4] + paid, cur[5] + burden]);
  };
  for (const d of docs) {
    const p = d.person.personNo;
    const y = d.ytdDelta;
    for (const [k, e] of Object.entries(y.keys)) add(p, y.year, k, e.baseFen, e.paidFen, e.burdenFen);
    if (y.burden.inpatientFen) add(p, y.year, BURDEN_INPATIENT, 0, 0, y.burden.inpatientFen);
    if (y.burden.chronicFen) add(p, y.year, BURDEN_CHRONIC, 0, 0, y.burden.chronicFen);
    // An offline settlement adds to its day; its cancellation gives it back on the original's day.
    const o = d.kind === 'cancellation' && d.cancelsId ? orig.get(d.cancelsId) : undefined;
    if (d.kind === 'settlement' && d.mode === 'offline' && d.totalFen) add(p, Number(d.businessDate.slice(0, 4)), offlineKey(d.businessDate), d.totalFen, 0, 0);
    else if (o?.mode === 'offline' && d.totalFen) add(p, Number(o.day.slice(0, 4)), offlineKey(o.day), d.totalFen, 0, 0);
  }
  return out;
}

async function addYtd(c: Client, windowId: string, docs: SettlementDoc[]): Promise<void> {
  const sums = [...ytdSums(docs, await originals(c, windowId, docs)).values()];
  if (!sums.length) return;
  const v = values(sums.map(([p, y, k, b, pd, bu]) => [p, y, k, windowId, b, pd, bu]));
  await c.query(
    `INSERT INTO person_ytd (person_no, year, ytd_key, window_id, base_fen, paid_fen, burden_fen) VALUES ${v.sql}
     ON CONFLICT (person_no, year, ytd_key, window_id) DO UPDATE SET base_fen = person_ytd.base_fen + excluded.base_fen,
       paid_fen = person_ytd.paid_fen + excluded.paid_fen, burden_fen = person_ytd.burden_fen + excluded.burden_fen`,
    v.args,
  );
}

async function putNetwork(c: Client, windowId: string, items: NetItem[]): Promise<void> {
  if (!items.length) return;
  const v = values(items.map((item) => {
    const n = item.rec;
    const cf = n.confirmed as (typeof n.confirmed & { clearing?: { type?: string; institution?: string }; insutype?: string }) | undefined;
    return [windowId, n.settlementId, item.id, n.state, n.netSettlementId ?? null, n.visitId ?? null, item.netDay ?? null, cf?.totalFen ?? null,
      cf ? cf.fundsFen - (cf.layers?.reduction ?? 0) : null, cf?.accountFen ?? null, cf?.cashFen ?? null, cf?.insutype ?? null,
      cf?.clearing?.type ?? null, cf?.clearing?.institution ?? null];
  }));
  await c.query(
    `INSERT INTO settlement_network (window_id, settlement_id, version, state, net_settlement_id, visit_id, net_day, total_fen, fund_fen,
       account_fen, cash_fen, insutype, clearing_type, clearing_agency)
     VALUES ${v.sql}
     ON CONFLICT (window_id, settlement_id) DO UPDATE SET version = excluded.version, state = excluded.state,
       net_settlement_id = excluded.net_settlement_id, visit_id = excluded.visit_id, net_day = excluded.net_day, total_fen = excluded.total_fen,
       fund_fen = excluded.fund_fen, account_fen = excluded.account_fen, cash_fen = excluded.cash_fen, insutype = excluded.insutype,
       clearing_type = excluded.clearing_type, clearing_agency = excluded.clearing_agency
     WHERE settlement_network.version < excluded.version`,
    v.args,
  );
}

async function putAudit(c: Client, windowId: string, items: AuditItem[]): Promise<void> {
  if (!items.length) return;
  const v = values(items.map(({ audit: a }) => [windowId, a.seq, a.at, a.action, a.operatorId, a.channel, a.summary, a.hash]));
  await c.query(`INSERT INTO audit (window_id, seq, at, action, operator_id, channel, summary, hash) VALUES ${v.sql} ON CONFLICT (window_id, seq) DO NOTHING`, v.args);
}

/**
 * Applies one batch in the caller's transaction; returns how many documents were new at the
 * center. A batch holds a record's network side once (its last state: CenterLocal.batch).
 */
export async function applyBatch(c: Client, windowId: string, items: OutboxItem[]): Promise<number> {
  const docs = items.flatMap((i) => (i.kind === 'settlement' ? [i.doc] : []));
  const fresh = await putDocs(c, windowId, docs);
  const added = docs.filter((d) => fresh.has(d.id));
  await addYtd(c, windowId, added);
  const settled = added.filter((d) => d.kind === 'settlement').map((d) => d.visitRef);
  if (settled.length) await c.query('DELETE FROM offline_holds WHERE window_id = $1 AND visit_ref = ANY($2)', [windowId, settled]);
  await putNetwork(c, windowId, items.flatMap((i) => (i.kind === 'network' ? [i] : [])));
  await putAudit(c, windowId, items.flatMap((i) => (i.kind === 'audit' ? [i] : [])));
  return added.length;
}
