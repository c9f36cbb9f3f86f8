// The boundary's schemas, on valibot: every input from outside (API calls, the HIS bridge, stored
// JSON read back) is checked by a schema built from these pieces, and its TypeScript type is the
// schema's output (`Infer<typeof schema>`), never written a second time. A refusal names the field
// by its JSON path ("lines[2].code"): a Chinese message with the field's Chinese label for the
// user (core/field-label.ts), an English detail for the log.
import * as v from 'valibot';
import { fail, ok, type Result } from '../core/result';
import { dec, isDecimalString } from '../core/money';
import { fieldMessage } from '../core/field-label';

export { v };

/** A schema whose output is T (what a handler's `input` is). */
export type Validator<T> = v.GenericSchema<unknown, T>;
export type Infer<S extends v.GenericSchema> = v.InferOutput<S>;

const ANY = /^[\s\S]*$/;

export const str = (opts: { min?: number; max?: number; pattern?: RegExp } = {}) =>
  v.pipe(
    v.string('应为文本'),
    v.minLength(opts.min ?? 0, '不能为空'),
    v.maxLength(opts.max ?? 10_000, '过长'),
    v.regex(opts.pattern ?? ANY, '格式不正确'),
  );

export const int = (opts: { min?: number; max?: number } = {}) =>
  v.pipe(
    v.number('应为整数'),
    v.safeInteger('应为整数'),
    v.minValue(opts.min ?? Number.MIN_SAFE_INTEGER, `不能小于 ${opts.min}`),
    v.maxValue(opts.max ?? Number.MAX_SAFE_INTEGER, `不能大于 ${opts.max}`),
  );

export const bool = () => v.boolean('应为是/否');

/** A non-negative money amount as a decimal string with at most two decimals ("12", "12.5", "12.50"), at most `max` yuan. */
export const money = (opts: { max?: string } = {}) =>
  v.pipe(
    v.string('金额格式不正确'),
    v.check((s) => isDecimalString(s) && !s.startsWith('-'), '金额格式不正确'),
    v.check((s) => !/\.\d{3,}$/.test(s), '金额最多两位小数'),
    v.check((s) => opts.max === undefined || !dec(s).greaterThan(opts.max), `不能超过 ${opts.max} 元`),
  );

export const oneOf = <const T extends readonly string[]>(values: T) =>
  v.picklist(values as unknown as readonly [T[number], ...T[number][]], '不是可选的值');

/** Absent or null: undefined. */
export const optional = <S extends v.GenericSchema>(inner: S) =>
  v.pipe(v.nullish(inner), v.transform((x): v.InferOutput<S> | undefined => x ?? undefined));

export const array = <S extends v.GenericSchema>(inner: S, opts: { max?: number } = {}) =>
  v.pipe(v.array(inner, '应为列表'), v.maxLength(opts.max ?? 10_000, '条目过多'));

type Entries = Record<string, v.GenericSchema>;
type ObjOut<E extends Entries> = { [K in keyof E as undefined extends v.InferOutput<E[K]> ? never : K]: v.InferOutput<E[K]> } & {
  [K in keyof E as undefined extends v.InferOutput<E[K]> ? K : never]?: v.InferOutput<E[K]>;
};

/** An object with exactly these fields (unknown fields are refused, so typos never pass silently); absent ones left out. */
export const obj = <E extends Entries>(entries: E) =>
  v.pipe(
    v.strictObject(entries, '应为对象'),
    v.transform((o) => Object.fromEntries(Object.entries(o).filter(([, x]) => x !== undefined)) as ObjOut<E>),
  );

// A message that names its field itself ("实收金额上限应在 …") is shown as it is, not labelled again.
const WHOLE = '\u0001';
/** A refusal message that already names the field (shown without the field label). */
export const whole = (message: string) => WHOLE + message;

/** A schema over an area's own Result-returning check (its error, field and detail kept as they are). */
export const fromResult = <T>(check: (value: unknown) => Result<T>) =>
  v.pipe(
    v.unknown(),
    v.rawTransform(({ dataset, addIssue, NEVER }) => {
      const r = check(dataset.value);
      if (r.ok) return r.value;
      addIssue({ message: WHOLE + JSON.stringify(r.error) });
      return NEVER;
    }),
  );

/** A map of names to values (a code -> identity map, HIS custom fields): at most `maxKeys`, keys up to 100 characters. */
export const record = <K extends v.GenericSchema<string, string>, S extends v.GenericSchema>(key: K, value: S, maxKeys = 100) =>
  v.pipe(
    v.record(key, value, '应为对象'),
    v.check((o) => Object.keys(o).length <= maxKeys, '条目过多'),
  );

/** For calls that take no input: undefined, null or {}. */
export const none = () =>
  v.pipe(
    v.unknown(),
    v.check((x) => x === undefined || x === null || (typeof x === 'object' && Object.keys(x as object).length === 0), '不需要参数'),
    v.transform((): void => undefined),
  );

function pathOf(root: string, issue: v.BaseIssue<unknown>): string {
  let field = root;
  for (const item of issue.path ?? []) {
    // A bad key of a record is the record's fault (its message names the key); an unknown or
    // missing key of an object is named itself.
    if ((item as { origin?: string }).origin === 'key' && issue.type !== 'strict_object') break;
    const key = item.key as string | number;
    field = typeof key === 'number' ? `${field}[${key}]` : field ? `${field}.${key}` : key;
  }
  return field;
}

/** Checks `value` against `schema`; a refusal names the first bad field (user: Chinese, log: English). */
export function parseWith<T>(schema: Validator<T>, value: unknown, root = ''): Result<T> {
  const r = v.safeParse(schema, value, { abortEarly: true });
  if (r.success) return ok(r.output);
  const issue = r.issues[0];
  const field = pathOf(root, issue);
  const detail = `${field || 'input'}: ${issue.type} expected ${issue.expected ?? '?'}, got ${issue.received}`;
  if (issue.type === 'strict_object' && issue.expected === 'never') {
    // An unknown key has no label: quote it as sent.
    const key = String(issue.path?.[issue.path.length - 1]?.key ?? '');
    return fail('VALIDATION', `不认识的字段“${key}”`, `${field}: is not a known field`, field);
  }
  if (issue.type === 'strict_object' && issue.received === 'undefined') return fail('VALIDATION', fieldMessage(field, '缺少此字段'), `${field}: is required`, field);
  if (issue.type === 'raw_transform' && issue.message.startsWith(WHOLE)) {
    const e = JSON.parse(issue.message.slice(1)) as { code: string; message: string; detail?: string; field?: string };
    const at = [field, e.field].filter(Boolean).join('.');
    return fail(e.code, e.message, e.detail ?? detail, at || undefined);
  }
  if (issue.message.startsWith(WHOLE)) return fail('VALIDATION', issue.message.slice(1), detail, field);
  if (issue.type === 'check' && issue.message === '不需要参数') return fail('VALIDATION', fieldMessage(field || 'input', issue.message), detail, field || 'input');
  return fail('VALIDATION', fieldMessage(field, issue.message), detail, field);
}
