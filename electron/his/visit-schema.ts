// The schema of a visit body as the HIS sends it (POST /his/v1/visits, JSON drop files, CSV rows
// after mapping), on valibot: the one definition that checks the body (visit-validate.ts) and
// that the HIS API's OpenAPI document is generated from (openapi.ts). Each refusal carries the
// HIS bridge's stable code, a Chinese reason and an English one (see `his()` below); what needs
// more than one field at a time (amount = quantity x unit price, unique line numbers, inpatient
// dates) is checked after the schema, in visit-validate.ts.
import * as v from 'valibot';
import { canonicalJson } from '../core/canonical-json';
import { idNumberValid } from './check';
import { CHARGE_CATEGORIES, VISIT_TYPES, type VisitType } from './types';

export const MAX_LINES = 5000;
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const CODE = /^[A-Za-z0-9][A-Za-z0-9._\-/]{0,63}$/;
const MAX_AMOUNT = '99999999.99';
const ANY = /^[\s\S]*$/;
const CONTROL = /[\u0000-\u001f\u007f\ufffe\uffff]/;
const SEP = '\u0002';

/** A refusal message: the HIS bridge's code, the Chinese reason, the English reason. */
export const his = (code: string, zh: string, en: string) => `${code}${SEP}${zh}${SEP}${en}`;

export function hisReason(message: string): { code: string; zh: string; en: string } | undefined {
  const [code, zh, en] = message.split(SEP);
  return en === undefined ? undefined : { code, zh, en };
}

/** Text: trimmed, well-formed, no control characters, 1..max characters, matching `pattern`. */
export function text(max: number, o: { pattern?: RegExp; hint?: string; description?: string } = {}) {
  const hint = o.hint ? `（${o.hint}）` : '';
  return v.pipe(
    v.string(his('WRONG_TYPE', '应为文本', 'must be a string')),
    v.trim(),
    v.check((s) => s.isWellFormed() && !CONTROL.test(s), his('INVALID_TEXT', '含有不可见的控制字符或无效字符', 'contains control characters or ill-formed Unicode')),
    v.minLength(1, his('MISSING_FIELD', '不能为空', 'must not be empty')),
    v.maxLength(max, his('TOO_LONG', `过长（最多 ${max} 个字符）`, `is longer than ${max} characters`)),
    v.regex(o.pattern ?? ANY, his('INVALID_FORMAT', `格式不正确${hint}`, `has the wrong format${o.hint ? ` (${o.hint})` : ''}`)),
    v.description(o.description ?? ''),
  );
}

/** Absent or null: left out. */
export const opt = <S extends v.GenericSchema>(s: S) => v.pipe(v.nullish(s), v.transform((x): v.InferOutput<S> | undefined => x ?? undefined));

const PLAIN_DECIMAL = /^(0|[1-9]\d*)(\.\d+)?$/;

/** Whether the plain decimal `s` is above `max` (compared as text, never as a float). */
function above(s: string, max: string): boolean {
  const [int, frac = ''] = s.split('.');
  const [mInt, mFrac = ''] = max.split('.');
  if (int.length !== mInt.length) return int.length > mInt.length;
  if (int !== mInt) return int > mInt;
  const width = Math.max(frac.length, mFrac.length);
  return frac.padEnd(width, '0') > mFrac.padEnd(width, '0');
}

/**
 * A non-negative decimal as a string ("12.50") or a JSON number (12.5, taken by its shortest
 * text), at most `decimals` decimals and at most `max`; given back normalised (no trailing zeros).
 */
export function decimal(what: string, decimals: number, max: string, description: string) {
  return v.pipe(
    v.union([v.string(), v.number()], his('WRONG_TYPE', `${what}应为数字或数字文本`, 'must be a decimal string or a number')),
    v.transform((x) => (typeof x === 'number' ? (Object.is(x, -0) ? '0' : String(x)) : x.trim())),
    v.check((s) => !/^-(0|[1-9]\d*)(\.\d+)?$/.test(s), his('NEGATIVE', `${what}不能为负数`, 'must not be negative')),
    v.check((s) => s.length <= 40 && PLAIN_DECIMAL.test(s), his('INVALID_NUMBER', `${what}格式不正确（应如 12.50）`, 'must be a plain decimal such as "12.50"')),
    v.transform((s) => {
      const [int, frac = ''] = s.split('.');
      const f = frac.replace(/0+$/, '');
      return f ? `${int}.${f}` : int;
    }),
    v.check((s) => (s.split('.')[1] ?? '').length <= decimals, his('TOO_MANY_DECIMALS', `${what}最多 ${decimals} 位小数`, `has more than ${decimals} decimals`)),
    v.check((s) => !above(s, max), his('OUT_OF_RANGE', `${what}超出范围（最大 ${max}）`, `must be at most ${max}`)),
    v.description(`${description}; non-negative, at most ${decimals} decimals, at most ${max}; a decimal string such as "12.50" is preferred`),
  );
}

