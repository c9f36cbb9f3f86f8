// Declarative input tables (one line per field, as the spec's tables read) and their checker.
// A line is "name 名称 TYPE [Y] [DICT]": TYPE is C<n> (string of at most n characters), N<p>.<s>
// (decimal), N<p> (integer), D (yyyy-MM-dd), DT (yyyy-MM-dd HH:mm:ss), A (nested array, checked by
// the handler) or O (nested object); Y marks a field the spec requires; DICT names the 1901
// dictionary the value must come from. The checker refuses with the spec's field name and its
// Chinese name, and hands the handler every field as a trimmed string ('' when absent).
import { hasCode } from './dictionary';
import { refuse, where } from './errors';

export interface FieldSpec {
  name: string;
  label: string;
  type: 'C' | 'N' | 'D' | 'DT' | 'A' | 'O';
  len: number;
  scale: number;
  req: boolean;
  dict?: string;
}

export interface NodeSpec {
  name: string;
  array?: boolean;
  /** Fewest / most rows of an array node. */
  min?: number;
  max?: number;
  /** The node may be absent (a conditional node the handler checks). */
  optional?: boolean;
  /** Other names real clients use for the same node (read, never written). */
  alias?: string[];
  fields: FieldSpec[];
}

export type Row = Record<string, string>;

export function F(table: string): FieldSpec[] {
  return table
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => {
      const [name, label, type, ...rest] = line.split(/\s+/);
      const req = rest[0] === 'Y';
      const dict = req ? rest[1] : rest[0];
      const m = /^(C|N|DT|D|A|O)(\d+)?(?:\.(\d+))?$/.exec(type ?? '');
      if (!m) throw new Error(`bad field type in "${line}"`);
      return { name, label, type: m[1] as FieldSpec['type'], len: Number(m[2] ?? 0), scale: Number(m[3] ?? 0), req, ...(dict ? { dict } : {}) };
    });
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const NUMBER = /^-?\d+(\.\d+)?$/;

function validDay(s: string): boolean {
  const [y, m, d] = s.slice(0, 10).split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

function asText(v: unknown, at: string, f: FieldSpec): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return refuse(`${at}${f.label}(${f.name})格式错误`);
}

/** One field's value, checked; '' when absent and optional. */
export function checkField(f: FieldSpec, raw: unknown, at: string, day: string): string {
  if (f.type === 'A' || f.type === 'O') {
    const ok = f.type === 'A' ? Array.isArray(raw) : raw !== null && typeof raw === 'object' && !Array.isArray(raw);
    if (raw === undefined || raw === null || raw === '') {
      if (f.req) refuse(`${at}${f.label}(${f.name})不能为空`);
      return '';
    }
    if (!ok) refuse(`${at}${f.label}(${f.name})格式错误`);
    return '';
  }
  const s = asText(raw, at, f);
  if (!s) {
    if (f.req) refuse(`${at}${f.label}(${f.name})不能为空`);
    return '';
  }
  const bad = (why: string) => refuse(`${at}${f.label}(${f.name})${why}：${s.length > 40 ? `${s.slice(0, 40)}…` : s}`);
  if (f.type === 'C' && f.len && [...s].length > f.len) bad(`长度超过${f.len}`);
  if (f.type === 'N') {
    if (!NUMBER.test(s)) bad('不是有效数值');
    const [int, frac = ''] = s.replace('-', '').split('.');
    if (frac.length > f.scale) bad(`小数位数超过${f.scale}位`);
    if (int.replace(/^0+(?=\d)/, '').length > f.len - f.scale) bad('数值超出范围');
  }
  if (f.type === 'D' && !((DATE.test(s) || DATE_TIME.test(s)) && validDay(s))) bad('不是有效日期(yyyy-MM-dd)');
  if (f.type === 'DT' && !(DATE_TIME.test(s) && validDay(s))) bad('不是有效时间(yyyy-MM-dd HH:mm:ss)');
  if (f.dict && !hasCode(f.dict, s, day)) bad(`不在字典${f.dict}中`);
  return f.type === 'D' ? s.slice(0, 10) : s;
}

export function checkRow(fields: FieldSpec[], raw: unknown, at: string, day: string): Row {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) refuse(`${at}格式错误，应为对象`);
  const src = raw as Record<string, unknown>;
  const row: Row = {};
  for (const f of fields) row[f.name] = checkField(f, src[f.name], at, day);
  return row;
}

export interface CheckedInput {
  /** Object nodes as one Row, array nodes as Row[] (absent optional nodes are missing). */
  nodes: Record<string, Row | Row[]>;
  /** The raw nodes (for nested arrays the handler reads itself). */
  raw: Record<string, unknown>;
}

function pickNode(input: Record<string, unknown>, spec: NodeSpec): { key: string; value: unknown } {
  for (const key of [spec.name, ...(spec.alias ?? [])]) {
    const v = input[key];
    if (v !== undefined && v !== null && v !== '') return { key, value: v };
  }
  return { key: spec.name, value: undefined };
}

/** Checks every node of an input against its tables; refuses naming the first problem. */
export function checkInput(infno: string, specs: NodeSpec[], input: Record<string, unknown>, day: string): CheckedInput {
  const nodes: Record<string, Row | Row[]> = {};
  const raw: Record<string, unknown> = {};
  for (const spec of specs) {
    const { value } = pickNode(input, spec);
    if (value === undefined) {
      if (spec.optional) continue;
      refuse(`${where(infno)}节点(${spec.name})不能为空`);
    }
    raw[spec.name] = value;
    if (spec.array) {
      const list = Array.isArray(value) ? value : [value];
      if (list.length < (spec.min ?? 1)) refuse(`${where(infno)}节点(${spec.name})不能为空`);
      if (spec.max && list.length > spec.max) refuse(`${where(infno)}节点(${spec.name})每次不能超过${spec.max}条`);
      nodes[spec.name] = list.map((r, i) => checkRow(spec.fields, r, where(infno, spec.name, i), day));
    } else {
      if (Array.isArray(value)) refuse(`${where(infno)}节点(${spec.name})应为对象`);
      nodes[spec.name] = checkRow(spec.fields, value, where(infno, spec.name), day);
    }
  }
  return { nodes, raw };
}
