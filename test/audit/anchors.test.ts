// The audit log is keyed (HMAC with a per-installation key kept outside the database file) and
// anchored outside its table (the head file, an anchor next to every backup, the day's summary):
// a chain recomputed without the key, a chain recomputed with it, and a cut-off tail are all
// reported by audit.verify and `cli audit-verify`.
import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { composeApp } from '../../electron/app/compose';
import type { Session } from '../../electron/api/dispatch';
import { AuditLog, GENESIS, entryHash } from '../../electron/audit/log';
import { auditKeyPath, readAuditKey, setSecretProtector } from '../../electron/audit/key';
import { loadMigrations, migrate } from '../../electron/store/db';

const ROOT = path.resolve(__dirname, '..', '..');

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'electron/cli/main.ts', 'audit-verify', ...args], { cwd: ROOT, encoding: 'utf8' });
  const lines = r.stdout.trim().split('\n');
  return { code: r.status, json: JSON.parse(lines[lines.length - 1] || '{}'), stderr: r.stderr };
}

afterEach(() => setSecretProtector(undefined));

async function appWithEntries(opts: { backup?: boolean } = {}) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-anchor-'));
  const app = await composeApp({ dataDir, mode: 'test' });
  const resolve = app.services.sessions;
  const call = (m: string, input?: unknown, token?: string) => app.dispatcher.dispatch(m, input, { session: token ? resolve(token) : undefined, channel: 'http' }) as Promise<any>;
  const admin = await call('auth.setupAdmin', { operatorId: 'admin', name: '管理员', password: 'admin-pass-1' });
  const t = admin.value.token as string;
  await call('operators.create', { id: 'c01', name: '收款员甲', role: 'cashier', password: 'cash-pass-1' }, t);
  await call('operators.create', { id: 't01', name: '技术员甲', role: 'technician', password: 'tech-pass-1' }, t);
  if (opts.backup) expect((await call('setup.backup', undefined, t)).ok).toBe(true);
  await call('operators.settings.set', { idleMinutes: 10 }, t);
  await call('operators.settings.set', { idleMinutes: 12 }, t);
  return { app, call, token: t, dataDir };
}

/** An insider with the database file alone: triggers dropped, rows changed at will. */
function tamper(dataDir: string, fn: (db: Database.Database) => void): void {
  const db = new Database(path.join(dataDir, 'settle.db'));
  db.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;');
  fn(db);
  db.close();
}

/** Rewrites entry `seq`'s summary and recomputes every hash after it, with `key` or plain SHA-256. */
function recompute(db: Database.Database, seq: number, summary: string, key?: Buffer, alg?: string): void {
  const rows = db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as any[];
  let prev = GENESIS;
  for (const r of rows) {
    if (r.seq < seq) {
      prev = r.hash;
      continue;
    }
    const e = { seq: r.seq, at: r.at, action: r.action, operatorId: r.operator_id, channel: r.channel, summary: r.seq === seq ? summary : r.summary };
    const hash = entryHash(prev, e, key);
    db.prepare('UPDATE audit_log SET summary = ?, prev_hash = ?, hash = ?, alg = ? WHERE seq = ?').run(e.summary, prev, hash, alg ?? r.alg, r.seq);
    prev = hash;
  }
}

describe('the key', () => {
  it('is made on first start, outside the database, readable by the user only; entries are keyed', async () => {
    const { app, dataDir } = await appWithEntries();
    const file = auditKeyPath(dataDir);
    expect(fs.existsSync(file)).toBe(true);
    if (process.platform !== 'win32') {
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    }
    const algs = app.ctx.db.prepare('SELECT DISTINCT alg FROM audit_log').all();
    expect(algs).toEqual([{ alg: 'hmac-sha256' }]);
    const key = readAuditKey(dataDir);
    expect(key.state === 'ok' && key.key.since).toBe(1);
    expect(fs.readFileSync(path.join(dataDir, 'settle.db')).includes((key as any).key.key)).toBe(false);
    await app.close();
  });

  it('a chain recomputed without the key is refused, whether it claims to be keyed or not', async () => {
    const { app, dataDir } = await appWithEntries();
    await app.close();
    tamper(dataDir, (db) => recompute(db, 2, '添加操作员 c01（管理员）'));
    expect(cli('--data-dir', dataDir).json).toMatchObject({ ok: false, brokenAt: 2, reason: expect.stringContaining('keyed hash') });
    tamper(dataDir, (db) => recompute(db, 2, '添加操作员 c01（管理员）', undefined, 'sha256'));
    const r = cli('--data-dir', dataDir);
    expect(r.code).toBe(1);
    expect(r.json).toMatchObject({ ok: false, brokenAt: 2, reason: expect.stringContaining('not keyed') });
  });
});

