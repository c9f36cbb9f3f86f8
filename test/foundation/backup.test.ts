import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase, databasePath } from '../../electron/store/db';
import { SettingsRepo, ensureStoreMeta } from '../../electron/store/settings';
import { tempDir } from './tmp';

const ROOT = path.resolve(__dirname, '..', '..');

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'electron/cli/main.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  const lines = r.stdout.trim().split('\n');
  return { code: r.status, stderr: r.stderr, last: lines[lines.length - 1] };
}

function makeDataDir(value: string): string {
  const dir = tempDir();
  const db = openDatabase(databasePath(dir));
  ensureStoreMeta(db, () => `store-${value}`, new Date());
  new SettingsRepo(db).set('probe', value);
  db.close();
  return dir;
}

function probe(dir: string): unknown {
  const db = new Database(databasePath(dir), { readonly: true });
  const row = db.prepare("SELECT value FROM settings WHERE key='probe'").get() as { value: string };
  db.close();
  return JSON.parse(row.value);
}

describe('backup and restore commands', () => {
  it('backs up while the database is open and being written, and restores it elsewhere', () => {
    const src = makeDataDir('original');
    const writer = openDatabase(databasePath(src));
    const out = path.join(tempDir(), 'b.db');
    const r = cli('backup', '--data-dir', src, '--out', out);
    writer.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('later', '1', 't')").run();
    writer.close();
    expect(r.code).toBe(0);
    expect(JSON.parse(r.last)).toMatchObject({ ok: true, file: out });

    const target = makeDataDir('to-be-replaced');
    const res = cli('restore', '--data-dir', target, '--from', out);
    expect(res.code).toBe(0);
    const json = JSON.parse(res.last);
    expect(json.staged).toBe(false);
    expect(probe(target)).toBe('original');
    // What was there before is kept aside, not lost.
    expect(fs.existsSync(json.keptAside)).toBe(true);
  });

  it('refuses a file that is not our database, and changes nothing', () => {
    const target = makeDataDir('keep-me');
    const junk = path.join(tempDir(), 'junk.db');
    fs.writeFileSync(junk, 'this is not a database at all');
    const r = cli('restore', '--data-dir', target, '--from', junk);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('不是本程序的数据库备份');
    expect(probe(target)).toBe('keep-me');

    const foreign = path.join(tempDir(), 'foreign.db');
    const f = new Database(foreign);
    f.exec('CREATE TABLE t (x)');
    f.close();
    expect(cli('restore', '--data-dir', target, '--from', foreign).code).toBe(2);
    expect(probe(target)).toBe('keep-me');
  });

  it('refuses a backup from a newer version', () => {
    const src = makeDataDir('newer');
    const db = new Database(databasePath(src));
    db.pragma('user_version = 9999');
    db.close();
    const target = makeDataDir('keep-me');
    const r = cli('restore', '--data-dir', target, '--from', databasePath(src));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('更新版本');
    expect(probe(target)).toBe('keep-me');
  });

  it('stages the restore when the app is running on the data dir', () => {
    const src = makeDataDir('staged');
    const target = makeDataDir('current');
    const out = path.join(tempDir(), 'b.db');
    expect(cli('backup', '--data-dir', src, '--out', out).code).toBe(0);
    // Pretend our own parent (alive, not us) runs the app on the target.
    fs.writeFileSync(path.join(target, 'app.lock'), String(process.pid));
    const r = cli('restore', '--data-dir', target, '--from', out);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.last).staged).toBe(true);
    expect(probe(target)).toBe('current');
    expect(fs.existsSync(path.join(target, 'restore-pending.db'))).toBe(true);
  });
});
