// Migration 090: the catalog tables arrive beside a store that already has rows (the HIS mapping,
// settings); those rows are carried across unchanged, and the new tables keep their rules: the
// trigram index follows the rows, states and kinds outside their lists are refused.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../electron/store/db';

it('adds the catalog tables and carries the HIS mapping across', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cat-mig-'));
  const db = new Database(path.join(dir, 'x.db'));
  const all = loadMigrations();
  migrate(db, all.filter((m) => m.version < 90));
  db.prepare(
    `INSERT INTO his_catalog (his_code, his_name, catalog_code, catalog_name, class, self_pay_ratio, category, self_pay, source, updated_at)
     VALUES ('XY0001', '阿莫西林胶囊', 'XJ01CAA046E001010100213', '阿莫西林口服常释剂型', 'A', '0', '09', 0, 'csv', '2026-01-01')`,
  ).run();
  const before = db.prepare('SELECT * FROM his_catalog').all();
  migrate(db, all.filter((m) => m.version <= 90));
  expect(db.prepare('SELECT * FROM his_catalog').all()).toEqual(before);

  const put = db.prepare(
    `INSERT INTO catalog_items (code, catalog, list_type, name, generic_name, manufacturer, approval_no, valid, ver, row_hash, updated_at)
     VALUES (?, '1301', '101', ?, ?, ?, ?, 1, '20240101001', 'h', 'now')`,
  );
  put.run('X1', '阿莫西林胶囊', '阿莫西林胶囊', '华北制药股份有限公司', '国药准字H13020001');
  put.run('X2', '头孢拉定胶囊', '头孢拉定胶囊', '石药集团有限公司', '国药准字H13020002');
  const find = (q: string) => (db.prepare('SELECT rowid FROM catalog_items_fts WHERE catalog_items_fts MATCH ?').all(`"${q}"`) as { rowid: number }[]).length;
  expect(find('华北制药')).toBe(1);
  expect(find('H13020002')).toBe(1);
  db.prepare("UPDATE catalog_items SET manufacturer = '石药欧意药业有限公司' WHERE code = 'X2'").run();
  expect(find('石药集团')).toBe(0);
  expect(find('欧意药业')).toBe(1);
  db.prepare("DELETE FROM catalog_items WHERE code = 'X1'").run();
  expect(find('华北制药')).toBe(0);

  expect(() => db.prepare("INSERT INTO catalog_terms (kind, code, begin_date, value, valid, updt_time) VALUES ('price', 'X2', '2020-01-01', '1', 1, 'now')").run()).toThrow(/CHECK/);
  expect(() => db.prepare("INSERT INTO catalog_syncs (started_at, state) VALUES ('now', 'paused')").run()).toThrow(/CHECK/);
  expect(() => db.prepare("INSERT INTO catalog_his_items (his_code, name, source, imported_at, state) VALUES ('A', 'a', 'csv', 'now', 'maybe')").run()).toThrow(/CHECK/);
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('091: rows stored before keep their index; in bulk mode the triggers stand aside until a rebuild', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cat-mig-'));
  const db = new Database(path.join(dir, 'x.db'));
  const all = loadMigrations();
  migrate(db, all.filter((m) => m.version <= 90));
  const put = db.prepare(
    `INSERT INTO catalog_items (code, catalog, list_type, name, manufacturer, approval_no, valid, ver, row_hash, updated_at)
     VALUES (?, '1301', '101', ?, ?, ?, 1, '20240101001', 'h', 'now')`,
  );
  put.run('X1', '阿莫西林胶囊', '华北制药股份有限公司', '国药准字H13020001');
  migrate(db, all.filter((m) => m.version <= 91));
  const find = (q: string) => (db.prepare('SELECT rowid FROM catalog_items_fts WHERE catalog_items_fts MATCH ?').all(`"${q}"`) as unknown[]).length;
  expect(find('华北制药')).toBe(1);
  expect(db.prepare('SELECT * FROM catalog_fts_state').all()).toEqual([{ id: 1, bulk: 0 }]);
  put.run('X2', '头孢拉定胶囊', '石药集团有限公司', '国药准字H13020002');
  expect(find('石药集团')).toBe(1);
  db.prepare('UPDATE catalog_fts_state SET bulk = 1').run();
  put.run('X3', '布洛芬缓释胶囊', '中美天津史克制药有限公司', '国药准字H10900089');
  expect(find('天津史克')).toBe(0);
  db.exec("INSERT INTO catalog_items_fts (catalog_items_fts) VALUES ('rebuild')");
  db.prepare('UPDATE catalog_fts_state SET bulk = 0').run();
  expect(find('天津史克')).toBe(1);
  expect(find('华北制药')).toBe(1);
  expect(() => db.prepare('INSERT INTO catalog_fts_state (id, bulk) VALUES (2, 0)').run()).toThrow(/CHECK/);
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
