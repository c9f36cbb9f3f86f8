// The network area in the composed app: built-in simulator by default, --network URL, setup
// changes taking effect through the stable client facade, status, support bundle.
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { composeApp, type RunningApp } from '../../../electron/app/compose';
import type { CallContext } from '../../../electron/api/dispatch';
import type { NetworkClient } from '../../../electron/network/client';
import { startPlatformSimulator, type PlatformSimulator } from '../../../electron/network/simulator';
import { tempDir } from './helpers';

const tech: CallContext = { channel: 'ipc', session: { token: 't', operatorId: 'T1', operatorName: '技术员', role: 'technician' } };
const cashier: CallContext = { channel: 'ipc', session: { token: 'c', operatorId: 'C1', operatorName: '收款员', role: 'cashier' } };
const apps: RunningApp[] = [];
const sims: PlatformSimulator[] = [];
afterAll(async () => {
  for (const a of apps) await a.close();
  for (const s of sims) await s.close();
});

async function app(flags: [string, string][] = []) {
  const a = await composeApp({ dataDir: tempDir('net-app-'), mode: 'test', flags: new Map([['his-port', '0'], ...flags]) });
  apps.push(a);
  return a;
}

async function ok<T>(a: RunningApp, method: string, input: unknown, ctx = tech): Promise<T> {
  const r = await a.dispatcher.dispatch(method, input, ctx);
  if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
  return r.value as T;
}

const ID = { cert: { type: 'idNumber' as const, no: '370303195803120316' } };

describe('network area', () => {
  it('starts the built-in simulator by default and the client settles against it', async () => {
    const a = await app();
    const sim = a.services.network.sim()!;
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    const client = a.services.network.client;
    const p = (await client.personInfo(ID)).person;
    expect(p.identities).toEqual(['poverty']);
    const st = await ok<{ mode: string; online: boolean; signedIn: boolean; messages: Record<string, number> }>(a, 'network.status', undefined, cashier);
    expect(st).toMatchObject({ mode: 'builtin', online: true, signedIn: true });
    // 9001, 1101, and whatever the reachability watch asked meanwhile.
    expect(st.messages.ok).toBeGreaterThanOrEqual(2);
    expect(client.setup.institutionCode).toBe('H37030300123');
  });

  it('uses --network URL instead of the simulator', async () => {
    const other = await startPlatformSimulator();
    sims.push(other);
    const a = await app([['network', other.url]]);
    expect(a.services.network.sim()).toBeUndefined();
    const client = a.services.network.client;
    await client.personInfo(ID);
    expect(other.stats().byInfno['1101']).toBe(1);
    expect(await ok<{ fromFlag: boolean; endpoint: string }>(a, 'network.status', undefined)).toMatchObject({ fromFlag: true, endpoint: other.url });
  });

  it('setup changes take effect through the same client object; secrets stay write-only', async () => {
    const other = await startPlatformSimulator();
    sims.push(other);
    const a = await app();
    const client = a.services.network.client;
    const view = await ok<Record<string, unknown>>(a, 'network.setup.get', undefined);
    expect(view).toMatchObject({ mode: 'builtin', passphraseSet: false });
    const denied = await a.dispatcher.dispatch('network.setup.get', undefined, cashier);
    expect(denied.ok).toBe(false);
    const bad = await a.dispatcher.dispatch('network.setup.set', { ...view, mode: 'endpoint', endpoint: 'ftp://x' }, tech);
    expect(bad.ok).toBe(false);
    const saved = await ok<Record<string, unknown>>(a, 'network.setup.set', { ...view, mode: 'endpoint', endpoint: other.url, passphrase: 'secret', operatorCode: 'OP9' });
    expect(saved).toMatchObject({ mode: 'endpoint', passphraseSet: true });
    expect(saved.passphrase).toBeUndefined();
    await client.personInfo(ID);
    expect(other.stats().byInfno['1101']).toBe(1);
    expect(client.setup.operatorCode).toBe('OP9');
    expect(a.services.network.sim()).toBeUndefined();
    // the institution's terminal number follows into msgids
    await ok(a, 'setup.institution.set', { code: 'H37030300123', name: '中埠镇卫生院', level: 'township', region: '370303', terminalNo: '07' });
    const ans = await client.personInfo(ID);
    expect(ans.meta.msgid.slice(26, 28)).toBe('07');
  });

  it('signs out (9002) when the app closes', async () => {
    const other = await startPlatformSimulator();
    sims.push(other);
    const a = await composeApp({ dataDir: tempDir('net-app-'), mode: 'test', flags: new Map([['his-port', '0'], ['network', other.url]]) });
    await a.services.network.client.personInfo(ID);
    expect(other.ledger().signIns).toEqual({ active: 1, ended: 0 });
    await a.close();
    expect(other.stats().byInfno['9002']).toBe(1);
    expect(other.ledger().signIns).toEqual({ active: 0, ended: 1 });
  });

  it('exports a support bundle without secrets', async () => {
    const a = await app();
    const view = await ok<Record<string, unknown>>(a, 'network.setup.get', undefined);
    await ok(a, 'network.setup.set', { ...view, passphrase: 'hunter2', gateway: 'sm3sm4', sm4Key: '0123456789abcdef0123456789abcdef' });
    const client = a.services.network.client;
    await client.personInfo(ID);
    const out = await ok<{ file: string }>(a, 'network.supportBundle', undefined);
    const text = fs.readFileSync(out.file, 'utf8');
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('0123456789abcdef0123456789abcdef');
    expect(text).not.toContain('370303195803120316');
    expect(JSON.parse(text)).toHaveProperty('messages');
  });
});
