// Dated terms per national code (class and charge category from 1312, self-pay ratio from 1319,
// price cap from 1318) and where each paged query stands. A term is a period starting on its
// begin date; the one in force on a day is the valid one with the latest begin on or before it
// (an older period's end date is not always sent again when a newer one starts).
import type { Db } from '../store/db';

export type TermKind = 'class' | 'ratio' | 'cap';

export interface Term {
  kind: TermKind;
  code: string;
  begin: string;
  /** 1319: the person type the ratio is for ('' or '0' = everybody). */
  qualifier: string;
  end: string;
  /** class: chrgitm_lv (01/02/03); ratio: selfpay_prop ("0.10"); cap: the cap in yuan as sent. */
  value: string;
  /** class: med_chrgitm_type. */
  category: string;
  capFen: number | null;
  valid: boolean;
  updt: string;
}

interface TermRow {
  kind: TermKind;
  code: string;
  begin_date: string;
  qualifier: string;
  end_date: string;
  value: string;
  category: string;
  cap_fen: number | null;
  valid: number;
  updt_time: string;
}

const toTerm = (r: TermRow): Term => ({
  kind: r.kind, code: r.code, begin: r.begin_date, qualifier: r.qualifier, end: r.end_date, value: r.value, category: r.category,
  capFen: r.cap_fen, valid: r.valid === 1, updt: r.updt_time,
});

/** What storing a term did; `previous` is the period it follows, when its value differs. */
export interface TermOutcome {
  stored: 'new' | 'changed' | 'same';
  previous?: Term;
}

export interface QueryState {
  since: string;
  nextPage: number;
  high: string;
}

export class TermsRepo {
  private readonly one;
  private readonly before;
  private readonly upsert;
  private readonly inForce;

  constructor(private readonly db: Db) {
    this.one = db.prepare('SELECT * FROM catalog_terms WHERE kind = ? AND code = ? AND begin_date = ? AND qualifier = ?');
    this.before = db.prepare('SELECT * FROM catalog_terms WHERE kind = ? AND code = ? AND qualifier = ? AND begin_date < ? AND valid = 1 ORDER BY begin_date DESC LIMIT 1');
    this.upsert = db.prepare(
      `INSERT INTO catalog_terms (kind, code, begin_date, qualifier, end_date, value, category, cap_fen, valid, updt_time)
       VALUES (@kind, @code, @begin, @qualifier, @end, @value, @category, @capFen, @validInt, @updt)
       ON CONFLICT(kind, code, begin_date, qualifier) DO UPDATE SET end_date = excluded.end_date, value = excluded.value,
         category = excluded.category, cap_fen = excluded.cap_fen, valid = excluded.valid, updt_time = excluded.updt_time`,
    );
    this.inForce = db.prepare(
      // A ratio's qualifier is the person type (''/'0' = everybody); a cap's is its kind of limit (any).
      `SELECT * FROM catalog_terms WHERE kind = @kind AND code = @code AND begin_date <= @day AND (kind <> 'ratio' OR qualifier IN ('', '0'))
       ORDER BY begin_date DESC, qualifier DESC LIMIT 1`,
    );
  }

  /** Stores a term (inside the caller's transaction). */
  put(t: Term): TermOutcome {
    const old = this.one.get(t.kind, t.code, t.begin, t.qualifier) as TermRow | undefined;
    // A row older than the one held for the same period (sent again out of order) changes nothing.
    if (old && t.updt && old.updt_time > t.updt) return { stored: 'same' };
    const same = old && old.end_date === t.end && old.value === t.value && old.category === t.category && old.cap_fen === t.capFen && (old.valid === 1) === t.valid;
    if (same) return { stored: 'same' };
    this.upsert.run({ ...t, validInt: t.valid ? 1 : 0 });
    if (old) return { stored: 'changed', previous: old.value !== t.value || old.category !== t.category ? toTerm(old) : undefined };
    const prev = this.before.get(t.kind, t.code, t.qualifier, t.begin) as TermRow | undefined;
    const differs = prev && (prev.value !== t.value || prev.category !== t.category);
    return { stored: 'new', previous: differs ? toTerm(prev) : undefined };
  }

  /**
   * The term of a kind in force for a code on a day (yyyy-MM-dd), if any: the latest period begun
   * on or before the day; none when that period is marked not valid or has ended (an older
   * period does not come back).
   */
  on(kind: TermKind, code: string, day: string): Term | undefined {
    const r = this.inForce.get({ kind, code, day }) as TermRow | undefined;
    if (!r || r.valid !== 1 || (r.end_date && r.end_date < day)) return undefined;
    return toTerm(r);
  }

  /** Every period of a code, oldest first (the matching screen shows them). */
  history(code: string): Term[] {
    return (this.db.prepare('SELECT * FROM catalog_terms WHERE code = ? ORDER BY kind, begin_date').all(code) as TermRow[]).map(toTerm);
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM catalog_terms').get() as { n: number }).n;
  }

  state(query: string): QueryState | undefined {
    const r = this.db.prepare('SELECT since, next_page, high FROM catalog_query_state WHERE query = ?').get(query) as { since: string; next_page: number; high: string } | undefined;
    return r && { since: r.since, nextPage: r.next_page, high: r.high };
  }

  setState(query: string, s: QueryState, now: string): void {
    this.db.prepare(
      `INSERT INTO catalog_query_state (query, since, next_page, high, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(query) DO UPDATE SET since = excluded.since, next_page = excluded.next_page, high = excluded.high, updated_at = excluded.updated_at`,
    ).run(query, s.since, s.nextPage, s.high, now);
  }
}
