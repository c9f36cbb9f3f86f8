// The center's PostgreSQL: a small pool (a window needs few connections; 150 windows share one
// server), short timeouts so a window never waits long for an unreachable center, and the
// center's own numbered migrations (migrations/center/NNN_name.sql), applied in one transaction
// under an advisory lock so that windows starting together never apply one twice.
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { defaultMigrationsDir } from '../store/db';

export type CenterPool = pg.Pool;

/** Key of the advisory lock held while migrating (any constant; the center's own). */
const MIGRATE_LOCK = 7_310_017;

/** The URL without its password (for logs and the setup screen). */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(invalid URL)';
  }
}

/** Checks a `--center` value: a postgres:// or postgresql:// URL with a host and a database. */
export function parseCenterUrl(url: string): { ok: true } | { ok: false; message: string } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { ok: false, message: `集中库地址（--center）格式不正确，应为 postgres://用户@主机:端口/库名` };
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') return { ok: false, message: '集中库地址（--center）须以 postgres:// 开头' };
  if (!u.hostname || u.pathname.length < 2) return { ok: false, message: '集中库地址（--center）须包含主机和库名' };
  return { ok: true };
}

export function openPool(url: string, opts: { max?: number; connectTimeoutMs?: number } = {}): CenterPool {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 3,
    connectionTimeoutMillis: opts.connectTimeoutMs ?? 2000,
    idleTimeoutMillis: 10_000,
    // A statement that hangs (a server stopped mid-query) fails instead of blocking the window.
    statement_timeout: 10_000,
    query_timeout: 12_000,
    application_name: 'settle-window',
  });
  // A dropped idle connection (the server restarted) must not crash the app: the pool replaces it.
  pool.on('error', () => undefined);
  return pool;
}

export interface CenterMigration {
  version: number;
  name: string;
  sql: string;
}

export function loadCenterMigrations(dir = path.join(defaultMigrationsDir(), 'center')): CenterMigration[] {
  const out: CenterMigration[] = [];
  for (const file of fs.readdirSync(dir)) {
    if (!file.endsWith('.sql')) continue;
    const m = /^(\d{3})_([a-z0-9_]+)\.sql$/.exec(file);
    if (!m) throw new Error(`center migration file name must be NNN_name.sql: ${file}`);
    out.push({ version: Number(m[1]), name: m[2], sql: fs.readFileSync(path.join(dir, file), 'utf8') });
  }
  return out.sort((a, b) => a.version - b.version);
}

/** Applies the center migrations not yet applied; returns the center's schema version. */
export async function migrateCenter(pool: CenterPool, migrations = loadCenterMigrations()): Promise<number> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATE_LOCK]);
    await c.query('CREATE TABLE IF NOT EXISTS center_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
    const done = new Set((await c.query<{ version: number }>('SELECT version FROM center_migrations')).rows.map((r) => r.version));
    const latest = migrations.length ? migrations[migrations.length - 1].version : 0;
    const newest = Math.max(0, ...done);
    if (newest > latest) throw new Error(`the center's schema (${newest}) is newer than this build supports (${latest}): upgrade this window`);
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      await c.query(m.sql);
      await c.query('INSERT INTO center_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
    }
    await c.query('COMMIT');
    return Math.max(newest, latest);
  } catch (err) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    c.release();
  }
}

/** Runs `fn` in one transaction on one connection. */
export async function inTransaction<T>(pool: CenterPool, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const c = await pool.connect();
  let broken = false;
  try {
    await c.query('BEGIN');
    const out = await fn(c);
    await c.query('COMMIT');
    return out;
  } catch (err) {
    await c.query('ROLLBACK').catch(() => (broken = true));
    throw err;
  } finally {
    // A connection whose ROLLBACK failed (the server went away) is dropped, not reused.
    c.release(broken || undefined);
  }
}
