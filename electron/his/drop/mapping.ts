// File drop: turning an exported file into visits. CSV rows (one fee line per row, visit columns
// repeated) go through the technician's column mapping; JSON files hold one visit, a list, or
// { "visits": [...] } in the API's format. Every visit is validated like an API body; errors name
// the CSV row and column.
import { CsvError, decodeText, detectDelimiter, parseCsv, type TextEncodingName } from '../csv';
import { validateVisit } from '../visit-validate';
import { fail, ok, type Result } from '../../core/result';
import { VISIT_TYPES, type HisVisitInput, type VisitType } from '../types';

export const DROP_FIELDS = [
  'hisVisitId', 'visitType', 'idNumber', 'name', 'cardNumber', 'insuranceRegion', 'departmentCode', 'department', 'doctorCode', 'doctor',
  'diagnosisCodes', 'diagnosisNames', 'visitTime', 'admissionDate', 'dischargeDate',
  'lineNo', 'itemCode', 'itemName', 'quantity', 'unitPrice', 'amount', 'time', 'category', 'unit', 'specification',
] as const;
export type DropField = (typeof DROP_FIELDS)[number];

/** Fields a CSV mapping must have. */
export const REQUIRED_FIELDS: DropField[] = ['hisVisitId', 'visitType', 'department', 'doctor', 'diagnosisCodes', 'itemCode', 'itemName', 'quantity', 'unitPrice', 'amount', 'time'];

export const FIELD_LABELS: Record<DropField, string> = {
  hisVisitId: '就诊号', visitType: '就诊类型', idNumber: '身份证号', name: '姓名', cardNumber: '社保卡号', insuranceRegion: '参保地',
  departmentCode: '科室编码', department: '科室', doctorCode: '医生编码', doctor: '医生', diagnosisCodes: '诊断编码', diagnosisNames: '诊断名称',
  visitTime: '就诊时间', admissionDate: '入院日期', dischargeDate: '出院日期', lineNo: '明细号', itemCode: '项目编码', itemName: '项目名称',
  quantity: '数量', unitPrice: '单价', amount: '金额', time: '费用时间', category: '收费类别', unit: '单位', specification: '规格',
};

export interface DropSetup {
  /** Absolute path of the watched folder. */
  folder: string;
  enabled: boolean;
  /** CSV column (header text) for each field; fields left out are auto-detected by header name. */
  columns: Partial<Record<DropField, string>>;
  /** Extra values of the visit-type column, e.g. { "1": "outpatient", "3": "inpatient" }. */
  visitTypeValues: Record<string, VisitType>;
  /** Separator of several diagnosis codes in one cell. */
  diagnosisSeparator: string;
  /** Files larger than this (MB) fail without being read (default 20). */
  maxFileMB?: number;
}

const BUILTIN_TYPES: Record<string, VisitType> = {
  outpatient: 'outpatient', chronicOutpatient: 'chronicOutpatient', inpatient: 'inpatient',
  门诊: 'outpatient', 普通门诊: 'outpatient', 门慢: 'chronicOutpatient', 慢病: 'chronicOutpatient', 门诊慢特病: 'chronicOutpatient', 门诊慢性病: 'chronicOutpatient', 住院: 'inpatient',
};

/** Which column holds each field: the configured header, else a header equal to the field name or its Chinese label. */
export function resolveColumns(headers: string[], columns: DropSetup['columns']): Partial<Record<DropField, number>> {
  const norm = headers.map((h) => h.replace(/^\uFEFF/, '').trim());
  const out: Partial<Record<DropField, number>> = {};
  for (const f of DROP_FIELDS) {
    const wanted = columns[f];
    const i = wanted !== undefined && wanted !== '' ? norm.indexOf(wanted) : norm.findIndex((h) => h === f || h === FIELD_LABELS[f]);
    if (i >= 0) out[f] = i;
  }
  return out;
}

const slashDate = (s: string | undefined) => (s ? s.replace(/^(\d{4})\/(\d{1,2})\/(\d{1,2})/, (_m, y, m, d) => `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`) : s);

function visitFromRows(rows: string[][], col: Partial<Record<DropField, number>>, setup: DropSetup): unknown {
  const cell = (r: string[], f: DropField) => (col[f] === undefined ? undefined : (r[col[f]!] ?? '').trim() || undefined);
  const first = rows[0];
  const typeText = cell(first, 'visitType') ?? '';
  const codes = (cell(first, 'diagnosisCodes') ?? '').split(setup.diagnosisSeparator || ';').map((s) => s.trim()).filter(Boolean);
  const names = (cell(first, 'diagnosisNames') ?? '').split(setup.diagnosisSeparator || ';').map((s) => s.trim());
  const named = (code?: string, name?: string) => (code ? { code, name: name ?? '' } : name);
  return {
    hisVisitId: cell(first, 'hisVisitId'),
    visitType: setup.visitTypeValues[typeText] ?? BUILTIN_TYPES[typeText] ?? typeText,
    patient: { idNumber: cell(first, 'idNumber'), name: cell(first, 'name'), cardNumber: cell(first, 'cardNumber'), insuranceRegion: cell(first, 'insuranceRegion') },
    department: named(cell(first, 'departmentCode'), cell(first, 'department')),
    doctor: named(cell(first, 'doctorCode'), cell(first, 'doctor')),
    diagnoses: codes.map((code, i) => (names[i] ? { code, name: names[i] } : { code })),
    visitTime: slashDate(cell(first, 'visitTime')),
    admissionDate: slashDate(cell(first, 'admissionDate')),
    dischargeDate: slashDate(cell(first, 'dischargeDate')),
    lines: rows.map((r) => ({
      lineNo: cell(r, 'lineNo'), itemCode: cell(r, 'itemCode'), itemName: cell(r, 'itemName'), quantity: cell(r, 'quantity'),
      unitPrice: cell(r, 'unitPrice'), amount: cell(r, 'amount'), time: slashDate(cell(r, 'time')), category: cell(r, 'category'),
      unit: cell(r, 'unit'), specification: cell(r, 'specification'),
    })),
  };
}

