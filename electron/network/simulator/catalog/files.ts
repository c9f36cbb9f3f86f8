// Catalog rows as the platform's download files carry them (docs/NETWORK-SPEC.md §3.4, §5.1): one
// UTF-8 text file in a zip, one row per line, tab-separated, no header, `null` for an empty field,
// columns in the spec's order (1301: 92, 1302: 29, 1305: 16, 1306: 71). No source gives the
// columns of 1303 and 1307-1315; this platform uses "code, name, begndate, enddate, vali_flag,
// rid, updt_time, ver, ver_name" for them (documented in docs/SIMULATOR.md).
import { writeZip } from '../zip';
import { FORMS } from './data-drugs';
import type { CatalogStore } from './store';
import type { CatalogNo, Item } from './model';

const NUL = 'null';
const CREATED = '2020-01-01 00:00:00';

/** A row of n columns from [index, value] pairs (values '' or undefined stay null). */
function cols(n: number, pairs: (string | number | undefined)[]): string[] {
  const row = new Array<string>(n).fill(NUL);
  for (let k = 0; k < pairs.length; k += 2) {
    const v = pairs[k + 1];
    if (v !== undefined && v !== '') row[pairs[k] as number] = String(v);
  }
  return row;
}

function drugRow(it: Item, lvLabel: string): string[] {
  const d = it.d;
  const form = FORMS[String(d.form)] ?? FORMS.A001;
  const kind = Number(d.tcm) === 1 ? ['2', '中成药'] : String(d.aprv).includes('S') ? ['3', '生物制品'] : ['1', '化学药品'];
  const pack = Number(d.pack);
  return cols(92, [
    0, it.code, 1, d.brand || d.gen, 2, it.code.slice(0, 10), 3, d.gen, 7, d.gen, 8, d.std, 9, form.code, 10, form.name,
    11, kind[0], 12, kind[1], 13, d.spec, 15, form.name, 16, d.spec, 22, form.route, 23, d.tcm, 24, '1', 25, '国产', 26, '1',
    27, d.otc, 28, Number(d.otc) ? '非处方药' : '处方药', 29, form.code.startsWith('B') ? '2' : '1',
    30, form.code.startsWith('B') ? '玻璃瓶' : '铝塑泡罩', 31, `${pack}${d.unit}/${form.packUnit}`, 32, pack, 34, form.route,
    36, it.begndate, 37, it.enddate, 38, d.unit, 39, form.packUnit, 40, d.unit, 41, pack, 42, form.packUnit, 43, d.unit,
    44, form.packUnit, 45, d.unit, 46, pack, 47, '24个月', 48, d.unit, 50, d.py, 52, d.makerCode, 53, d.maker, 54, '0', 55, '0',
    57, '0', 61, d.aprv, 62, '2015-01-01', 63, '2030-12-31', 64, '1', 65, '上市', 69, Number(d.bas) ? '是' : '否', 70, d.bas,
    71, '0', 73, '0', 74, '0', 78, it.valid ? '1' : '0', 79, it.rid, 80, CREATED, 81, it.updt, 82, it.ver, 83, it.ver,
    84, '0', 85, d.maker, 86, '0', 90, form.name, 91, lvLabel,
  ]);
}

function herbRow(it: Item): string[] {
  const d = it.d;
  return cols(29, [
    0, it.code, 1, it.name, 2, '0', 3, d.grade, 5, d.part, 6, '3~9g', 7, '煎服', 11, it.begndate, 12, it.enddate,
    13, it.valid ? '1' : '0', 14, it.rid, 15, CREATED, 16, it.updt, 17, it.ver, 18, it.ver, 19, d.base, 21, d.proc,
  ]);
}

function serviceRow(it: Item): string[] {
  return cols(16, [
    0, it.code, 1, '1', 2, it.d.unit, 6, it.valid ? '1' : '0', 8, '1', 9, it.name, 11, it.begndate, 12, it.enddate,
    13, it.rid, 14, it.ver, 15, it.ver,
  ]);
}

function consumableRow(it: Item): string[] {
  const d = it.d;
  return cols(71, [
    0, it.code, 1, it.name, 3, it.code.slice(0, 12), 4, it.name, 5, d.spec, 7, d.spec, 8, '1', 9, d.spec, 12, `1${d.unit}/包`,
    13, 1, 15, '包', 16, 1, 17, d.unit, 18, '1', 19, '国产', 29, '0', 33, '0', 35, d.unit, 36, '0', 39, '1', 40, '灭菌',
    43, '1', 44, '一次性使用', 45, d.maker, 46, it.begndate, 47, it.enddate, 48, '2', 49, '第二类', 50, d.reg, 51, it.name,
    58, d.makerCode, 59, d.maker, 63, '中国', 67, it.valid ? '1' : '0', 68, it.rid, 69, it.ver, 70, it.ver,
  ]);
}

function plainRow(it: Item): string[] {
  return cols(9, [ 0, it.code, 1, it.name, 2, it.begndate, 3, it.enddate, 4, it.valid ? '1' : '0', 5, it.rid, 6, it.updt, 7, it.ver, 8, it.ver ]);
}

const LV_LABEL: Record<string, string> = { '01': '甲', '02': '乙' };

/** One catalog row as a line of its file. */
export function catalogLine(store: CatalogStore, it: Item, day: string): string {
  switch (it.cat) {
    case '1301':
      return drugRow(it, LV_LABEL[store.truthOn(it.code, day)?.lv ?? ''] ?? '').join('\t');
    case '1302':
      return herbRow(it).join('\t');
    case '1305':
      return serviceRow(it).join('\t');
    case '1306':
      return consumableRow(it).join('\t');
    default:
      return plainRow(it).join('\t');
  }
}

/** The zip of version `n` of catalog `cat` (entry = filename without ".zip"). */
export function catalogZip(store: CatalogStore, cat: CatalogNo, n: number, filename: string): Buffer {
  const day = store.versions.find((x) => x.n === n)?.day ?? '';
  const lines = store.rowsOf(cat, n).map((it) => catalogLine(store, it, day));
  const text = lines.length ? `${lines.join('\n')}\n` : '';
  return writeZip([{ name: filename.replace(/\.zip$/i, ''), data: Buffer.from(text, 'utf8') }]);
}
