// Policy import and restore without a typed path: browser mode uploads the chosen file into the
// data folder (POST /upload/<kind>, technicians only) and the usual call takes the stored path.
// The demo box lists the demo persons in full (demo data only).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserMode, type RunningBrowserApp } from '../../electron/app/browser-mode';
import { DEMO_PERSONS } from '../../electron/demo/persons';

let running: RunningBrowserApp;
let dataDir: string;
const api = async (method: string, input: unknown, token?: string) => {
  const res = await fetch(`${running.host.url}api/${method}`, {
    method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { 'x-settle-session': token } : {}) }, body: JSON.stringify({ input }),
  });
  return (await res.json()) as any;
};
const upload = (kind: string, body: Buffer, token?: string) =>
  fetch(`${running.host.url}upload/${kind}`, { method: 'POST', headers: token ? { 'x-settle-session': token } : {}, body });

let admin: string;
let cashier: string;
beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'walk-upload-'));
  running = await startBrowserMode({ dataDir, port: 0, flags: new Map([['his-port', '0']]) });
  admin = (await api('auth.setupAdmin', { operatorId: 'a01', name: '王管理', password: 'admin-pass-1' })).value.token;
  await api('operators.create', { id: 'c01', name: '李收款', role: 'cashier', password: 'cash-pass-1' }, admin);
  cashier = (await api('auth.login', { operatorId: 'c01', password: 'cash-pass-1' })).value.token;
}, 60_000);
afterAll(async () => {
  await running?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('file pickers in browser mode', () => {
  it('imports a policy pack from an uploaded file', async () => {
    const pack = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'policies', 'zibo-2020.json'), 'utf8'));
    Object.assign(pack, { id: 'zibo-2021-upload', name: '淄博 2021（上传）', effective: { from: '2021-01-01', to: '2021-12-31' } });
    const up = await upload('policy', Buffer.from(JSON.stringify(pack)), admin);
    expect(up.status).toBe(200);
    const { value } = (await up.json()) as { value: { file: string } };
    expect(path.dirname(value.file)).toBe(path.join(dataDir, 'uploads'));
    const imported = await api('policy.import', { file: value.file }, admin);
    expect(imported.ok, JSON.stringify(imported.error)).toBe(true);
    expect(imported.value.id).toBe('zibo-2021-upload');
  });

  it('stages a restore from an uploaded backup', async () => {
    const b = await api('setup.backup', undefined, admin);
    expect(b.ok, JSON.stringify(b.error)).toBe(true);
    const file = path.isAbsolute(b.value.file) ? b.value.file : path.join(dataDir, 'backups', b.value.file);
    const up = await upload('backup', fs.readFileSync(file), admin);
    expect(up.status).toBe(200);
    const { value } = (await up.json()) as { value: { file: string } };
    const restored = await api('setup.restore', { file: value.file }, admin);
    expect(restored.ok, JSON.stringify(restored.error)).toBe(true);
  });

  it('refuses uploads without a session, by a cashier, and of unknown kinds', async () => {
    expect((await upload('policy', Buffer.from('{}'))).status).toBe(401);
    expect((await upload('policy', Buffer.from('{}'), cashier)).status).toBe(403);
    expect((await upload('anything', Buffer.from('{}'), admin)).status).toBe(404);
  });
});

describe('the demo box', () => {
  it('lists the demo persons with their full ID numbers (demo data only)', async () => {
    const cards = (await api('window.demo.cards', undefined, cashier)).value as { key: string; demoIdNumber: string; demoName: string }[];
    const poor = DEMO_PERSONS.find((p) => p.key === 'poor')!;
    expect(cards.find((c) => c.key === 'poor')).toMatchObject({ demoIdNumber: poor.idNumber, demoName: poor.name });
  });
});
