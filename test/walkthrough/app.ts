// The composed app for the walkthrough tests: all areas, the built-in network simulator, the
// window's clock in mid-2020 (the shipped packs), an administrator and a cashier, the demo visits.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { composeApp, type RunningApp } from '../../electron/app/compose';
import type { Session } from '../../electron/api/dispatch';
import { demoVisits } from '../../electron/his/demo/visits';
import type { HisBridge } from '../../electron/his';

export type Caller = (m: string, input?: unknown) => Promise<any>;

export interface WalkApp {
  app: RunningApp;
  admin: Caller;
  cashier: Caller;
  close(): Promise<void>;
}

export async function walkApp(opts: { visits?: boolean } = {}): Promise<WalkApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'walk-'));
  const offset = Date.now() - Date.parse('2020-06-15T01:30:00Z');
  const app = await composeApp({ dataDir, mode: 'test', flags: new Map([['his-port', '0']]), now: () => new Date(Date.now() - offset) });
  const resolve = app.services.sessions;
  const as = (token: string | undefined): Caller => (m, input) =>
    app.dispatcher.dispatch(m, input, { session: token ? resolve(token) : undefined, channel: 'http' }) as Promise<any>;
  const a = await as(undefined)('auth.setupAdmin', { operatorId: 'a01', name: '王管理', password: 'admin-pass-1' });
  const admin = as(a.value.token);
  await admin('operators.create', { id: 'c01', name: '李收款', role: 'cashier', password: 'cash-pass-1' });
  const cashier = as((await as(undefined)('auth.login', { operatorId: 'c01', password: 'cash-pass-1' })).value.token);
  if (opts.visits) {
    const bridge = app.services.his;
    const r = bridge.service.receiveAll(demoVisits(app.ctx.now(), 'W'), 'api');
    if (!r.ok) throw new Error('demo visits refused');
  }
  return {
    app, admin, cashier,
    close: async () => {
      await app.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
