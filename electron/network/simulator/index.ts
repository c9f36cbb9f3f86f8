// THE public entry of the strict, independent simulator of the national medical-insurance
// platform (docs/SIMULATOR.md):
//   startPlatformSimulator({ port, host, now, faults, seed, crypto, journalFile, log, holdMs, …knobs })
//     -> { url, port, close(), stats(), setFaults(), faults(), ledger(), registerToken(), issueToken(),
//          endSignIns(), publishCatalog(), catalogInfo(), persons(), matchings(), traceCode(), platform }
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { chinaDateTime } from '../../core/time';
import { DEMO_INSTITUTIONS } from '../../demo/persons';
import { DEFAULT_SIZES, type CatalogSizes } from './catalog/generate';
import { FILE_CATALOG_NOS } from './catalog/model';
import type { Institution, SimConfig } from './context';
import type { GatewayKeys } from './crypto';
import { formatFaults, parseFaults, seededRandom, type FaultSpec } from './faults';
import { inspector } from './inspect';
import { openJournal, type Journal } from './journal';
import { ledgerOf, type PlatformLedger } from './ledger';
import type { Matching } from './matching';
import { Platform } from './platform';
import type { AnswerShape } from './shapes';
import { createHandler, newStats, send, type ServerStats } from './server';

export { parseFaults, formatFaults, type FaultSpec, type FaultKind } from './faults';
export type { PlatformLedger, PlatformLedgerSettlement } from './ledger';
export type { Institution } from './context';
export { TEXT as PLATFORM_TEXT } from './errors';
export type { AnswerShape } from './shapes';

export interface PlatformSimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  now?: () => Date;
  faults?: string | FaultSpec;
  /** Seeds the fault draws and the generated catalogs. */
  seed?: number;
  crypto?: GatewayKeys;
  /** Keeps the books across restarts (JSON lines, replayed at start). */
  journalFile?: string;
  log?: (line: string) => void;
  /** How long a timeout / commit-then-timeout fault holds the connection. Default 60 s. */
  holdMs?: number;
  /** The institutions the platform knows (default: the demo ones). */
  institutions?: Institution[];
  /** Refuse an unknown fixmedins_code (default true); false learns it from the envelope. */
  strictInstitution?: boolean;
  /** A sign-in ends after this long (default 8 h), at the China-day change, on 9002, or when ended. */
  signInTtlMs?: number;
  /** An e-voucher token is accepted by 1101 this long after it was issued (default 30 min). */
  tokenTtlMs?: number;
  /** msgid form: strict (30 characters, default) or loose (26-30, Guangzhou style). */
  msgidRule?: 'strict' | 'loose';
  /** How long an uploaded or produced file is served (default 24 h). */
  fileTtlMs?: number;
  /** Traceability code rule (default 20 digits starting with 8). */
  traceCodePattern?: RegExp | string;
  /** Refuse fee lines whose HIS code is not matched (3301) to the national code (default false). */
  requireMatching?: boolean;
  /** Catalog size and how many versions exist at start (default 12,000 drugs …, 2 versions). */
  catalog?: { sizes?: Partial<CatalogSizes>; versions?: number };
  /** Demand TIF gateway headers (x-tif-*), answering their absence with a gateway error. */
  tif?: { paasId: string; secret: string };
  /** Answer like endpoints that send amounts as numbers, or fund rows empty (Hunan) or not at all. */
  answerShape?: AnswerShape;
}

export interface PlatformSimulator {
  url: string;
  port: number;
  close(): Promise<void>;
  stats(): ServerStats;
  setFaults(spec: string | FaultSpec): void;
  faults(): string;
  ledger(): PlatformLedger;
  /** Accept `token` as the e-voucher of person `personKey` (1101 with cert type 01). */
  registerToken(token: string, personKey: string): void;
  /** Issues a fresh e-voucher token for a person (key or psn_no). */
  issueToken(person: string): string;
  /** Ends every sign-in now; returns how many were active. */
  endSignIns(): number;
  publishCatalog(): { ver: string; day: string };
  catalogInfo(): { versions: { ver: string; day: string }[]; counts: Record<string, number> };
  persons(): { key: string; role: string; psn_no: string; name: string; certno: string; cardNo: string; cardSn: string; insuplc_admdvs: string }[];
  matchings(fixmedinsCode?: string): Matching[];
  traceCode(code: string): unknown;
  readonly platform: Platform;
}

function config(o: PlatformSimulatorOptions, seed: number): SimConfig {
  const list = o.institutions ?? DEMO_INSTITUTIONS.map((i) => ({ code: i.code, name: i.name, level: i.level, region: i.region }));
  const pattern = o.traceCodePattern ?? /^8\d{19}$/;
  return {
    seed, institutions: new Map(list.map((i) => [i.code, i])), strictInstitution: o.strictInstitution ?? true,
    signInTtlMs: o.signInTtlMs ?? 8 * 3600_000, tokenTtlMs: o.tokenTtlMs ?? 30 * 60_000, msgidRule: o.msgidRule ?? 'strict',
    fileTtlMs: o.fileTtlMs ?? 24 * 3600_000, traceCodePattern: typeof pattern === 'string' ? new RegExp(pattern) : pattern, requireMatching: o.requireMatching ?? false,
    answerShape: o.answerShape,
  };
}

