// Operators and sessions through the real dispatcher on a real SQLite file.
import { describe, it, expect, afterEach } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { composeApp, type RunningApp } from '../../electron/app/compose';
import type { Session } from '../../electron/api/dispatch';
import { hashPassword, verifyPassword } from '../../electron/operators/password';

let apps: RunningApp[] = [];
afterEach(async () => {
  for (const a of apps) await a.close();
  apps = [];
});

async function start(clock?: { t: number }) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ops-test-'));
  const app = await composeApp({ dataDir, mode: 'test', now: clock ? () => new Date(clock.t) : undefined });
  apps.push(app);
  const resolve = app.services.sessions;
  const call = async (method: string, input?: unknown, token?: string) => {
    const session = token ? resolve(token) : undefined;
    return app.dispatcher.dispatch(method, input, { session, channel: 'http' }) as Promise<{ ok: boolean; value?: any; error?: any }>;
  };
  return { app, call, resolve, dataDir };
}

describe('passwords', () => {
  it('hashes with scrypt and verifies only the right password', async () => {
    const h = await hashPassword('秘密pass1');
    expect(h.startsWith('scrypt$16384$8$1$')).toBe(true);
    expect(await verifyPassword('秘密pass1', h)).toBe(true);
    expect(await verifyPassword('秘密pass2', h)).toBe(false);
    expect(await hashPassword('秘密pass1')).not.toBe(h);
  });
});

describe('first start and login', () => {
  it('offers administrator creation once, then login with roles enforced', async () => {
    const { call } = await start();
    expect((await call('auth.state')).value).toMatchObject({ hasOperators: false, idleMinutes: 15 });
    expect((await call('operators.list')).error.code).toBe('NOT_LOGGED_IN');
    const weak = await call('auth.setupAdmin', { operatorId: 'admin', name: '管理员', password: '123' });
    expect(weak.error.code).toBe('WEAK_PASSWORD');
    const admin = await call('auth.setupAdmin', { operatorId: 'admin', name: '管理员', password: 'admin-pass-1' });
    expect(admin.ok).toBe(true);
    const again = await call('auth.setupAdmin', { operatorId: 'evil', name: '坏人', password: 'evil-pass-1' });
    expect(again.error.code).toBe('ALREADY_SET_UP');
    const adminToken = admin.value.token as string;
    expect((await call('auth.state', undefined, adminToken)).value.session).toMatchObject({ operatorId: 'admin', role: 'administrator' });
    const created = await call('operators.create', { id: 'c01', name: '收款员甲', role: 'cashier', password: 'cash-pass-1' }, adminToken);
    expect(created.value).toMatchObject({ id: 'c01', role: 'cashier', active: true });
    expect((await call('operators.create', { id: 'c01', name: 'x', role: 'cashier', password: 'cash-pass-1' }, adminToken)).error.code).toBe('OPERATOR_EXISTS');
    const bad = await call('auth.login', { operatorId: 'c01', password: 'wrong-pass' });
    expect(bad.error.code).toBe('BAD_LOGIN');
    const cashier = await call('auth.login', { operatorId: 'c01', password: 'cash-pass-1' });
    expect(cashier.value.session).toEqual({ operatorId: 'c01', operatorName: '收款员甲', role: 'cashier' });
    expect((await call('operators.list', undefined, cashier.value.token)).error.code).toBe('FORBIDDEN');
    expect((await call('operators.settings.set', { idleMinutes: 5 }, cashier.value.token)).error.code).toBe('FORBIDDEN');
  });

  it('locks an operator after five wrong passwords, and a deactivated operator cannot log in', async () => {
    const { call } = await start();
    const admin = await call('auth.setupAdmin', { operatorId: 'admin', name: '管理员', password: 'admin-pass-1' });
    await call('operators.create', { id: 'c02', name: '收款员乙', role: 'cashier', password: 'cash-pass-2' }, admin.value.token);
    for (let i = 0; i < 5; i++) await call('auth.login', { operatorId: 'c02', password: 'nope-nope' });
    expect((await call('auth.login', { operatorId: 'c02', password: 'cash-pass-2' })).error.code).toBe('OPERATOR_LOCKED');
    await call('operators.update', { id: 'c02', password: 'cash-pass-3' }, admin.value.token);
    const s = await call('auth.login', { operatorId: 'c02', password: 'cash-pass-3' });
    expect(s.ok).toBe(true);
    await call('operators.update', { id: 'c02', active: false }, admin.value.token);
    expect((await call('auth.state', undefined, s.value.token)).value.session).toBeUndefined();
    expect((await call('auth.login', { operatorId: 'c02', password: 'cash-pass-3' })).error.code).toBe('OPERATOR_INACTIVE');
    const last = await call('operators.update', { id: 'admin', role: 'cashier' }, admin.value.token);
    expect(last.error.code).toBe('LAST_ADMIN');
  });

  it('expires a session after the idle limit, and activity keeps it alive', async () => {
    const clock = { t: Date.parse('2024-05-01T08:00:00Z') };
    const { call, resolve } = await start(clock);
    const admin = await call('auth.setupAdmin', { operatorId: 'admin', name: '管理员', password: 'admin-pass-1' });
    const token = admin.value.token as string;
    expect((await call('operators.settings.set', { idleMinutes: 2 }, token)).value).toEqual({ idleMinutes: 2 });
    clock.t += 100_000;
    expect(resolve(token)).toBeDefined();
    clock.t += 100_000;
    expect(resolve(token)).toBeDefined();
    clock.t += 121_000;
    expect(resolve(token)).toBeUndefined();
    expect((await call('operators.list', undefined, token)).error.code).toBe('NOT_LOGGED_IN');
  });

  it('tokens are opaque and random; logout ends the session', async () => {
    const { call, resolve } = await start();
    const a = await call('auth.setupAdmin', { operatorId: 'admin', name: '管理员', password: 'admin-pass-1' });
    const b = await call('auth.login', { operatorId: 'admin', password: 'admin-pass-1' });
    expect(a.value.token).not.toBe(b.value.token);
    expect(a.value.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    await call('auth.logout', undefined, a.value.token);
    expect(resolve(a.value.token)).toBeUndefined();
    expect(resolve(b.value.token)).toBeDefined();
  });
});
