// The built-in network simulator: a real HTTP server on 127.0.0.1 speaking the interface (one
// endpoint, any path, JSON POST), with msgid idempotency (a repeated msgid gets the first answer,
// byte for byte), fault injection (./faults.ts) and an inspection endpoint for tests:
//   GET  /__sim/ledger   settlements and visits as the network holds them
//   GET  /__sim/stats    request / fault counters
//   POST /__sim/faults   {"faults":"drop=0.1,..."} replaces the fault spec
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadPackDir, shippedPolicyDir, loadDemoPacks } from '../../policy/store';
import { DEMO_INSTITUTIONS } from '../../demo/persons';
import type { PolicyPack } from '../../core/engine';
import { sm3Sign, sm4Decrypt, sm4Encrypt, verifySigned } from '../client/gateway';
import { drawFault, drawLatency, formatFaults, parseFaults, seededRandom, type FaultKind, type FaultSpec } from './faults';
import { HANDLERS } from './handlers';
import { timeParts, type HandlerCtx } from './context';
import { SimReject, SimState } from './state';
import type { SimPolicy } from './settle';
import { ledgerOf, type SimLedger } from './ledger';
import { openJournal } from './journal';

export interface NetworkSimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  faults?: string | FaultSpec;
  seed?: number;
  /** Folder of policy packs (default: the project's policies/). */
  packsDir?: string;
  packs?: readonly PolicyPack[];
  /** One line per request (personal data is never in it). */
  log?: (line: string) => void;
  now?: () => Date;
  /** How long a `timeout` / `commit-then-timeout` fault holds the connection before closing it. Default 60 s. */
  holdMs?: number;
  /**
   * SM4 key (and IV) when requests come encrypted (enctype SM4): input decrypted, output encrypted.
   * With `signKey` (HMAC-SM3), requests must carry a cainfo that verifies and answers are signed.
   */
  crypto?: { sm4Key: string; sm4Iv?: string; signKey?: string };
  /**
   * Keeps the network's books across restarts: every applied message and its answer is appended
   * to this JSON-lines file and replayed at start (same state, same first answers).
   */
  journalFile?: string;
}

export interface SimStats {
  requests: number;
  answered: number;
  replayed: number;
  dupAbsorbed: number;
  rejected: number;
  faults: Record<FaultKind, number>;
  byInfno: Record<string, number>;
}

export interface NetworkSimulator {
  url: string;
  port: number;
  close(): Promise<void>;
  stats(): SimStats;
  setFaults(spec: string | FaultSpec): void;
  faults(): string;
  /** The network's books, for tests: settlements per visit, and what was applied. */
  ledger(): SimLedger;
  /** Accept `token` as the e-voucher of the demo person `personKey` (cert type 01). */
  registerToken(token: string, personKey: string): void;
  readonly state: SimState;
}

/** Answers kept for msgid idempotency (oldest dropped beyond this). */
const MAX_ANSWERS = 200_000;

const REQUIRED = ['infno', 'msgid', 'mdtrtarea_admvs', 'recer_sys_code', 'infver', 'opter_type', 'opter', 'opter_name', 'inf_time', 'fixmedins_code', 'fixmedins_name'];

function envelopeProblem(env: Record<string, unknown>): string | undefined {
  const missing = REQUIRED.filter((k) => env[k] === undefined || env[k] === null || String(env[k]).trim() === '');
  if (missing.length) return `报文头字段不能为空：${missing.join(', ')}`;
  const msgid = String(env.msgid);
  if (msgid.length > 30 || !msgid.startsWith(String(env.fixmedins_code))) return `msgid ${msgid} 格式不正确（应为机构编码+时间+顺序号）`;
  if (String(env.infno) !== '9001' && !String(env.sign_no ?? '').trim()) return '未签到：sign_no 不能为空';
  if (typeof env.input !== 'object' || env.input === null) return 'input 不能为空';
  return undefined;
}

