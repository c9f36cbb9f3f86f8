// Field checks for outside input of the HIS bridge (HTTP bodies, dropped files, catalog CSVs).
// Each failure throws a HisInputError naming the field by its JSON path, with a precise code,
// a Chinese message for the technician (the field named by its Chinese label) and an English detail for the log.
import { fieldMessage } from '../core/field-label';

export class HisInputError extends Error {
  constructor(readonly code: string, readonly field: string, readonly zh: string, readonly en: string) {
    super(`${field}: ${en}`);
    this.name = 'HisInputError';
  }
  toApiError(): { code: string; message: string; field: string } {
    return { code: this.code, message: fieldMessage(this.field, this.zh), field: this.field };
  }
}

export function fail(code: string, field: string, zh: string, en: string): never {
  throw new HisInputError(code, field, zh, en);
}

export function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

export type Rec = Record<string, unknown>;

export function isRecord(v: unknown): v is Rec {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function record(v: unknown, field: string): Rec {
  if (!isRecord(v)) fail('WRONG_TYPE', field || 'body', '应为对象', 'must be a JSON object');
  return v;
}

export function noUnknown(o: Rec, allowed: readonly string[], path: string): void {
  for (const key of Object.keys(o)) {
    if (!allowed.includes(key)) fail('UNKNOWN_FIELD', join(path, key), '是未知字段', 'is not a known field');
  }
}

const CONTROL = /[\u0000-\u001f\u007f\ufffe\uffff]/;

/** A required (or, with `optional`, absent/null) text field: well-formed Unicode, no control chars. */
export function text(o: Rec, key: string, path: string, opts: { max: number; min?: number; pattern?: RegExp; optional?: boolean; hint?: string }): string | undefined {
  const field = join(path, key);
  const v = o[key];
  if (v === undefined || v === null) {
    if (opts.optional) return undefined;
    fail('MISSING_FIELD', field, '缺少此字段', 'is required');
  }
  if (typeof v !== 'string') fail('WRONG_TYPE', field, '应为文本', 'must be a string');
  return checkText(v, field, opts);
}

export function checkText(v: string, field: string, opts: { max: number; min?: number; pattern?: RegExp; hint?: string }): string {
  const s = v.trim();
  if (!s.isWellFormed() || CONTROL.test(s)) fail('INVALID_TEXT', field, '含有不可见的控制字符或无效字符', 'contains control characters or ill-formed Unicode');
  if (s.length < (opts.min ?? 1)) fail('MISSING_FIELD', field, '不能为空', 'must not be empty');
  if (s.length > opts.max) fail('TOO_LONG', field, `过长（最多 ${opts.max} 个字符）`, `is longer than ${opts.max} characters`);
  if (opts.pattern && !opts.pattern.test(s)) fail('INVALID_FORMAT', field, `格式不正确${opts.hint ? `（${opts.hint}）` : ''}`, `has the wrong format${opts.hint ? ` (${opts.hint})` : ''}`);
  return s;
}

const PLAIN_DECIMAL = /^(0|[1-9]\d*)(\.\d+)?$/;

/** A plain non-negative decimal string as an exact integer in units of 10^-places (no floats). */
export function scaled(s: string, places: number): bigint {
  const [int, frac = ''] = s.split('.');
  return BigInt(int + frac.padEnd(places, '0').slice(0, places));
}

/**
 * A non-negative decimal given as a string ("12.50") or a JSON number (12.5), with at most
 * `decimals` decimals and at most `max`. Returned as a normalised decimal string (no trailing
 * zeros). A JSON number is taken by its shortest text (what the HIS wrote); exponents and more
 * decimals are refused. Exact: string and integer (bigint) arithmetic only, never a float.
 */
export function decimal(o: Rec, key: string, path: string, opts: { decimals: number; max: string; what: string }): string {
  const field = join(path, key);
  const v = o[key];
  if (v === undefined || v === null) fail('MISSING_FIELD', field, '缺少此字段', 'is required');
  let s: string;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) fail('INVALID_NUMBER', field, `${opts.what}不是有效数字`, 'is not a finite number');
    s = Object.is(v, -0) ? '0' : String(v);
  } else if (typeof v === 'string') s = v.trim();
  else fail('WRONG_TYPE', field, `${opts.what}应为数字或数字文本`, 'must be a decimal string or a number');
  if (/^-(0|[1-9]\d*)(\.\d+)?$/.test(s)) fail('NEGATIVE', field, `${opts.what}不能为负数`, 'must not be negative');
  if (s.length > 40 || !PLAIN_DECIMAL.test(s)) fail('INVALID_NUMBER', field, `${opts.what}格式不正确（应如 12.50）`, `must be a plain decimal such as "12.50"; got ${JSON.stringify(String(s).slice(0, 40))}`);
  const dot = s.indexOf('.');
  const int = dot < 0 ? s : s.slice(0, dot);
  const frac = dot < 0 ? '' : s.slice(dot + 1).replace(/0+$/, '');
  if (frac.length > opts.decimals) fail('TOO_MANY_DECIMALS', field, `${opts.what}最多 ${opts.decimals} 位小数`, `has more than ${opts.decimals} decimals`);
  const normal = frac ? `${int}.${frac}` : int;
  if (greater(int, frac, opts.max)) fail('OUT_OF_RANGE', field, `${opts.what}超出范围（最大 ${opts.max}）`, `must be at most ${opts.max}`);
  return normal;
}

