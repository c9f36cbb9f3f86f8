// The settle area through the app's real dispatcher (all areas composed, the built-in network
// simulator): no raw settle, pre-settle or cancel call; cancelling a dead letter needs the
// operator's password and the operator's own settlement; offline limits; reconciliation.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeApp, type RunningApp } from '../../electron/app/compose';
import type { Session } from '../../electron/api/dispatch';
import type { SettlementService } from '../../electron/settlement/service';
import { chinaDate } from '../../electron/core/time';
import { byCard, cardOf, inpatientLines, outpatientLines, visitRef, waitUntil } from './helpers';

let app: RunningApp;
let as: (token: string | undefined) => (m: string, input?: unknown) => Promise<any>;
let cashier: (m: string, input?: unknown) => Promise<any>;
let other: (m: string, input?: unknown) => Promise<any>;
let admin: (m: string, input?: unknown) => Promise<any>;
let service: SettlementService;

beforeAll(async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'settle-api-'));
  app = await composeApp({ dataDir, mode: 'test', flags: new Map([['his-port', '0'], ['network', 'builtin']]) });
  const resolve = app.services.sessions;
  as = (token) => (m, input) => app.dispatcher.dispatch(m, input, { session: token ? resolve(token) : undefined, channel: 'http' }) as Promise<any>;
  const a = await as(undefined)('auth.setupAdmin', { operatorId: 'admin', name: '王管理', password: 'admin-pass-1' });
  admin = as(a.value.token);
  await admin('operators.create', { id: 'c01', name: '李收款', role: 'cashier', password: 'cash-pass-1' });
  await admin('operators.create', { id: 'c02', name: '赵收款', role: 'cashier', password: 'cash-pass-2' });
  cashier = as((await as(undefined)('auth.login', { operatorId: 'c01', password: 'cash-pass-1' })).value.token);
  other = as((await as(undefined)('auth.login', { operatorId: 'c02', password: 'cash-pass-2' })).value.token);
  service = app.services.settlement.service;
}, 60_000);
afterAll(() => app?.close());

const count = (sql: string) => (app.ctx.db.prepare(sql).get() as { n: number }).n;

