// The daily store job: PRAGMA quick_check of the live database, then (when it holds) an automatic
// backup into the folder the technician chose, and backups older than the days to keep removed.
// Runs once per China business day; what it found is kept in the settings for the setup screen.
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from './db';
import { quickCheck } from './db';
import type { SettingsRepo } from './settings';
import { backupTo, privateDir } from './backup';
import { writeBackupLocation } from './recovery';
import { addDays, chinaDate, chinaStamp } from '../core/time';
import * as v from 'valibot';

export const AUTO_BACKUP_KEY = 'backup.auto';
export const DAILY_STATE_KEY = 'backup.daily';
export const DEFAULT_KEEP_DAYS = 14;
const AUTO_NAME = /^auto-(\d{4})(\d{2})(\d{2})-\d{6}\.db$/;

export interface AutoBackupSetup {
  enabled: boolean;
  /** Absolute folder; best on another disk than the data folder. */
  folder: string;
  keepDays: number;
}

const DailyStateSchema = v.object({
  /** China business day of the last run. */
  day: v.string(),
  checkedAt: v.string(),
  /** "ok", or what quick_check found. */
  check: v.string(),
  backupFile: v.optional(v.string()),
  backupAt: v.optional(v.string()),
  /** Why the backup could not be written (English). */
  backupError: v.optional(v.string()),
  removed: v.optional(v.array(v.string())),
});
export type DailyState = v.InferOutput<typeof DailyStateSchema>;

/** The daily job's last run, as kept for the setup screen. */
export function readDailyState(settings: SettingsRepo): DailyState | undefined {
  return settings.read(DAILY_STATE_KEY, DailyStateSchema);
}

/** The setup as stored: each field checked again below (a missing or odd one falls back to its default). */
const StoredAutoBackupSchema = v.partial(v.object({ enabled: v.boolean(), folder: v.string(), keepDays: v.number() }));

export function readAutoBackup(settings: SettingsRepo, dataDir: string): AutoBackupSetup {
  const s = settings.read(AUTO_BACKUP_KEY, StoredAutoBackupSchema) ?? {};
  return {
    enabled: s.enabled ?? true,
    folder: typeof s.folder === 'string' && path.isAbsolute(s.folder) ? s.folder : path.join(dataDir, 'backups'),
    keepDays: Number.isSafeInteger(s.keepDays) && s.keepDays! >= 1 ? s.keepDays! : DEFAULT_KEEP_DAYS,
  };
}

export function writeAutoBackup(settings: SettingsRepo, dataDir: string, setup: AutoBackupSetup): AutoBackupSetup {
  privateDir(setup.folder);
  settings.set(AUTO_BACKUP_KEY, setup);
  writeBackupLocation(dataDir, setup.folder);
  return readAutoBackup(settings, dataDir);
}

/** Removes automatic backups (and their side files) from before the last `keepDays` days. */
export function pruneAutoBackups(folder: string, keepDays: number, today: string): string[] {
  const oldest = addDays(today, -(keepDays - 1));
  const removed: string[] = [];
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch {
    return removed;
  }
  for (const n of names) {
    const m = AUTO_NAME.exec(n);
    if (!m || `${m[1]}-${m[2]}-${m[3]}` >= oldest) continue;
    for (const f of names.filter((x) => x === n || x.startsWith(`${n}.`))) fs.rmSync(path.join(folder, f), { force: true });
    removed.push(n);
  }
  return removed;
}

export interface DailyDeps {
  db: Db;
  settings: SettingsRepo;
  dataDir: string;
  now: () => Date;
  /** Called with a fresh backup file (the audit area anchors its chain next to it). */
  afterBackup?: (file: string) => void;
}

/** Runs the day's check and backup unless done today already (or `force`); `ran` says whether it did. */
export async function runDaily(deps: DailyDeps, force = false): Promise<{ state: DailyState; ran: boolean }> {
  const now = deps.now();
  const day = chinaDate(now);
  const prior = readDailyState(deps.settings);
  if (!force && prior?.day === day) return { state: prior, ran: false };
  const state: DailyState = { day, checkedAt: now.toISOString(), check: quickCheck(deps.db) };
  if (state.check === 'ok') {
    const setup = readAutoBackup(deps.settings, deps.dataDir);
    if (setup.enabled) {
      try {
        const out = await backupTo(deps.db, path.join(setup.folder, `auto-${chinaStamp(now).slice(0, 8)}-${chinaStamp(now).slice(8)}.db`));
        deps.afterBackup?.(out.file);
        state.backupFile = out.file;
        state.backupAt = deps.now().toISOString();
        state.removed = pruneAutoBackups(setup.folder, setup.keepDays, day);
      } catch (err) {
        state.backupError = err instanceof Error ? err.message : String(err);
      }
    }
  }
  try {
    deps.settings.set(DAILY_STATE_KEY, state);
  } catch {
    // a damaged database may refuse the write; the caller reports the check itself
  }
  return { state, ran: true };
}
