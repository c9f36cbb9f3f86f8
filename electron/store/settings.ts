// Repository of settings: JSON values by key.
import type * as v from 'valibot';
import type { Db } from './db';
import { readStored, type StoredColumn } from './stored-json';

const VALUE: StoredColumn = { table: 'settings', tableZh: '系统设置', field: 'value', fieldZh: '设置值' };

export class SettingsRepo {
  constructor(private readonly db: Db, private readonly now: () => Date = () => new Date()) {}

  /** The setting read through its schema: a stored value that does not fit is refused (CorruptRowError), never taken. */
  read<S extends v.GenericSchema>(key: string, schema: S): v.InferOutput<S> | undefined {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
    return row ? readStored(VALUE, schema, row.value, key) : undefined;
  }

  /** Unchecked: the setting's JSON taken as T. Prefer `read` with the setting's schema. */
  get<T>(key: string): T | undefined {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as T) : undefined;
  }

  set(key: string, value: unknown): void {
    this.db
      .prepare(
        `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      )
      .run(key, JSON.stringify(value), this.now().toISOString());
  }

  all(): Record<string, unknown> {
    const rows = this.db.prepare('SELECT key, value FROM settings ORDER BY key').all() as { key: string; value: string }[];
    return Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value)]));
  }
}

/** The store's own identity: a random id given once, and when it was created. */
export function ensureStoreMeta(db: Db, makeId: () => string, now: Date): { storeId: string; createdAt: string } {
  const get = db.prepare('SELECT value FROM store_meta WHERE key = ?');
  const put = db.prepare('INSERT OR IGNORE INTO store_meta (key, value) VALUES (?, ?)');
  put.run('store_id', makeId());
  put.run('created_at', now.toISOString());
  return {
    storeId: (get.get('store_id') as { value: string }).value,
    createdAt: (get.get('created_at') as { value: string }).value,
  };
}
