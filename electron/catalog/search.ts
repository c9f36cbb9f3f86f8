// Searching the whole national catalog (tens of thousands of rows) as a technician or cashier
// types: a code or pinyin-initials prefix (ASCII), a name prefix, then any part of a name,
// generic or trade name, manufacturer or approval number of three characters or more through
// the trigram index; one or two Chinese characters fall back to a bounded scan. Exact and prefix
// hits come first.
import type { Db } from '../store/db';
import { toItem, type ItemRow, type StoredItem } from './items-repo';

export interface SearchOptions {
  limit?: number;
  /** Include codes no longer valid (default: valid only). */
  includeExpired?: boolean;
  /** Only codes a fee line can carry (list_type set): drugs, herbs, services, consumables. Default true. */
  billableOnly?: boolean;
}

const ASCII = /^[\x21-\x7e]+$/;

export class CatalogSearch {
  private readonly stmts;

  constructor(private readonly db: Db) {
    const cols = 'code, catalog, list_type, name, generic_name, trade_name, spec, dosage_form, manufacturer, approval_no, unit, pinyin, national_class, begin_date, end_date, valid, ver';
    const filter = '(@all = 1 OR valid = 1) AND (@any = 1 OR list_type <> \'\')';
    this.stmts = {
      code: db.prepare(`SELECT ${cols} FROM catalog_items WHERE code >= @lo AND code < @hi AND ${filter} ORDER BY code LIMIT @limit`),
      pinyin: db.prepare(`SELECT ${cols} FROM catalog_items WHERE pinyin >= @lo AND pinyin < @hi AND pinyin <> '' AND ${filter} ORDER BY pinyin, name LIMIT @limit`),
      name: db.prepare(`SELECT ${cols} FROM catalog_items WHERE name >= @lo AND name < @hi AND ${filter} ORDER BY name LIMIT @limit`),
      fts: db.prepare(
        `SELECT ${cols} FROM catalog_items WHERE rowid IN (SELECT rowid FROM catalog_items_fts WHERE catalog_items_fts MATCH @match LIMIT @scan)
         AND ${filter} LIMIT @limit`,
      ),
      scan: db.prepare(`SELECT ${cols} FROM catalog_items WHERE (name LIKE @like OR trade_name LIKE @like OR generic_name LIKE @like) AND ${filter} LIMIT @limit`),
    };
  }

  search(q: string, opts: SearchOptions = {}): StoredItem[] {
    const text = q.trim().replace(/\s+/g, ' ');
    if (!text) return [];
    const limit = Math.min(Math.max(opts.limit ?? 20, 1), 200);
    const base = { all: opts.includeExpired ? 1 : 0, any: opts.billableOnly === false ? 1 : 0, limit };
    const found = new Map<string, StoredItem>();
    const take = (rows: unknown[]) => {
      for (const r of rows as ItemRow[]) if (found.size < limit && !found.has(r.code)) found.set(r.code, toItem(r));
    };
    const range = (s: string) => ({ lo: s, hi: `${s}\uffff` });
    if (ASCII.test(text)) {
      take(this.stmts.code.all({ ...base, ...range(text.toUpperCase()) }));
      if (found.size < limit && /^[a-z]+$/i.test(text)) take(this.stmts.pinyin.all({ ...base, ...range(text.toLowerCase()) }));
    }
    if (found.size < limit) take(this.stmts.name.all({ ...base, ...range(text) }));
    if (found.size < limit) {
      if ([...text].length >= 3) {
        // A phrase of the whole text (quotes doubled); the trigram tokenizer matches any part of it.
        const match = `"${text.replace(/"/g, '""')}"`;
        take(this.stmts.fts.all({ ...base, match, scan: limit * 20 }));
      } else if (!ASCII.test(text)) {
        take(this.stmts.scan.all({ ...base, like: `%${text.replace(/[%_\\]/g, '')}%` }));
      }
    }
    return rank([...found.values()], text);
  }
}

/** Exact names first, then names starting with the text, then the rest in the order found. */
function rank(items: StoredItem[], text: string): StoredItem[] {
  const score = (i: StoredItem) => (i.code === text.toUpperCase() || i.name === text ? 0 : i.name.startsWith(text) || i.code.startsWith(text.toUpperCase()) ? 1 : 2);
  return items.map((it, n) => ({ it, n, s: score(it) })).sort((a, b) => a.s - b.s || a.n - b.n).map((x) => x.it);
}
