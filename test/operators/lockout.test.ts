// Password checks under attack: the lockout holds against parallel guesses, an unknown operator id
// answers like a wrong password, administrators and technicians need strong passwords, and the
// re-check before a cancellation or a password change counts toward the same lockout.
import { describe, it, expect, afterEach } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { composeApp, type RunningApp } from '../../electron/app/compose';
import type { Session } from '../../electron/api/dispatch';
import { loadMigrations, migrate } from '../../electron/store/db';
import { verifySessionPassword } from '../../electron/operators/reconfirm';
import { hashPassword, strongPasswordProblem } from '../../electron/operators/password';

type Res = { ok: boolean; value?: any; error?: any };
let apps: RunningApp[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const a of apps) await a.close();
  apps = [];
  while (dirs.length) fs.rmSync(dirs.pop()!, { recursive: true, force: true });
});

async function start() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockout-test-'));
  dirs.push(dataDir);
  const app = await composeApp({ dataDir, mode: 'test' });
  apps.push(app);
  const resolve = app.services.sessions;
  const call = (method: string, input?: unknown, token?: string) =>
    app.dispatcher.dispatch(method, input, { session: token ? resolve(token) : undefined, channel: 'http' }) as Promise<Res>;
  const admin = await call('auth.setupAdmin', { operatorId: 'admin', name: '管理员', password: 'admin-pass-1' });
  expect(admin.ok).toBe(true);
  const adminToken = admin.value.token as string;
  expect((await call('operators.create', { id: 'c01', name: '收款员甲', role: 'cashier', password: 'cash-pass-1' }, adminToken)).ok).toBe(true);
  return { app, call, resolve, adminToken };
}

const codes = (rs: Res[]) => rs.map((r) => (r.ok ? 'OK' : r.error.code));

describe('lockout under concurrency', () => {
  it('100 parallel wrong passwords then the right one: refused, and at most five were compared', async () => {
    const { call } = await start();
    const wrong = Array.from({ length: 100 }, (_, i) => call('auth.login', { operatorId: 'c01', password: `wrong-${i}` }));
    const right = call('auth.login', { operatorId: 'c01', password: 'cash-pass-1' });
    const got = codes(await Promise.all([...wrong, right]));
    expect(got[100]).toBe('OPERATOR_LOCKED');
    expect(got.filter((c) => c === 'BAD_LOGIN').length).toBeLessThanOrEqual(5);
    expect(got.filter((c) => c === 'OK')).toEqual([]);
    // Afterwards, too, the right password is refused while the lock lasts.
    expect((await call('auth.login', { operatorId: 'c01', password: 'cash-pass-1' })).error.code).toBe('OPERATOR_LOCKED');
  });

  it('300 parallel wrong passwords with the right one in the middle never log in', async () => {
    const { call } = await start();
    const all = Array.from({ length: 301 }, (_, i) =>
      call('auth.login', { operatorId: 'c01', password: i === 150 ? 'cash-pass-1' : `wrong-${i}` }),
    );
    const got = codes(await Promise.all(all));
    expect(got.filter((c) => c === 'OK')).toEqual([]);
    expect(got.filter((c) => c === 'OPERATOR_LOCKED').length).toBeGreaterThanOrEqual(296);
  });
});

