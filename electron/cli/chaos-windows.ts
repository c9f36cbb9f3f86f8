// `chaos --windows W --center URL`: W windows (each its own data dir, worker and terminal number)
// settle against one simulator and one center at once, each worker killed at random (the kills
// shared among them), then each left to settle the rest and drain to the network and the center.
// Checks: each window as the one-window run does (chaos-check.ts), the center holds every
// document exactly once with the windows' year-to-date (chaos-center-check.ts), no person passed
// the center-wide offline limit, and the center-wide reconciliation balances. The run uses a fresh
// database it creates on the center's server (dropped at the end unless --keep).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { printJsonLine } from './args';
import { startPlatformSimulator, type PlatformSimulator } from '../network/simulator';
import { seededRandom } from '../network/simulator/faults';
import { MsgIdSource, SqliteMessageLog, createNetworkClient } from '../network/client';
import { openDatabase } from '../store/db';
import { DEFAULT_INSTITUTION } from '../platform/institution';
import { chinaDate } from '../core/time';
import { dec, toFen } from '../core/money';
import { reconcileCenter } from '../center/reconcile';
import { openPool } from '../center/pg';
import { checkChaos, type ChaosCounts } from './chaos-check';
import { checkCenter } from './chaos-center-check';
import { HOOKS, bundleWorker, startWorker } from './chaos-proc';

export interface WindowsRunOptions {
  kills: number;
  seed: number;
  faults: string;
  windows: number;
  center: string;
  visits: number;
  keep: boolean;
}

interface Win {
  n: number;
  dataDir: string;
  prefix: string;
  windowId: string;
  reported: Map<string, string>;
  refused: Set<string>;
  killed: number;
}

/** The person's offline settlements per day, all windows together (a chaos day is busy: 2,000 yuan). */
const DAY_LIMIT = '2000.00';

async function freshDatabase(url: string, name: string): Promise<string> {
  const c = new pg.Client(url);
  await c.connect();
  try {
    await c.query(`CREATE DATABASE ${name}`);
  } finally {
    await c.end();
  }
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function dropDatabase(url: string, name: string): Promise<void> {
  const c = new pg.Client(url);
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).finally(() => c.end());
}

function onLineOf(w: Win): (line: string) => void {
  return (line) => {
    const m = /^COMMITTED (\S+) (\S+)$/.exec(line);
    if (m) w.reported.set(m[1], m[2]);
    const r = /^REFUSED (\S+)$/.exec(line);
    if (r) w.refused.add(r[1]);
  };
}

/** One window's share of the kills, then its draining worker; resolves with the drain's exit code. */
async function windowRun(worker: string, w: Win, base: string[], kills: number, rnd: () => number): Promise<number | null> {
  const onLine = onLineOf(w);
  for (let k = 0; k < kills; k++) {
    const useHook = rnd() < 0.4;
    const hookArgs = useHook ? ['--kill-hook', HOOKS[Math.floor(rnd() * HOOKS.length)], '--kill-after', String(1 + Math.floor(rnd() * 4))] : [];
    const run = startWorker(worker, [...base, '--pace', String(20 + Math.floor(rnd() * 80)), ...hookArgs], onLine);
    const timer = setTimeout(() => run.kill(), useHook ? 3000 : 200 + Math.floor(rnd() * 1500));
    const r = await run.exit;
    clearTimeout(timer);
    if (r.signal === 'SIGKILL') w.killed += 1;
    else process.stderr.write(`chaos: window ${w.n} worker exited by itself (code ${r.code})\n`);
  }
  const last = startWorker(worker, [...base, '--pace', '0', '--drain'], onLine);
  const guard = setTimeout(() => last.kill(), 400_000);
  const r = await last.exit;
  clearTimeout(guard);
  if (r.code !== 0) process.stderr.write(`chaos: window ${w.n}'s draining worker ended with ${r.code ?? r.signal}\n`);
  return r.code;
}

