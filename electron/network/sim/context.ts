// What every simulated transaction handler receives, and small readers of the request.
import { isDecimalString } from '../../core/money';
import { chinaDate, chinaDateTime, chinaStamp } from '../../core/time';
import type { SimPolicy } from './settle';
import { SimReject, type SimState } from './state';

export interface HandlerCtx {
  state: SimState;
  policy: SimPolicy;
  infno: string;
  msgid: string;
  env: Record<string, unknown>;
  input: Record<string, unknown>;
  institution: string;
  now: Date;
  /** yyyy-MM-dd */
  today: string;
  /** yyyyMMddHHmmss */
  stamp: string;
  /** yyyy-MM-dd HH:mm:ss */
  time: string;
}

export type Handler = (ctx: HandlerCtx) => Record<string, unknown>;

/** A node of the input: an object, or the first element of an array. */
export function node(input: Record<string, unknown>, name: string, required = true): Record<string, unknown> {
  let v = input[name];
  if (Array.isArray(v)) v = v[0];
  if (v && typeof v === 'object') return v as Record<string, unknown>;
  if (required) throw new SimReject(`输入节点 ${name} 缺失`);
  return {};
}

export function list(input: Record<string, unknown>, name: string): Record<string, unknown>[] {
  const v = input[name];
  if (Array.isArray(v)) return v.filter((x) => x && typeof x === 'object') as Record<string, unknown>[];
  if (v && typeof v === 'object') return [v as Record<string, unknown>];
  return [];
}

export function text(n: Record<string, unknown>, field: string, required = false): string {
  const v = n[field];
  const s = v === null || v === undefined ? '' : typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
  if (required && !s) throw new SimReject(`字段 ${field} 不能为空`);
  return s;
}

/** An amount field: decimal string or number; required ones must be present. */
export function amount(n: Record<string, unknown>, field: string, required = true): string {
  const s = text(n, field);
  if (!s) {
    if (required) throw new SimReject(`字段 ${field} 不能为空`);
    return '0';
  }
  if (!isDecimalString(s)) throw new SimReject(`字段 ${field} 不是有效金额：${s}`);
  return s;
}

/** The simulator keeps the platform's clock: China time, whatever the host's time zone. */
export function timeParts(d: Date): { today: string; stamp: string; time: string } {
  return { today: chinaDate(d), time: chinaDateTime(d), stamp: chinaStamp(d) };
}