function realDate(y: number, m: number, d: number): boolean {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** "YYYY-MM-DD", a real calendar date. */
export const date = (description: string) =>
  v.pipe(
    text(10, { pattern: /^\d{4}-\d{2}-\d{2}$/, hint: 'YYYY-MM-DD' }),
    v.check((s) => realDate(Number(s.slice(0, 4)), Number(s.slice(5, 7)), Number(s.slice(8, 10))), his('INVALID_DATE', '不是有效日期', 'is not a real calendar date')),
    v.description(description),
  );

const DATETIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** "YYYY-MM-DD HH:mm[:ss]" or ISO 8601 with T and an optional zone. */
export const dateTime = (description: string) =>
  v.pipe(
    text(40, { pattern: DATETIME, hint: 'YYYY-MM-DD HH:mm:ss' }),
    v.check((s) => {
      const m = DATETIME.exec(s)!;
      return realDate(Number(m[1]), Number(m[2]), Number(m[3])) && Number(m[4]) < 24 && Number(m[5]) < 60 && Number(m[6] ?? 0) < 60;
    }, his('INVALID_DATE', '不是有效的日期时间', 'is not a real date and time')),
    v.description(description),
  );

const list = <S extends v.GenericSchema>(item: S, min: number, max: number, description: string) =>
  v.pipe(
    v.array(item, his('WRONG_TYPE', '应为列表', 'must be an array')),
    v.minLength(min, his('MISSING_FIELD', `至少需要 ${min} 项`, `needs at least ${min} items`)),
    v.maxLength(max, his('TOO_MANY_ITEMS', `最多 ${max} 项`, `has more than ${max} items`)),
    v.description(description),
  );

const object = <E extends v.ObjectEntries>(entries: E, description = '') =>
  v.pipe(v.strictObject(entries, his('WRONG_TYPE', '应为对象', 'must be a JSON object')), v.description(description));

/** A name, or { code, name }: given back as { code?, name }. */
const codeName = (what: string) =>
  v.pipe(
    v.union(
      [text(100, { description: `${what} name` }), object({ code: opt(text(64, { pattern: CODE, hint: '字母、数字', description: `${what} code in the HIS` })), name: text(100, { description: `${what} name` }) })],
      his('WRONG_TYPE', '应为文本或对象', 'must be a name or an object with code and name'),
    ),
    v.transform((x): { code?: string; name: string } => (typeof x === 'string' ? { name: x } : x)),
  );

/** A code, or { code, name }: given back as { code, name? }. */
const diagnosis = v.pipe(
  v.union(
    [
      text(30, { pattern: CODE, hint: '如 I10', description: 'diagnosis code (ICD-10)' }),
      object({ code: text(30, { pattern: CODE, hint: '如 I10', description: 'diagnosis code (ICD-10)' }), name: opt(text(100, { description: 'diagnosis name' })) }),
    ],
    his('WRONG_TYPE', '应为文本或对象', 'must be a code or an object with code and name'),
  ),
  v.transform((x): { code: string; name?: string } => (typeof x === 'string' ? { code: x } : x)),
);

const patient = v.pipe(
  object(
    {
      idNumber: opt(
        v.pipe(
          text(18, { pattern: /^(\d{15}|\d{17}[\dXx])$/, hint: '15 或 18 位身份证号', description: 'resident ID number (18 characters with a valid check digit, or 15 digits)' }),
          v.transform((s) => s.toUpperCase()),
          v.check(idNumberValid, his('INVALID_ID_NUMBER', '身份证号校验位不正确', 'ID number check digit is wrong')),
        ),
      ),
      name: opt(text(50, { description: 'name' })),
      cardNumber: opt(text(32, { pattern: /^[A-Za-z0-9]+$/, hint: '字母和数字', description: 'social security card number' })),
      insuranceRegion: opt(text(6, { pattern: /^\d{6}$/, hint: '6 位区划代码', description: 'insurance region code (6 digits)' })),
    },
    'identity hints matched with the card read at the window; at least one of idNumber, cardNumber, name',
  ),
  v.check((p) => !!(p.idNumber || p.cardNumber || p.name), his('MISSING_FIELD', '至少需要身份证号、卡号或姓名之一', 'needs at least one of idNumber, cardNumber, name')),
);

export const feeLineSchema = object({
  lineNo: opt(text(64, { pattern: CODE, hint: '字母、数字', description: 'line number in the HIS (feedetl_sn), unique within the visit' })),
  itemCode: text(64, { pattern: CODE, hint: '字母、数字、点、短横线', description: 'HIS item code (mapped to the national catalog at the window)' }),
  itemName: text(200, { description: 'HIS item name' }),
  quantity: decimal('数量', 4, '1000000', 'quantity'),
  unitPrice: decimal('单价', 4, MAX_AMOUNT, 'unit price in yuan'),
  amount: decimal('金额', 2, MAX_AMOUNT, 'amount in yuan; must equal quantity x unitPrice rounded half-up to the fen'),
  time: dateTime('when the item was given: "YYYY-MM-DD HH:mm:ss" or ISO 8601'),
  category: opt(
    v.pipe(
      text(2, { pattern: /^\d{2}$/, hint: '两位收费类别代码 01-14' }),
      v.check((c) => !!CHARGE_CATEGORIES[c], his('INVALID_VALUE', '收费类别应为 01-14', 'category must be 01..14')),
      v.description(`charge category (med_chrgitm_type): ${Object.entries(CHARGE_CATEGORIES).map(([k, n]) => `${k} ${n}`).join(', ')}; the catalog mapping wins`),
    ),
  ),
  unit: opt(text(20, { description: 'unit, e.g. 片' })),
  specification: opt(text(100, { description: 'specification, e.g. 5mg*28' })),
  traceCodes: opt(
    list(text(40, { pattern: /^[A-Za-z0-9]+$/, hint: '字母和数字', description: 'drug traceability code (追溯码)' }), 0, 1000,
      'drug lines: the traceability codes (追溯码) scanned at dispensing, one per box; checked again at the window'),
  ),
  packSize: opt(
    v.pipe(
      v.number(his('WRONG_TYPE', '包装数量应为整数', 'must be an integer')),
      v.integer(his('WRONG_TYPE', '包装数量应为整数', 'must be an integer')),
      v.minValue(1, his('OUT_OF_RANGE', '包装数量至少为 1', 'must be at least 1')),
      v.maxValue(100000, his('OUT_OF_RANGE', '包装数量过大', 'must be at most 100000')),
      v.description('drug lines: units per box (the catalog\'s packaging wins when it has one)'),
    ),
  ),
  lotNo: opt(text(30, { description: 'drug lines: the lot number on the box (manu_lotnum)' })),
  madeOn: opt(date('drug lines: the manufacture date on the box (manu_date)')),
});

const extra = v.pipe(
  v.record(v.string(), v.unknown(), his('WRONG_TYPE', '应为对象', 'must be a JSON object')),
  v.check((o) => JSON.stringify(o).length <= 4096, his('TOO_LONG', '过大（最多 4 KB）', 'is larger than 4 KB')),
  v.check((o) => JSON.stringify(o).isWellFormed(), his('INVALID_TEXT', '含有无效字符', 'contains ill-formed Unicode')),
  v.transform((o) => JSON.parse(canonicalJson(o)) as Record<string, unknown>),
  v.description('free-form HIS data kept with the visit (at most 4 KB of JSON)'),
);

export const visitSchema = object({
  hisVisitId: text(64, { pattern: ID_PATTERN, hint: '字母、数字、点、下划线、短横线，最多 64 位', description: 'the HIS visit id (outpatient or inpatient number); idempotency key' }),
  visitType: v.pipe(
    v.string(his('WRONG_TYPE', '应为文本', 'must be a string')),
    v.trim(),
    v.picklist(VISIT_TYPES as readonly [VisitType, ...VisitType[]], his('INVALID_VALUE', `应为 ${VISIT_TYPES.join(' / ')} 之一`, `must be one of ${VISIT_TYPES.join(', ')}`)),
    v.description('outpatient, chronicOutpatient (门诊慢特病) or inpatient'),
  ),
  patient,
  department: codeName('department'),
  doctor: codeName('doctor'),
  diagnoses: list(diagnosis, 1, 20, 'diagnoses (ICD-10 codes, or objects with code and name)'),
  visitTime: opt(dateTime('visit time')),
  admissionDate: opt(date('inpatient only (required there)')),
  dischargeDate: opt(date('inpatient only (required there)')),
  lines: list(feeLineSchema, 1, MAX_LINES, 'the fee lines'),
  extra: opt(extra),
});

/** A visit body after the schema (normalised: trimmed, decimals plain, optional fields absent). */
export type VisitBody = v.InferOutput<typeof visitSchema>;