describe('settlement API', () => {
  it('has no raw settle, pre-settle or cancel call: an invented 20,000.00 inpatient claim is refused and nothing is written', async () => {
    await service.lookupPerson(byCard('poor'));
    const invented = [{ code: '001103000010000', name: '床位费', amount: '20000.00', class: 'A', category: '01' }];
    const visit = { ref: 'FAKE-1', type: 'inpatient', date: '2020-06-15', lines: invented };
    const tries: [string, unknown][] = [
      ['settlement.settle', { person: cardOf('poor'), visit, payment: { method: 'cash' } }],
      ['settlement.preSettle', { person: cardOf('poor'), visit }],
      ['settlement.cancel', { settlementId: 'S1', reason: '测试撤销' }],
      ['settlement.lookupPerson', byCard('poor')],
      ['settlement.get', { settlementId: 'S1' }],
      ['settlement.search', {}],
      ['settlement.dailySummary', {}],
    ];
    for (const [method, input] of tries) {
      expect((await cashier(method, input)).error?.code, method).toBe('UNKNOWN_METHOD');
      expect((await admin(method, input)).error?.code, method).toBe('UNKNOWN_METHOD');
    }
    expect(app.dispatcher.methods().filter((m) => m.startsWith('settlement.'))).toEqual(['settlement.offlineLimits.get', 'settlement.offlineLimits.set']);
    expect(count('SELECT COUNT(*) AS n FROM settlements')).toBe(0);
    expect(count('SELECT COUNT(*) AS n FROM outbox')).toBe(0);
  });

  it('cancelling a dead letter needs the password and the own settlement; nothing changes on a refusal', async () => {
    await service.lookupPerson(byCard('ordinary'));
    // No chronic-disease registration at the network: settled while the network was down, its
    // replay cannot go (online the window refuses it at once, naming the missing disease code).
    const sim = app.services.network.sim()!;
    sim.setFaults('error=1');
    app.services.settlement.forwarder.observe(false);
    const s = await service.settle({
      person: cardOf('ordinary'), visit: { ref: visitRef('API'), type: 'chronicOutpatient', date: '2020-06-15', lines: outpatientLines() },
      payment: { method: 'cash', tendered: '200.00' }, operatorId: 'c01',
    }).finally(() => sim.setFaults(''));
    expect(s.mode).toBe('offline');
    app.services.settlement.forwarder.drainNow();
    await waitUntil(() => (app.ctx.db.prepare('SELECT COUNT(*) AS n FROM dead_letters WHERE resolved_at IS NULL').get() as { n: number }).n === 1, 15000, 'the dead letter');
    const [dl] = (await cashier('queue.deadLetters')).value;
    expect(dl.settlementId).toBe(s.id);

    const noPassword = await cashier('queue.cancelDead', { deadLetterId: dl.id, reason: '未做门慢备案' });
    expect(noPassword.error).toMatchObject({ code: 'VALIDATION', field: 'password' });
    const wrong = await cashier('queue.cancelDead', { deadLetterId: dl.id, reason: '未做门慢备案', password: 'not-mine-1' });
    expect(wrong.error).toMatchObject({ code: 'BAD_CONFIRMATION' });
    const notHers = await other('queue.cancelDead', { deadLetterId: dl.id, reason: '未做门慢备案', password: 'cash-pass-2' });
    expect(notHers.error).toMatchObject({ code: 'NOT_YOUR_SETTLEMENT' });
    const viaWindow = await other('window.cancel', { settlementId: s.id, reason: '未做门慢备案', password: 'cash-pass-2' });
    expect(viaWindow.error).toMatchObject({ code: 'NOT_YOUR_SETTLEMENT' });
    expect(count("SELECT COUNT(*) AS n FROM settlements WHERE kind = 'cancellation'")).toBe(0);
    expect((await cashier('queue.deadLetters')).value).toHaveLength(1);

    // Wrong passwords on a cancel path count like failed logins: after five, the operator is locked out.
    for (let i = 0; i < 5; i++) expect((await other('queue.cancelDead', { deadLetterId: dl.id, reason: '未做门慢备案', password: `guess-${i}` })).error.code).toBe('BAD_CONFIRMATION');
    expect((await as(undefined)('auth.login', { operatorId: 'c02', password: 'cash-pass-2' })).error.code).toBe('OPERATOR_LOCKED');

    const done = await cashier('queue.cancelDead', { deadLetterId: dl.id, reason: '未做门慢备案', password: 'cash-pass-1' });
    expect(done.value).toMatchObject({ kind: 'cancellation', cancelsId: s.id });
    expect((await cashier('queue.deadLetters')).value).toHaveLength(0);
    // Its reversal sheet is issued now, not only at the next start.
    expect(app.services.receipts.get(done.value.receiptNo)?.data).toMatchObject({ kind: 'reversal' });
  });

  it('an employee\'s receipt issued after the fact shows the account balance the settlement left', async () => {
    await service.lookupPerson(byCard('employee'));
    const s = await service.settle({
      person: cardOf('employee'), visit: { ref: visitRef('BAL'), type: 'outpatient', date: '2020-06-15', lines: outpatientLines() },
      useAccount: true, payment: { method: 'cash', tendered: '200.00' }, operatorId: 'c01',
    });
    expect(s.mode).toBe('online');
    const doc = app.services.settlement.repos.settlements.get(s.id)!;
    expect(doc.accountBalanceAfterFen).toBeGreaterThan(0);
    // As the start's recovery issues it (the cached person may have changed since): from the document.
    await app.services.settlement.afterCancel!(s.id);
    const receipt = app.services.receipts.get(s.receiptNo)!.data;
    expect(receipt.accountBalance).toBe((doc.accountBalanceAfterFen! / 100).toFixed(2));
  });

  it('offline limits are set by a technician only, and read by the cashier', async () => {
    const denied = await cashier('settlement.offlineLimits.set', { perVisit: '100.00', perPersonDay: '200.00', differencePolicy: 'patient' });
    expect(denied.error.code).toBe('FORBIDDEN');
    const set = await admin('settlement.offlineLimits.set', { perVisit: '1500', perPersonDay: '2500.5', differencePolicy: 'patient' });
    expect(set.value).toEqual({ perVisit: '1500.00', perPersonDay: '2500.50', differencePolicy: 'patient' });
    expect((await cashier('settlement.offlineLimits.get')).value.perVisit).toBe('1500.00');
  });

  it('reconciles the day with the network (balanced) and exports the run as CSV', async () => {
    await service.lookupPerson(byCard('poor'));
    const s = await service.settle({
      person: cardOf('poor'), visit: { ref: visitRef('API'), type: 'inpatient', date: '2020-06-14', lines: inpatientLines() },
      payment: { method: 'cash' }, operatorId: 'c01',
    });
    await waitUntil(() => service.get(s.id).network.state === 'confirmed', 15000, 'the confirmation');
    const netDay = chinaDate(new Date());
    const run = await cashier('reconcile.run', { from: netDay, to: netDay });
    expect(run.value.error).toBeUndefined();
    // Balanced with the network; the strict network's own figures may differ from the local engine's (recorded differences).
    expect(run.value).toMatchObject({ totalsBalanced: true });
    expect(run.value.mismatches.filter((m: { kind: string }) => m.kind !== 'difference')).toEqual([]);
    expect(run.value.local.count).toBeGreaterThanOrEqual(1);
    const csv = await cashier('reconcile.export', { runId: run.value.id });
    expect(csv.value.csv.startsWith('\uFEFF类型,')).toBe(true);
    expect(csv.value.csv).toMatch(/390\/21\/370300：平/);
    expect((await cashier('reconcile.list', {})).value[0].id).toBe(run.value.id);
  });
});
