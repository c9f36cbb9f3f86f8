// The his.visits service (state changes, listeners, revision guard), the callback push with
// retries against a real loopback receiver, the token (rotation, environment, persistence), and
// the rate limit.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallbackOutbox } from '../../electron/his/callback';
import { HisToken } from '../../electron/his/token';
import { startHisServer } from '../../electron/his/server';
import { silentLogger } from '../../electron/platform/logger';
import { demoVisits, exampleVisit } from '../../electron/his/demo/visits';
import type { HisVisitChange } from '../../electron/his';
import { cashier, request, startHisApp, technician, type HisTestApp } from './helpers';
import { composeApp } from '../../electron/app/compose';

let t: HisTestApp;
beforeAll(async () => {
  t = await startHisApp();
});
afterAll(async () => {
  await t.close();
});
const call = (method: string, input?: unknown, session = technician) => t.app.dispatcher.dispatch(method, input, { session, channel: 'http' });

describe('his.visits service', () => {
  it('tells listeners about every change and stops after unsubscribe', () => {
    const seen: HisVisitChange[] = [];
    const off = t.bridge.service.onChange((c) => seen.push(c));
    const v = { ...exampleVisit(), hisVisitId: 'LISTEN1' };
    t.bridge.service.receive(v, 'api');
    t.bridge.service.receive(v, 'api');
    t.bridge.service.markPreSettled('LISTEN1');
    t.bridge.service.receive({ ...v, lines: v.lines.slice(1) }, 'api');
    t.bridge.service.markSettled('LISTEN1', { settlementId: 'S1', receiptNo: 'R1', cash: '2', layers: [] });
    off();
    t.bridge.service.markCancelled('LISTEN1');
    expect(seen.map((c) => c.kind)).toEqual(['received', 'pre-settled', 'replaced', 'settled']);
    expect(t.bridge.service.get('LISTEN1')!.state).toBe('cancelled');
  });

  it('guards settlement with the revision, is idempotent per settlement id, refuses bad transitions', () => {
    const v = { ...exampleVisit(), hisVisitId: 'REV1' };
    t.bridge.service.receive(v, 'api');
    const lines = t.bridge.service.mappedLines('REV1');
    expect(lines.ok).toBe(true);
    t.bridge.service.receive({ ...v, lines: v.lines.slice(2) }, 'api');
    const stale = t.bridge.service.markSettled('REV1', { settlementId: 'S2', receiptNo: 'R2', cash: '1', layers: [], revision: 1 });
    expect(!stale.ok && stale.error.code).toBe('HIS_VISIT_CHANGED');
    expect(t.bridge.service.markSettled('REV1', { settlementId: 'S2', receiptNo: 'R2', cash: '1', layers: [], revision: 2 }).ok).toBe(true);
    expect(t.bridge.service.markSettled('REV1', { settlementId: 'S2', receiptNo: 'R2', cash: '1', layers: [] }).ok).toBe(true);
    const other = t.bridge.service.markSettled('REV1', { settlementId: 'S3', receiptNo: 'R3', cash: '1', layers: [] });
    expect(!other.ok && other.error.code).toBe('HIS_VISIT_SETTLED');
    const pre = t.bridge.service.markPreSettled('REV1');
    expect(!pre.ok && pre.error.code).toBe('HIS_VISIT_STATE');
    expect(t.bridge.service.listWaiting().some((x) => x.hisVisitId === 'REV1')).toBe(false);
    expect(t.bridge.service.markPreSettled('NOPE').ok).toBe(false);
  });

  it('lists waiting visits with personal data masked (also through his.visits.list)', async () => {
    t.bridge.service.receive({ ...exampleVisit(), hisVisitId: 'MASK1' }, 'api');
    const r = await call('his.visits.list', undefined, cashier);
    expect(r.ok).toBe(true);
    const text = JSON.stringify((r as { value: unknown }).value);
    expect(text).not.toContain('37030319850115061X');
    expect(text).not.toContain('赵志强');
    expect(text).toContain('赵**');
  });
});

