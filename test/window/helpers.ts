// A composed app for the window's tests: real dispatcher, the built-in network simulator, the
// demo HIS visits, operators (an administrator and two cashiers), the app's clock in mid-2020
// (the shipped policy packs are those of 2020).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { composeApp, type RunningApp } from '../../electron/app/compose';
import type { AppServices } from '../../electron/app/areas';
import type { Session } from '../../electron/api/dispatch';
import { demoVisits } from '../../electron/his/demo/visits';
import type { HisBridge } from '../../electron/his';

export type Caller = (m: string, input?: unknown) => Promise<any>;

export interface WindowTestApp {
  app: RunningApp;
  dataDir: string;
  /** c01, c02 (cashiers) and admin. */
  c01: Caller;
  c02: Caller;
  admin: Caller;
  bridge: HisBridge;
  services: AppServices;
}

export const CLOCK_OFFSET_MS = Date.now() - Date.parse('2020-06-15T01:30:00Z');

export async function windowTestApp(o: { dataDir?: string; tag?: string; flags?: [string, string][] } = {}): Promise<WindowTestApp> {
  const dataDir = o.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'window-test-'));
  const fresh = !fs.existsSync(path.join(dataDir, 'settle.db'));
  const app = await composeApp({
    dataDir, mode: 'test', flags: new Map([['his-port', '0'], ...(o.flags ?? [])]), now: () => new Date(Date.now() - CLOCK_OFFSET_MS),
  });
  const resolve = app.services.sessions;
  const raw = (m: string, input?: unknown, token?: string) =>
    app.dispatcher.dispatch(m, input, { session: token ? resolve(token) : undefined, channel: 'http' }) as Promise<any>;
  if (fresh) {
    const a = await raw('auth.setupAdmin', { operatorId: 'admin', name: '王管理', password: 'admin-pass-1' });
    expect(a.ok, JSON.stringify(a.error)).toBe(true);
    await raw('operators.create', { id: 'c01', name: '李收款', role: 'cashier', password: 'cash-pass-1' }, a.value.token);
    await raw('operators.create', { id: 'c02', name: '赵收款', role: 'cashier', password: 'cash-pass-2' }, a.value.token);
  }
  const login = async (id: string, password: string) => {
    const r = await raw('auth.login', { operatorId: id, password });
    expect(r.ok, JSON.stringify(r.error)).toBe(true);
    const token = r.value.token as string;
    return (m: string, input?: unknown) => raw(m, input, token);
  };
  const bridge = app.services.his;
  if (o.tag) expect(bridge.service.receiveAll(demoVisits(app.ctx.now(), o.tag), 'api').ok).toBe(true);
  return {
    app, dataDir, bridge,
    c01: await login('c01', 'cash-pass-1'),
    c02: await login('c02', 'cash-pass-2'),
    admin: await login('admin', 'admin-pass-1'),
    services: app.services,
  };
}

export function ok<T = any>(res: { ok: boolean; value?: T; error?: unknown }): T {
  expect(res.ok, JSON.stringify(res.error)).toBe(true);
  return res.value as T;
}

/** Identifies the demo person `key` with the simulated reader; returns the person view (with its ticket). */
export async function identify(call: Caller, key: string): Promise<any> {
  ok(await call('window.demo.insertCard', { personKey: key }));
  return ok(await call('window.identify', { via: 'reader' }));
}

/** The waiting HIS visit of the identified person of the given type. */
export async function visitOf(call: Caller, ticket: string, type: string): Promise<any> {
  const visits = ok<any[]>(await call('window.visits', { ticket }));
  const v = visits.find((x) => x.visitType === type);
  expect(v, `a waiting ${type} visit`).toBeDefined();
  return v;
}

/** Pays a pre-settlement in cash (a round amount above what is due). */
export function cash(pre: { ticket?: string; preId: string; patientDue: string }, ticket: string) {
  return { ticket, preId: pre.preId, accountPay: '0.00', payment: { kind: 'cash', tendered: (Math.ceil(Number(pre.patientDue)) + 10).toFixed(2) } };
}