/** Whether int.frac is above `max` (plain decimals; compared as text, no number conversion). */
function greater(int: string, frac: string, max: string): boolean {
  const [mInt, mFrac = ''] = max.split('.');
  if (int.length !== mInt.length) return int.length > mInt.length;
  if (int !== mInt) return int > mInt;
  const width = Math.max(frac.length, mFrac.length);
  return frac.padEnd(width, '0') > mFrac.padEnd(width, '0');
}

/** A normalised amount (at most two decimals, at most 99999999.99) in integer fen, parsed from its digits. */
export function fenOf(s: string): number {
  const [int, frac = ''] = s.split('.');
  return Number(int + frac.padEnd(2, '0'));
}

/** "12.5" -> "12.50" (a normalised decimal with at most two decimals). */
export function twoDecimals(s: string): string {
  const [int, frac = ''] = s.split('.');
  return `${int}.${frac.padEnd(2, '0')}`;
}

function validDate(y: number, m: number, d: number): boolean {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** "YYYY-MM-DD", a real calendar date. */
export function date(o: Rec, key: string, path: string, optional: boolean): string | undefined {
  const s = text(o, key, path, { max: 10, optional, pattern: /^\d{4}-\d{2}-\d{2}$/, hint: 'YYYY-MM-DD' });
  if (s === undefined) return undefined;
  const [y, m, d] = s.split('-').map(Number);
  if (!validDate(y, m, d)) fail('INVALID_DATE', join(path, key), '不是有效日期', 'is not a real calendar date');
  return s;
}

const DATETIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** "YYYY-MM-DD HH:mm[:ss]" or ISO 8601 with T and an optional zone. */
export function dateTime(o: Rec, key: string, path: string, optional: boolean): string | undefined {
  const s = text(o, key, path, { max: 40, optional, pattern: DATETIME, hint: 'YYYY-MM-DD HH:mm:ss' });
  if (s === undefined) return undefined;
  const m = DATETIME.exec(s)!;
  const ok = validDate(Number(m[1]), Number(m[2]), Number(m[3])) && Number(m[4]) < 24 && Number(m[5]) < 60 && Number(m[6] ?? 0) < 60;
  if (!ok) fail('INVALID_DATE', join(path, key), '不是有效的日期时间', 'is not a real date and time');
  return s;
}

export function list(o: Rec, key: string, path: string, opts: { min: number; max: number; optional?: boolean }): unknown[] | undefined {
  const field = join(path, key);
  const v = o[key];
  if (v === undefined || v === null) {
    if (opts.optional) return undefined;
    fail('MISSING_FIELD', field, '缺少此字段', 'is required');
  }
  if (!Array.isArray(v)) fail('WRONG_TYPE', field, '应为列表', 'must be an array');
  if (v.length < opts.min) fail('MISSING_FIELD', field, `至少需要 ${opts.min} 项`, `needs at least ${opts.min} items`);
  if (v.length > opts.max) fail('TOO_MANY_ITEMS', field, `最多 ${opts.max} 项`, `has more than ${opts.max} items`);
  return v;
}

/** GB 11643 check digit of an 18-character resident ID number. */
export function idNumberValid(id: string): boolean {
  if (/^\d{15}$/.test(id)) return true;
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let total = 0;
  for (let i = 0; i < 17; i++) total += Number(id[i]) * weights[i];
  return '10X98765432'[total % 11] === id[17];
}
