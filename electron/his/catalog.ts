// Catalog mapping: HIS item code -> national catalog code, class A/B/C, self-pay ratio (class B)
// and charge category. Edited one by one in the setup screen, imported from CSV, and the worklist
// of items seen in open visits that have no mapping yet.
import type { Db } from '../store/db';
import { Dec, fromFen } from '../core/money';
import { fail as failResult, ok, type Result } from '../core/result';
import { HisInputError, checkText, fail } from './check';
import { CsvError, decodeText, parseCsv } from './csv';
import { CHARGE_CATEGORIES } from './types';

export type ItemClass = 'A' | 'B' | 'C';

export interface CatalogEntry {
  hisCode: string;
  hisName: string;
  catalogCode: string;
  catalogName: string;
  class: ItemClass;
  /** "0" for class A, the class-B ratio ("0.10"), "1" for class C. */
  selfPayRatio: string;
  category: string;
  /** Marked fully self-paid by the technician (no catalog code). */
  selfPay: boolean;
  source: 'csv' | 'ui' | 'demo';
  updatedAt: string;
}

export type CatalogEntryInput = Omit<CatalogEntry, 'selfPay' | 'source' | 'updatedAt'>;

export interface UnmappedItem {
  itemCode: string;
  itemName: string;
  /** Open visits (waiting or pre-settled) that hold the item and are blocked by it. */
  visits: number;
  amount: string;
  lastSeen: string;
}

const CODE = /^[A-Za-z0-9][A-Za-z0-9._\-/]{0,63}$/;

interface Row {
  his_code: string;
  his_name: string;
  catalog_code: string;
  catalog_name: string;
  class: ItemClass;
  self_pay_ratio: string;
  category: string;
  self_pay: number;
  source: CatalogEntry['source'];
  updated_at: string;
}

function toEntry(r: Row): CatalogEntry {
  return {
    hisCode: r.his_code,
    hisName: r.his_name,
    catalogCode: r.catalog_code,
    catalogName: r.catalog_name,
    class: r.class,
    selfPayRatio: r.self_pay_ratio,
    category: r.category,
    selfPay: r.self_pay === 1,
    source: r.source,
    updatedAt: r.updated_at,
  };
}

const CLASS_WORDS: Record<string, ItemClass> = { A: 'A', B: 'B', C: 'C', 甲: 'A', 乙: 'B', 丙: 'C', 甲类: 'A', 乙类: 'B', 丙类: 'C', 自费: 'C' };

/** Checks and normalises one mapping (throws HisInputError naming the field). */
export function checkEntry(raw: Record<string, string | undefined>, prefix = ''): CatalogEntryInput {
  const f = (k: string) => `${prefix}${k}`;
  const hisCode = checkText(raw.hisCode ?? '', f('hisCode'), { max: 64, pattern: CODE, hint: '字母、数字、点、短横线' });
  const hisName = checkText(raw.hisName ?? '', f('hisName'), { max: 200 });
  const cls = CLASS_WORDS[(raw.class ?? '').trim().toUpperCase()];
  if (!cls) fail('INVALID_VALUE', f('class'), '类别应为 A/B/C（甲/乙/丙）', 'class must be A, B or C');
  const rawCatalog = (raw.catalogCode ?? '').trim();
  // Class C (out of catalog) items often have no national code: the HIS code stands in.
  const catalogCode = cls === 'C' && !rawCatalog ? hisCode : checkText(rawCatalog, f('catalogCode'), { max: 64, pattern: CODE, hint: '医保目录编码' });
  const catalogName = (raw.catalogName ?? '').trim() ? checkText(raw.catalogName!, f('catalogName'), { max: 200 }) : hisName;
  let ratio = '0';
  if (cls === 'C') ratio = '1';
  if (cls === 'B') {
    const text = (raw.selfPayRatio ?? '').trim();
    const pct = /^(\d{1,3}(\.\d+)?)%$/.exec(text);
    const value = pct ? new Dec(pct[1]).dividedBy(100).toFixed() : text;
    if (!/^(0|1)(\.\d{1,4})?$/.test(value) || new Dec(value).greaterThan(1)) {
      fail('INVALID_VALUE', f('selfPayRatio'), '乙类项目的自付比例应为 0 到 1 之间的小数（如 0.10 或 10%）', 'class B needs selfPayRatio between 0 and 1');
    }
    ratio = new Dec(value).toFixed();
  }
  const category = categoryCode(raw.category ?? '', f('category'));
  return { hisCode, hisName, catalogCode, catalogName, class: cls, selfPayRatio: ratio, category };
}

