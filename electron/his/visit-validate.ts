// Validation of a visit body (POST /his/v1/visits, JSON drop files, CSV rows after mapping).
// Pure: returns the normalised visit or the first precise error (code, message, field).
// Optional fields left undefined are simply absent from the JSON (stored body, hash, replies).
import { fail as failResult, ok, type Result } from '../core/result';
import {
  HisInputError, checkText, date, scaled, twoDecimals, dateTime, decimal, fail, idNumberValid, isRecord, join, list, noUnknown, record, text, type Rec,
} from './check';
import { canonicalJson } from './canonical';
import { CHARGE_CATEGORIES, VISIT_TYPES, type CodeName, type Diagnosis, type HisFeeLine, type HisVisitInput, type PatientHints, type VisitType } from './types';

export const MAX_LINES = 5000;
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const CODE = /^[A-Za-z0-9][A-Za-z0-9._\-/]{0,63}$/;
const MAX_AMOUNT = '99999999.99';

const VISIT_KEYS = ['hisVisitId', 'visitType', 'patient', 'department', 'doctor', 'diagnoses', 'visitTime', 'admissionDate', 'dischargeDate', 'lines', 'extra'] as const;
const LINE_KEYS = ['lineNo', 'itemCode', 'itemName', 'quantity', 'unitPrice', 'amount', 'time', 'category', 'unit', 'specification'] as const;

export function checkVisitId(v: string, field = 'hisVisitId'): string {
  return checkText(v, field, { max: 64, pattern: ID_PATTERN, hint: '字母、数字、点、下划线、短横线，最多 64 位' });
}

function patient(v: unknown, path: string): PatientHints {
  const o = record(v, path);
  noUnknown(o, ['idNumber', 'name', 'cardNumber', 'insuranceRegion'], path);
  const idNumber = text(o, 'idNumber', path, { max: 18, optional: true, pattern: /^(\d{15}|\d{17}[\dXx])$/, hint: '15 或 18 位身份证号' })?.toUpperCase();
  if (idNumber && !idNumberValid(idNumber)) fail('INVALID_ID_NUMBER', join(path, 'idNumber'), '身份证号校验位不正确', 'ID number check digit is wrong');
  const out: PatientHints = {
    idNumber,
    name: text(o, 'name', path, { max: 50, optional: true }),
    cardNumber: text(o, 'cardNumber', path, { max: 32, optional: true, pattern: /^[A-Za-z0-9]+$/, hint: '字母和数字' }),
    insuranceRegion: text(o, 'insuranceRegion', path, { max: 6, optional: true, pattern: /^\d{6}$/, hint: '6 位区划代码' }),
  };
  if (!out.idNumber && !out.cardNumber && !out.name) {
    fail('MISSING_FIELD', path, '至少需要身份证号、卡号或姓名之一', 'needs at least one of idNumber, cardNumber, name');
  }
  return out;
}

function codeName(v: unknown, path: string): CodeName {
  if (typeof v === 'string') return { name: checkText(v, path, { max: 100 }) };
  const o = record(v, path);
  noUnknown(o, ['code', 'name'], path);
  return { code: text(o, 'code', path, { max: 64, optional: true, pattern: CODE, hint: '字母、数字' }), name: text(o, 'name', path, { max: 100 })! };
}

function diagnoses(o: Rec): Diagnosis[] {
  return list(o, 'diagnoses', '', { min: 1, max: 20 })!.map((d, i) => {
    const path = join('diagnoses', i);
    if (typeof d === 'string') return { code: checkText(d, path, { max: 30, pattern: CODE, hint: '如 I10' }) };
    const r = record(d, path);
    noUnknown(r, ['code', 'name'], path);
    return { code: text(r, 'code', path, { max: 30, pattern: CODE, hint: '如 I10' })!, name: text(r, 'name', path, { max: 100, optional: true }) };
  });
}

/** amount must equal quantity x unitPrice rounded half-up to the fen. */
function line(v: unknown, path: string): HisFeeLine {
  const o = record(v, path);
  noUnknown(o, LINE_KEYS, path);
  const quantity = decimal(o, 'quantity', path, { decimals: 4, max: '1000000', what: '数量' });
  const unitPrice = decimal(o, 'unitPrice', path, { decimals: 4, max: MAX_AMOUNT, what: '单价' });
  const amount = decimal(o, 'amount', path, { decimals: 2, max: MAX_AMOUNT, what: '金额' });
  // quantity x unitPrice in 10^-8 units, rounded half-up to the fen (exact integer arithmetic).
  const expectedFen = (scaled(quantity, 4) * scaled(unitPrice, 4) + 500_000n) / 1_000_000n;
  if (expectedFen !== scaled(amount, 2)) {
    const expected = fenText(expectedFen);
    fail('AMOUNT_MISMATCH', join(path, 'amount'), `金额 ${twoDecimals(amount)} 与 数量×单价 = ${expected} 不符`, `amount ${amount} != quantity x unitPrice = ${expected}`);
  }
  const category = text(o, 'category', path, { max: 2, optional: true, pattern: /^\d{2}$/, hint: '两位收费类别代码 01-14' });
  if (category && !CHARGE_CATEGORIES[category]) fail('INVALID_VALUE', join(path, 'category'), '收费类别应为 01-14', 'category must be 01..14');
  return {
    lineNo: text(o, 'lineNo', path, { max: 64, optional: true, pattern: CODE, hint: '字母、数字' }),
    itemCode: text(o, 'itemCode', path, { max: 64, pattern: CODE, hint: '字母、数字、点、短横线' })!,
    itemName: text(o, 'itemName', path, { max: 200 })!,
    quantity,
    unitPrice,
    amount: twoDecimals(amount),
    time: dateTime(o, 'time', path, false)!,
    category,
    unit: text(o, 'unit', path, { max: 20, optional: true }),
    specification: text(o, 'specification', path, { max: 100, optional: true }),
  };
}

