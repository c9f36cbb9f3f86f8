// The devices area inside the composed app: real SQLite settings, the real simulated reader.
import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { composeApp, type RunningApp } from '../../electron/app/compose';
import type { Session } from '../../electron/api/dispatch';

const tech: Session = { token: 't', operatorId: 'tech', operatorName: '技术员', role: 'technician' };
const cashier: Session = { ...tech, operatorId: 'c', role: 'cashier' };
let app: RunningApp | undefined;
let dir: string;

async function start(): Promise<RunningApp> {
  app = await composeApp({ dataDir: dir, mode: 'test', flags: new Map([['his-port', '0']]) });
  return app;
}

afterEach(async () => {
  await app?.close();
  app = undefined;
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('devices area', () => {
  it('starts with the simulated reader, and its test read finds the demo card (masked)', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dev-'));
    const { dispatcher: d } = await start();
    expect(await d.dispatch('devices.setup.get', undefined, { channel: 'ipc', session: cashier })).toMatchObject({ ok: true, value: { type: 'simulated' } });
    const test = await d.dispatch('devices.testRead', undefined, { channel: 'ipc', session: tech });
    expect(test).toMatchObject({ ok: true, value: { ok: true, identity: { name: '张**', idNumber: '370303********0316' } } });
  });

  it('refuses a bad setup naming the field, keeps the old one, and keeps a good one across restarts', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dev-'));
    let { dispatcher: d } = await start();
    const bad = await d.dispatch('devices.setup.set', { type: 'ssCard', transport: 'serial' }, { channel: 'ipc', session: tech });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'port' } });
    expect(await d.dispatch('devices.setup.set', { type: 'simulated' }, { channel: 'ipc', session: cashier })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const good = await d.dispatch('devices.setup.set', { type: 'ssCard', transport: 'serial', port: '/dev/ttyNOPE0' }, { channel: 'ipc', session: tech });
    expect(good).toMatchObject({ ok: true, value: { configured: true, config: { type: 'ssCard', port: '/dev/ttyNOPE0' } } });
    // The reader is not there: a cashier-readable error, nothing else affected.
    const read = await d.dispatch('devices.testRead', undefined, { channel: 'ipc', session: tech });
    expect(read).toMatchObject({ ok: true, value: { ok: false } });
    expect((read as { value: { message: string } }).value.message).toMatch(/读卡器/);
    await app!.close();
    ({ dispatcher: d } = await start());
    expect(await d.dispatch('devices.setup.get', undefined, { channel: 'ipc', session: cashier })).toMatchObject({ ok: true, value: { type: 'ssCard', port: '/dev/ttyNOPE0' } });
  });
});

describe('e-voucher in the app', () => {
  it('a token minted by the simulated decoder is known to the built-in network simulator', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dev-'));
    const running = await start();
    const d = running.dispatcher;
    expect(await d.dispatch('devices.setup.set', { type: 'simulated', simulatedCard: 'eVoucher', simulatedPerson: 'lowIncome' }, { channel: 'ipc', session: tech })).toMatchObject({ ok: true });
    const readers = running.services.reader;
    const read = await readers.read();
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.value.certType).toBe('01');
    const client = running.services.network.client;
    const answer = await client.personInfo({ cert: { type: 'eVoucher', no: read.value.certNo } });
    expect(answer.person.idNumber).toBe('370303196207050424');
  });
});