describe('callback push', () => {
  it('POSTs settled and cancelled results to the HIS, retrying until acknowledged', async () => {
    const received: any[] = [];
    let failures = 2;
    const receiver = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (failures-- > 0) {
          res.writeHead(500).end();
          return;
        }
        received.push({ auth: req.headers.authorization, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/his/result`;
    expect((await call('his.callback.set', { url: 'ftp://x' })).ok).toBe(false);
    expect((await call('his.callback.set', { url, token: 'cb-secret' })).ok).toBe(true);
    const v = demoVisits(new Date('2024-06-01T00:00:00Z'), 'CB')[3];
    t.bridge.service.receive(v, 'api');
    t.bridge.service.markSettled(v.hisVisitId, { settlementId: 'S77', receiptNo: 'R77', cash: '10.20', layers: [{ key: 'basic', name: '基本医保', amount: '42.04' }] });
    t.bridge.service.markCancelled(v.hisVisitId, { reason: '退费', cancellationId: 'C77' });
    const outbox = new CallbackOutbox(t.app.ctx.db, t.app.ctx.settings, silentLogger, () => new Date(), { baseBackoffMs: 0 });
    for (let i = 0; i < 6 && received.length < 2; i++) await outbox.flush();
    receiver.close();
    expect(received.map((r) => r.body.event)).toEqual(['settled', 'cancelled']);
    expect(received[0].auth).toBe('Bearer cb-secret');
    expect(received[0].body).toMatchObject({ hisVisitId: v.hisVisitId, state: 'settled', settlement: { settlementId: 'S77', receiptNo: 'R77', cash: '10.20', layers: [{ key: 'basic', amount: '42.04' }] } });
    expect(received[1].body).toMatchObject({ state: 'cancelled', cancellation: { reason: '退费', cancellationId: 'C77' } });
    const status = await call('his.callback.get');
    expect(status).toMatchObject({ ok: true, value: { pending: 0, acked: 2 } });
    await call('his.callback.set', { url: '' });
  });
});

describe('token', () => {
  it('is shown to technicians only, and rotation invalidates the old token at once', async () => {
    expect((await call('his.token.get', undefined, cashier)).ok).toBe(false);
    const got = (await call('his.token.get')) as { ok: true; value: any };
    expect(got.value.token).toBe(t.token);
    expect(got.value.url).toBe(t.base);
    const rotated = (await call('his.token.rotate')) as { ok: true; value: any };
    expect(rotated.value.token).not.toBe(t.token);
    expect((await request(t.base, 'GET', '/his/v1/ping', { token: t.token })).status).toBe(401);
    expect((await request(t.base, 'GET', '/his/v1/ping', { token: rotated.value.token })).status).toBe(200);
    expect(fs.readFileSync(`${t.dataDir}/his-token`, 'utf8').trim()).toBe(rotated.value.token);
    t.token = rotated.value.token;
  });

  it('persists across restarts and may be fixed by SETTLE_HIS_TOKEN', async () => {
    const first = new HisToken(t.dataDir, undefined).current();
    expect(first).toBe(t.token);
    const env = new HisToken(t.dataDir, 'automation-token-0123456789');
    expect(env.check('Bearer automation-token-0123456789')).toBe(true);
    expect(env.check(`Bearer ${t.token}`)).toBe(false);
    expect(() => env.rotate()).toThrow();
    expect(() => new HisToken(t.dataDir, 'short')).toThrow();
    process.env.SETTLE_HIS_TOKEN = 'automation-token-0123456789';
    const other = await composeApp({ dataDir: `${t.dataDir}/second`, mode: 'test', flags: new Map([['his-port', '0']]) });
    delete process.env.SETTLE_HIS_TOKEN;
    const r = await other.dispatcher.dispatch('his.token.rotate', undefined, { session: technician, channel: 'http' });
    expect(!r.ok && r.error.code).toBe('TOKEN_FIXED');
    await other.close();
  });
});

describe('rate limit', () => {
  it('answers 429 past the configured rate (the default is far above one HIS)', async () => {
    const token = new HisToken(`${t.dataDir}/rl`, 'rate-limit-token-0123456789');
    const server = await startHisServer({ port: 0, token, service: t.bridge.service, log: silentLogger, rate: { perSecond: 1, burst: 3 } });
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) codes.push((await request(server.url, 'GET', '/his/v1/ping', { token: token.current() })).status);
    await server.close();
    expect(codes.slice(0, 3)).toEqual([200, 200, 200]);
    expect(codes.slice(3)).toContain(429);
  });
});

describe('install', () => {
  it('keeps the app running when the HIS port is taken, and says why', async () => {
    const other = await composeApp({ dataDir: `${t.dataDir}/busy`, mode: 'test', flags: new Map([['his-port', String(t.bridge.server.port)]]) });
    const r = (await other.dispatcher.dispatch('his.token.get', undefined, { session: technician, channel: 'http' })) as { ok: true; value: any };
    expect(r.value.error).toContain('已被其他程序占用');
    expect(other.services.his.service).toBeDefined();
    await other.close();
  });

  it('listens on a free port in tests when no --his-port is given', async () => {
    const a = await composeApp({ dataDir: `${t.dataDir}/p1`, mode: 'test' });
    const b = await composeApp({ dataDir: `${t.dataDir}/p2`, mode: 'test' });
    const pa = a.services.his.server.port;
    const pb = b.services.his.server.port;
    expect(pa).not.toBe(5781);
    expect(pa).not.toBe(pb);
    await a.close();
    await b.close();
  });
});
