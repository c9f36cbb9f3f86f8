// A chronic visit of a person registered for two diseases, settled online: the disease chosen at
// the window is the one the network's 2001 / 2203 / 2204 carry (dise_codg), never left empty.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { walkApp, type WalkApp } from './app';

let w: WalkApp;
beforeAll(async () => {
  w = await walkApp();
}, 60_000);
afterAll(() => w?.close());

it('settles online with the registration chosen at the window when the person has two', async () => {
  await w.cashier('window.demo.insertCard', { personKey: 'poor' });
  const p = (await w.cashier('window.identify', { via: 'reader' })).value;
  expect(p.chronic.map((c: { code: string }) => c.code)).toEqual(expect.arrayContaining(['I10', 'E11']));
  const pre = await w.cashier('window.preSettle', {
    ticket: p.ticket, visitType: 'chronicOutpatient', chronicCode: 'E11', prescriptionDays: 30,
    lines: [{ code: 'ZC0002', quantity: '1' }, { code: 'YP0012', quantity: '30' }],
  });
  expect(pre.ok, JSON.stringify(pre.error)).toBe(true);
  expect(pre.value.online).toBe(true);
  const done = await w.cashier('window.settle', { ticket: p.ticket, preId: pre.value.preId, accountPay: '0', payment: { kind: 'cash', tendered: pre.value.patientDue } });
  expect(done.ok, JSON.stringify(done.error)).toBe(true);
  const doc = w.app.services.settlement.repos.settlements.get(done.value.settlementId)!;
  expect(doc).toMatchObject({ visitType: 'chronicOutpatient', chronicCode: 'E11', mode: 'online' });
}, 90_000);
