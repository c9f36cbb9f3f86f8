// The database is checked when opened (quick_check) and daily; a damaged one is said plainly with
// the offer of the last good backup; automatic daily backups go to the chosen folder and are kept
// for the days set; the database and backups are readable by the user only.
import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { composeApp, type RunningApp } from '../../electron/app/compose';
import { createAppContext } from '../../electron/platform/context';
import { databasePath, openDatabase, type Db } from '../../electron/store/db';
import { backupTo, restoreInto } from '../../electron/store/backup';
import { DbCorruptFailure } from '../../electron/store/recovery';
import type { Session } from '../../electron/api/dispatch';
import { tempDir } from './tmp';

const tech: Session = { token: 't', operatorId: 'tech', operatorName: '技术员', role: 'technician' };
let apps: RunningApp[] = [];
afterEach(async () => {
  for (const a of apps) await a.close();
  apps = [];
});

/** Fills a table over many pages, checkpoints, and overwrites five pages in the middle of the file. */
function damage(db: Db, file: string): void {
  db.exec('CREATE TABLE IF NOT EXISTS junk (id INTEGER PRIMARY KEY, t TEXT)');
  const ins = db.prepare('INSERT INTO junk (t) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < 3000; i++) ins.run('x'.repeat(200) + i);
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  const pages = fs.statSync(file).size / 4096;
  const fd = fs.openSync(file, 'r+');
  for (let p = Math.floor(pages / 2); p < Math.floor(pages / 2) + 5; p++) fs.writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, p * 4096);
  fs.closeSync(fd);
  db.pragma('shrink_memory');
}

function mode(file: string): number {
  return fs.statSync(file).mode & 0o777;
}

describe('quick_check when opened', () => {
  it('a damaged database is refused before anything is written, with the last good backup offered', async () => {
    const dataDir = tempDir();
    const file = databasePath(dataDir);
    const first = createAppContext({ dataDir, mode: 'test' });
    await backupTo(first.db, path.join(dataDir, 'backups', 'good.db'));
    fs.writeFileSync(path.join(dataDir, 'backups', 'broken.db'), 'not a database'); // newer, but no good
    damage(first.db, file);
    await first.close();
    const before = fs.readFileSync(file);
    let err: unknown;
    try {
      createAppContext({ dataDir, mode: 'test' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DbCorruptFailure);
    const f = err as DbCorruptFailure;
    expect(f.error.code).toBe('DB_CORRUPT');
    expect(f.backup?.file).toBe(path.join(dataDir, 'backups', 'good.db'));
    expect(f.error.message).toContain('数据库文件已损坏，无法打开');
    expect(f.error.message).toContain(`最近一份完好的备份是 ${path.join(dataDir, 'backups', 'good.db')}`);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    // The offer works: restoring keeps the damaged file aside and the app opens again.
    const r = restoreInto(dataDir, f.backup!.file);
    expect(r.keptAside && fs.existsSync(r.keptAside)).toBe(true);
    const ctx = createAppContext({ dataDir, mode: 'test' });
    await ctx.close();
  });

  it('without any good backup it says so', () => {
    const dataDir = tempDir();
    const file = databasePath(dataDir);
    const db = openDatabase(file);
    damage(db, file);
    db.close();
    expect(() => createAppContext({ dataDir, mode: 'test' })).toThrow(DbCorruptFailure);
    try {
      createAppContext({ dataDir, mode: 'test' });
    } catch (e) {
      expect((e as DbCorruptFailure).error.message).toContain('没有找到完好的备份');
    }
  });
});

describe('daily check and automatic backups', () => {
  async function start() {
    const dataDir = tempDir();
    const clock = { t: Date.parse('2026-03-10T01:00:00Z') };
    const app = await composeApp({ dataDir, mode: 'test', now: () => new Date(clock.t) });
    apps.push(app);
    const call = (m: string, input?: unknown) => app.dispatcher.dispatch(m, input, { session: tech, channel: 'http' }) as Promise<any>;
    return { app, call, clock, dataDir };
  }

  it('backs up once a day into the chosen folder, 0600 in a 0700 folder, and keeps only the days set', async () => {
    const { app, call, clock, dataDir } = await start();
    const folder = path.join(tempDir(), 'usb', 'settle-backups');
    expect((await call('setup.autoBackup.set', { enabled: true, folder: 'relative/path', keepDays: 3 })).error.field).toBe('folder');
    expect((await call('setup.autoBackup.set', { enabled: true, folder: path.join(dataDir, 'his-drop'), keepDays: 3 })).error.message).toContain('HIS 接收文件夹');
    const set = await call('setup.autoBackup.set', { enabled: true, folder, keepDays: 3 });
    expect(set.value).toMatchObject({ enabled: true, folder, keepDays: 3 });
    fs.writeFileSync(path.join(folder, 'auto-20260301-080000.db'), 'old');
    fs.writeFileSync(path.join(folder, 'auto-20260301-080000.db.anchor.json'), '{}');
    fs.writeFileSync(path.join(folder, 'auto-20260308-080000.db'), 'kept: within 3 days');
    fs.writeFileSync(path.join(folder, 'my-own.db'), 'not ours to remove');
    const first = await call('setup.dbCheck');
    expect(first.value.last).toMatchObject({ day: '2026-03-10', checkOk: true });
    const made = first.value.last.backupFile as string;
    expect(path.basename(made)).toBe('auto-20260310-090000.db');
    if (process.platform !== 'win32') {
      expect(mode(made)).toBe(0o600);
      expect(mode(folder)).toBe(0o700);
      expect(mode(databasePath(dataDir))).toBe(0o600);
      expect(mode(dataDir)).toBe(0o700);
    }
    // The old backup went with its side file; the new one has its audit anchor beside it.
    expect(fs.readdirSync(folder).sort()).toEqual(['auto-20260308-080000.db', 'auto-20260310-090000.db', 'auto-20260310-090000.db.anchor.json', 'my-own.db']);
    // Same day: nothing new; next day: a new backup.
    clock.t += 3 * 3600_000;
    await app.services.foundation.dailyCare();
    expect(fs.readdirSync(folder).filter((n) => /^auto-.*\.db$/.test(n))).toHaveLength(2);
    clock.t += 24 * 3600_000;
    const next = await app.services.foundation.dailyCare();
    expect(next.day).toBe('2026-03-11');
    expect(fs.existsSync(next.backupFile!)).toBe(true);
    expect(fs.readdirSync(folder).filter((n) => /^auto-.*\.db$/.test(n)).sort()).toEqual(['auto-20260310-090000.db', 'auto-20260311-120000.db']);
    const list = await call('setup.backups');
    expect(list.value.map((b: { file: string }) => b.file)).toContain(next.backupFile);
    expect((await call('app.health')).value.problems).toEqual([]);
  });

  it('a database damaged while running is found by the daily check and shown plainly with the backup offer', async () => {
    const { app, call, dataDir } = await start();
    const good = (await call('setup.backup')).value.file as string;
    if (process.platform !== 'win32') expect(mode(good)).toBe(0o600);
    damage(app.ctx.db, databasePath(dataDir));
    await app.services.foundation.dailyCare(true);
    const problems = (await app.dispatcher.dispatch('app.health', undefined, { channel: 'http' })) as any;
    expect(problems.value.problems).toHaveLength(1);
    expect(problems.value.problems[0].code).toBe('DB_CORRUPT');
    expect(problems.value.problems[0].message).toContain('数据库检查发现文件已损坏，请立即停止收费');
    expect(problems.value.problems[0].message).toContain(good);
  });
});
