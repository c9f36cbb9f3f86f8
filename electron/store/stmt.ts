// Prepared statements cached per database and SQL text (preparing costs more than running a
// small statement; the settle path runs some thirty per settlement).
import type Database from 'better-sqlite3';
import type { Db } from './db';
import { chinaDaysAsIsoBounds } from '../core/time';

const cache = new WeakMap<Db, Map<string, Database.Statement>>();

export function stmt(db: Db, sql: string): Database.Statement {
  let m = cache.get(db);
  if (!m) {
    m = new Map();
    cache.set(db, m);
  }
  let s = m.get(sql);
  if (!s) {
    s = db.prepare(sql);
    m.set(sql, s);
  }
  return s;
}

/** Bind values for `(? IS NULL OR created_at >= ?) AND (? IS NULL OR created_at < ?)` over China business days. */
export function chinaDaysAsInstants(from?: string, to?: string): (string | null)[] {
  const b = chinaDaysAsIsoBounds(from, to);
  return [b.start ?? null, b.start ?? null, b.end ?? null, b.end ?? null];
}
