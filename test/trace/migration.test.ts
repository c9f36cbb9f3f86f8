// Migration 100 on a store that already has settlements: they stay as they were, and the trace
// tables take rows (a code scanned twice in one visit is refused by the key).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../electron/store/db';

it('adds the trace tables and keeps the rows before it', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trace-mig-'));
  const db = new Database(path.join(dir, 'x.db'));
  const all = loadMigrations();
  migrate(db, all.filter((m) => m.version < 100));
  db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('keep.me', '\"yes\"', 'now')").run();
  migrate(db, all.filter((m) => m.version <= 100));
  expect(db.prepare("SELECT value FROM settings WHERE key = 'keep.me'").get()).toEqual({ value: '"yes"' });
  const scan = db.prepare("INSERT INTO trace_scans (visit_ref, code, line_no, units, scanned_at) VALUES ('V1', ?, '1', '1', 'now')");
  scan.run('80000000000000000001');
  expect(() => scan.run('80000000000000000001')).toThrow(/UNIQUE|PRIMARY/);
  expect(() => db.prepare("INSERT INTO trace_uploads (settlement_id, line_no, infno, state, created_at, updated_at) VALUES ('S', '1', '3505', 'lost', 'n', 'n')").run()).toThrow(/CHECK/);
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
