// What the other windows of the center hold of a person: their part of the year-to-date book and
// of today's offline total (with the offline amounts other windows hold right now for settlements
// they are committing). A window adds this to its own book: its own part it always has locally,
// replicated or not, so nothing is counted twice and nothing waits for replication.
import type { YtdBookFen } from '../store/ytd';
import type { CenterPool } from './pg';
import { inTransaction } from './pg';
import { offlineKey } from './apply';

export interface OthersTotals {
  book: YtdBookFen;
  /** Offline settlements of the day at other windows, net of cancellations, plus their holds (fen). */
  offlineDayFen: number;
}

const BURDEN_INPATIENT = '#burden.inpatient';
const BURDEN_CHRONIC = '#burden.chronic';

/** The other windows' part of a person's book for a year and offline total for a day. */
export async function othersTotals(pool: CenterPool, windowId: string, personNo: string, year: number, day: string): Promise<OthersTotals> {
  const r = await pool.query<{ ytd_key: string; base: string; paid: string; burden: string }>(
    `SELECT ytd_key, SUM(base_fen) AS base, SUM(paid_fen) AS paid, SUM(burden_fen) AS burden FROM person_ytd
     WHERE person_no = $1 AND window_id <> $3
       AND ((year = $2 AND ytd_key NOT LIKE '#offline:%') OR (year = $5 AND ytd_key = $4)) GROUP BY ytd_key`,
    [personNo, year, windowId, offlineKey(day), Number(day.slice(0, 4))],
  );
  const holds = await pool.query<{ fen: string }>(
    'SELECT COALESCE(SUM(fen), 0) AS fen FROM offline_holds WHERE person_no = $1 AND business_date = $2 AND window_id <> $3',
    [personNo, day, windowId],
  );
  const book: YtdBookFen = { year, keys: {}, burden: { inpatientFen: 0, chronicFen: 0 } };
  let offline = 0;
  for (const x of r.rows) {
    if (x.ytd_key === BURDEN_INPATIENT) book.burden.inpatientFen = Number(x.burden);
    else if (x.ytd_key === BURDEN_CHRONIC) book.burden.chronicFen = Number(x.burden);
    else if (x.ytd_key === offlineKey(day)) offline = Number(x.base);
    else if (!x.ytd_key.startsWith('#')) book.keys[x.ytd_key] = { baseFen: Number(x.base), paidFen: Number(x.paid), burdenFen: Number(x.burden) };
  }
  return { book, offlineDayFen: offline + Number(holds.rows[0].fen) };
}

/** A person's book with the other windows' part added (pure). */
export function addBooks(own: YtdBookFen, others: YtdBookFen | undefined): YtdBookFen {
  if (!others || others.year !== own.year) return own;
  const keys: YtdBookFen['keys'] = {};
  for (const [k, e] of Object.entries(own.keys)) keys[k] = { ...e };
  for (const [k, e] of Object.entries(others.keys)) {
    const cur = keys[k] ?? { baseFen: 0, paidFen: 0, burdenFen: 0 };
    keys[k] = { baseFen: cur.baseFen + e.baseFen, paidFen: cur.paidFen + e.paidFen, burdenFen: cur.burdenFen + e.burdenFen };
  }
  return {
    year: own.year,
    keys,
    burden: { inpatientFen: own.burden.inpatientFen + others.burden.inpatientFen, chronicFen: own.burden.chronicFen + others.burden.chronicFen },
  };
}

export interface HoldRequest {
  personNo: string;
  day: string;
  visitRef: string;
  fen: number;
  /** This window's own offline total of the day (its local ytd: replicated or not). */
  ownDayFen: number;
  /** The per-person-per-day offline limit (fen). */
  limitFen: number;
}

/**
 * Holds an offline amount at the center before the window commits it, under a lock per person and
 * day: refused (with the other windows' total) when the center-wide day would pass the limit.
 */
export async function holdOffline(pool: CenterPool, windowId: string, h: HoldRequest): Promise<{ held: boolean; othersFen: number }> {
  return inTransaction(pool, async (c) => {
    await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`offline:${h.personNo}:${h.day}`]);
    const r = await c.query<{ fen: string }>(
      `SELECT (SELECT COALESCE(SUM(base_fen), 0) FROM person_ytd WHERE person_no = $1 AND year = $2 AND ytd_key = $3 AND window_id <> $4)
            + (SELECT COALESCE(SUM(fen), 0) FROM offline_holds WHERE person_no = $1 AND business_date = $5 AND window_id <> $4) AS fen`,
      [h.personNo, Number(h.day.slice(0, 4)), offlineKey(h.day), windowId, h.day],
    );
    const othersFen = Number(r.rows[0].fen);
    if (othersFen + h.ownDayFen + h.fen > h.limitFen) return { held: false, othersFen };
    await c.query(
      `INSERT INTO offline_holds (window_id, visit_ref, person_no, business_date, fen) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (window_id, visit_ref) DO UPDATE SET fen = excluded.fen, person_no = excluded.person_no, business_date = excluded.business_date, held_at = now()`,
      [windowId, h.visitRef, h.personNo, h.day, h.fen],
    );
    return { held: true, othersFen };
  });
}

/** Holds of this window whose visit it did not settle (it stopped before committing): they go. */
export async function releaseStaleHolds(pool: CenterPool, windowId: string, settled: (visitRef: string) => boolean): Promise<number> {
  const r = await pool.query<{ visit_ref: string }>('SELECT visit_ref FROM offline_holds WHERE window_id = $1', [windowId]);
  const stale = r.rows.map((x) => x.visit_ref).filter((v) => !settled(v));
  if (stale.length) await pool.query('DELETE FROM offline_holds WHERE window_id = $1 AND visit_ref = ANY($2)', [windowId, stale]);
  return stale.length;
}
