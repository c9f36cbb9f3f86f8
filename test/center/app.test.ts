// The app with `--center URL`: two windows (own data dirs) on one PostgreSQL and one network. The
// center gives the second window another terminal number, shows both windows to the administrator,
// sets offline limits for all, and reconciles the institution's day over both; a malformed URL stops
// the start; without --center the window runs alone as before.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeApp, type RunningApp } from '../../electron/app/compose';
import { getInstitution } from '../../electron/platform/institution';
import { readLimits } from '../../electron/settlement/limits';
import { readCardFreeRules } from '../../electron/window/rules';
import type { PlatformSimulator } from '../../electron/network/simulator';
import { NETWORK_SETTINGS_KEY, SITE_SETTINGS_KEY } from '../../electron/network/setup';
import { demoChronicMap, demoIdentityMap, demoVisitSetup } from '../../electron/network/demo-setup';
import { startPgCluster, type PgCluster } from './pg-cluster';
import { freshDatabase } from './helpers';
import { byCard, cardOf, outpatientLines, startSim, visitRef, waitUntil } from '../settlement/helpers';

let cluster: PgCluster;
let sim: PlatformSimulator;
const apps: RunningApp[] = [];

type Call = (m: string, input?: unknown) => Promise<any>;

async function windowApp(flags: [string, string][]): Promise<{ app: RunningApp; admin: Call }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'center-app-'));
  const app = await composeApp({ dataDir, mode: 'test', flags: new Map([['his-port', '0'], ...flags]) });
  apps.push(app);
  // A real endpoint needs the site's visit data and maps (a technician's import): the demo's here.
  app.ctx.settings.set(SITE_SETTINGS_KEY, { visit: demoVisitSetup(), chronicMap: demoChronicMap() });
  app.ctx.settings.set(NETWORK_SETTINGS_KEY, { ...(app.ctx.settings.get<object>(NETWORK_SETTINGS_KEY) ?? {}), identityMap: demoIdentityMap() });
  const as = (token?: string): Call => (m, input) => app.dispatcher.dispatch(m as never, input as never, { session: token ? app.services.sessions(token) : undefined, channel: 'http' }) as Promise<any>;
  const a = await as()('auth.setupAdmin', { operatorId: 'admin', name: '王管理', password: 'admin-pass-1' });
  return { app, admin: as(a.value.token) };
}

beforeAll(async () => {
  cluster = await startPgCluster();
  sim = await startSim({ port: 0 });
}, 60_000);
afterAll(async () => {
  for (const a of apps) await a.close();
  await sim?.close();
  cluster?.stop();
});

describe('npm start -- --center URL', () => {
  it('links two windows to one center: terminal numbers, the center view, limits for all, one reconciliation', async () => {
    const url = await freshDatabase(cluster);
    const a = await windowApp([['center', url], ['network', sim.url]]);
    const b = await windowApp([['center', url], ['network', sim.url]]);
    expect(getInstitution(a.app.ctx).terminalNo).toBe('01');
    expect(getInstitution(b.app.ctx).terminalNo).toBe('02');
    const st = await b.admin('center.status');
    expect(st.value).toMatchObject({ configured: true, reachable: true, terminalNo: '02' });
    expect(st.value.url).not.toContain('password');

    const svc = a.app.services.settlement.service;
    await svc.lookupPerson(byCard('poor'));
    const s = await svc.settle({ person: cardOf('poor'), visit: { ref: visitRef(), type: 'outpatient', date: '2020-06-15', lines: outpatientLines() }, payment: { method: 'cash' }, operatorId: 'admin' });
    const link = a.app.services.center.link!;
    await waitUntil(() => link.local.unsent() === 0, 15_000, 'A\'s settlement at the center');
    await link.drain();

    const ws = await b.admin('center.windows');
    expect(ws.ok).toBe(true);
    expect(ws.value.map((w: { terminalNo: string }) => w.terminalNo)).toEqual(['01', '02']);
    expect(ws.value[0]).toMatchObject({ todayCount: 1, todayTotal: s.fees.total });
    // A window with nothing today counts nothing (not the empty side of the join).
    expect(ws.value[1]).toMatchObject({ todayCount: 0, todayTotal: '0.00', todayOfflineCount: 0 });

    const set = await a.admin('center.limits.set', { perVisit: '1500.00', perPersonDay: '2500.00' });
    expect(set.ok).toBe(true);
    await b.app.services.center.link!.syncConfig();
    expect(readLimits(b.app.ctx.settings)).toMatchObject({ perVisit: '1500.00', perPersonDay: '2500.00' });
    const rules = { poverty: true, lowIncome: true, destitute: false };
    expect((await a.admin('center.cardFree.set', rules)).ok).toBe(true);
    await b.app.services.center.link!.syncConfig();
    expect(readCardFreeRules(b.app.ctx.settings)).toEqual(rules);
    // A malformed setting at the center is refused at the window (logged), its own kept.
    await b.app.services.center.link!.setConfig('cardFreeRules', { poverty: 'yes' }).catch(() => undefined);
    expect(readCardFreeRules(b.app.ctx.settings)).toEqual(rules);

    const rec = await b.admin('center.reconcile', {});
    expect(rec.value.mismatches).toEqual([]);
    expect(rec.value).toMatchObject({ balanced: true, records: 1 });
    const denied = await b.admin('center.reconcile', { day: '2026/12/08' });
    expect(denied.ok).toBe(false);
  }, 120_000);

  it('refuses a malformed --center at start, and runs alone without it', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'center-app-'));
    await expect(composeApp({ dataDir, mode: 'test', flags: new Map([['his-port', '0'], ['center', 'mysql://x/y']]) })).rejects.toMatchObject({ error: { code: 'VALIDATION', field: 'center' } });
    const alone = await windowApp([['network', sim.url]]);
    expect((await alone.admin('center.status')).value).toMatchObject({ configured: false, unsent: 0 });
    expect((await alone.admin('center.windows')).error.code).toBe('NO_CENTER');
    expect(alone.app.services.center.link).toBeUndefined();
  }, 60_000);
});
