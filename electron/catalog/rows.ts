// Catalog file rows (NETWORK-SPEC §5.1) read by position into what the window keeps of them: the
// names, specification, dosage form, manufacturer and approval number the matching compares, the
// validity, and the version. Newer files append columns (ignored); missing trailing columns read
// as empty. No source gives the columns of 1303 and 1307-1315: the layout the platform simulator
// uses (code, name, begndate, enddate, vali_flag, rid, updt_time, ver, ver_name) is read for them.

import type { CatalogItemRowView } from '../api/contract';

/** The file catalogs a township syncs, with their Chinese names. */
export const FILE_CATALOGS: Record<string, string> = {
  '1301': '西药中成药',
  '1302': '中药饮片',
  '1303': '医疗机构制剂',
  '1305': '医疗服务项目',
  '1306': '医用耗材',
  '1307': '疾病与诊断',
  '1309': '门诊慢特病种',
};

/** The paged queries of the terms: class (1312), price cap (1318), self-pay ratio (1319). */
export const TERM_QUERIES: Record<string, string> = {
  '1312': '医保目录信息（甲乙丙类）',
  '1318': '医保目录限价',
  '1319': '医保目录先自付比例',
};

/** A catalog row as parsed: what the window's list shows (the API view) and the rest it keeps. */
export interface CatalogRow extends CatalogItemRowView {
  pinyin: string;
  /** 1301 column 91: the national list's 甲/乙 label (not the region's class). */
  nationalClass: string;
  begin: string;
  end: string;
  ver: string;
}

const MONTHS: Record<string, string> = { Jan: '01', Feb: '02', Mar: '03', Apr: '04', May: '05', Jun: '06', Jul: '07', Aug: '08', Sep: '09', Oct: '10', Nov: '11', Dec: '12' };

/** yyyy-MM-dd from the date forms files carry (yyyy-MM-dd[ HH:mm:ss], yyyyMMdd, Java `Thu Nov 30 00:00:00 CST 2006`); '' when none. */
export function fileDate(s: string): string {
  const t = s.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(t) ?? /^(\d{4})\/(\d{1,2})\/(\d{1,2})/.exec(t);
  if (m) return `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  m = /^[A-Z][a-z]{2} ([A-Z][a-z]{2}) (\d{1,2}) [\d:]+ \w+ (\d{4})$/.exec(t);
  if (m && MONTHS[m[1]]) return `${m[3]}-${MONTHS[m[1]]}-${m[2].padStart(2, '0')}`;
  return '';
}

type Cols = string[];
const at = (c: Cols, i: number) => (c[i] ?? '').trim();

function base(catalog: string, c: Cols, p: { name: number; begin: number; end: number; valid: number; ver: number; verName?: number }): CatalogRow {
  const ver = at(c, p.ver) || (p.verName !== undefined ? at(c, p.verName) : '');
  return {
    code: at(c, 0), catalog, listType: '', name: at(c, p.name), genericName: '', tradeName: '', spec: '', dosageForm: '', manufacturer: '',
    approvalNo: '', unit: '', pinyin: '', nationalClass: '', begin: fileDate(at(c, p.begin)), end: fileDate(at(c, p.end)), valid: at(c, p.valid) !== '0', ver,
  };
}

function drug(c: Cols): CatalogRow {
  const r = base('1301', c, { name: 3, begin: 36, end: 37, valid: 78, ver: 82, verName: 83 });
  const generic = at(c, 3);
  const trade = at(c, 1);
  return {
    ...r, listType: at(c, 23) === '1' ? '102' : '101', name: generic || trade, genericName: generic, tradeName: trade === generic ? '' : trade,
    spec: at(c, 13) || at(c, 16), dosageForm: at(c, 10) || at(c, 15), manufacturer: at(c, 53), approvalNo: at(c, 61),
    unit: at(c, 48) || at(c, 38), pinyin: at(c, 50).toLowerCase(), nationalClass: at(c, 91),
  };
}

const READERS: Record<string, (c: Cols) => CatalogRow> = {
  '1301': drug,
  '1302': (c) => ({ ...base('1302', c, { name: 1, begin: 11, end: 12, valid: 13, ver: 17, verName: 18 }), listType: '103', genericName: at(c, 19), unit: 'g' }),
  '1305': (c) => ({ ...base('1305', c, { name: 9, begin: 11, end: 12, valid: 6, ver: 14, verName: 15 }), listType: '201', unit: at(c, 2) || at(c, 1) }),
  '1306': (c) => ({
    ...base('1306', c, { name: 1, begin: 46, end: 47, valid: 67, ver: 69, verName: 70 }), listType: '301', genericName: at(c, 4), spec: at(c, 7) || at(c, 9),
    manufacturer: at(c, 59) || at(c, 45), approvalNo: at(c, 50), unit: at(c, 17) || at(c, 35),
  }),
};

const PLAIN = (catalog: string) => (c: Cols) => ({ ...base(catalog, c, { name: 1, begin: 2, end: 3, valid: 4, ver: 7, verName: 8 }), listType: catalog === '1303' ? '104' : '' });

/** A file row of catalog `catalog` (undefined when it has no code or name). */
export function readCatalogRow(catalog: string, cols: Cols): CatalogRow | undefined {
  const row = (READERS[catalog] ?? PLAIN(catalog))(cols);
  if (!row.code || !row.name) return undefined;
  return row;
}

/**
 * The fields a change of description is judged by (the hash stored with the row). The national
 * 甲乙 label is left out: it moves with the class, which 1312 logs as a class change.
 */
export function rowText(r: CatalogRow): string {
  return [r.catalog, r.listType, r.name, r.genericName, r.tradeName, r.spec, r.dosageForm, r.manufacturer, r.approvalNo, r.unit, r.pinyin, r.begin, r.end, r.valid ? '1' : '0'].join('\u0001');
}
