// The simulated platform's catalog model: one Item per national code (as of its latest version)
// and the platform's "truth" for it — class (chrgitm_lv), charge category, self-pay ratio and
// price cap — as dated periods (the 1312/1319/1318 rows), so a visit is priced by the rules in
// force on its day.

export type CatalogNo = '1301' | '1302' | '1303' | '1305' | '1306' | '1307' | '1308' | '1309' | '1310' | '1311' | '1313' | '1314' | '1315';

export interface Item {
  code: string;
  cat: CatalogNo;
  name: string;
  /** LIST_TYPE (101 西药 … 301 医用材料); '' for catalogs that are not billable (1307…). */
  listType: string;
  /** Catalog-specific values the file columns are rendered from. */
  d: Record<string, string | number>;
  begndate: string;
  /** Last valid day; '' = open. */
  enddate: string;
  valid: boolean;
  /** Version (ver / ver_name) the row was last changed in. */
  ver: string;
  /** yyyy-MM-dd HH:mm:ss of the last change. */
  updt: string;
  rid: string;
}

/** One dated period of a code's class and ratio (1312 + 1319) or price cap (1318). */
export interface Truth {
  code: string;
  from: string;
  /** chrgitm_lv 01/02/03. */
  lv: string;
  /** MED_CHRGITM_TYPE. */
  chrgType: string;
  /** Self-pay ratio as a decimal string ("0" for class 01, "1" for class 03). */
  prop: string;
  /** Price cap per unit, or '' for none. */
  cap: string;
  updt: string;
  rid: string;
}

export interface Version {
  ver: string;
  /** The day it takes effect (rows' begndate, truth periods' from). */
  day: string;
  /** Index (1 = the first, full version). */
  n: number;
}

export const BILLABLE: readonly CatalogNo[] = ['1301', '1302', '1303', '1305', '1306'];
export const FILE_CATALOG_NOS: readonly CatalogNo[] = ['1301', '1302', '1303', '1305', '1306', '1307', '1308', '1309', '1310', '1311', '1313', '1314', '1315'];

export function ratioText(prop: string): string {
  const [i, f = ''] = prop.split('.');
  return `${i}.${f.padEnd(2, '0')}`;
}
