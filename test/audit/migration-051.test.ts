// Migration 051 (audit log): operators written before it are kept; entries appended after it are
// carried across every later migration with their hash chain whole, stay append-only, and the
// chain goes on from its last entry.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { loadMigrations, migrate, schemaVersion } from '../../electron/store/db';
import { AuditLog, GENESIS } from '../../electron/audit/log';

const all = loadMigrations();
const upTo = (v: number) => all.filter((m) => m.version <= v);
const latest = all[all.length - 1]!.version;
let clock = new Date('2020-06-15T02:00:00Z');

describe('migration 051 (audit log)', () => {
  it('keeps the operators before it; its hash-chained entries survive every later migration', () => {
    const db = new Database(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'm051-')), 'settle.db'));
    db.pragma('foreign_keys = ON');
    migrate(db, upTo(50));
    db.prepare(
      "INSERT INTO operators (id, name, role, password_hash, created_at, updated_at) VALUES ('c01', '王收款', 'cashier', 'scrypt$16384$8$1$c2FsdA==$aGFzaA==', 'now', 'now')",
    ).run();
    migrate(db, upTo(51));
    expect(schemaVersion(db)).toBe(51);
    expect(db.prepare('SELECT id, name, role FROM operators').all()).toEqual([{ id: 'c01', name: '王收款', role: 'cashier' }]);

    const log = new AuditLog(db, () => clock);
    const first = log.append({ action: 'auth.login', operatorId: 'c01', channel: 'ipc', summary: '登录' });
    clock = new Date(clock.getTime() + 60_000);
    log.append({ action: 'window.settle', operatorId: 'c01', channel: 'ipc', summary: '结算 S01202006150001 现金 51.50 元' });
    expect(first.prevHash).toBe(GENESIS);

    migrate(db, upTo(latest));
    expect(schemaVersion(db)).toBe(latest);
    const kept = new AuditLog(db, () => clock);
    expect(kept.verify()).toEqual({ ok: true, entries: 2 });
    expect(kept.list({ limit: 10 }).map((e) => [e.seq, e.action, e.summary])).toEqual([
      [2, 'window.settle', '结算 S01202006150001 现金 51.50 元'],
      [1, 'auth.login', '登录'],
    ]);
    expect(() => db.prepare("UPDATE audit_log SET summary = '改过' WHERE seq = 2").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 1').run()).toThrow(/append-only/);
    const third = kept.append({ action: 'auth.logout', operatorId: 'c01', channel: 'ipc', summary: '退出' });
    expect(third.seq).toBe(3);
    expect(kept.verify()).toEqual({ ok: true, entries: 3 });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});
