// Small boundary validators: each returns the typed value or an AppError naming the field.
// Kept dependency-free so the same checks run in the host, the IPC handlers and the CLI.
import { fail, ok, type Result } from '../core/result';
import { dec, isDecimalString } from '../core/money';
import { fieldMessage } from '../core/field-label';

export type Validator<T> = (value: unknown, field: string) => Result<T>;

function invalid<T>(field: string, zh: string, en: string): Result<T> {
  return fail('VALIDATION', fieldMessage(field, zh), `${field}: ${en}`, field);
}

export const str =
  (opts: { min?: number; max?: number; pattern?: RegExp } = {}): Validator<string> =>
  (v, field) => {
    if (typeof v !== 'string') return invalid(field, '应为文本', 'must be a string');
    if (v.length < (opts.min ?? 0)) return invalid(field, '不能为空', 'is too short');
    if (v.length > (opts.max ?? 10_000)) return invalid(field, '过长', 'is too long');
    if (opts.pattern && !opts.pattern.test(v)) return invalid(field, '格式不正确', 'has the wrong format');
    return ok(v);
  };

export const int =
  (opts: { min?: number; max?: number } = {}): Validator<number> =>
  (v, field) => {
    if (typeof v !== 'number' || !Number.isSafeInteger(v)) return invalid(field, '应为整数', 'must be an integer');
    if (opts.min !== undefined && v < opts.min) return invalid(field, `不能小于 ${opts.min}`, `must be >= ${opts.min}`);
    if (opts.max !== undefined && v > opts.max) return invalid(field, `不能大于 ${opts.max}`, `must be <= ${opts.max}`);
    return ok(v);
  };

export const bool = (): Validator<boolean> => (v, field) =>
  typeof v === 'boolean' ? ok(v) : invalid(field, '应为是/否', 'must be a boolean');

/** A non-negative money amount as a decimal string with at most two decimals ("12", "12.5", "12.50"), at most `max` yuan. */
export const money = (opts: { max?: string } = {}): Validator<string> => (v, field) => {
  if (!isDecimalString(v) || v.startsWith('-')) return invalid(field, '金额格式不正确', 'must be a non-negative decimal string');
  if (/\.\d{3,}$/.test(v)) return invalid(field, '金额最多两位小数', 'has more than two decimals');
  if (opts.max !== undefined && dec(v).greaterThan(opts.max)) return invalid(field, `不能超过 ${opts.max} 元`, `must be <= ${opts.max}`);
  return ok(v);
};

export const oneOf =
  <T extends string>(values: readonly T[]): Validator<T> =>
  (v, field) =>
    typeof v === 'string' && (values as readonly string[]).includes(v)
      ? ok(v as T)
      : invalid(field, '不是可选的值', `must be one of ${values.join(', ')}`);

export const optional =
  <T>(inner: Validator<T>): Validator<T | undefined> =>
  (v, field) =>
    v === undefined || v === null ? ok(undefined) : inner(v, field);

export const array =
  <T>(inner: Validator<T>, opts: { max?: number } = {}): Validator<T[]> =>
  (v, field) => {
    if (!Array.isArray(v)) return invalid(field, '应为列表', 'must be an array');
    if (v.length > (opts.max ?? 10_000)) return invalid(field, '条目过多', 'has too many items');
    const out: T[] = [];
    for (let i = 0; i < v.length; i++) {
      const r = inner(v[i], `${field}[${i}]`);
      if (!r.ok) return r;
      out.push(r.value);
    }
    return ok(out);
  };

type Shape = Record<string, Validator<unknown>>;
type Out<S extends Shape> = { [K in keyof S]: S[K] extends Validator<infer T> ? T : never };

/** An object with exactly these fields (unknown fields are refused, so typos never pass silently). */
export function obj<S extends Shape>(shape: S): Validator<Out<S>> {
  return (v, field) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return invalid(field, '应为对象', 'must be an object');
    const record = v as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (!(key in shape)) {
        const path = field ? `${field}.${key}` : key;
        // An unknown key has no label: quote it as sent.
        return fail('VALIDATION', `不认识的字段“${key}”`, `${path}: is not a known field`, path);
      }
    }
    const out: Record<string, unknown> = {};
    for (const [key, check] of Object.entries(shape)) {
      const r = check(record[key], field ? `${field}.${key}` : key);
      if (!r.ok) return r;
      if (r.value !== undefined) out[key] = r.value;
    }
    return ok(out as Out<S>);
  };
}

/** For calls that take no input. */
export const none = (): Validator<void> => (v, field) =>
  v === undefined || v === null || (typeof v === 'object' && Object.keys(v as object).length === 0)
    ? ok(undefined)
    : invalid(field || 'input', '不需要参数', 'takes no input');
