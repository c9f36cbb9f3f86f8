// The window suite's harness: a real app in browser mode, in this process, on a fresh data dir and
// port 0 (so tests can reach its services: inject the demo HIS visits, pick the simulated card,
// take the network simulator down), plus page helpers for logging in.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';
import { startBrowserMode, type RunningBrowserApp } from '../../../electron/app/browser-mode';
import { demoVisits } from '../../../electron/his/demo/visits';
import type { AppServices } from '../../../electron/app/areas';

export const ADMIN = { id: 'admin', name: '王管理', password: 'admin-pass-1' };
export const CASHIER = { id: 'c01', name: '李收款', password: 'cash-pass-1' };

export interface WindowApp {
  url: string;
  dataDir: string;
  running: RunningBrowserApp;
  services: AppServices;
  /** Calls the API as a logged-in operator (for setup steps a test is not about). */
  api(method: string, input?: unknown, token?: string): Promise<any>;
  close(): Promise<void>;
}

/** The shipped policy packs are those of 2020 (the seeds): the app's clock runs in mid-2020. */
export const CLOCK_OFFSET_MS = Date.now() - Date.parse('2020-06-15T01:30:00Z');

export async function startWindowApp(extraFlags: [string, string | true][] = []): Promise<WindowApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'settle-window-e2e-'));
  const flags = new Map<string, string | true>([['his-port', '0'], ...extraFlags]);
  const running = await startBrowserMode({ dataDir, port: 0, flags, now: () => new Date(Date.now() - CLOCK_OFFSET_MS) });
  const url = running.host.url;
  const api = async (method: string, input?: unknown, token?: string) => {
    const res = await fetch(`${url}api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { 'x-settle-session': token } : {}) },
      body: JSON.stringify({ input }),
    });
    return res.json();
  };
  return {
    url,
    dataDir,
    running,
    services: running.app.services,
    api,
    close: async () => {
      await running.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Sets up the administrator and a cashier through the API; returns the administrator's token. */
export async function seedOperators(app: WindowApp): Promise<string> {
  const admin = await app.api('auth.setupAdmin', { operatorId: ADMIN.id, name: ADMIN.name, password: ADMIN.password });
  expect(admin.ok, JSON.stringify(admin)).toBe(true);
  const cashier = await app.api('operators.create', { id: CASHIER.id, name: CASHIER.name, role: 'cashier', password: CASHIER.password }, admin.value.token);
  expect(cashier.ok, JSON.stringify(cashier)).toBe(true);
  return admin.value.token as string;
}

export async function login(page: Page, app: WindowApp, who: { id: string; password: string } = CASHIER): Promise<void> {
  await page.goto(app.url);
  await page.getByLabel('操作员编号').fill(who.id);
  await page.getByLabel('密码').fill(who.password);
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('当前操作员')).toBeVisible();
}

export function screenshotPath(name: string): string {
  const dir = path.resolve(__dirname, '..', '..', '..', 'test-results', 'screens');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, `${name}.png`);
}

/** Puts the demo HIS visits (electron/his/demo/visits.ts) into the app, as the HIS would send them. */
export async function injectDemoVisits(app: WindowApp, tag = 'E2E'): Promise<void> {
  const bridge = app.services.his;
  const r = bridge.service.receiveAll(demoVisits(app.running.app.ctx.now(), tag), 'api');
  expect(r.ok).toBe(true);
}

/** Network simulator faults: "drop=1" takes the network down, "" brings it back. */
export function setNetworkFaults(app: WindowApp, spec: string): void {
  const sim = app.services.network.sim();
  if (!sim) throw new Error('network simulator is not running');
  sim.setFaults(spec);
}