/** The center-wide reconciliation of today, faults off, through a client of its own (terminal 99). */
async function centerBalanced(sim: PlatformSimulator, url: string, dir: string): Promise<{ balanced: boolean; notes: string[] }> {
  sim.setFaults('');
  const db = openDatabase(path.join(dir, 'reconcile.db'));
  const inst = DEFAULT_INSTITUTION;
  const msgids = new MsgIdSource({ db, institutionCode: inst.code, terminalNo: '99' });
  const client = createNetworkClient(
    {
      endpoint: sim.url, institutionCode: inst.code, institutionName: inst.name, region: inst.region, receiverSystemCode: 'MBS_LOCAL',
      interfaceVersion: 'V1.0', operatorType: '1', operatorCode: 'CHAOS', operatorName: '混沌测试', terminalNo: '99', timeoutMs: 5000, connectTimeoutMs: 1000,
    },
    { msgids, log: new SqliteMessageLog(db) },
  );
  const pool = openPool(url);
  try {
    const r = await reconcileCenter(pool, client, { institutionCode: inst.code, region: inst.region, day: chinaDate(new Date()) });
    return { balanced: r.balanced, notes: r.mismatches.map((m) => `reconciliation: ${m.memo}`) };
  } finally {
    await pool.end();
    db.close();
  }
}

function addCounts(a: ChaosCounts, b: ChaosCounts): ChaosCounts {
  return { settlements: a.settlements + b.settlements, kills: a.kills + b.kills, lost: a.lost + b.lost, duplicated: a.duplicated + b.duplicated, mismatched: a.mismatched + b.mismatched, unresolved: a.unresolved + b.unresolved };
}

export async function runWindows(o: WindowsRunOptions): Promise<number> {
  const started = Date.now();
  const rnd = seededRandom(o.seed * 7919 + 17);
  const tag = `chaos_${o.seed}_${Date.now().toString(36)}`;
  const url = await freshDatabase(o.center, tag);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'settle-chaos-w-'));
  const worker = await bundleWorker();
  const sim = await startPlatformSimulator({ port: 0, faults: o.faults, seed: o.seed, holdMs: 250, catalog: { sizes: { drugs: 600, services: 300, consumables: 100, herbs: 60 } } });
  const wins: Win[] = Array.from({ length: o.windows }, (_, i) => ({
    n: i + 1, dataDir: fs.mkdtempSync(path.join(root, `w${i + 1}-`)), prefix: `CH${o.seed}W${i + 1}X`, windowId: `${tag}_w${i + 1}`,
    reported: new Map(), refused: new Set(), killed: 0,
  }));
  try {
    const codes = await Promise.all(wins.map((w, i) => {
      const base = ['--data', w.dataDir, '--url', sim.url, '--prefix', w.prefix, '--visits', String(o.visits), '--center', url,
        '--window-id', w.windowId, '--terminal', String(w.n).padStart(2, '0'), '--day-limit', DAY_LIMIT];
      const share = Math.floor(o.kills / o.windows) + (i < o.kills % o.windows ? 1 : 0);
      return windowRun(worker, w, base, share, seededRandom(Math.floor(rnd() * 1e9)));
    }));
    let counts: ChaosCounts = { settlements: 0, kills: 0, lost: 0, duplicated: 0, mismatched: 0, unresolved: 0 };
    const notes: string[] = [];
    for (const w of wins) {
      const r = checkChaos(path.join(w.dataDir, 'settle.db'), sim.ledger(), w.reported, w.killed, w.prefix);
      counts = addCounts(counts, r.counts);
      notes.push(...r.notes.map((n) => `window ${w.n}: ${n}`));
    }
    const center = await checkCenter(url, wins.map((w) => ({ windowId: w.windowId, dbFile: path.join(w.dataDir, 'settle.db') })), chinaDate(new Date()), toFen(dec(DAY_LIMIT)));
    notes.push(...center.notes);
    const rec = await centerBalanced(sim, url, root);
    notes.push(...rec.notes);
    for (const n of notes.slice(0, 40)) process.stderr.write(`chaos: ${n}\n`);
    const refused = wins.reduce((a, w) => a + w.refused.size, 0);
    const out = {
      ...counts, lost: counts.lost + center.counts.lost, duplicated: counts.duplicated + center.counts.duplicated,
      mismatched: counts.mismatched + center.counts.mismatched, windows: o.windows, centerBalanced: rec.balanced, overLimit: center.counts.overLimit, refusedOffline: refused,
    };
    process.stderr.write(`chaos: ${((Date.now() - started) / 1000).toFixed(1)} s, ${o.windows} windows, center database ${tag}, data ${root}\n`);
    printJsonLine(out);
    const ok = codes.every((c) => c === 0) && out.lost === 0 && out.duplicated === 0 && out.mismatched === 0 && out.unresolved === 0 && out.overLimit === 0 && rec.balanced;
    return ok ? 0 : 1;
  } finally {
    await sim.close();
    fs.rmSync(worker, { force: true });
    if (!o.keep) {
      fs.rmSync(root, { recursive: true, force: true });
      await dropDatabase(o.center, tag).catch(() => undefined);
    }
  }
}
