// Year-to-date accumulators per person, ytdKey and calendar year (fen), and the year's compliant
// personal burden (for high-cost warnings). Updated in the settle transaction; a cancellation
// subtracts what its settlement added.
import type { Db } from './db';
import { stmt } from './stmt';
import type { YtdDelta } from './settlements';

/** The year's compliant burden is kept in the same table under these keys (in burden_fen). */
const BURDEN_INPATIENT = '#burden.inpatient';
const BURDEN_CHRONIC = '#burden.chronic';
/**
 * The person's offline settlements of a business day, net of cancellations (the offline limit),
 * under '#offline:YYYY-MM-DD' (in base_fen, year of that day): next to the rows the settle commit
 * updates anyway, so it costs no page of its own.
 */
const offlineKey = (businessDate: string) => `#offline:${businessDate}`;

/** Adds `n` accumulator rows (person, year, key, base, paid, burden) to what is stored, in one statement. */
const upsertSql = (n: number) => `INSERT INTO ytd (person_no, year, ytd_key, base_fen, paid_fen, burden_fen)
  VALUES ${Array(n).fill('(?, ?, ?, ?, ?, ?)').join(', ')}
  ON CONFLICT (person_no, year, ytd_key) DO UPDATE SET base_fen = base_fen + excluded.base_fen,
  paid_fen = paid_fen + excluded.paid_fen, burden_fen = burden_fen + excluded.burden_fen`;

export interface YtdEntryFen {
  baseFen: number;
  paidFen: number;
  burdenFen: number;
}

export interface YtdBookFen {
  year: number;
  keys: Record<string, YtdEntryFen>;
  burden: { inpatientFen: number; chronicFen: number };
}

export class YtdRepo {
  private readonly upserts: string[] = [];

  constructor(private readonly db: Db) {}

  book(personNo: string, year: number): YtdBookFen {
    const rows = stmt(this.db, 'SELECT * FROM ytd WHERE person_no = ? AND year = ?').all(personNo, year) as {
      ytd_key: string;
      base_fen: number;
      paid_fen: number;
      burden_fen: number;
    }[];
    const keys: Record<string, YtdEntryFen> = {};
    const burden = { inpatientFen: 0, chronicFen: 0 };
    for (const r of rows) {
      if (r.ytd_key === BURDEN_INPATIENT) burden.inpatientFen = r.burden_fen;
      else if (r.ytd_key === BURDEN_CHRONIC) burden.chronicFen = r.burden_fen;
      else if (!r.ytd_key.startsWith('#')) keys[r.ytd_key] = { baseFen: r.base_fen, paidFen: r.paid_fen, burdenFen: r.burden_fen };
    }
    return { year, keys, burden };
  }

  /**
   * Adds (sign 1) or subtracts (sign -1) a settlement's delta, and with `offline` the person's
   * offline total of a business day, in one statement.
   */
  apply(personNo: string, delta: YtdDelta, sign: 1 | -1, offline?: { businessDate: string; fen: number }): void {
    const args: (string | number)[] = [];
    for (const key in delta.keys) {
      const d = delta.keys[key];
      args.push(personNo, delta.year, key, sign * d.baseFen, sign * d.paidFen, sign * d.burdenFen);
    }
    if (delta.burden.inpatientFen) args.push(personNo, delta.year, BURDEN_INPATIENT, 0, 0, sign * delta.burden.inpatientFen);
    if (delta.burden.chronicFen) args.push(personNo, delta.year, BURDEN_CHRONIC, 0, 0, sign * delta.burden.chronicFen);
    if (offline?.fen) args.push(personNo, Number(offline.businessDate.slice(0, 4)), offlineKey(offline.businessDate), sign * offline.fen, 0, 0);
    const n = args.length / 6;
    if (!n) return;
    stmt(this.db, (this.upserts[n] ??= upsertSql(n))).run(...args);
  }

  /** The person's offline settlements of a business day, net of cancellations (fen). */
  offlineTotalFen(personNo: string, businessDate: string): number {
    const row = stmt(this.db, 'SELECT base_fen FROM ytd WHERE person_no = ? AND year = ? AND ytd_key = ?')
      .get(personNo, Number(businessDate.slice(0, 4)), offlineKey(businessDate)) as { base_fen: number } | undefined;
    return row?.base_fen ?? 0;
  }

  /** Replaces the person's book of a year with the network's figures (when nothing is unsent). */
  replace(personNo: string, book: YtdBookFen): void {
    stmt(this.db, "DELETE FROM ytd WHERE person_no = ? AND year = ? AND ytd_key NOT LIKE '#%'").run(personNo, book.year);
    const ins = stmt(this.db, 'INSERT INTO ytd (person_no, year, ytd_key, base_fen, paid_fen, burden_fen) VALUES (?, ?, ?, ?, ?, ?)');
    for (const [k, e] of Object.entries(book.keys)) ins.run(personNo, book.year, k, e.baseFen, e.paidFen, e.burdenFen);
  }
}
