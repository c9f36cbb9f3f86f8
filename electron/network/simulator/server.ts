// The HTTP face of the simulated platform: POST an envelope to /fsi/api/rsfComIfsService/callService
// (or to any path; a path ending in an infno must match the body's), get the envelope back — or,
// for 9102, the zip itself. Faults (./faults.ts) are drawn per request before anything is read.
// Inspection for tests and the app's demo switches lives under /__sim/ (./inspect.ts).
import crypto from 'node:crypto';
import http from 'node:http';
import { sign, sm4Decrypt, sm4Encrypt, verifies, type GatewayKeys } from './crypto';
import { answerText } from './envelope';
import { drawFault, drawLatency, FAULT_KINDS, type FaultKind, type FaultSpec } from './faults';
import type { Answer, Platform } from './platform';

export interface ServerStats {
  requests: number;
  answered: number;
  replayed: number;
  dupAbsorbed: number;
  dupRefused: number;
  rejected: number;
  faults: Record<FaultKind, number>;
  byInfno: Record<string, number>;
}

export interface ServerDeps {
  platform: Platform;
  now: () => Date;
  rnd: () => number;
  faults: () => FaultSpec;
  holdMs: number;
  crypto?: GatewayKeys;
  tif?: { paasId: string; secret: string };
  log?: (line: string) => void;
}

export function send(res: http.ServerResponse, status: number, text: string | Buffer, type = 'application/json;charset=UTF-8'): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function newStats(): ServerStats {
  return { requests: 0, answered: 0, replayed: 0, dupAbsorbed: 0, dupRefused: 0, rejected: 0, faults: Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<FaultKind, number>, byInfno: {} };
}

/** Gateway errors answered outside the envelope (NETWORK-SPEC §1.8). */
const GATEWAY_ERRORS: [number, unknown][] = [
  [200, { code: 500159, message: '医保网关服务异常，请稍后重试', success: false }],
  [500, { code: '999', msg: '医保前置服务不可用' }],
];

function tifProblem(req: http.IncomingMessage, tif: { paasId: string; secret: string }): string | undefined {
  const h = (n: string) => String(req.headers[n] ?? '');
  for (const n of ['x-tif-paasid', 'x-tif-timestamp', 'x-tif-nonce', 'x-tif-signature']) if (!h(n)) return `网关鉴权失败：缺少请求头${n}`;
  if (h('x-tif-paasid') !== tif.paasId) return '网关鉴权失败：x-tif-paasid不正确';
  const want = crypto.createHash('sha256').update(`${h('x-tif-timestamp')}${tif.secret}${h('x-tif-nonce')}${h('x-tif-timestamp')}`).digest('hex');
  return h('x-tif-signature').toLowerCase() === want ? undefined : '网关鉴权失败：x-tif-signature校验不通过';
}

type Held = Set<{ timer: NodeJS.Timeout; res: http.ServerResponse }>;

/** Holds a connection without answering, then closes it (timeout faults). */
function hold(res: http.ServerResponse, held: Held, ms: number): void {
  const h = { res, timer: setTimeout(() => { held.delete(h); res.destroy(); }, ms) };
  held.add(h);
  res.on('close', () => { clearTimeout(h.timer); held.delete(h); });
}

/** Sends an answer; with a gateway set up, encrypts the output of an encrypted request and signs. */
function reply(d: ServerDeps, res: http.ServerResponse, env: Record<string, unknown>, a: Answer): void {
  if (a.kind === 'file') return send(res, 200, a.bytes, 'application/octet-stream');
  if (!d.crypto || (env.enctype !== 'SM4' && !d.crypto.signKey)) return send(res, 200, a.text);
  const out = JSON.parse(a.text) as Record<string, unknown>;
  if (env.enctype === 'SM4' && a.infcode === 0) {
    out.output = sm4Encrypt(JSON.stringify(out.output ?? {}), d.crypto);
    out.enctype = 'SM4';
  }
  if (d.crypto.signKey) {
    out.signtype = 'SM3';
    out.cainfo = sign(out, d.crypto.signKey);
  }
  send(res, 200, JSON.stringify(out));
}

