// The settle area through the app's real dispatcher (all areas composed, the built-in network
// simulator): roles, validation, audit, masking, daily summary, reconciliation and its export.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeApp, type RunningApp } from '../../electron/app/compose';
import type { Session } from '../../electron/api/dispatch';
import { cardOf, outpatientLines, visitRef } from './helpers';

let app: RunningApp;
let as: (token: string | undefined) => (m: string, input?: unknown) => Promise<any>;
let cashier: (m: string, input?: unknown) => Promise<any>;
let admin: (m: string, input?: unknown) => Promise<any>;

beforeAll(async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'settle-api-'));
  app = await composeApp({ dataDir, mode: 'test', flags: new Map([['his-port', '0'], ['network', 'builtin']]) });
  const resolve = app.registry.services.get('sessions.resolve') as (t: string) => Session | undefined;
  as = (token) => (m, input) => app.dispatcher.dispatch(m, input, { session: token ? resolve(token) : undefined, channel: 'http' }) as Promise<any>;
  const a = await as(undefined)('auth.setupAdmin', { operatorId: 'admin', name: '王管理', password: 'admin-pass-1' });
  admin = as(a.value.token);
  await admin('operators.create', { id: 'c01', name: '李收款', role: 'cashier', password: 'cash-pass-1' });
  cashier = as((await as(undefined)('auth.login', { operatorId: 'c01', password: 'cash-pass-1' })).value.token);
}, 60_000);
afterAll(() => app?.close());

const today = () => new Date().toISOString().slice(0, 10);

describe('settlement API', () => {
  it('needs a login, validates input and changes nothing on bad input', async () => {
    expect((await as(undefined)('queue.status')).error.code).toBe('NOT_LOGGED_IN');
    const bad = await cashier('settlement.settle', { person: cardOf('poor'), visit: { ref: 'x', type: 'outpatient', date: '2020-06-15', lines: [{ code: 'A', amount: '-1', class: 'A' }] }, payment: { method: 'cash' } });
    expect(bad.error).toMatchObject({ code: 'VALIDATION', field: 'visit.lines[0].amount' });
    const unknownField = await cashier('settlement.preSettle', { person: cardOf('poor'), visit: { ref: 'x', type: 'outpatient', date: '2020-06-15' }, extra: 1 });
    expect(unknownField.error.field).toBe('extra');
    expect(app.ctx.db.prepare('SELECT COUNT(*) AS n FROM settlements').get()).toEqual({ n: 0 });
  });

  it('looks up, pre-settles and settles online; lists mask names; the audit log records the settlement', async () => {
    const p = await cashier('settlement.lookupPerson', { certType: 'ssCard', certNo: cardOf('poor').certNo });
    expect(p.value).toMatchObject({ source: 'network', name: '张建国' });
    const visit = { ref: visitRef('API'), type: 'outpatient', date: '2020-06-15', lines: outpatientLines() };
    const pre = await cashier('settlement.preSettle', { person: cardOf('poor'), visit });
    expect(pre.value.online).toBe(true);
    const s = await cashier('settlement.settle', { person: cardOf('poor'), visit, payment: { method: 'cash', tendered: '100.00' } });
    expect(s.value.network.state).toBe('confirmed');
    expect(s.value.operatorId).toBe('c01');
    expect(s.value.cashDue).toBe(pre.value.cashDue);
    const list = await cashier('settlement.search', { from: today(), to: today() });
    expect(list.value[0]).toMatchObject({ id: s.value.id, nameMasked: '张**' });
    expect(JSON.stringify(list.value)).not.toContain('张建国');
    expect(JSON.stringify(list.value)).not.toContain('370303195803120316');
    const audit = await admin('audit.list', { limit: 20 });
    const entry = audit.value.find((e: any) => e.action === 'settlement.settle');
    expect(entry.summary).toContain(s.value.id);
    expect(entry.summary).not.toContain('张建国');
    const sum = await cashier('settlement.dailySummary', {});
    expect(sum.value).toMatchObject({ operatorId: 'c01', count: 1, cashToHandIn: s.value.cashDue });
    expect((await cashier('settlement.dailySummary', { operatorId: 'admin' })).error.code).toBe('FORBIDDEN');
    expect((await cashier('queue.status')).value).toMatchObject({ online: true, unsent: 0 });
  });

  it('offline limits are set by a technician only, and read by the cashier', async () => {
    const denied = await cashier('settlement.offlineLimits.set', { perVisit: '100.00', perPersonDay: '200.00', differencePolicy: 'patient' });
    expect(denied.error.code).toBe('FORBIDDEN');
    const set = await admin('settlement.offlineLimits.set', { perVisit: '1500', perPersonDay: '2500.5', differencePolicy: 'patient' });
    expect(set.value).toEqual({ perVisit: '1500.00', perPersonDay: '2500.50', differencePolicy: 'patient' });
    expect((await cashier('settlement.offlineLimits.get')).value.perVisit).toBe('1500.00');
  });

  it('reconciles the day with the network (balanced) and exports the run as CSV', async () => {
    const netDay = new Date().toISOString().slice(0, 10);
    const run = await cashier('reconcile.run', { from: netDay, to: netDay });
    expect(run.value.error).toBeUndefined();
    expect(run.value).toMatchObject({ totalsBalanced: true, mismatchCount: 0 });
    expect(run.value.local.count).toBeGreaterThanOrEqual(1);
    const csv = await cashier('reconcile.export', { runId: run.value.id });
    expect(csv.value.csv.startsWith('\uFEFF类型,')).toBe(true);
    expect(csv.value.csv).toContain('对账平衡');
    expect((await cashier('reconcile.list', {})).value[0].id).toBe(run.value.id);
  });
});
