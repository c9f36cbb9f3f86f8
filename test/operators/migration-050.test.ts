// Migration 050 (operators): a store holding settings before it keeps them; operators written at
// its schema are carried across every later migration: they still log in with their password,
// keep their role, state and failed-login count, and the counter goes on working.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { loadMigrations, migrate, schemaVersion } from '../../electron/store/db';
import { SettingsRepo } from '../../electron/store/settings';
import { OperatorsRepo } from '../../electron/operators/repo';
import { hashPassword, verifyPassword } from '../../electron/operators/password';

const all = loadMigrations();
const upTo = (v: number) => all.filter((m) => m.version <= v);
const latest = all[all.length - 1]!.version;
const AT = new Date('2020-06-15T02:00:00Z');

describe('migration 050 (operators)', () => {
  it('keeps the settings before it; its operators survive every later migration and still log in', async () => {
    const db = new Database(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'm050-')), 'settle.db'));
    db.pragma('foreign_keys = ON');
    migrate(db, upTo(49));
    const settings = new SettingsRepo(db, () => AT);
    settings.set('institution', { code: 'H37030300123', name: '淄博市张店区中埠镇卫生院', terminalNo: '01' });
    migrate(db, upTo(50));
    expect(schemaVersion(db)).toBe(50);
    expect(settings.get('institution')).toMatchObject({ code: 'H37030300123' });

    // Rows as the operators area wrote them at this schema.
    const insert = db.prepare(
      'INSERT INTO operators (id, name, role, password_hash, active, failed_logins, locked_until, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    insert.run('admin', '李管理', 'administrator', await hashPassword('Admin2020x'), 1, 0, null, AT.toISOString(), AT.toISOString());
    insert.run('c01', '王收款', 'cashier', await hashPassword('收款1234'), 1, 2, null, AT.toISOString(), AT.toISOString());
    insert.run('c02', '赵离职', 'cashier', await hashPassword('old-pass-9'), 0, 0, null, AT.toISOString(), AT.toISOString());
    expect(() => insert.run('x', 'x', 'boss', 'h', 1, 0, null, 'now', 'now')).toThrow(/CHECK/);

    migrate(db, upTo(latest));
    expect(schemaVersion(db)).toBe(latest);
    const repo = new OperatorsRepo(db, () => AT);
    const byId = repo.list().sort((a, b) => a.id.localeCompare(b.id));
    expect(byId.map((o) => [o.id, o.name, o.role, o.active, o.failedLogins])).toEqual([
      ['admin', '李管理', 'administrator', true, 0],
      ['c01', '王收款', 'cashier', true, 2],
      ['c02', '赵离职', 'cashier', false, 0],
    ]);
    expect(await verifyPassword('Admin2020x', repo.find('admin')!.passwordHash)).toBe(true);
    expect(await verifyPassword('收款1234', repo.find('c01')!.passwordHash)).toBe(true);
    expect(await verifyPassword('wrong', repo.find('c01')!.passwordHash)).toBe(false);
    // The failed-login count carried across goes on: the third failure (of three allowed) locks.
    expect(repo.beginAttempt('c01', 3, 60_000)).toEqual({ locked: false });
    expect(repo.find('c01')!.lockedUntil).toBe(new Date(AT.getTime() + 60_000).toISOString());
    expect(settings.get('institution')).toMatchObject({ code: 'H37030300123' });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});
