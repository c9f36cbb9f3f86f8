// The national catalog rows as the newest version has them, and the version held per file
// catalog. A version's rows and the version itself are written in one transaction by the sync.
import crypto from 'node:crypto';
import type { Db } from '../store/db';
import { rowText, type CatalogRow } from './rows';

/** What storing a row did: a new code, a description changed, the code expired, only the national label moved, or nothing. */
export type ItemOutcome = 'new' | 'changed' | 'expired' | 'relabelled' | 'same';

/** An item as stored: exactly the catalog row as parsed from the network's file (./rows.ts). */
export type StoredItem = CatalogRow;

export interface ItemRow {
  code: string;
  catalog: string;
  list_type: string;
  name: string;
  generic_name: string;
  trade_name: string;
  spec: string;
  dosage_form: string;
  manufacturer: string;
  approval_no: string;
  unit: string;
  pinyin: string;
  national_class: string;
  begin_date: string;
  end_date: string;
  valid: number;
  ver: string;
}

export function toItem(r: ItemRow): StoredItem {
  return {
    code: r.code, catalog: r.catalog, listType: r.list_type, name: r.name, genericName: r.generic_name, tradeName: r.trade_name, spec: r.spec,
    dosageForm: r.dosage_form, manufacturer: r.manufacturer, approvalNo: r.approval_no, unit: r.unit, pinyin: r.pinyin,
    nationalClass: r.national_class, begin: r.begin_date, end: r.end_date, valid: r.valid === 1, ver: r.ver,
  };
}

const hashOf = (r: CatalogRow) => crypto.createHash('sha1').update(rowText(r)).digest('hex');

export class ItemsRepo {
  private readonly find;
  private readonly insert;
  private readonly update;
  private readonly byCode;

  constructor(private readonly db: Db) {
    this.find = db.prepare('SELECT row_hash, valid, national_class FROM catalog_items WHERE code = ?');
    this.byCode = db.prepare('SELECT * FROM catalog_items WHERE code = ?');
    const cols = `catalog = @catalog, list_type = @listType, name = @name, generic_name = @genericName, trade_name = @tradeName, spec = @spec,
      dosage_form = @dosageForm, manufacturer = @manufacturer, approval_no = @approvalNo, unit = @unit, pinyin = @pinyin,
      national_class = @nationalClass, begin_date = @begin, end_date = @end, valid = @validInt, ver = @ver, row_hash = @hash, updated_at = @now`;
    this.insert = db.prepare(
      `INSERT INTO catalog_items (code, catalog, list_type, name, generic_name, trade_name, spec, dosage_form, manufacturer, approval_no, unit,
         pinyin, national_class, begin_date, end_date, valid, ver, row_hash, updated_at)
       VALUES (@code, @catalog, @listType, @name, @genericName, @tradeName, @spec, @dosageForm, @manufacturer, @approvalNo, @unit,
         @pinyin, @nationalClass, @begin, @end, @validInt, @ver, @hash, @now)`,
    );
    this.update = db.prepare(`UPDATE catalog_items SET ${cols} WHERE code = @code`);
  }

  /** Stores a row (inside the caller's transaction) and says what it changed. */
  put(r: CatalogRow, now: string): ItemOutcome {
    const hash = hashOf(r);
    const old = this.find.get(r.code) as { row_hash: string; valid: number; national_class: string } | undefined;
    const params = { ...r, validInt: r.valid ? 1 : 0, hash, now };
    if (!old) {
      this.insert.run(params);
      return 'new';
    }
    if (old.row_hash === hash && old.national_class === r.nationalClass) return 'same';
    this.update.run(params);
    if (old.row_hash === hash) return 'relabelled';
    return old.valid === 1 && !r.valid ? 'expired' : 'changed';
  }

  get(code: string): StoredItem | undefined {
    const r = this.byCode.get(code) as ItemRow | undefined;
    return r && toItem(r);
  }

  many(codes: string[]): Map<string, StoredItem> {
    const out = new Map<string, StoredItem>();
    for (const c of new Set(codes)) {
      const r = this.byCode.get(c) as ItemRow | undefined;
      if (r) out.set(c, toItem(r));
    }
    return out;
  }

  /** Rows per catalog (valid ones and all). */
  counts(): { catalog: string; rows: number; valid: number }[] {
    return this.db.prepare('SELECT catalog, COUNT(*) AS rows, SUM(valid) AS valid FROM catalog_items GROUP BY catalog ORDER BY catalog').all() as {
      catalog: string; rows: number; valid: number;
    }[];
  }

  version(catalog: string): string | undefined {
    return this.held(catalog)?.ver;
  }

  /** The version held and whether a run has reached the catalog's end since the first download began. */
  held(catalog: string): { ver: string; complete: boolean } | undefined {
    const r = this.db.prepare('SELECT ver, complete FROM catalog_versions WHERE catalog = ?').get(catalog) as { ver: string; complete: number } | undefined;
    return r && { ver: r.ver, complete: r.complete === 1 };
  }

  /** A run reached the end of the catalog: from now on its changes are logged. */
  setComplete(catalog: string, now: string): void {
    this.db.prepare('UPDATE catalog_versions SET complete = 1, updated_at = ? WHERE catalog = ? AND complete = 0').run(now, catalog);
  }

  versions(): Map<string, { ver: string; updatedAt: string }> {
    const rows = this.db.prepare('SELECT catalog, ver, updated_at FROM catalog_versions').all() as { catalog: string; ver: string; updated_at: string }[];
    return new Map(rows.map((r) => [r.catalog, { ver: r.ver, updatedAt: r.updated_at }]));
  }

  setVersion(catalog: string, ver: string, now: string): void {
    this.db.prepare(
      `INSERT INTO catalog_versions (catalog, ver, updated_at) VALUES (?, ?, ?)
       ON CONFLICT(catalog) DO UPDATE SET ver = excluded.ver, updated_at = excluded.updated_at`,
    ).run(catalog, ver, now);
  }
}
