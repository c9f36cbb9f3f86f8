// history.*: the calls that must cost the same whatever the years stored, timed on a store of
// 1M settlements over five years and 20,000 persons beside one of 10k, in the same run:
//   history.reconcile_day_ms       reconcile.run for today (300 settlements in both stores)
//   history.cancel_ms              cancelling a fresh settlement online (the service's cancel)
//   history.search_person_ms       settlement search by person (the probe person: 40 in both)
//   history.receipt_search_name_ms receipt.search by the probe person's name
//   history.search_month_ms        settlement search for a month (its newest 200)
// each at 1M, with `_10k` the same at 10k, `history.growth_max` the largest ratio (target < 3);
// history.bytes_per_settlement (live pages of the 1M store / settlements, target < 6 KB);
// history.backup_s (the online backup of the 1M store); history.queue_status_50k_ms (queue.status
// with 50,000 messages queued and the network down, target < 1 ms) beside history.queue_status_ms
// (an empty queue), history.queue_heads_50k_ms (the forwarder's pump asking for the next messages of
// as many persons as it has workers) and history.queue_stall_max_ms (the longest event-loop stall
// while the forwarder keeps trying the dead network and the queue screen polls).
// The stores are built through the real settle path and copied (./history/): that takes minutes,
// so they are cached under dist/bench-history/ (git-ignored): the templates under a key of the
// schema and the stored format, the stores under a key of the seeding code besides;
// BENCH_HISTORY_REBUILD=1 builds them again.
// BENCH_HISTORY_SIZES=10000,100000 measures other sizes (the first is the small one).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { BenchSuite } from './registry';
import { loadMigrations, schemaVersion } from '../../electron/store/db';
import { makeTemplates } from './history/templates';
import { buildHistoryStore, buildQueueStore } from './history/seed';
import { measureQueue, measureStore, type StoreFigures } from './history/measure';

const ROOT = path.resolve(__dirname, '..', '..');
const SIZES = (process.env.BENCH_HISTORY_SIZES ?? '10000,1000000').split(',').map(Number);
const QUEUED = 50_000;
const ROUNDS = 8;
const log = (m: string) => process.stderr.write(`bench history: ${m}\n`);

/** A key of what the given files hold (names and contents). */
function keyOf(files: string[]): string {
  const h = crypto.createHash('sha256');
  for (const f of files.filter((x) => fs.existsSync(path.join(ROOT, x)))) h.update(f).update(fs.readFileSync(path.join(ROOT, f)));
  return h.digest('hex').slice(0, 12);
}

/** What the templates depend on: the schema and how rows are stored (they are made by the app itself). */
function templatesKey(): string {
  return keyOf([
    ...fs.readdirSync(path.join(ROOT, 'migrations')).filter((f) => f.endsWith('.sql')).sort().map((f) => path.join('migrations', f)),
    'test/bench/history/templates.ts', 'electron/store/packed.ts', 'electron/store/pack-dictionary.ts',
    'electron/store/db.ts',
  ]);
}

/** What the copied stores depend on besides: the seeding code. */
function storesKey(): string {
  return keyOf(fs.readdirSync(path.join(__dirname, 'history')).sort().map((f) => path.join('test/bench/history', f)));
}

/**
 * Whether a cached store is at this checkout's schema. The app migrates a store it opens, and
 * refuses one a newer checkout has migrated: a store at another version is built again rather
 * than measured (or refused) here.
 */
function atSchema(dir: string): boolean {
  const file = path.join(dir, 'settle.db');
  if (!fs.existsSync(file)) return false;
  const latest = loadMigrations().at(-1)?.version ?? 0;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const version = schemaVersion(db);
    if (version !== latest) log(`${path.basename(dir)} is at schema ${version}, this checkout at ${latest}: built again`);
    return version === latest;
  } finally {
    db.close();
  }
}

/** Builds what is missing (or everything, on request); returns the folder of the stores. */
async function ensureStores(): Promise<string> {
  const base = path.join(ROOT, 'dist', 'bench-history');
  const dir = path.join(base, templatesKey());
  const stores = path.join(dir, storesKey());
  if (process.env.BENCH_HISTORY_REBUILD === '1') fs.rmSync(dir, { recursive: true, force: true });
  const keep = (parent: string, name: string) => {
    for (const old of fs.existsSync(parent) ? fs.readdirSync(parent) : []) {
      if (old !== name && !old.startsWith('templates')) fs.rmSync(path.join(parent, old), { recursive: true, force: true });
    }
  };
  keep(base, path.basename(dir));
  keep(dir, path.basename(stores));
  const step = async (where: string, name: string, build: (target: string) => Promise<void> | void) => {
    const done = path.join(where, `${name}.done`);
    if (fs.existsSync(done) && atSchema(path.join(where, name))) return;
    const t = Date.now();
    fs.rmSync(path.join(where, name), { recursive: true, force: true });
    fs.mkdirSync(where, { recursive: true });
    await build(path.join(where, name));
    fs.writeFileSync(done, `${(Date.now() - t) / 1000} s\n`);
    log(`${name} built in ${((Date.now() - t) / 1000).toFixed(0)} s`);
  };
  await step(dir, 'templates', (t) => makeTemplates(t, ROUNDS, log));
  const templates = path.join(dir, 'templates');
  for (const size of SIZES) await step(stores, `h${size}`, (t) => buildHistoryStore(templates, t, size, log));
  await step(stores, `queue${QUEUED}`, (t) => buildQueueStore(templates, t, QUEUED, log));
  return stores;
}

const OPS = ['reconcile_day_ms', 'cancel_ms', 'search_person_ms', 'receipt_search_name_ms', 'search_month_ms'] as const;

export const suite: BenchSuite = {
  name: 'history',
  async run() {
    const dir = await ensureStores();
    const [small, big] = [SIZES[0], SIZES[SIZES.length - 1]];
    const suffix = `_${small >= 1000 ? `${small / 1000}k` : small}`;
    const at: Record<number, StoreFigures> = {};
    for (const size of [small, big]) {
      log(`measuring the store of ${size}`);
      at[size] = await measureStore(path.join(dir, `h${size}`), { backup: size === big, log });
    }
    const out: Record<string, number> = { 'history.store_settlements': big };
    let growth = 0;
    for (const op of OPS) {
      out[`history.${op}`] = at[big][op];
      out[`history.${op}${suffix}`] = at[small][op];
      const ratio = at[big][op] / Math.max(at[small][op], 0.01);
      out[`history.${op.replace(/_ms$/, '')}_growth`] = Math.round(ratio * 100) / 100;
      growth = Math.max(growth, ratio);
    }
    out['history.growth_max'] = Math.round(growth * 100) / 100;
    out['history.reconcile_block_max_ms'] = at[big].reconcile_block_max_ms;
    out['history.bytes_per_settlement'] = at[big].bytes_per_settlement;
    out[`history.bytes_per_settlement${suffix}`] = at[small].bytes_per_settlement;
    out['history.backup_s'] = at[big].backup_s ?? 0;
    out['history.open_s'] = at[big].open_s;
    out['history.queue_status_ms'] = at[big].queue_status_ms;
    const q = await measureQueue(path.join(dir, `queue${QUEUED}`), 6);
    if (q.queued < QUEUED) throw new Error(`only ${q.queued} messages queued`);
    out['history.queue_status_50k_ms'] = q.status_ms;
    out['history.queue_heads_50k_ms'] = q.heads_ms;
    out['history.queue_stall_max_ms'] = q.stall_max_ms;
    return out;
  },
};