type Controls = Pick<PlatformSimulator, 'registerToken' | 'issueToken' | 'endSignIns' | 'publishCatalog' | 'catalogInfo' | 'persons' | 'matchings' | 'traceCode'>;

/** The inspection and demo controls (each platform change goes through the journal). */
function controls(platform: Platform, now: () => Date, instance: string): Controls {
  const person = (k: string) => platform.books.byKey.get(k) ?? platform.books.persons.get(k);
  const known = (k: string) => {
    const p = person(k);
    if (!p) throw new Error(`unknown person ${k}`);
    return p;
  };
  return {
    registerToken: (token, key) => platform.admin('token', now(), true, { token, key: known(key).key }),
    issueToken: (who) => {
      const p = known(who);
      const token = crypto.createHash('sha256').update(`${instance}|${p.key}|${chinaDateTime(now())}|${platform.books.counter('token')}`).digest('hex').slice(0, 32).toUpperCase();
      platform.admin('token', now(), true, { token, key: p.key });
      return token;
    },
    endSignIns: () => {
      const active = [...platform.books.signIns.values()].filter((s) => !s.ended).length;
      platform.admin('endSignIns', now());
      return active;
    },
    publishCatalog: () => {
      platform.admin('publishCatalog', now());
      const v = platform.catalog().latest();
      return { ver: v.ver, day: v.day };
    },
    catalogInfo: () => {
      const c = platform.catalog();
      return { versions: c.versions.map((v) => ({ ver: v.ver, day: v.day })), counts: Object.fromEntries(FILE_CATALOG_NOS.map((k) => [k, c.count(k)])) };
    },
    persons: () => [...platform.books.persons.values()].map((p) => ({
      key: p.key, role: p.role, psn_no: p.psn_no, name: p.name, certno: p.certno, cardNo: p.cardNo, cardSn: p.cardSn, insuplc_admdvs: p.insu[0].insuplc_admdvs,
    })),
    matchings: (code) => platform.matching.all().filter((m) => !code || m.fixmedins_code === code),
    traceCode: (code) => ({ code, state: platform.trace.codes.get(code) ?? null, sales: (platform.trace.codes.get(code)?.sales ?? []).map((id) => platform.trace.sales.get(id)) }),
  };
}

type Handle = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;

/** A loopback HTTP server: /__sim/* to the inspector, POSTs to the platform. */
async function listen(o: PlatformSimulatorOptions, handle: (req: http.IncomingMessage, res: http.ServerResponse, body: string) => Promise<unknown>, inspect: Handle): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > 64 * 1024 * 1024) req.destroy();
      else chunks.push(c);
    });
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      if (req.url?.startsWith('/__sim/')) return inspect(req, res, body);
      if (req.method !== 'POST') return send(res, 405, JSON.stringify({ code: '405', msg: '仅支持POST请求' }));
      handle(req, res, body).catch((err: unknown) => {
        o.log?.(`simulator: request failed: ${String(err)}`);
        send(res, 500, 'internal error', 'text/plain');
      });
    });
  });
  // Gateways keep connections open long; a short idle close races clients reusing the socket.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, o.host ?? '127.0.0.1', () => resolve());
  });
  return server;
}

function openPlatform(o: PlatformSimulatorOptions): { platform: Platform; journal?: Journal; instance: string; seed: number } {
  const journal = o.journalFile ? openJournal(o.journalFile, o.seed ?? 1) : undefined;
  const seed = journal?.seed ?? o.seed ?? 1;
  const instance = journal?.instance ?? String(crypto.randomInt(10, 100));
  const sizes = { ...DEFAULT_SIZES, ...(o.catalog?.sizes ?? {}) };
  const platform = new Platform(config(o, seed), instance, sizes, o.catalog?.versions ?? 2, journal, o.log);
  if (journal) {
    for (const e of journal.entries) platform.replay(e);
    platform.stats.replayed = 0;
    o.log?.(`simulator: replayed ${journal.entries.length} journaled messages from ${o.journalFile}`);
  }
  return { platform, journal, instance, seed };
}

export async function startPlatformSimulator(o: PlatformSimulatorOptions = {}): Promise<PlatformSimulator> {
  let faults = typeof o.faults === 'string' || o.faults === undefined ? parseFaults(o.faults) : o.faults;
  const now = o.now ?? (() => new Date());
  const { platform, journal, instance, seed } = openPlatform(o);
  const stats = newStats();
  const held = new Set<{ timer: NodeJS.Timeout; res: http.ServerResponse }>();
  let sim: PlatformSimulator | undefined;
  const inspect = inspector(() => sim!);
  const handle = createHandler({ platform, now, rnd: seededRandom(seed), faults: () => faults, holdMs: o.holdMs ?? 60_000, crypto: o.crypto, tif: o.tif, log: o.log }, stats, held);
  const server = await listen(o, handle, inspect);
  const port = (server.address() as AddressInfo).port;
  sim = {
    url: `http://${o.host ?? '127.0.0.1'}:${port}/fsi/api/rsfComIfsService/callService`,
    port,
    platform,
    stats: () => ({ ...structuredClone(stats), dupRefused: platform.stats.dupRefused }),
    setFaults: (spec) => {
      faults = typeof spec === 'string' ? parseFaults(spec) : spec;
    },
    faults: () => formatFaults(faults),
    ledger: () => ledgerOf(platform),
    ...controls(platform, now, instance),
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
  return sim;
}
