// Small typed checks for validating JSON at the boundary. A failed check throws an Issue that
// names the field by its JSON path; the validators turn it into an AppError value.
import { isDecimalString, dec } from '../money';
import { FACILITY_LEVELS, type FacilityLevel, type LevelValue } from './types';

export class Issue extends Error {
  constructor(
    readonly path: string,
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${path}: ${en}`);
    this.name = 'Issue';
  }
}

export type Json = unknown;
export type Obj = Record<string, unknown>;

export function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function obj(v: Json, path: string): Obj {
  if (!isObj(v)) throw new Issue(path, '应为对象', 'must be an object');
  return v;
}

export function noUnknown(o: Obj, allowed: readonly string[], path: string): void {
  for (const k of Object.keys(o)) {
    if (!allowed.includes(k)) throw new Issue(join(path, k), `未知字段 ${k}`, `unknown field "${k}"`);
  }
}

export function required(o: Obj, key: string, path: string): unknown {
  if (o[key] === undefined) throw new Issue(join(path, key), `缺少必填字段 ${key}`, `missing required field "${key}"`);
  return o[key];
}

export function str(v: Json, path: string): string {
  if (typeof v !== 'string' || v.trim() === '') {
    throw new Issue(path, '应为非空字符串', 'must be a non-empty string');
  }
  return v;
}

export function oneOf<T extends string>(v: Json, allowed: readonly T[], path: string): T {
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
    throw new Issue(path, `取值应为 ${allowed.join(' / ')} 之一`, `must be one of ${allowed.join(', ')}; got ${JSON.stringify(v)}`);
  }
  return v as T;
}

export function list(v: Json, path: string): unknown[] {
  if (!Array.isArray(v)) throw new Issue(path, '应为列表', 'must be a list');
  return v;
}

export function strList(v: Json, path: string): string[] {
  return list(v, path).map((item, i) => str(item, join(path, i)));
}

export function enumList<T extends string>(v: Json, allowed: readonly T[], path: string): T[] {
  return list(v, path).map((item, i) => oneOf(item, allowed, join(path, i)));
}

/** A non-negative decimal string (amount); `rate` also requires at most 1. */
export function decimal(v: Json, path: string, kind: 'amount' | 'rate'): string {
  if (typeof v !== 'string') {
    throw new Issue(path, '应为十进制数字字符串（如 "0.55"）', `must be a decimal string such as "0.55"; got ${JSON.stringify(v)}`);
  }
  if (!isDecimalString(v)) throw new Issue(path, `不是有效的十进制数字：${v}`, `not a decimal string: ${JSON.stringify(v)}`);
  const d = dec(v);
  if (d.isNegative() && !d.isZero()) throw new Issue(path, `金额/比例不能为负：${v}`, `must not be negative: ${v}`);
  if (v.startsWith('-')) throw new Issue(path, `不能带负号：${v}`, `must not carry a minus sign: ${v}`);
  if (kind === 'rate' && d.greaterThan(1)) throw new Issue(path, `比例不能大于 1：${v}`, `rate above 1: ${v}`);
  return v;
}

/** A decimal string or `{ "byLevel": { level: decimal } }`. */
export function levelValue(v: Json, path: string, kind: 'amount' | 'rate'): LevelValue {
  if (!isObj(v)) return decimal(v, path, kind);
  noUnknown(v, ['byLevel'], path);
  const table = obj(required(v, 'byLevel', path), join(path, 'byLevel'));
  const out: Partial<Record<FacilityLevel, string>> = {};
  for (const [level, value] of Object.entries(table)) {
    const p = join(join(path, 'byLevel'), level);
    if (!(FACILITY_LEVELS as readonly string[]).includes(level)) {
      throw new Issue(p, `未知的机构级别 ${level}（应为 ${FACILITY_LEVELS.join(' / ')}）`, `unknown facility level "${level}"`);
    }
    out[level as FacilityLevel] = decimal(value, p, kind);
  }
  if (Object.keys(out).length === 0) throw new Issue(join(path, 'byLevel'), '按级别取值表不能为空', 'byLevel table is empty');
  return { byLevel: out };
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date "YYYY-MM-DD". */
export function date(v: Json, path: string): string {
  const m = typeof v === 'string' ? DATE.exec(v) : null;
  if (!m) throw new Issue(path, '日期格式应为 YYYY-MM-DD', `must be a date "YYYY-MM-DD"; got ${JSON.stringify(v)}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (mo < 1 || mo > 12 || d < 1 || d > days) throw new Issue(path, `不存在的日期：${v as string}`, `not a calendar date: ${v as string}`);
  return v as string;
}
