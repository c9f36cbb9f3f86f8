// Migration 030: a fresh database gets the HIS tables with their constraints.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../electron/store/db';
import Database from 'better-sqlite3';

it('creates the HIS tables and refuses an unknown visit state or class', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'his-mig-'));
  const db = new Database(path.join(dir, 'x.db'));
  migrate(db, loadMigrations().filter((m) => m.version <= 39));
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'his_%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
  expect(tables).toEqual(['his_callbacks', 'his_catalog', 'his_drop_files', 'his_visit_lines', 'his_visits']);
  const insert = (state: string) =>
    db.prepare(`INSERT INTO his_visits (his_visit_id, source, state, body_hash, visit_type, body, total_fen, line_count, received_at, updated_at)
                VALUES (?, 'api', ?, 'h', 'outpatient', '{}', 0, 0, 'now', 'now')`).run(`V-${state}`, state);
  expect(() => insert('waiting')).not.toThrow();
  expect(() => insert('paid')).toThrow(/CHECK/);
  expect(() => db.prepare("INSERT INTO his_catalog VALUES ('X', 'x', 'X', 'x', 'D', '0', '09', 0, 'ui', 'now')").run()).toThrow(/CHECK/);
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
