// Opening the local SQLite store: WAL, synchronous=FULL (a printed receipt survives a power cut),
// migrations applied in one transaction, and a database from a newer version refused. Every open
// for writing runs PRAGMA quick_check first: a damaged file is refused (DB_CORRUPT) before anything
// is written to it. The database file (and so its -wal and -shm, which SQLite creates with the
// same permissions) is readable by the user only.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { AppFailure } from '../core/result';

export type Db = Database.Database;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The project's migrations folder, found from this file whether run from source or from dist/. */
export function defaultMigrationsDir(): string {
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    const candidate = path.join(dir, 'migrations');
    if (fs.existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error('migrations folder not found');
}

/** Reads `NNN_name.sql` files in numeric order; any other file name is an error, not silently skipped. */
export function loadMigrations(dir = defaultMigrationsDir()): Migration[] {
  const out: Migration[] = [];
  for (const file of fs.readdirSync(dir)) {
    if (!file.endsWith('.sql')) continue;
    const m = /^(\d{3})_([a-z0-9_]+)\.sql$/.exec(file);
    if (!m) throw new Error(`migration file name must be NNN_name.sql: ${file}`);
    out.push({ version: Number(m[1]), name: m[2], sql: fs.readFileSync(path.join(dir, file), 'utf8') });
  }
  out.sort((a, b) => a.version - b.version);
  out.forEach((m, i) => {
    if (i > 0 && out[i - 1].version === m.version) throw new Error(`two migrations numbered ${m.version}`);
  });
  return out;
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies every migration above the database's version, all in one transaction. */
export function migrate(db: Db, migrations: Migration[]): number {
  const current = schemaVersion(db);
  const latest = migrations.length ? migrations[migrations.length - 1].version : 0;
  if (current > latest) {
    throw new AppFailure({
      code: 'DB_TOO_NEW',
      message: `数据库版本（${current}）比本程序支持的版本（${latest}）新，请升级本程序后再打开。数据未做任何改动。`,
      detail: `database schema version ${current} is newer than this build supports (${latest}); refusing to open`,
    });
  }
  const pending = migrations.filter((m) => m.version > current);
  if (!pending.length) return current;
  db.transaction(() => {
    for (const m of pending) db.exec(m.sql);
    db.pragma(`user_version = ${latest}`);
  })();
  return latest;
}

export interface OpenOptions {
  migrations?: Migration[];
  readonly?: boolean;
}

/** SQLite's own word that the file is damaged or not a database. */
export function isCorruption(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB');
}

/** PRAGMA quick_check: "ok", or the first problems it names. */
export function quickCheck(db: Db): string {
  let rows: { quick_check: string }[];
  try {
    rows = db.pragma('quick_check(5)') as { quick_check: string }[];
  } catch (err) {
    // A page too damaged to walk makes the check itself fail: that is its finding, not a crash.
    if (isCorruption(err)) return `quick_check failed: ${(err as Error).message}`.slice(0, 500);
    throw err;
  }
  const text = rows.map((r) => r.quick_check).join('; ');
  return text === 'ok' ? 'ok' : text.slice(0, 500);
}

export function corruptFailure(file: string, why: string): AppFailure {
  return new AppFailure({
    code: 'DB_CORRUPT',
    message: '数据库文件已损坏，无法打开。数据未做任何改动，请用最近一份完好的备份恢复，或联系技术人员。',
    detail: `database ${file} failed its integrity check: ${why}`,
  });
}

/** Makes the database file (and its -wal/-shm if present) readable by the user only. */
export function restrictDatabaseFiles(file: string): void {
  if (process.platform === 'win32') return; // per-user profile folders carry their own ACLs
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      fs.chmodSync(f, 0o600);
    } catch {
      // not there (yet)
    }
  }
}

/** The page size of a store made by this build (see openDatabase). */
export const PAGE_SIZE = 8192;

/** Opens (creating if needed) the store at `file`, configured for durability, checked, and migrates it. */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (!options.readonly) {
    fs.closeSync(fs.openSync(file, 'a', 0o600)); // created 0600, so its -wal and -shm are too
    restrictDatabaseFiles(file);
  }
  let db: Db;
  try {
    db = new Database(file, { readonly: options.readonly ?? false });
  } catch (err) {
    throw isCorruption(err) ? corruptFailure(file, String(err)) : err;
  }
  try {
    db.pragma('busy_timeout = 5000');
    if (!options.readonly) {
      // A new store's pages are 8 KiB (an existing one keeps its size: this is a no-op there). A
      // settlement's rows run to a kilobyte or more, and a 4 KiB page left ~15% of each table
      // empty, the remainder where the next row did not fit.
      db.pragma(`page_size = ${PAGE_SIZE}`);
      const check = quickCheck(db);
      if (check !== 'ok') throw corruptFailure(file, check);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
    }
    db.pragma('foreign_keys = ON');
    if (!options.readonly) migrate(db, options.migrations ?? loadMigrations());
    return db;
  } catch (err) {
    db.close();
    throw isCorruption(err) ? corruptFailure(file, String(err)) : err;
  }
}

export const DB_FILE_NAME = 'settle.db';

export function databasePath(dataDir: string): string {
  return path.join(dataDir, DB_FILE_NAME);
}