function categoryCode(value: string, field: string): string {
  const v = value.trim();
  if (/^\d{1,2}$/.test(v) && CHARGE_CATEGORIES[v.padStart(2, '0')]) return v.padStart(2, '0');
  const byName = Object.entries(CHARGE_CATEGORIES).find(([, name]) => name === v || name.replace(/费$/, '') === v);
  if (byName) return byName[0];
  return fail('INVALID_VALUE', field, '收费类别应为 01-14 或其名称（如 西药费）', 'category must be 01..14 or its Chinese name');
}

const HEADERS: Record<keyof CatalogEntryInput, string[]> = {
  hisCode: ['hiscode', 'his_code', '医院项目编码', '院内编码', '项目编码', 'his编码'],
  hisName: ['hisname', 'his_name', '医院项目名称', '院内名称', '项目名称', 'his名称'],
  catalogCode: ['catalogcode', 'catalog_code', '医保目录编码', '医保编码', '国家编码', '目录编码'],
  catalogName: ['catalogname', 'catalog_name', '医保目录名称', '医保名称', '目录名称'],
  class: ['class', '类别', '甲乙类', '目录类别', '收费等级'],
  selfPayRatio: ['selfpayratio', 'self_pay_ratio', '自付比例', '先行自付比例'],
  category: ['category', '收费类别', '费用类别'],
};

/** Parses a catalog CSV (UTF-8 or GB18030, header row required); all rows or an error naming row and column. */
export function parseCatalogCsv(buf: Buffer): Result<CatalogEntryInput[]> {
  try {
    const rows = parseCsv(decodeText(buf).text);
    if (rows.length < 2) return failResult('EMPTY_FILE', '文件中没有数据行（第一行应为表头）', 'no data rows', 'file');
    const header = rows[0].map((h) => h.replace(/^\uFEFF/, '').trim().toLowerCase());
    const index: Partial<Record<keyof CatalogEntryInput, number>> = {};
    for (const [key, names] of Object.entries(HEADERS) as [keyof CatalogEntryInput, string[]][]) {
      const i = header.findIndex((h) => names.includes(h));
      if (i >= 0) index[key] = i;
      else if (key !== 'catalogName' && key !== 'selfPayRatio') {
        return failResult('MISSING_COLUMN', `缺少“${names[2]}”列（表头可用：${names.join('、')}）`, `missing column ${key}`, key);
      }
    }
    const seen = new Set<string>();
    const out: CatalogEntryInput[] = [];
    for (let r = 1; r < rows.length; r++) {
      const raw = Object.fromEntries(Object.entries(index).map(([k, i]) => [k, rows[r][i!]]));
      const entry = checkEntry(raw, `第 ${r + 1} 行 `);
      if (seen.has(entry.hisCode)) fail('DUPLICATE', `第 ${r + 1} 行 hisCode`, `医院项目编码 ${entry.hisCode} 重复`, 'duplicate hisCode');
      seen.add(entry.hisCode);
      out.push(entry);
    }
    return ok(out);
  } catch (err) {
    if (err instanceof HisInputError) return failResult(err.code, err.toApiError().message, err.message, err.field);
    if (err instanceof CsvError) return failResult('BAD_CSV', err.message, err.message, 'file');
    throw err;
  }
}

export class CatalogStore {
  /** All mappings in memory (a center has thousands, not millions); dropped on every write here. */
  private cache?: Map<string, CatalogEntry>;

  constructor(private readonly db: Db, private readonly now: () => Date) {}

  private all(): Map<string, CatalogEntry> {
    this.cache ??= new Map((this.db.prepare('SELECT * FROM his_catalog').all() as Row[]).map((r) => [r.his_code, toEntry(r)]));
    return this.cache;
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM his_catalog').get() as { n: number }).n;
  }

