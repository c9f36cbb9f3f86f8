// The 1901 dictionaries as downloaded: the code values the window sends (departments' 科别,
// identity types, medical types ...) are chosen from these, never from constants.
import type { Db } from '../store/db';

export interface DictEntry {
  type: string;
  value: string;
  label: string;
  parent: string;
  sort: number | null;
  valid: boolean;
}

interface DictRowDb {
  type: string;
  value: string;
  label: string;
  parent: string;
  sort: number | null;
  valid: number;
}

const toEntry = (r: DictRowDb): DictEntry => ({ type: r.type, value: r.value, label: r.label, parent: r.parent, sort: r.sort, valid: r.valid === 1 });

export class DictRepo {
  constructor(private readonly db: Db) {}

  /**
   * Replaces one dictionary with a complete download (inside the caller's transaction): rows new
   * or changed are written, rows no longer sent are kept but marked not valid. Returns how many
   * rows changed.
   */
  replace(type: string, rows: Omit<DictEntry, 'type'>[], now: string): number {
    const old = new Map((this.db.prepare('SELECT * FROM catalog_dict WHERE type = ?').all(type) as DictRowDb[]).map((r) => [r.value, r]));
    const put = this.db.prepare(
      `INSERT INTO catalog_dict (type, value, label, parent, sort, valid, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(type, value) DO UPDATE SET label = excluded.label, parent = excluded.parent, sort = excluded.sort,
         valid = excluded.valid, updated_at = excluded.updated_at`,
    );
    let changed = 0;
    const seen = new Set<string>();
    for (const r of rows) {
      if (seen.has(r.value)) continue;
      seen.add(r.value);
      const o = old.get(r.value);
      const valid = r.valid ? 1 : 0;
      if (o && o.label === r.label && o.parent === r.parent && o.sort === r.sort && o.valid === valid) continue;
      put.run(type, r.value, r.label, r.parent, r.sort, valid, now);
      changed++;
    }
    for (const [value, o] of old) {
      if (seen.has(value) || o.valid === 0) continue;
      this.db.prepare('UPDATE catalog_dict SET valid = 0, updated_at = ? WHERE type = ? AND value = ?').run(now, type, value);
      changed++;
    }
    return changed;
  }

  /** One dictionary's valid rows in its order (sort, then value). */
  list(type: string, includeInvalid = false): DictEntry[] {
    const rows = this.db
      .prepare(`SELECT * FROM catalog_dict WHERE type = ? ${includeInvalid ? '' : 'AND valid = 1'} ORDER BY sort IS NULL, sort, value`)
      .all(type.toUpperCase()) as DictRowDb[];
    return rows.map(toEntry);
  }

  label(type: string, value: string): string | undefined {
    const r = this.db.prepare('SELECT label FROM catalog_dict WHERE type = ? AND value = ? AND valid = 1').get(type.toUpperCase(), value) as { label: string } | undefined;
    return r?.label;
  }

  types(): { type: string; rows: number }[] {
    return this.db.prepare('SELECT type, SUM(valid) AS rows FROM catalog_dict GROUP BY type ORDER BY type').all() as { type: string; rows: number }[];
  }
}
