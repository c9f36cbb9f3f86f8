// A new store is made with 8 KiB pages (a settlement's rows run to a kilobyte or more: with 4 KiB
// pages the remainder where the next row did not fit left ~15% of each table empty); a store made
// before keeps its pages and its rows; a backup keeps the page size it was taken from.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { PAGE_SIZE, databasePath, openDatabase } from '../../electron/store/db';
import { backupTo } from '../../electron/store/backup';
import { SettingsRepo } from '../../electron/store/settings';
import { tempDir } from './tmp';

const pageSize = (db: Database.Database) => db.pragma('page_size', { simple: true }) as number;

/** Rows of ~1.1 KB (a settlement's size) in a table of their own; the table's pages in use. */
function fill(db: Database.Database, n: number): number {
  db.exec('CREATE TABLE probe_rows (id INTEGER PRIMARY KEY, body BLOB NOT NULL)');
  const ins = db.prepare('INSERT INTO probe_rows (body) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < n; i++) ins.run(Buffer.alloc(1000 + ((i * 37) % 300), i % 251));
  })();
  return (db.prepare("SELECT sum(pgsize) AS b FROM dbstat WHERE name = 'probe_rows'").get() as { b: number }).b;
}

describe('store pages', () => {
  it('a new store has 8 KiB pages, and rows of a kilobyte waste less of them', () => {
    const dir = tempDir();
    const db = openDatabase(databasePath(dir));
    expect(PAGE_SIZE).toBe(8192);
    expect(pageSize(db)).toBe(8192);
    const bytes = fill(db, 2000);
    db.close();
    const old = new Database(path.join(dir, 'old.db'));
    old.pragma('page_size = 4096');
    const oldBytes = fill(old, 2000);
    old.close();
    // The same rows: at least 8% fewer bytes than on 4 KiB pages.
    expect(bytes).toBeLessThan(oldBytes * 0.92);
  });

  it('a store made with 4 KiB pages keeps them and its rows when this build opens it', () => {
    const dir = tempDir();
    const file = databasePath(dir);
    fs.mkdirSync(dir, { recursive: true });
    const first = new Database(file);
    first.pragma('page_size = 4096');
    first.exec("CREATE TABLE kept (v TEXT); INSERT INTO kept VALUES ('收费记录')");
    first.close();
    const db = openDatabase(file);
    expect(pageSize(db)).toBe(4096);
    expect(db.prepare('SELECT v FROM kept').get()).toEqual({ v: '收费记录' });
    db.close();
  });

  it('a backup of a new store keeps its page size and what it holds', async () => {
    const dir = tempDir();
    const db = openDatabase(databasePath(dir));
    new SettingsRepo(db).set('probe', { a: 1 });
    const out = path.join(tempDir(), 'settle.bak');
    await backupTo(db, out);
    db.close();
    const copy = new Database(out, { readonly: true });
    expect(pageSize(copy)).toBe(8192);
    expect(JSON.parse((copy.prepare("SELECT value FROM settings WHERE key = 'probe'").get() as { value: string }).value)).toEqual({ a: 1 });
    copy.close();
  });
});