describe('anchors outside the table', () => {
  it('a chain recomputed even with the key differs from the anchors of the head file and the backup', async () => {
    const { app, dataDir } = await appWithEntries({ backup: true });
    await app.close();
    const key = readAuditKey(dataDir);
    if (key.state !== 'ok') throw new Error('no key');
    const anchors = fs.readdirSync(path.join(dataDir, 'backups')).filter((n) => n.endsWith('.anchor.json'));
    expect(anchors).toHaveLength(1);
    tamper(dataDir, (db) => recompute(db, 2, '添加操作员 c01（管理员）', key.key.key));
    const r = cli('--data-dir', dataDir);
    expect(r.code).toBe(1);
    expect(r.json).toMatchObject({ ok: false, rewritten: { at: 6 }, brokenAt: 6 });
    expect(r.json.rewritten.source).toContain('head file');
    expect(r.stderr).toContain('改写后重新计算');
    // Without the head file the backup's anchor (taken at entry 3, before the backup's own entry) still tells.
    fs.rmSync(path.join(dataDir, 'keys', 'audit-head.json'));
    expect(cli('--data-dir', dataDir).json).toMatchObject({ ok: false, rewritten: { at: 3 } });
  });

  it('a cut-off tail is reported as truncated', async () => {
    const { app, dataDir } = await appWithEntries({ backup: true });
    await app.close();
    expect(cli('--data-dir', dataDir)).toMatchObject({ code: 0, json: { ok: true, entries: 6, anchors: 2 } });
    tamper(dataDir, (db) => db.prepare('DELETE FROM audit_log WHERE seq > 3').run());
    const r = cli('--data-dir', dataDir);
    expect(r.code).toBe(1);
    expect(r.json).toMatchObject({ ok: false, entries: 3, truncated: { anchored: 6, found: 3 } });
    expect(r.stderr).toContain('被截短');
    // In the app too
    const again = await composeApp({ dataDir, mode: 'test' });
    const v = again.dispatcher.dispatch('audit.verify', undefined, { channel: 'http', session: { token: 't', operatorId: 't01', operatorName: 't', role: 'technician' } });
    expect((await v as any).value).toMatchObject({ ok: false, truncated: { anchored: 6 } });
    await again.close();
  });

  it('the command-line backup writes its anchor beside the file; a cut-off tail is caught by it alone', async () => {
    const { app, dataDir } = await appWithEntries();
    await app.close();
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-cli-backup-'));
    const out = path.join(outDir, 'b.db');
    const b = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'electron/cli/main.ts', 'backup', '--data-dir', dataDir, '--out', out], { cwd: ROOT, encoding: 'utf8' });
    expect(b.status).toBe(0);
    expect(JSON.parse(b.stdout.trim().split('\n').pop()!)).toMatchObject({ ok: true, auditAnchor: true });
    const anchor = JSON.parse(fs.readFileSync(`${out}.anchor.json`, 'utf8'));
    expect(anchor).toMatchObject({ kind: 'settle-window-audit-anchor', count: 5 });
    expect(anchor.mac).toMatch(/^[0-9a-f]{64}$/);
    // An insider cuts the tail and removes the head file: the backup's anchor still tells.
    tamper(dataDir, (db) => db.prepare('DELETE FROM audit_log WHERE seq > 2').run());
    fs.rmSync(path.join(dataDir, 'keys', 'audit-head.json'));
    expect(cli('--data-dir', dataDir).json).toMatchObject({ ok: true, entries: 2 });
    const r = cli('--data-dir', dataDir, '--anchors-dir', outDir);
    expect(r.code).toBe(1);
    expect(r.json).toMatchObject({ ok: false, truncated: { anchored: 5, found: 2 } });
  });

  it('the day summary shows the anchor, and the CLI holds the log against one written down', async () => {
    const { app, call, token, dataDir } = await appWithEntries();
    await call('operators.update', { id: 'c01', name: '收款员乙' }, token);
    const cashier = await call('auth.login', { operatorId: 'c01', password: 'cash-pass-1' });
    const sum = await call('window.summary', {}, cashier.value.token);
    expect(sum.value.audit.count).toBeGreaterThanOrEqual(6);
    expect(sum.value.audit.head).toMatch(/^[0-9a-f]{16}$/);
    const sheet = await call('window.daySheet', {}, cashier.value.token);
    expect(sheet.value.html).toContain(sum.value.audit.head);
    await app.close();
    const written = `${sum.value.audit.count}:${sum.value.audit.head}`;
    expect(cli('--data-dir', dataDir, '--anchor', written).json.ok).toBe(true);
    const key = readAuditKey(dataDir);
    tamper(dataDir, (db) => recompute(db, 3, 'x', key.state === 'ok' ? key.key.key : undefined));
    fs.rmSync(path.join(dataDir, 'keys', 'audit-head.json'));
    expect(cli('--data-dir', dataDir, '--anchor', written).json).toMatchObject({ ok: false, rewritten: { at: sum.value.audit.count } });
    expect(cli('--data-dir', dataDir, '--anchor', 'nonsense').code).toBe(2);
  });
});

