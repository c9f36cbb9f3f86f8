// The composed app: once the national catalog is synced, the window prices a HIS visit's lines by
// the class the network has in force on the visit date, not the site's own mapping. The demo
// site maps 阿托伐他汀钙片 (XC10AAA199A001010101234) as class B; the network lists it as class A.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { composeApp, type RunningApp } from '../../electron/app/compose';
import { demoVisits } from '../../electron/his/demo/visits';

let app: RunningApp;
let call: (m: string, input?: unknown) => Promise<any>;

beforeAll(async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalog-window-'));
  // The shipped policy packs are those of 2020: the window's clock runs in 2020.
  const offset = Date.now() - Date.parse('2020-06-15T01:30:00Z');
  app = await composeApp({ dataDir, mode: 'test', flags: new Map([['his-port', '0']]), now: () => new Date(Date.now() - offset) });
  const raw = (m: string, input?: unknown, token?: string) =>
    app.dispatcher.dispatch(m, input, { session: token ? app.services.sessions(token) : undefined, channel: 'http' }) as Promise<any>;
  const admin = await raw('auth.setupAdmin', { operatorId: 'admin', name: '王管理', password: 'admin-pass-1' });
  await raw('operators.create', { id: 'c01', name: '李收款', role: 'cashier', password: 'cash-pass-1' }, admin.value.token);
  const cashier = (await raw('auth.login', { operatorId: 'c01', password: 'cash-pass-1' })).value.token;
  call = (m, input) => raw(m, input, cashier);
  expect(app.services.his.service.receiveAll(demoVisits(app.ctx.now(), 'CT'), 'api').ok).toBe(true);
}, 60_000);
afterAll(async () => {
  await app?.close();
});

async function statinClass(): Promise<string> {
  expect((await call('window.demo.insertCard', { personKey: 'poor' })).ok).toBe(true);
  const person = (await call('window.identify', { via: 'reader' })).value;
  const visits = (await call('window.visits', { ticket: person.ticket })).value as { visitId: string; visitType: string }[];
  const inpatient = visits.find((v) => v.visitType === 'inpatient')!;
  const pre = await call('window.preSettle', { ticket: person.ticket, visitId: inpatient.visitId });
  expect(pre.ok, JSON.stringify(pre.error)).toBe(true);
  return (pre.value.lines as { name: string; class: string }[]).find((l) => l.name.startsWith('阿托伐他汀'))!.class;
}

it('a line takes the class in force on the visit date from the synced catalog', async () => {
  expect(await statinClass()).toBe('B');
  app.services.catalog.sync.start();
  await app.services.catalog.sync.settled();
  expect(app.services.catalog.sync.status()).toMatchObject({ phase: 'done', running: false });
  expect(app.services.catalog.terms('XC10AAA199A001010101234', '2020-06-15')).toMatchObject({ class: 'A', selfPayRatio: '0' });
  expect(await statinClass()).toBe('A');
}, 180_000);