export async function startNetworkSimulator(o: NetworkSimulatorOptions = {}): Promise<NetworkSimulator> {
  let faults = typeof o.faults === 'string' || o.faults === undefined ? parseFaults(o.faults) : o.faults;
  const rnd = seededRandom(o.seed ?? 1);
  const now = o.now ?? (() => new Date());
  const holdMs = o.holdMs ?? 60_000;
  const journal = o.journalFile ? openJournal(o.journalFile) : undefined;
  const state = new SimState(undefined, journal?.instance);
  // The simulator is a demo network: it settles with the shipped packs and the demo packs.
  const packs = o.packs ?? [...loadPackDir(o.packsDir ?? shippedPolicyDir()).packs, ...loadDemoPacks().packs];
  const regions = new Map<string, string>(DEMO_INSTITUTIONS.map((i) => [i.code, i.region]));
  const policy: SimPolicy = {
    packs,
    facilityLevel: (code) => DEMO_INSTITUTIONS.find((i) => i.code === code)?.level ?? 'township',
    facilityRegion: (code) => regions.get(code) ?? '370303',
  };
  const answers = new Map<string, string>();
  const stats: SimStats = { requests: 0, answered: 0, replayed: 0, dupAbsorbed: 0, rejected: 0, faults: { drop: 0, timeout: 0, error: 0, dup: 0, commitThenTimeout: 0 }, byInfno: {} };
  const held = new Set<{ timer: NodeJS.Timeout; res: http.ServerResponse }>();
  let refSeq = 0;

  const answerText = (output: unknown, env: Record<string, unknown>, infcode: number, errMsg: string | null, at = now()): string => {
    const t = timeParts(at);
    const ms = String(at.getMilliseconds()).padStart(3, '0');
    const encrypted = env.enctype === 'SM4' && o.crypto && infcode === 0;
    return JSON.stringify({
      infcode,
      inf_refmsgid: `${String(env.mdtrtarea_admvs ?? '000000').slice(0, 6)}${t.stamp}${String(++refSeq).padStart(10, '0')}`,
      refmsg_time: t.stamp + ms,
      respond_time: t.stamp + ms,
      err_msg: errMsg,
      warn_msg: null,
      cainfo: null,
      signtype: null,
      enctype: encrypted ? 'SM4' : null,
      output: encrypted ? sm4Encrypt(JSON.stringify(output), o.crypto!.sm4Key, o.crypto!.sm4Iv) : output,
    });
  };

  /** Applies one message (or returns its first answer): the idempotent core. */
  const process = (env: Record<string, unknown>, at = now(), recorded?: string): string => {
    const msgid = String(env.msgid);
    const cached = answers.get(msgid);
    if (cached !== undefined) {
      stats.replayed += 1;
      return cached;
    }
    const infno = String(env.infno);
    let text: string;
    try {
      if (state.tombstones.has(msgid)) throw new SimReject('该报文已被冲正（2601），不再受理');
      const handler = HANDLERS[infno];
      if (!handler) throw new SimReject(`交易 ${infno} 不支持`);
      regions.set(String(env.fixmedins_code), String(env.mdtrtarea_admvs));
      const ctx: HandlerCtx = {
        state, policy, infno, msgid, env, input: env.input as Record<string, unknown>, institution: String(env.fixmedins_code),
        now: at, ...timeParts(at),
      };
      text = answerText(handler(ctx), env, 0, null, at);
    } catch (err) {
      if (!(err instanceof SimReject)) o.log?.(`sim: ${infno} ${msgid} internal error: ${(err as Error).stack ?? String(err)}`);
      stats.rejected += 1;
      text = answerText({}, env, -1, err instanceof SimReject ? err.message : `中心内部错误：${(err as Error).message}`, at);
    }
    if (recorded !== undefined) text = recorded;
    else journal?.append(at, env, text);
    answers.set(msgid, text);
    // Bounded memory for a long-running embedded simulator: the oldest answers go first.
    if (answers.size > MAX_ANSWERS) answers.delete(answers.keys().next().value as string);
    return text;
  };

  const hold = (res: http.ServerResponse) => {
    const h = { res, timer: setTimeout(() => { held.delete(h); res.destroy(); }, holdMs) };
    held.add(h);
    res.on('close', () => { clearTimeout(h.timer); held.delete(h); });
  };

  /** Signs an answer as it leaves (kept answers stay unsigned, so a replay is signed the same way). */
  const reply = (res: http.ServerResponse, text: string) => {
    const key = o.crypto?.signKey;
    if (!key) return send(res, 200, text);
    const a = JSON.parse(text) as Record<string, unknown>;
    a.signtype = 'SM3';
    a.cainfo = sm3Sign(a, key);
    send(res, 200, JSON.stringify(a));
  };

  /** The signature problem of a request, when the network expects signed requests. */
  const signatureProblem = (env: Record<string, unknown>): string | undefined => {
    if (!o.crypto?.signKey) return undefined;
    try {
      verifySigned(env, o.crypto.signKey);
      return undefined;
    } catch {
      return typeof env.cainfo === 'string' && env.cainfo ? '报文签名（cainfo）校验失败' : '报文缺少签名（cainfo）';
    }
  };

  const decode = (env: Record<string, unknown>): Record<string, unknown> => {
    if (env.enctype === 'SM4' && typeof env.input === 'string' && o.crypto) {
      return { ...env, input: JSON.parse(sm4Decrypt(env.input, o.crypto.sm4Key, o.crypto.sm4Iv)) };
    }
    return env;
  };

  const handle = async (body: string, res: http.ServerResponse) => {
    stats.requests += 1;
    let env: Record<string, unknown>;
    try {
      const parsed = JSON.parse(body) as unknown;
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      const unsigned = signatureProblem(parsed as Record<string, unknown>);
      if (unsigned) {
        stats.rejected += 1;
        return reply(res, answerText({}, parsed as Record<string, unknown>, -1, unsigned));
      }
      env = decode(parsed as Record<string, unknown>);
    } catch {
      stats.rejected += 1;
      return reply(res, answerText({}, {}, -1, '报文不是有效的 JSON'));
    }
    const infno = String(env.infno ?? '');
    stats.byInfno[infno] = (stats.byInfno[infno] ?? 0) + 1;
    const fault = drawFault(faults, infno, rnd);
    const latency = drawLatency(faults, rnd);
    if (fault) stats.faults[fault] += 1;
    o.log?.(`sim: ${infno} ${String(env.msgid ?? '')}${fault ? ` fault=${fault}` : ''}`);
    if (fault === 'drop') return res.socket?.destroy();
    if (fault === 'timeout') return hold(res);
    if (fault === 'error') return send(res, 500, 'Internal Server Error (simulated)', 'text/plain');
    if (latency) await new Promise((r) => setTimeout(r, latency));
    const problem = envelopeProblem(env);
    if (problem) {
      stats.rejected += 1;
      const text = answerText({}, env, -1, problem);
      if (env.msgid && !answers.has(String(env.msgid))) answers.set(String(env.msgid), text);
      return reply(res, answers.get(String(env.msgid)) ?? text);
    }
    const text = process(env);
    if (fault === 'dup') {
      if (process(env) === text) stats.dupAbsorbed += 1;
    }
    if (fault === 'commitThenTimeout') return hold(res);
    stats.answered += 1;
    reply(res, text);
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > 16 * 1024 * 1024) req.destroy();
      else chunks.push(c);
    });
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      if (req.url?.startsWith('/__sim/')) return inspect(req, res, body);
      if (req.method !== 'POST') return send(res, 405, JSON.stringify({ infcode: -1, err_msg: '仅支持 POST' }));
      handle(body, res).catch((err) => {
        o.log?.(`sim: handler failed: ${String(err)}`);
        if (!res.headersSent) send(res, 500, 'internal error', 'text/plain');
      });
    });
  });

  const inspect = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => {
    if (req.url === '/__sim/ledger') return send(res, 200, JSON.stringify(ledgerOf(state)));
    if (req.url === '/__sim/stats') return send(res, 200, JSON.stringify({ ...stats, faults: stats.faults, spec: formatFaults(faults) }));
    if (req.url === '/__sim/faults' && req.method === 'POST') {
      try {
        faults = parseFaults(String((JSON.parse(body) as { faults?: string }).faults ?? ''));
        return send(res, 200, JSON.stringify({ ok: true, faults: formatFaults(faults) }));
      } catch (err) {
        return send(res, 400, JSON.stringify({ ok: false, error: (err as Error).message }));
      }
    }
    send(res, 404, JSON.stringify({ error: 'not found' }));
  };

  if (journal) {
    for (const e of journal.entries) process(e.env, new Date(e.at), e.answer);
    stats.replayed = 0;
    stats.rejected = 0;
    o.log?.(`sim: replayed ${journal.entries.length} journaled messages from ${o.journalFile}`);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, o.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = o.host ?? '127.0.0.1';
  return {
    url: `http://${host}:${port}/fsi/api/rsfComIfsService/callService`,
    port,
    state,
    stats: () => structuredClone(stats),
    setFaults: (spec) => {
      faults = typeof spec === 'string' ? parseFaults(spec) : spec;
    },
    faults: () => formatFaults(faults),
    ledger: () => ledgerOf(state),
    registerToken: (token, personKey) => {
      state.tokens.set(token, personKey);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const h of held) {
          clearTimeout(h.timer);
          h.res.destroy();
        }
        held.clear();
        server.close(() => {
          journal?.close();
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}

function send(res: http.ServerResponse, status: number, text: string, type = 'application/json;charset=UTF-8'): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
