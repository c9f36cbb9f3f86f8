// Every migration gets a test: bring a database to just before it, add data, apply it, and
// check the data is intact and the new schema works. Area-specific checks live in each
// area's own tests; this one guarantees each step applies on top of the previous one with data.
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import Database from 'better-sqlite3';
import { loadMigrations, migrate, schemaVersion } from '../../electron/store/db';
import { tempDir } from './tmp';

const all = loadMigrations();

describe.each(all.map((m) => [m.version, m.name] as const))('migration %i (%s)', (version) => {
  it('applies on top of the previous version without losing settings', () => {
    const db = new Database(path.join(tempDir(), 'm.db'));
    db.pragma('foreign_keys = ON');
    const before = all.filter((m) => m.version < version);
    migrate(db, before);
    if (before.length) {
      db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('probe', '\"kept\"', 'now')").run();
    }
    migrate(db, all.filter((m) => m.version <= version));
    expect(schemaVersion(db)).toBe(version);
    if (before.length) expect(db.prepare("SELECT value FROM settings WHERE key='probe'").get()).toEqual({ value: '"kept"' });
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});

describe('migration 001', () => {
  it('creates settings and store_meta', () => {
    const db = new Database(path.join(tempDir(), 'm.db'));
    migrate(db, all.filter((m) => m.version === 1));
    db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('a', '1', 't')").run();
    db.prepare("INSERT INTO store_meta (key, value) VALUES ('store_id', 'x')").run();
    expect(() => db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('a', '2', 't')").run()).toThrow();
    db.close();
  });
});