export interface ParsedCsv {
  encoding: TextEncodingName;
  delimiter: string;
  headers: string[];
  rows: string[][];
}

export function readCsv(buf: Buffer): Result<ParsedCsv> {
  const { text, encoding } = decodeText(buf);
  const delimiter = detectDelimiter(text);
  try {
    const all = parseCsv(text, delimiter);
    if (all.length < 2) return fail('EMPTY_FILE', '文件中没有数据行（第一行应为表头）', 'no data rows', 'file');
    return ok({ encoding, delimiter, headers: all[0].map((h) => h.replace(/^\uFEFF/, '')), rows: all.slice(1) });
  } catch (err) {
    if (err instanceof CsvError) return fail('BAD_CSV', err.message, err.message, 'file');
    throw err;
  }
}

/** CSV rows -> validated visits, or the first error naming the data row and the column. */
export function visitsFromCsv(csv: ParsedCsv, setup: DropSetup): Result<HisVisitInput[]> {
  const col = resolveColumns(csv.headers, setup.columns);
  const missing = REQUIRED_FIELDS.filter((f) => col[f] === undefined);
  if (missing.length) {
    return fail('MISSING_COLUMN', `列对照不完整，缺少：${missing.map((f) => FIELD_LABELS[f]).join('、')}`, `unmapped fields: ${missing.join(', ')}`, missing[0]);
  }
  const groups = new Map<string, { rows: string[][]; rowNos: number[] }>();
  csv.rows.forEach((r, i) => {
    const id = (r[col.hisVisitId!] ?? '').trim();
    const g = groups.get(id) ?? { rows: [], rowNos: [] };
    g.rows.push(r);
    g.rowNos.push(i + 2);
    groups.set(id, g);
  });
  const out: HisVisitInput[] = [];
  for (const g of groups.values()) {
    const r = validateVisit(visitFromRows(g.rows, col, setup));
    if (!r.ok) return fail(r.error.code, csvMessage(r.error.field ?? '', r.error.message, g.rowNos, csv.headers, col), r.error.detail, r.error.field);
    out.push(r.value);
  }
  return ok(out);
}

const FIELD_OF_PATH: Record<string, DropField> = {
  'patient.idNumber': 'idNumber', 'patient.name': 'name', 'patient.cardNumber': 'cardNumber', 'patient.insuranceRegion': 'insuranceRegion',
  department: 'department', 'department.name': 'department', 'department.code': 'departmentCode', doctor: 'doctor', 'doctor.name': 'doctor', 'doctor.code': 'doctorCode',
};

function csvMessage(field: string, message: string, rowNos: number[], headers: string[], col: Partial<Record<DropField, number>>): string {
  const m = /^lines\[(\d+)\]\.(\w+)$/.exec(field);
  const dropField = (m ? m[2] : FIELD_OF_PATH[field] ?? (field.startsWith('diagnoses') ? 'diagnosisCodes' : field)) as DropField;
  const row = m ? rowNos[Number(m[1])] : rowNos[0];
  const column = col[dropField] !== undefined ? headers[col[dropField]!] : FIELD_LABELS[dropField] ?? field;
  const text = message.includes('：') ? message.slice(message.indexOf('：') + 1) : message;
  return `第 ${row} 行“${column}”列：${text}`;
}

/** A JSON drop file: one visit, a list of visits, or { "visits": [...] }. */
export function visitsFromJson(buf: Buffer): Result<HisVisitInput[]> {
  let value: unknown;
  try {
    value = JSON.parse(decodeText(buf).text.replace(/^\uFEFF/, ''));
  } catch (err) {
    return fail('BAD_JSON', '文件不是有效的 JSON', err instanceof Error ? err.message : 'bad json', 'file');
  }
  const list = Array.isArray(value) ? value : value && typeof value === 'object' && Array.isArray((value as { visits?: unknown }).visits) ? (value as { visits: unknown[] }).visits : [value];
  if (!list.length) return fail('EMPTY_FILE', '文件中没有就诊记录', 'no visits', 'file');
  const out: HisVisitInput[] = [];
  for (let i = 0; i < list.length; i++) {
    const r = validateVisit(list[i]);
    if (!r.ok) return fail(r.error.code, list.length > 1 ? `第 ${i + 1} 条就诊：${r.error.message}` : r.error.message, r.error.detail, r.error.field);
    out.push(r.value);
  }
  return ok(out);
}

export function isVisitType(v: string): v is VisitType {
  return (VISIT_TYPES as readonly string[]).includes(v);
}
