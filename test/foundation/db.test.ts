import { describe, expect, it } from 'vitest';
import path from 'node:path';
import Database from 'better-sqlite3';
import { loadMigrations, migrate, openDatabase, schemaVersion, type Migration } from '../../electron/store/db';
import { AppFailure } from '../../electron/core/result';
import { tempDir } from './tmp';

describe('local store', () => {
  it('opens in WAL with synchronous=FULL and applies every migration', () => {
    const file = path.join(tempDir(), 'settle.db');
    const db = openDatabase(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    const all = loadMigrations();
    expect(schemaVersion(db)).toBe(all[all.length - 1].version);
    db.close();
  });

  it('applies pending migrations in one transaction: a failing one leaves nothing behind', () => {
    const db = new Database(path.join(tempDir(), 'a.db'));
    const migrations: Migration[] = [
      { version: 1, name: 'one', sql: 'CREATE TABLE a (x INTEGER);' },
      { version: 2, name: 'two', sql: 'CREATE TABLE b (x INTEGER); INSERT INTO nope VALUES (1);' },
    ];
    expect(() => migrate(db, migrations)).toThrow();
    expect(schemaVersion(db)).toBe(0);
    expect(db.prepare("SELECT count(*) n FROM sqlite_master WHERE name IN ('a','b')").get()).toEqual({ n: 0 });
    db.close();
  });

  it('refuses a database from a newer version with a clear message and changes nothing', () => {
    const file = path.join(tempDir(), 'settle.db');
    const raw = new Database(file);
    raw.exec('CREATE TABLE keep (x TEXT); INSERT INTO keep VALUES (\'data\');');
    raw.pragma('user_version = 9999');
    raw.close();
    let caught: unknown;
    try {
      openDatabase(file);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(AppFailure);
    expect((caught as AppFailure).error.code).toBe('DB_TOO_NEW');
    expect((caught as AppFailure).error.message).toContain('请升级本程序');
    const after = new Database(file);
    expect(after.pragma('user_version', { simple: true })).toBe(9999);
    expect(after.prepare('SELECT x FROM keep').get()).toEqual({ x: 'data' });
    after.close();
  });

  it('numbers migrations strictly: NNN_name.sql, no duplicates, in order', () => {
    const all = loadMigrations();
    expect(all.length).toBeGreaterThan(0);
    for (let i = 1; i < all.length; i++) expect(all[i].version).toBeGreaterThan(all[i - 1].version);
  });
});
