// The center's side of replication: one batch of a window's outbox applied in one PostgreSQL
// transaction. Every write is idempotent, so a batch sent again after a crash (the window died
// between the center's COMMIT and deleting its outbox rows) changes nothing:
//   - a document is inserted once (ON CONFLICT DO NOTHING); only a document that was inserted
//     adds to the person's year-to-date and offline day (so those count it exactly once), and
//     takes away the offline hold it was settled under;
//   - a network record is replaced only by a newer version (the window's outbox id);
//   - an audit entry is inserted once.
import type pg from 'pg';
import type { SettlementDoc } from '../store/settlements';
import type { OutboxItem } from './local';

type Client = pg.PoolClient;

/** Keys of the window's ytd table the center mirrors. */
const BURDEN_INPATIENT = '#burden.inpatient';
const BURDEN_CHRONIC = '#burden.chronic';
export const offlineKey = (day: string) => `#offline:${day}`;

type YtdRow = [key: string, year: number, base: number, paid: number, burden: number];

/** What a document adds to the person's accumulators at the center. */
async function ytdRows(c: Client, windowId: string, doc: SettlementDoc): Promise<YtdRow[]> {
  const d = doc.ytdDelta;
  const rows: YtdRow[] = Object.entries(d.keys).map(([k, v]) => [k, d.year, v.baseFen, v.paidFen, v.burdenFen]);
  if (d.burden.inpatientFen) rows.push([BURDEN_INPATIENT, d.year, 0, 0, d.burden.inpatientFen]);
  if (d.burden.chronicFen) rows.push([BURDEN_CHRONIC, d.year, 0, 0, d.burden.chronicFen]);
  if (doc.kind === 'settlement' && doc.mode === 'offline' && doc.totalFen) {
    rows.push([offlineKey(doc.businessDate), Number(doc.businessDate.slice(0, 4)), doc.totalFen, 0, 0]);
  } else if (doc.kind === 'cancellation' && doc.cancelsId) {
    // A cancellation gives back its original's offline amount, on the original's day.
    const o = await c.query<{ mode: string; day: string }>(
      "SELECT mode, to_char(business_date, 'YYYY-MM-DD') AS day FROM settlements WHERE window_id = $1 AND settlement_id = $2",
      [windowId, doc.cancelsId],
    );
    const orig = o.rows[0];
    if (orig?.mode === 'offline' && doc.totalFen) rows.push([offlineKey(orig.day), Number(orig.day.slice(0, 4)), doc.totalFen, 0, 0]);
  }
  return rows;
}

async function addYtd(c: Client, windowId: string, personNo: string, rows: YtdRow[]): Promise<void> {
  if (!rows.length) return;
  const args: unknown[] = [];
  const values = rows.map((r, i) => {
    args.push(personNo, r[1], r[0], windowId, r[2], r[3], r[4]);
    const b = i * 7;
    return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7})`;
  });
  await c.query(
    `INSERT INTO person_ytd (person_no, year, ytd_key, window_id, base_fen, paid_fen, burden_fen) VALUES ${values.join(', ')}
     ON CONFLICT (person_no, year, ytd_key, window_id) DO UPDATE SET base_fen = person_ytd.base_fen + excluded.base_fen,
       paid_fen = person_ytd.paid_fen + excluded.paid_fen, burden_fen = person_ytd.burden_fen + excluded.burden_fen`,
    args,
  );
}

/** Inserts a document once; true when it was new here. */
async function putDoc(c: Client, windowId: string, doc: SettlementDoc): Promise<boolean> {
  const r = await c.query(
    `INSERT INTO settlements (window_id, settlement_id, kind, cancels_id, receipt_no, visit_ref, person_no, business_date, mode,
       total_fen, funds_fen, account_fen, cash_fen, operator_id, created_at, doc)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
     ON CONFLICT (window_id, settlement_id) DO NOTHING RETURNING 1`,
    [windowId, doc.id, doc.kind, doc.cancelsId ?? null, doc.receiptNo, doc.visitRef, doc.person.personNo, doc.businessDate, doc.mode,
      doc.totalFen, doc.fundsFen, doc.accountFen, doc.cashFen, doc.operatorId, doc.createdAt, JSON.stringify(doc)],
  );
  if (!r.rowCount) return false;
  await addYtd(c, windowId, doc.person.personNo, await ytdRows(c, windowId, doc));
  if (doc.kind === 'settlement') await c.query('DELETE FROM offline_holds WHERE window_id = $1 AND visit_ref = $2', [windowId, doc.visitRef]);
  return true;
}

async function putNetwork(c: Client, windowId: string, version: number, item: Extract<OutboxItem, { kind: 'network' }>): Promise<void> {
  const n = item.rec;
  const cf = n.confirmed as (typeof n.confirmed & { clearing?: { type?: string; institution?: string }; insutype?: string }) | undefined;
  const fund = cf ? cf.fundsFen - (cf.layers?.reduction ?? 0) : null;
  await c.query(
    `INSERT INTO settlement_network (window_id, settlement_id, version, state, net_settlement_id, visit_id, net_day, total_fen, fund_fen,
       account_fen, cash_fen, insutype, clearing_type, clearing_agency)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
     ON CONFLICT (window_id, settlement_id) DO UPDATE SET version = excluded.version, state = excluded.state,
       net_settlement_id = excluded.net_settlement_id, visit_id = excluded.visit_id, net_day = excluded.net_day, total_fen = excluded.total_fen,
       fund_fen = excluded.fund_fen, account_fen = excluded.account_fen, cash_fen = excluded.cash_fen, insutype = excluded.insutype,
       clearing_type = excluded.clearing_type, clearing_agency = excluded.clearing_agency
     WHERE settlement_network.version < excluded.version`,
    [windowId, n.settlementId, version, n.state, n.netSettlementId ?? null, n.visitId ?? null, item.netDay ?? null,
      cf?.totalFen ?? null, fund, cf?.accountFen ?? null, cf?.cashFen ?? null, cf?.insutype ?? null, cf?.clearing?.type ?? null, cf?.clearing?.institution ?? null],
  );
}

async function putAudit(c: Client, windowId: string, a: Extract<OutboxItem, { kind: 'audit' }>['audit']): Promise<void> {
  await c.query(
    `INSERT INTO audit (window_id, seq, at, action, operator_id, channel, summary, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (window_id, seq) DO NOTHING`,
    [windowId, a.seq, a.at, a.action, a.operatorId, a.channel, a.summary, a.hash],
  );
}

/** Applies one batch in the caller's transaction; returns how many documents were new at the center. */
export async function applyBatch(c: Client, windowId: string, items: OutboxItem[]): Promise<number> {
  let added = 0;
  for (const it of items) {
    if (it.kind === 'settlement') added += (await putDoc(c, windowId, it.doc)) ? 1 : 0;
    else if (it.kind === 'network') await putNetwork(c, windowId, it.id, it);
    else await putAudit(c, windowId, it.audit);
  }
  return added;
}