/** Verifies and decrypts per the gateway set up; a problem is answered as a refusal. */
function open(d: ServerDeps, env: Record<string, unknown>): { env?: Record<string, unknown>; problem?: string } {
  if (!d.crypto) return { env };
  if (d.crypto.signKey && !verifies(env, d.crypto.signKey)) return { problem: typeof env.cainfo === 'string' && env.cainfo ? '报文签名(cainfo)校验失败' : '报文缺少签名(cainfo)' };
  if (env.enctype !== 'SM4' || typeof env.input !== 'string') return { env };
  try {
    return { env: { ...env, input: JSON.parse(sm4Decrypt(env.input, d.crypto)) } };
  } catch {
    return { problem: '交易输入(input)解密失败' };
  }
}

function parseBody(body: string): Record<string, unknown> | undefined {
  try {
    const p = JSON.parse(body) as unknown;
    return typeof p === 'object' && p !== null && !Array.isArray(p) ? (p as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function createHandler(d: ServerDeps, stats: ServerStats, held: Held) {
  let gatewayTurn = 0;
  const refusal = (res: http.ServerResponse, env: Record<string, unknown>, msg: string) => {
    stats.rejected += 1;
    reply(d, res, env, { kind: 'json', text: answerText(String(env.mdtrtarea_admvs ?? ''), String(Date.now()).slice(-10), d.now(), undefined, msg), infcode: -1 });
  };
  /** The platform's answer (and a gateway re-delivery of the same message for the dup fault). */
  const run = (env: Record<string, unknown>, fault: FaultKind | undefined): Answer => {
    if (fault === 'signinEnd') d.platform.admin('endSignIns', d.now());
    const before = d.platform.stats.replayed;
    const answer = d.platform.handle(env, d.now());
    if (d.platform.stats.replayed > before) stats.replayed += 1;
    if (answer.kind === 'json' && answer.infcode !== 0) stats.rejected += 1;
    if (fault === 'dup') {
      const again = d.platform.handle(env, d.now());
      if (again.kind === 'file' ? answer.kind === 'file' : answer.kind === 'json' && again.text === answer.text) stats.dupAbsorbed += 1;
    }
    return answer;
  };

  return async (req: http.IncomingMessage, res: http.ServerResponse, body: string): Promise<void> => {
    stats.requests += 1;
    const tifWhy = d.tif ? tifProblem(req, d.tif) : undefined;
    if (tifWhy) return send(res, 200, JSON.stringify({ code: '999', msg: tifWhy }));
    const parsed = parseBody(body);
    if (!parsed) return refusal(res, {}, '报文格式错误：不是有效的JSON对象');
    const infno = String(parsed.infno ?? '');
    stats.byInfno[infno] = (stats.byInfno[infno] ?? 0) + 1;
    const fault = drawFault(d.faults(), infno, d.rnd);
    const latency = drawLatency(d.faults(), d.rnd);
    if (fault) stats.faults[fault] += 1;
    d.log?.(`simulator: ${infno} ${String(parsed.msgid ?? '')}${fault ? ` fault=${fault}` : ''}`);
    if (fault === 'drop') return void res.socket?.destroy();
    if (fault === 'timeout') return hold(res, held, d.holdMs);
    if (fault === 'error') return send(res, 502, '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>', 'text/html');
    if (fault === 'gateway') {
      const [status, json] = GATEWAY_ERRORS[gatewayTurn++ % GATEWAY_ERRORS.length];
      return send(res, status, JSON.stringify(json));
    }
    if (latency) await new Promise((r) => setTimeout(r, latency));
    const pathInfno = /\/(\d{4}[A-Z]?)\/?$/.exec((req.url ?? '').split('?')[0])?.[1];
    if (pathInfno && pathInfno !== infno) return refusal(res, parsed, `【${infno}】交易编号(infno)${infno}与请求路径的交易编号${pathInfno}不一致`);
    const opened = open(d, parsed);
    if (!opened.env) return refusal(res, parsed, opened.problem!);
    const answer = run(opened.env, fault);
    if (fault === 'commitThenTimeout') return hold(res, held, d.holdMs);
    stats.answered += 1;
    reply(d, res, parsed, answer);
  };
}
