// Lenient reading of the network's answers: numbers or strings, nulls, "" for absent, infcode
// 0 or "0". Fields are validated where they are used; a required field missing or malformed is
// a BadResponseError (the outcome of the call is then unknown).
import { Dec, fmt, isDecimalString } from '../../core/money';
import { BadResponseError } from './errors';
import type { Money } from './types';

export interface ParsedEnvelope {
  infcode: string;
  errMsg: string;
  warnMsg: string;
  refMsgid: string;
  respondTime: string;
  output: unknown;
  raw: Record<string, unknown>;
}

/** A string from a wire value: numbers become their text, null/undefined become ''. */
export function wireString(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  return '';
}

/** A two-decimal money string from a wire value, or undefined when absent/blank/malformed. */
export function wireMoney(v: unknown): Money | undefined {
  let s: string;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return undefined;
    s = String(v);
    if (/e/i.test(s)) s = new Dec(v).toFixed();
  } else if (typeof v === 'string') {
    s = v.trim().replace(/^\+/, '');
    if (/^-?\.\d/.test(s)) s = s.replace('.', '0.');
  } else {
    return undefined;
  }
  if (!isDecimalString(s) && !/^-?\d+\.$/.test(s)) return undefined;
  return fmt(new Dec(s.replace(/\.$/, '')));
}

/** A JSON body that is not an envelope but a gateway's or relay's answer (NETWORK-SPEC §1.8). */
export interface GatewayAnswer {
  code: string;
  message: string;
}

/** The gateway answer in a parsed body without `infcode` ({code, message|msg}), if it is one. */
export function gatewayAnswerOf(json: Record<string, unknown>): GatewayAnswer | undefined {
  if ('infcode' in json) return undefined;
  const message = wireString(json.message) || wireString(json.msg) || wireString(json.errMsg) || wireString(json.error);
  const code = wireString(json.code);
  if (!code && !message) return undefined;
  return { code, message: message || `医保网关返回错误（code ${code}）` };
}

export type ParsedBody = { kind: 'envelope'; envelope: ParsedEnvelope } | { kind: 'gateway'; gateway: GatewayAnswer; raw: Record<string, unknown> };

/**
 * Parses the body text of an answer: an envelope, a gateway's own answer (an answer with its
 * words, never "offline"), or a BadResponseError (not JSON, not an object, neither shape).
 * A Guangzhou-style wrapper {code, type, message, data: envelope} gives its envelope when code is "0".
 */
export function parseBody(text: string, infno: string, msgid: string, httpStatus?: number): ParsedBody {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new BadResponseError(infno, msgid, `answer is not JSON (HTTP ${httpStatus ?? '?'}): ${(err as Error).message}`, httpStatus, text.slice(0, 200));
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new BadResponseError(infno, msgid, 'answer is not a JSON object', httpStatus, text.slice(0, 200));
  }
  const o = json as Record<string, unknown>;
  const inner = o.data;
  if (!('infcode' in o) && wireString(o.code) === '0' && inner && typeof inner === 'object' && 'infcode' in (inner as object)) {
    return { kind: 'envelope', envelope: envelopeOf(inner as Record<string, unknown>, infno, msgid, httpStatus) };
  }
  const gw = gatewayAnswerOf(o);
  if (gw) return { kind: 'gateway', gateway: gw, raw: o };
  return { kind: 'envelope', envelope: envelopeOf(o, infno, msgid, httpStatus) };
}

/** Parses the body text of an answer into its envelope (a gateway answer is a BadResponseError here). */
export function parseEnvelope(text: string, infno: string, msgid: string, httpStatus?: number): ParsedEnvelope {
  const b = parseBody(text, infno, msgid, httpStatus);
  if (b.kind === 'gateway') throw new BadResponseError(infno, msgid, `gateway answer: ${b.gateway.code} ${b.gateway.message}`, httpStatus);
  return b.envelope;
}

export function envelopeOf(raw: Record<string, unknown>, infno: string, msgid: string, httpStatus?: number): ParsedEnvelope {
  const infcode = wireString(raw.infcode);
  if (!/^-?\d+$/.test(infcode)) {
    throw new BadResponseError(infno, msgid, `answer has no valid infcode (${JSON.stringify(raw.infcode)})`, httpStatus);
  }
  let output = raw.output;
  if (typeof output === 'string' && output.trim().startsWith('{')) {
    try {
      output = JSON.parse(output);
    } catch {
      // left as text: the caller reports it as a bad response if it needs it
    }
  }
  return {
    infcode: String(Number(infcode)),
    errMsg: wireString(raw.err_msg),
    warnMsg: wireString(raw.warn_msg),
    refMsgid: wireString(raw.inf_refmsgid),
    respondTime: wireString(raw.respond_time),
    output: output ?? {},
    raw,
  };
}

/** A field reader over one node of an answer; required fields missing are BadResponseErrors. */
export class Reader {
  constructor(
    readonly node: Record<string, unknown>,
    readonly path: string,
    readonly infno: string,
    readonly msgid: string,
  ) {}

  static of(v: unknown, path: string, infno: string, msgid: string): Reader {
    const node = typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
    return new Reader(node, path, infno, msgid);
  }

  private bad(field: string, what: string): never {
    throw new BadResponseError(this.infno, this.msgid, `${this.path}.${field} ${what}`);
  }

  str(field: string, required = false): string {
    const s = wireString(this.node[field]);
    if (required && !s) this.bad(field, 'is missing');
    return s;
  }

  money(field: string, required = false): Money {
    const v = this.node[field];
    const m = wireMoney(v);
    if (m !== undefined) return m;
    if (v === null || v === undefined || v === '') {
      if (required) this.bad(field, 'is missing');
      return '0.00';
    }
    return this.bad(field, `is not an amount (${JSON.stringify(v)})`);
  }

  /** An object child; absent -> empty reader (or error when required). Arrays give their first element. */
  child(field: string, required = false): Reader {
    let v = this.node[field];
    if (Array.isArray(v)) v = v[0];
    if ((typeof v !== 'object' || v === null) && required) this.bad(field, 'is missing');
    return Reader.of(v, `${this.path}.${field}`, this.infno, this.msgid);
  }

  /** An array child; absent/null -> []; a single object -> [it]. */
  list(field: string): Reader[] {
    const v = this.node[field];
    const arr = Array.isArray(v) ? v : v && typeof v === 'object' ? [v] : [];
    return arr.map((x, i) => Reader.of(x, `${this.path}.${field}[${i}]`, this.infno, this.msgid));
  }

  has(field: string): boolean {
    const v = this.node[field];
    return v !== undefined && v !== null && v !== '';
  }
}