  list(search = '', limit = 200, offset = 0): { total: number; items: CatalogEntry[] } {
    const like = `%${search.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    const where = `WHERE his_code LIKE @like ESCAPE '\\' OR his_name LIKE @like ESCAPE '\\' OR catalog_code LIKE @like ESCAPE '\\' OR catalog_name LIKE @like ESCAPE '\\'`;
    const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM his_catalog ${where}`).get({ like }) as { n: number }).n;
    const rows = this.db.prepare(`SELECT * FROM his_catalog ${where} ORDER BY his_code LIMIT @limit OFFSET @offset`).all({ like, limit, offset }) as Row[];
    return { total, items: rows.map(toEntry) };
  }

  lookup(codes: Iterable<string>): Map<string, CatalogEntry> {
    const all = this.all();
    const out = new Map<string, CatalogEntry>();
    for (const code of codes) {
      const e = all.get(code);
      if (e) out.set(code, e);
    }
    return out;
  }

  private upsertStmt() {
    this.cache = undefined;
    return this.db.prepare(
      `INSERT INTO his_catalog (his_code, his_name, catalog_code, catalog_name, class, self_pay_ratio, category, self_pay, source, updated_at)
       VALUES (@hisCode, @hisName, @catalogCode, @catalogName, @class, @selfPayRatio, @category, @selfPay, @source, @now)
       ON CONFLICT(his_code) DO UPDATE SET his_name = excluded.his_name, catalog_code = excluded.catalog_code,
         catalog_name = excluded.catalog_name, class = excluded.class, self_pay_ratio = excluded.self_pay_ratio,
         category = excluded.category, self_pay = excluded.self_pay, source = excluded.source, updated_at = excluded.updated_at`,
    );
  }

  set(entry: CatalogEntryInput, source: CatalogEntry['source'] = 'ui'): void {
    this.upsertStmt().run({ ...entry, selfPay: 0, source, now: this.now().toISOString() });
  }

  /** The technician's decision: this HIS item is paid fully by the patient (class C). */
  markSelfPay(hisCode: string, hisName: string, category: string): void {
    this.upsertStmt().run({
      hisCode, hisName, catalogCode: hisCode, catalogName: hisName, class: 'C', selfPayRatio: '1', category, selfPay: 1, source: 'ui', now: this.now().toISOString(),
    });
  }

  remove(hisCode: string): boolean {
    this.cache = undefined;
    return this.db.prepare('DELETE FROM his_catalog WHERE his_code = ?').run(hisCode).changes > 0;
  }

  /** Imports entries in one transaction; `replace` first removes every existing mapping. */
  importAll(entries: CatalogEntryInput[], replace: boolean, source: CatalogEntry['source']): { imported: number; total: number } {
    const stmt = this.upsertStmt();
    const now = this.now().toISOString();
    try {
      this.db.transaction(() => {
        if (replace) this.db.prepare('DELETE FROM his_catalog').run();
        for (const e of entries) stmt.run({ ...e, selfPay: 0, source, now });
      })();
    } finally {
      this.cache = undefined;
    }
    return { imported: entries.length, total: this.count() };
  }

  /** Items in open visits with no mapping: the technician's worklist. */
  unmapped(): UnmappedItem[] {
    const rows = this.db
      .prepare(
        `SELECT l.item_code, MAX(l.item_name) AS item_name, COUNT(DISTINCT l.his_visit_id) AS visits, SUM(l.amount_fen) AS fen,
                MAX(v.updated_at) AS last_seen
         FROM his_visit_lines l JOIN his_visits v ON v.his_visit_id = l.his_visit_id
         LEFT JOIN his_catalog c ON c.his_code = l.item_code
         WHERE c.his_code IS NULL AND v.state IN ('waiting', 'pre-settled')
         GROUP BY l.item_code ORDER BY visits DESC, l.item_code`,
      )
      .all() as { item_code: string; item_name: string; visits: number; fen: number; last_seen: string }[];
    return rows.map((r) => ({ itemCode: r.item_code, itemName: r.item_name, visits: r.visits, amount: fromFen(r.fen).toFixed(2), lastSeen: r.last_seen }));
  }
}
