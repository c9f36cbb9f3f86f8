// Searching the whole national catalog (tens of thousands of rows) as a technician or cashier
// types: a code or pinyin-initials prefix (ASCII), a name prefix, then any part of a name,
// generic or trade name, manufacturer or approval number of three characters or more through
// the trigram index; one or two Chinese characters through the character index (./char-index.ts).
// Exact and prefix hits come first.
import type { Db } from '../store/db';
import { toItem, type ItemRow, type StoredItem } from './items-repo';
import { CharIndex } from './char-index';

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
      byIds: db.prepare(
        `SELECT ${cols} FROM catalog_items WHERE rowid IN (SELECT value FROM json_each(@ids))
         AND (name LIKE @like OR trade_name LIKE @like OR generic_name LIKE @like) AND ${filter} LIMIT @limit`,
      ),
    };
    this.chars = new CharIndex(db);
  }

  private readonly chars: CharIndex;

  /** One or two Chinese characters anywhere in a name: the rows the character index gives, 500 at a time. */
  private short(text: string, base: Record<string, unknown>, take: (rows: unknown[]) => boolean): void {
    const ids = this.chars.candidates(text);
    const like = `%${text.replace(/[%_\\]/g, '')}%`;
    for (let i = 0; i < ids.length; i += 500) {
      if (take(this.stmts.byIds.all({ ...base, ids: JSON.stringify(ids.slice(i, i + 500)), like }))) return;
    }
  }

  search(q: string, opts: SearchOptions = {}): StoredItem[] {
    const text = q.trim().replace(/\s+/g, ' ');
    if (!text) return [];
    const limit = Math.min(Math.max(opts.limit ?? 20, 1), 200);
    const base = { all: opts.includeExpired ? 1 : 0, any: opts.billableOnly === false ? 1 : 0, limit };
    const found = new Map<string, StoredItem>();
    const take = (rows: unknown[]) => {
      for (const r of rows as ItemRow[]) if (found.size < limit && !found.has(r.code)) found.set(r.code, toItem(r));
      return found.size >= limit;
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
        // Letters and digits are looked for in approval numbers only (codes were looked up above).
        const phrase = `"${text.replace(/"/g, '""')}"`;
        const match = ASCII.test(text) ? `approval_no : ${phrase}` : phrase;
        take(this.stmts.fts.all({ ...base, match, scan: limit * 20 }));
      } else if (!ASCII.test(text)) {
        this.short(text, base, take);
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
