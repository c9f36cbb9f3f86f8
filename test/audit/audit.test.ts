// The audit log: audited calls land in a hash chain; UPDATE/DELETE are refused by triggers; a
// change made by bypassing the triggers is found by `cli audit-verify` (exit 1, entry named).
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { composeApp } from '../../electron/app/compose';
import type { Session } from '../../electron/api/dispatch';
import { entryHash } from '../../electron/audit/log';

const ROOT = path.resolve(__dirname, '..', '..');

function verifyCli(dataDir: string) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'electron/cli/main.ts', 'audit-verify', '--data-dir', dataDir], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  const lines = r.stdout.trim().split('\n');
  return { code: r.status, json: JSON.parse(lines[lines.length - 1]), stderr: r.stderr };
}

async function appWithEntries() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-test-'));
  const app = await composeApp({ dataDir, mode: 'test' });
  const resolve = app.services.sessions;
  const call = (m: string, input?: unknown, token?: string) =>
    app.dispatcher.dispatch(m, input, { session: token ? resolve(token) : undefined, channel: 'http' }) as Promise<any>;
  const admin = await call('auth.setupAdmin', { operatorId: 'admin', name: '管理员', password: 'admin-pass-1' });
  const t = admin.value.token;
  await call('operators.create', { id: 'c01', name: '收款员甲', role: 'cashier', password: 'cash-pass-1' }, t);
  await call('operators.settings.set', { idleMinutes: 10 }, t);
  await call('setup.institution.get', undefined, t); // read-only: not audited
  return { app, call, token: t, dataDir };
}

describe('audit log', () => {
  it('records audited calls in a verifiable chain, newest first in audit.list', async () => {
    const { app, call, token, dataDir } = await appWithEntries();
    const list = await call('audit.list', { limit: 10 }, token);
    expect(list.value.map((e: any) => e.action)).toEqual(['operators.settings.set', 'operators.create', 'auth.setupAdmin']);
    expect(list.value[1]).toMatchObject({ operatorId: 'admin', channel: 'http', summary: '添加操作员 c01（收款员）' });
    expect((await call('audit.verify', undefined, token)).value).toEqual({ ok: true, entries: 3, keyed: true });
    await app.close();
    const r = verifyCli(dataDir);
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ ok: true, entries: 3, keyed: true });
  });

  it('refuses UPDATE and DELETE through its triggers', async () => {
    const { app } = await appWithEntries();
    expect(() => app.ctx.db.prepare("UPDATE audit_log SET summary = 'x' WHERE seq = 1").run()).toThrow(/append-only/);
    expect(() => app.ctx.db.prepare('DELETE FROM audit_log WHERE seq = 3').run()).toThrow(/append-only/);
    await app.close();
  });

  it('detects an edit made by dropping the triggers, naming the entry', async () => {
    const { app, dataDir } = await appWithEntries();
    await app.close();
    const db = new Database(path.join(dataDir, 'settle.db'));
    db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
    db.prepare("UPDATE audit_log SET summary = 'operator created: c01 as administrator' WHERE seq = 2").run();
    db.close();
    const r = verifyCli(dataDir);
    expect(r.code).toBe(1);
    expect(r.json).toMatchObject({ ok: false, brokenAt: 2 });
    expect(r.stderr).toContain('entry 2');
  });

  it('detects a deleted middle entry and an entry re-hashed without the key', async () => {
    const { app, dataDir } = await appWithEntries();
    await app.close();
    const db = new Database(path.join(dataDir, 'settle.db'));
    db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
    const row = db.prepare('SELECT * FROM audit_log WHERE seq = 2').get() as any;
    const forged = { seq: 2, at: row.at, action: row.action, operatorId: row.operator_id, channel: row.channel, summary: 'forged' };
    db.prepare('UPDATE audit_log SET summary = ?, hash = ? WHERE seq = 2').run('forged', entryHash(row.prev_hash, forged));
    db.close();
    // Without the installation's key the forged hash is caught at the entry itself.
    expect(verifyCli(dataDir).json).toMatchObject({ ok: false, brokenAt: 2, reason: expect.stringContaining('keyed hash') });
    const db2 = new Database(path.join(dataDir, 'settle.db'));
    db2.prepare('DELETE FROM audit_log WHERE seq = 2').run();
    db2.close();
    expect(verifyCli(dataDir).json).toMatchObject({ ok: false, brokenAt: 3, reason: expect.stringContaining('sequence') });
  });

  it('exits 2 without a database', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-empty-'));
    const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'electron/cli/main.ts', 'audit-verify', '--data-dir', dir], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(2);
  });
});