describe('unknown operator and wrong password', () => {
  it('say the same thing, and lock after the same number of tries', async () => {
    const { call } = await start();
    const unknown = await call('auth.login', { operatorId: 'nobody', password: 'cash-pass-1' });
    const wrong = await call('auth.login', { operatorId: 'c01', password: 'cash-pass-9' });
    expect(unknown.error).toEqual(wrong.error);
    expect(unknown.error.message).toBe('操作员编号或密码不正确');
    for (let i = 0; i < 4; i++) {
      await call('auth.login', { operatorId: 'nobody', password: 'x-pass-1' });
      await call('auth.login', { operatorId: 'c01', password: 'x-pass-1' });
    }
    const a = await call('auth.login', { operatorId: 'nobody', password: 'x-pass-1' });
    const b = await call('auth.login', { operatorId: 'c01', password: 'x-pass-1' });
    expect(a.error).toEqual(b.error);
    expect(a.error.code).toBe('OPERATOR_LOCKED');
  });

  it('take as long: an unknown id costs a password hash too', async () => {
    const { call } = await start();
    const time = async (id: string) => {
      const t0 = process.hrtime.bigint();
      await call('auth.login', { operatorId: id, password: 'guess-pass-1' });
      return Number(process.hrtime.bigint() - t0) / 1e6;
    };
    const unknown: number[] = [];
    const wrong: number[] = [];
    for (let i = 0; i < 4; i++) {
      unknown.push(await time(`ghost${i}`));
      wrong.push(await time('c01'));
    }
    // The minimum is robust against a busy machine (noise only adds time).
    expect(Math.min(...unknown)).toBeGreaterThan(Math.min(...wrong) / 3);
  });
});

describe('password strength', () => {
  it('administrators and technicians need a strong password, with a clear Chinese rule', async () => {
    const { call, adminToken } = await start();
    for (const pw of ['123456', '12345678', 'password1', 'abc12345', 'aaaa1111', 'abcdefgh']) {
      const r = await call('operators.create', { id: 't01', name: '技术员', role: 'technician', password: pw }, adminToken);
      expect(r.error?.code, pw).toBe('WEAK_PASSWORD');
      expect(r.error.message).toContain('至少 8 位，须同时包含字母和数字');
    }
    expect(strongPasswordProblem('t01t01t01', 't01t01t01')).toBeDefined();
    expect((await call('operators.create', { id: 't01', name: '技术员', role: 'technician', password: 'tech-pass-7' }, adminToken)).ok).toBe(true);
    // A cashier keeps the basic rule, but cannot be promoted without a strong password.
    expect((await call('operators.create', { id: 'c02', name: '收款员乙', role: 'cashier', password: '654321' }, adminToken)).ok).toBe(true);
    const promote = await call('operators.update', { id: 'c02', role: 'administrator' }, adminToken);
    expect(promote.error.code).toBe('WEAK_PASSWORD');
    expect((await call('operators.update', { id: 'c02', role: 'administrator', password: '123456' }, adminToken)).error.code).toBe('WEAK_PASSWORD');
    expect((await call('operators.update', { id: 'c02', role: 'administrator', password: 'boss-pass-2' }, adminToken)).ok).toBe(true);
    // A cashier whose password happens to be strong is learnt at login and promoted as is.
    expect((await call('auth.login', { operatorId: 'c01', password: 'cash-pass-1' })).ok).toBe(true);
    expect((await call('operators.update', { id: 'c01', role: 'technician' }, adminToken)).ok).toBe(true);
  });

  it('an administrator whose password predates the strong rule must change it before anything else', async () => {
    const { app, call, adminToken } = await start();
    // As an old build left it: an administrator with 123456, not known to be strong.
    app.ctx.db.prepare("UPDATE operators SET password_hash = ?, password_strong = 0 WHERE id = 'admin'").run(await hashPassword('123456'));
    await call('auth.logout', undefined, adminToken);
    const login = await call('auth.login', { operatorId: 'admin', password: '123456' });
    expect(login.ok).toBe(true);
    expect(login.value.session).toMatchObject({ operatorId: 'admin', mustChangePassword: true });
    const t = login.value.token as string;
    const held = await call('operators.list', undefined, t);
    expect(held.error).toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED' });
    expect(held.error.message).toContain('请先修改密码');
    expect((await call('auth.state', undefined, t)).value.session.mustChangePassword).toBe(true);
    expect((await call('auth.changePassword', { oldPassword: '123456', newPassword: '1234567' }, t)).error.code).toBe('WEAK_PASSWORD');
    expect((await call('auth.changePassword', { oldPassword: '123456', newPassword: 'boss-pass-9' }, t)).ok).toBe(true);
    expect((await call('operators.list', undefined, t)).ok).toBe(true);
    expect((await call('auth.state', undefined, t)).value.session.mustChangePassword).toBeUndefined();
    // A cashier's basic password is not held.
    const cashier = await call('auth.login', { operatorId: 'c01', password: 'cash-pass-1' });
    expect(cashier.value.session.mustChangePassword).toBeUndefined();
  });

  it('the first administrator cannot be 123456', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockout-test-'));
    dirs.push(dataDir);
    const app = await composeApp({ dataDir, mode: 'test' });
    apps.push(app);
    const r = (await app.dispatcher.dispatch('auth.setupAdmin', { operatorId: 'admin', name: '管理员', password: '123456' }, { channel: 'http' })) as Res;
    expect(r.error.code).toBe('WEAK_PASSWORD');
  });
});

