// Builds a history store from the template store: `size` settlements over five years for 20,000
// persons, copied from the templates (mostly outpatient, some chronic and inpatient, a few
// cancelled), plus the same fixed part in every store: today's 300 settlements (the day that is
// reconciled) and the probe person's 40 (the person and the name that are searched). The message
// log is copied for the last 180 days only (what the app keeps).
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { addDays } from '../../../electron/core/time';
import { SettingsRepo } from '../../../electron/store/settings';
import { NETWORK_SETTINGS_KEY, SITE_SETTINGS_KEY } from '../../../electron/network/setup';
import { demoChronicMap, demoIdentityMap, demoVisitSetup } from '../../../electron/network/demo-setup';
import { Copier } from './copy';
import { makePersons, prng, type SeedPerson } from './persons';
import { readUnits, type TemplateUnit } from './units';
import { TODAY } from './templates';

export const PERSONS = 20_000;
export const TODAY_COUNT = 300;
export const PROBE_COUNT = 40;
const YEARS = 5;
const MESSAGE_LOG_DAYS = 180;
const BATCH = 5000;

/** A mix like a township center's: mostly outpatient visits. */
const MIX: [TemplateUnit['kind'], number][] = [['outpatient', 0.78], ['chronicOutpatient', 0.16], ['inpatient', 0.06]];
const CANCELLED_SHARE = 0.03;

type Log = (m: string) => void;

/** Copies the template folder (database, keys, simulator journal, archived PDFs) to `dir`. */
function startFrom(templateDir: string, dir: string): Database.Database {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(templateDir, dir, { recursive: true });
  const db = new Database(path.join(dir, 'settle.db'));
  // A cache is built again rather than recovered: no journal while seeding, WAL again after.
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  db.pragma('foreign_keys = OFF');
  return db;
}

/** A store in use has checked its receipts at every start: what the copies added is checked (their PDFs are linked). */
function finish(db: Database.Database): void {
  db.prepare("UPDATE store_meta SET value = json_object('docKey', (SELECT max(doc_key) FROM settlements), 'receiptRowid', (SELECT max(rowid) FROM receipts)) WHERE key = 'recovery_checked'").run();
  db.pragma('journal_mode = WAL');
  db.close();
}

function chooser(units: TemplateUnit[], rnd: () => number): () => TemplateUnit {
  const live = units.filter((u) => !u.offline);
  const byKind = new Map(MIX.map(([k]) => [k, live.filter((u) => u.kind === k && !u.cancelled)]));
  const cancelled = live.filter((u) => u.cancelled);
  return () => {
    if (cancelled.length && rnd() < CANCELLED_SHARE) return cancelled[Math.floor(rnd() * cancelled.length)];
    let x = rnd();
    for (const [k, w] of MIX) {
      const list = byKind.get(k)!;
      if ((x -= w) <= 0 && list.length) return list[Math.floor(rnd() * list.length)];
    }
    const all = [...byKind.values()].flat();
    return all[Math.floor(rnd() * all.length)];
  };
}

/** Every copy to make: its day and person, oldest first (the store grows as it would have). */
function plan(size: number, persons: SeedPerson[], rnd: () => number): { day: string; person: SeedPerson }[] {
  const days = Math.round(YEARS * 365.25);
  const first = addDays(TODAY, -days);
  const history = Math.max(0, size - TODAY_COUNT - PROBE_COUNT);
  const out: { day: string; person: SeedPerson; at: number }[] = [];
  for (let i = 0; i < history; i++) out.push({ at: Math.floor((i * days) / history), day: '', person: persons[1 + Math.floor(rnd() * (persons.length - 1))] });
  for (let i = 0; i < PROBE_COUNT; i++) out.push({ at: Math.floor(((i + 0.5) * days) / PROBE_COUNT), day: '', person: persons[0] });
  out.sort((a, b) => a.at - b.at);
  for (const c of out) c.day = addDays(first, c.at);
  for (let i = 0; i < TODAY_COUNT; i++) out.push({ at: days, day: TODAY, person: persons[1 + Math.floor(rnd() * (persons.length - 1))] });
  return out;
}

export function buildHistoryStore(templateDir: string, dir: string, size: number, log: Log): void {
  const t0 = Date.now();
  const db = startFrom(templateDir, dir);
  try {
    const units = readUnits(db);
    const copier = new Copier(db, dir);
    const rnd = prng(size);
    const pick = chooser(units, rnd);
    const keepFrom = addDays(TODAY, -MESSAGE_LOG_DAYS);
    const copies = plan(size, makePersons(PERSONS), rnd);
    for (let i = 0; i < copies.length; i += BATCH) {
      db.transaction(() => {
        for (const c of copies.slice(i, i + BATCH)) copier.copy(pick(), c.day, c.person, { messages: c.day >= keepFrom });
      })();
      if ((i / BATCH) % 20 === 19) log(`history ${size}: ${i + BATCH} of ${copies.length} copied (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
    }
  } finally {
    finish(db);
  }
}

/** A store whose network has been down a long while: `messages` queued (today's offline settlements, never sent). */
export function buildQueueStore(templateDir: string, dir: string, messages: number, log: Log): void {
  const db = startFrom(templateDir, dir);
  try {
    const offline = readUnits(db).filter((u) => u.offline && !u.cancelled);
    if (!offline.length) throw new Error('the templates hold no offline settlement');
    const copier = new Copier(db, dir);
    const persons = makePersons(PERSONS);
    const rnd = prng(messages);
    const queued = () => (db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE state = 'queued'").get() as { n: number }).n;
    while (queued() < messages) {
      db.transaction(() => {
        for (let i = 0; i < 500; i++) {
          const u = offline[Math.floor(rnd() * offline.length)];
          copier.copy(u, TODAY, persons[1 + Math.floor(rnd() * (persons.length - 1))], { messages: false, queued: true });
        }
      })();
    }
    // The site's visit data and maps as a technician sets them up for a real network (the measuring
    // run points the window at an endpoint that is down): every message complete, none refused.
    const settings = new SettingsRepo(db);
    settings.set(SITE_SETTINGS_KEY, { visit: demoVisitSetup(), chronicMap: demoChronicMap(), fundMap: {}, refusalPatterns: {} });
    settings.set(NETWORK_SETTINGS_KEY, { ...(settings.get<Record<string, unknown>>(NETWORK_SETTINGS_KEY) ?? {}), identityMap: demoIdentityMap() });
    log(`queue store: ${queued()} messages queued`);
  } finally {
    finish(db);
  }
}
