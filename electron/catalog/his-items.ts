// The HIS's item list as a CSV export (UTF-8 or GB18030, header row, the HIS's own column names
// in Chinese or English): code and name required; specification, dosage form, manufacturer,
// approval number, national code, unit and price when the HIS has them. All rows or an error
// naming the row and the column; nothing is stored from a file with a bad row.
import { Dec, isDecimalString, roundFen, toFen } from '../core/money';
import { fail, ok, type Result } from '../core/result';
import { CsvError, decodeText, parseCsv } from '../his/csv';

export interface HisItemInput {
  hisCode: string;
  name: string;
  spec: string;
  dosageForm: string;
  manufacturer: string;
  approvalNo: string;
  nationalCode: string;
  unit: string;
  priceFen: number | null;
}

type Key = keyof Omit<HisItemInput, 'priceFen'> | 'price';

const HEADERS: Record<Key, string[]> = {
  hisCode: ['项目编码', '医院项目编码', '院内编码', '药品编码', '收费项目编码', 'his_code', 'hiscode', 'code'],
  name: ['项目名称', '医院项目名称', '药品名称', '收费项目名称', '名称', 'his_name', 'hisname', 'name'],
  spec: ['规格', '药品规格', 'spec', 'specification'],
  dosageForm: ['剂型', 'dosage_form', 'dosageform', 'form'],
  manufacturer: ['生产厂家', '厂家', '生产企业', '生产企业名称', 'manufacturer', 'maker'],
  approvalNo: ['批准文号', '注册证号', 'approval_no', 'approvalno', 'aprvno'],
  nationalCode: ['医保编码', '国家编码', '医保目录编码', '医保代码', '国家医保编码', 'national_code', 'nationalcode', 'med_list_codg'],
  unit: ['单位', '计价单位', 'unit'],
  price: ['单价', '价格', '零售价', 'price'],
};

const LABEL: Record<Key, string> = {
  hisCode: '项目编码', name: '项目名称', spec: '规格', dosageForm: '剂型', manufacturer: '生产厂家', approvalNo: '批准文号',
  nationalCode: '医保编码', unit: '单位', price: '单价',
};

const MAX: Record<Key, number> = { hisCode: 64, name: 200, spec: 200, dosageForm: 50, manufacturer: 200, approvalNo: 100, nationalCode: 50, unit: 20, price: 20 };

/** The HIS item code: letters, digits, dot, dash, underscore, slash (as the HIS mapping takes them). */
export const HIS_CODE = /^[A-Za-z0-9][A-Za-z0-9._\-/]{0,63}$/;
const MAX_ROWS = 50_000;

function bad(row: number, key: Key, zh: string, en: string): Result<never> {
  return fail('INVALID_VALUE', `第 ${row} 行“${LABEL[key]}”${zh}`, `row ${row} ${key}: ${en}`, `第 ${row} 行 ${key}`);
}

/** One CSV row into an item, or the refusal naming its row and column. */
function readRow(cells: string[], index: Partial<Record<Key, number>>, row: number): Result<HisItemInput> {
  const get = (k: Key) => (index[k] === undefined ? '' : (cells[index[k]!] ?? '').trim());
  for (const k of Object.keys(index) as Key[]) {
    if (get(k).length > MAX[k]) return bad(row, k, `过长（最多 ${MAX[k]} 个字符）`, 'too long');
  }
  const hisCode = get('hisCode');
  if (!hisCode) return bad(row, 'hisCode', '不能为空', 'empty');
  if (!HIS_CODE.test(hisCode)) return bad(row, 'hisCode', '只能是字母、数字、点、短横线', 'bad characters');
  const name = get('name');
  if (!name) return bad(row, 'name', '不能为空', 'empty');
  const price = get('price');
  if (price && (!isDecimalString(price) || price.startsWith('-'))) return bad(row, 'price', '应为不小于 0 的金额', 'not an amount');
  return ok({
    hisCode, name, spec: get('spec'), dosageForm: get('dosageForm'), manufacturer: get('manufacturer'), approvalNo: get('approvalNo'),
    nationalCode: get('nationalCode').toUpperCase(), unit: get('unit'), priceFen: price ? toFen(roundFen(new Dec(price))) : null,
  });
}

export function parseHisItemsCsv(buf: Buffer): Result<HisItemInput[]> {
  let rows: string[][];
  try {
    rows = parseCsv(decodeText(buf).text).filter((r) => r.some((c) => c.trim()));
  } catch (err) {
    if (err instanceof CsvError) return fail('BAD_CSV', err.message, err.message, 'file');
    throw err;
  }
  if (rows.length < 2) return fail('EMPTY_FILE', '文件中没有数据行（第一行应为表头）', 'no data rows', 'file');
  if (rows.length - 1 > MAX_ROWS) return fail('TOO_MANY_ROWS', `一次最多导入 ${MAX_ROWS} 个项目`, `${rows.length - 1} rows`, 'file');
  const header = rows[0].map((h) => h.replace(/^\uFEFF/, '').trim().toLowerCase());
  const index: Partial<Record<Key, number>> = {};
  for (const [k, names] of Object.entries(HEADERS) as [Key, string[]][]) {
    const i = header.findIndex((h) => names.includes(h));
    if (i >= 0) index[k] = i;
  }
  for (const k of ['hisCode', 'name'] as const) {
    if (index[k] === undefined) return fail('MISSING_COLUMN', `缺少“${LABEL[k]}”列（表头可用：${HEADERS[k].join('、')}）`, `missing column ${k}`, 'file');
  }
  const out: HisItemInput[] = [];
  const seen = new Set<string>();
  for (let r = 1; r < rows.length; r++) {
    const item = readRow(rows[r], index, r + 1);
    if (!item.ok) return item;
    if (seen.has(item.value.hisCode)) return bad(r + 1, 'hisCode', `${item.value.hisCode} 重复`, 'duplicate');
    seen.add(item.value.hisCode);
    out.push(item.value);
  }
  return ok(out);
}