describe('password re-checks count failures', () => {
  it('wrong old passwords in a password change lock the operator and end their sessions', async () => {
    const { call, resolve } = await start();
    const s = await call('auth.login', { operatorId: 'c01', password: 'cash-pass-1' });
    const token = s.value.token as string;
    for (let i = 0; i < 5; i++) {
      const r = await call('auth.changePassword', { oldPassword: `nope-${i}`, newPassword: 'cash-pass-2' }, token);
      expect(r.error.code).toBe('BAD_CONFIRMATION');
    }
    expect(resolve(token)).toBeUndefined();
    expect((await call('auth.login', { operatorId: 'c01', password: 'cash-pass-1' })).error.code).toBe('OPERATOR_LOCKED');
  });

  it('verifySessionPassword (for cancel paths) counts failures, and parallel re-checks cannot outrun the lock', async () => {
    const { app, call, resolve } = await start();
    const s = await call('auth.login', { operatorId: 'c01', password: 'cash-pass-1' });
    const session = resolve(s.value.token)!;
    await expect(verifySessionPassword(app.services.operators, session, 'cash-pass-1')).resolves.toBeUndefined();
    const tries = Array.from({ length: 50 }, (_, i) => verifySessionPassword(app.services.operators, session, `bad-${i}`).then(() => 'OK', (e) => e.error.code));
    const right = verifySessionPassword(app.services.operators, session, 'cash-pass-1').then(() => 'OK', (e) => e.error.code);
    const got = await Promise.all([...tries, right]);
    expect(got[50]).toBe('OPERATOR_LOCKED');
    expect(got.filter((c) => c === 'BAD_CONFIRMATION').length).toBeLessThanOrEqual(5);
    await expect(verifySessionPassword(app.services.operators, undefined, 'cash-pass-1')).rejects.toMatchObject({ error: { code: 'BAD_CONFIRMATION' } });
  });
});

describe('migration 060', () => {
  it('keeps operators and marks their passwords as not known to be strong', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockout-mig-'));
    dirs.push(dir);
    const db = new Database(path.join(dir, 'm.db'));
    const all = loadMigrations();
    migrate(db, all.filter((m) => m.version < 60));
    db.prepare("INSERT INTO operators (id, name, role, password_hash, active, failed_logins, created_at, updated_at) VALUES ('a1', '甲', 'administrator', 'scrypt$1$1$1$x$y', 1, 2, 't', 't')").run();
    migrate(db, all.filter((m) => m.version <= 60));
    expect(db.prepare('SELECT id, name, role, password_hash, failed_logins, password_strong FROM operators').all()).toEqual([
      { id: 'a1', name: '甲', role: 'administrator', password_hash: 'scrypt$1$1$1$x$y', failed_logins: 2, password_strong: 0 },
    ]);
    expect(() => db.prepare("UPDATE operators SET password_strong = 2 WHERE id = 'a1'").run()).toThrow();
    db.close();
  });
});