function lines(o: Rec): HisFeeLine[] {
  const raw = list(o, 'lines', '', { min: 1, max: MAX_LINES })!;
  const out = raw.map((l, i) => line(l, join('lines', i)));
  const seen = new Set<string>();
  out.forEach((l, i) => {
    if (l.lineNo === undefined) return;
    if (seen.has(l.lineNo)) fail('DUPLICATE_LINE', join(join('lines', i), 'lineNo'), `明细号 ${l.lineNo} 重复`, 'lineNo is repeated');
    seen.add(l.lineNo);
  });
  return out;
}

function extra(o: Rec): Record<string, unknown> | undefined {
  const v = o.extra;
  if (v === undefined || v === null) return undefined;
  if (!isRecord(v)) fail('WRONG_TYPE', 'extra', '应为对象', 'must be a JSON object');
  const json = JSON.stringify(v);
  if (json.length > 4096) fail('TOO_LONG', 'extra', '过大（最多 4 KB）', 'is larger than 4 KB');
  if (!json.isWellFormed()) fail('INVALID_TEXT', 'extra', '含有无效字符', 'contains ill-formed Unicode');
  return JSON.parse(canonicalJson(v)) as Record<string, unknown>;
}

function visitType(o: Rec): VisitType {
  const v = text(o, 'visitType', '', { max: 30 })!;
  if (!(VISIT_TYPES as readonly string[]).includes(v)) fail('INVALID_VALUE', 'visitType', `应为 ${VISIT_TYPES.join(' / ')} 之一`, `must be one of ${VISIT_TYPES.join(', ')}`);
  return v as VisitType;
}

function parseVisit(body: unknown): HisVisitInput {
  const o = record(body, '');
  noUnknown(o, VISIT_KEYS, '');
  const hisVisitId = text(o, 'hisVisitId', '', { max: 64, pattern: ID_PATTERN, hint: '字母、数字、点、下划线、短横线，最多 64 位' })!;
  const type = visitType(o);
  const v: HisVisitInput = {
    hisVisitId,
    visitType: type,
    patient: patient(o.patient ?? fail('MISSING_FIELD', 'patient', '缺少此字段', 'is required'), 'patient'),
    department: codeName(o.department ?? fail('MISSING_FIELD', 'department', '缺少此字段', 'is required'), 'department'),
    doctor: codeName(o.doctor ?? fail('MISSING_FIELD', 'doctor', '缺少此字段', 'is required'), 'doctor'),
    diagnoses: diagnoses(o),
    visitTime: dateTime(o, 'visitTime', '', true),
    admissionDate: date(o, 'admissionDate', '', type !== 'inpatient'),
    dischargeDate: date(o, 'dischargeDate', '', type !== 'inpatient'),
    lines: [],
    extra: extra(o),
  };
  if (type !== 'inpatient' && (v.admissionDate || v.dischargeDate)) {
    fail('INVALID_VALUE', v.admissionDate ? 'admissionDate' : 'dischargeDate', '只有住院才有入院/出院日期', 'only inpatient visits have admission/discharge dates');
  }
  if (v.admissionDate && v.dischargeDate && v.dischargeDate < v.admissionDate) {
    fail('INVALID_DATE', 'dischargeDate', '出院日期早于入院日期', 'dischargeDate is before admissionDate');
  }
  v.lines = lines(o);
  return v;
}

/** Validates one visit; the first error names its field by JSON path (e.g. `lines[3].amount`). */
export function validateVisit(body: unknown): Result<HisVisitInput> {
  try {
    return ok(parseVisit(body));
  } catch (err) {
    if (err instanceof HisInputError) return failResult(err.code, err.toApiError().message, err.message, err.field);
    throw err;
  }
}

/** Sum of the lines' amounts in fen (exact). */
export function visitTotalFen(v: HisVisitInput): bigint {
  let total = 0n;
  for (const l of v.lines) total += scaled(l.amount, 2);
  return total;
}

export function visitTotal(v: HisVisitInput): string {
  return fenText(visitTotalFen(v));
}

export function fenText(fen: bigint): string {
  const s = fen.toString().padStart(3, '0');
  return `${s.slice(0, -2)}.${s.slice(-2)}`;
}