describe('sealed by the operating system (Electron safeStorage)', () => {
  it('keeps only the sealed key in the file; the CLI without it still checks chain and anchors', async () => {
    const seal = crypto.randomBytes(32);
    const xor = (b: Buffer) => Buffer.from(b.map((x, i) => x ^ seal[i % 32]));
    setSecretProtector({ encrypt: xor, decrypt: xor });
    const { app, dataDir } = await appWithEntries();
    const raw = JSON.parse(fs.readFileSync(auditKeyPath(dataDir), 'utf8'));
    expect(raw.protection).toBe('safeStorage');
    const key = readAuditKey(dataDir);
    expect(key.state).toBe('ok');
    expect(raw.data).not.toContain((key as any).key.key.toString('base64'));
    await app.close();
    setSecretProtector(undefined);
    const r = cli('--data-dir', dataDir);
    expect(r.json).toMatchObject({ ok: true, entries: 5, keyed: false });
    expect(r.stderr).toContain('密钥由桌面程序保管');
    tamper(dataDir, (db) => db.prepare('DELETE FROM audit_log WHERE seq = 5').run());
    expect(cli('--data-dir', dataDir).json).toMatchObject({ ok: false, truncated: { anchored: 5, found: 4 } });
  });
});

describe('migration 061', () => {
  it('carries entries written before it (unkeyed), and the chain goes on keyed from there', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'm061-'));
    const db = new Database(path.join(dir, 'settle.db'));
    const all = loadMigrations();
    migrate(db, all.filter((m) => m.version < 61));
    const clock = () => new Date('2020-06-15T02:00:00Z');
    const old = new AuditLog(db, clock);
    old.append({ action: 'auth.login', operatorId: 'c01', channel: 'ipc', summary: '登录' });
    old.append({ action: 'window.settle', operatorId: 'c01', channel: 'ipc', summary: '结算' });
    migrate(db, all.filter((m) => m.version <= 61));
    expect(db.prepare('SELECT seq, alg FROM audit_log ORDER BY seq').all()).toEqual([{ seq: 1, alg: 'sha256' }, { seq: 2, alg: 'sha256' }]);
    const key = { key: crypto.randomBytes(32), since: 3 };
    const keyed = new AuditLog(db, clock, key);
    expect(keyed.append({ action: 'auth.logout', operatorId: 'c01', channel: 'ipc', summary: '退出' }).alg).toBe('hmac-sha256');
    expect(keyed.verify()).toEqual({ ok: true, entries: 3, keyed: true });
    expect(() => db.prepare("INSERT INTO audit_log (seq, at, action, channel, summary, prev_hash, hash, alg) VALUES (9, 't', 'a', 'c', 's', 'p', 'h', 'md5')").run()).toThrow();
    // An unkeyed entry after the key's start is a rewrite, even with no keyed entry before it.
    db.exec('DROP TRIGGER audit_log_no_delete; DROP TRIGGER audit_log_no_update;');
    db.prepare('DELETE FROM audit_log WHERE seq = 3').run();
    new AuditLog(db, clock).append({ action: 'auth.logout', operatorId: 'c01', channel: 'ipc', summary: '退出' });
    expect(keyed.verify()).toMatchObject({ ok: false, brokenAt: 3, reason: expect.stringContaining('not keyed') });
    db.close();
  });
});
