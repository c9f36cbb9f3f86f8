// The window end to end through the real dispatcher: operators, the simulated reader, the
// built-in network simulator, the demo HIS visits, the settlement service and receipts.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { composeApp, type RunningApp } from '../../electron/app/compose';
import type { Session } from '../../electron/api/dispatch';
import { demoVisits } from '../../electron/his/demo/visits';
import type { HisBridge } from '../../electron/his';
import type { ReceiptsService } from '../../electron/print/service';

let app: RunningApp;
let call: (m: string, input?: unknown) => Promise<any>;
let cashierToken: string;
let adminToken: string;
let rawCall: (m: string, input?: unknown, token?: string) => Promise<any>;
let resolve: (t: string) => Session | undefined;

beforeAll(async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'window-flow-'));
  // The shipped policy packs are those of 2020 (the seeds): run the window's clock in 2020.
  const offset = Date.now() - Date.parse('2020-06-15T01:30:00Z');
  app = await composeApp({ dataDir, mode: 'test', flags: new Map([['his-port', '0']]), now: () => new Date(Date.now() - offset) });
  resolve = app.services.sessions;
  const raw = (m: string, input?: unknown, token?: string) =>
    app.dispatcher.dispatch(m, input, { session: token ? resolve(token) : undefined, channel: 'http' }) as Promise<any>;
  const admin = await raw('auth.setupAdmin', { operatorId: 'admin', name: '王管理', password: 'admin-pass-1' });
  await raw('operators.create', { id: 'c01', name: '李收款', role: 'cashier', password: 'cash-pass-1' }, admin.value.token);
  cashierToken = (await raw('auth.login', { operatorId: 'c01', password: 'cash-pass-1' })).value.token;
  adminToken = admin.value.token;
  rawCall = raw;
  call = (m, input) => raw(m, input, cashierToken);
  const bridge = app.services.his;
  const r = bridge.service.receiveAll(demoVisits(app.ctx.now(), 'T'), 'api');
  expect(r.ok).toBe(true);
}, 60_000);

afterAll(async () => {
  await app?.close();
});

function ok<T>(res: { ok: boolean; value?: T; error?: unknown }): T {
  expect(res.ok, JSON.stringify(res.error)).toBe(true);
  return res.value as T;
}

describe('the window', () => {
  it('settles the poor patient\'s inpatient visit from card to archived receipt', async () => {
    ok(await call('window.demo.insertCard', { personKey: 'poor' }));
    const person = ok<any>(await call('window.identify', { via: 'reader' }));
    expect(person).toMatchObject({ method: 'ssCard', name: '张建国', idMasked: '370303********0316', cardFree: false, source: 'network' });
    expect(person.identities.map((i: any) => i.code)).toEqual(['poverty']);
    expect(person.chronic.map((c: any) => [c.code, c.signedHere, c.stable])).toEqual([['I10', true, true], ['E11', true, true]]);
    const visits = ok<any[]>(await call('window.visits', { ticket: person.ticket }));
    const inpatient = visits.find((v) => v.visitType === 'inpatient');
    expect(inpatient.lineCount).toBeGreaterThanOrEqual(30);
    const pre = ok<any>(await call('window.preSettle', { ticket: person.ticket, visitId: inpatient.visitId }));
    expect(pre.layers.length).toBeGreaterThan(2);
    for (const l of pre.layers) expect(l.trace.length).toBeGreaterThan(5);
    expect(pre.accountMax).toBe('0.00');
    const tendered = (Math.ceil(Number(pre.patientDue)) + 100).toFixed(2);
    const done = ok<any>(await call('window.settle', { ticket: person.ticket, preId: pre.preId, accountPay: '0.00', payment: { kind: 'cash', tendered } }));
    expect(done.total).toBe(pre.total);
    expect(done.state).toBe('confirmed');
    expect(done.cashDue).toBe(pre.patientDue);
    expect(done.receiptNo).toMatch(/^[A-Z]/);
    const receipts = app.services.receipts;
    const pdf = receipts.pdfPath(done.receiptNo);
    expect(pdf && fs.readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    const again = await call('window.settle', { ticket: person.ticket, preId: pre.preId, accountPay: '0.00', payment: { kind: 'cash', tendered } });
    expect(again.error.code).toBe('ALREADY_SETTLED');
    const visitsAfter = ok<any[]>(await call('window.visits', { ticket: person.ticket }));
    expect(visitsAfter.find((v) => v.visitId === inpatient.visitId)).toBeUndefined();
  }, 60_000);

  it('refuses card-free settlement for an ordinary resident and allows it for the poor, recorded in the audit log', async () => {
    const refused = await call('window.identify', { via: 'cardFree', idNumber: '37030319850115061X', name: '赵志强' });
    expect(refused.error.code).toBe('CARD_FREE_NOT_ALLOWED');
    const badName = await call('window.identify', { via: 'cardFree', idNumber: '370303195803120316', name: '张建' });
    expect(badName.error.code).toBe('NAME_MISMATCH');
    const p = ok<any>(await call('window.identify', { via: 'cardFree', idNumber: '370303195803120316', name: '张建国' }));
    expect(p).toMatchObject({ method: 'cardFree', cardFree: true });
    const visits = ok<any[]>(await call('window.visits', { ticket: p.ticket }));
    const chronic = visits.find((v) => v.visitType === 'chronicOutpatient');
    const tooLong = await call('window.preSettle', { ticket: p.ticket, visitId: chronic.visitId, chronicCode: 'I10', prescriptionDays: 120 });
    expect(tooLong.error.code).toBe('PRESCRIPTION_TOO_LONG');
    const notReg = await call('window.preSettle', { ticket: p.ticket, visitId: chronic.visitId, chronicCode: 'J45', prescriptionDays: 30 });
    expect(notReg.error.code).toBe('CHRONIC_DISEASE_NOT_REGISTERED');
    const pre = ok<any>(await call('window.preSettle', { ticket: p.ticket, visitId: chronic.visitId, chronicCode: 'I10', prescriptionDays: 90 }));
    expect(pre.visitTypeName).toContain('高血压');
    const done = ok<any>(await call('window.settle', { ticket: p.ticket, preId: pre.preId, accountPay: '0.00', payment: { kind: 'mobile', method: 'wechat', reference: 'WX0001' } }));
    expect(done.cardFree).toBe(true);
    const audit = app.ctx.db.prepare("SELECT action, summary FROM audit_log WHERE action LIKE 'window.%' ORDER BY seq").all() as any[];
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['window.cardFreeRefused', 'window.cardFreeIdentify', 'window.settle']));
    expect(audit.find((a) => a.action === 'window.settle' && a.summary.includes('无卡'))).toBeDefined();
    expect(audit.map((a) => a.summary).join('\n')).not.toMatch(/370303195803120316|张建国/);
    const docs = app.ctx.db.prepare('SELECT card_free FROM settlements WHERE id = ?').get(done.settlementId) as any;
    expect(docs.card_free).toBe(1);
  }, 60_000);

  it('settles hand-entered village lines for an employee with the personal account', async () => {
    ok(await call('window.demo.insertCard', { personKey: 'employee' }));
    const p = ok<any>(await call('window.identify', { via: 'reader' }));
    const found = ok<any[]>(await call('window.catalog.search', { q: 'amxl' }));
    expect(found[0].code).toBe('YP0005');
    const pre = ok<any>(await call('window.preSettle', { ticket: p.ticket, visitType: 'outpatient', lines: [{ code: 'ZC0002', quantity: '1' }, { code: 'YP0005', quantity: '24' }] }));
    expect(pre.total).toBe('13.00');
    expect(Number(pre.accountMax)).toBeGreaterThan(0);
    const done = ok<any>(await call('window.settle', { ticket: p.ticket, preId: pre.preId, accountPay: pre.accountMax, payment: { kind: 'cash', tendered: '0.00' } }));
    expect(done.accountPay).toBe(pre.accountMax);
  }, 60_000);

  it('cancels with the operator password and sums the day', async () => {
    const rows = ok<any[]>(await call('window.recent', {}));
    expect(rows.length).toBe(3);
    expect(rows.every((r) => /\*/.test(r.nameMasked) && /\*{8}/.test(r.idMasked))).toBe(true);
    const target = rows[rows.length - 1];
    const wrong = await call('window.cancel', { settlementId: target.settlementId, reason: '患者要求退费', password: 'nope-nope' });
    expect(wrong.error.code).toBe('BAD_CONFIRMATION');
    const before = ok<any>(await call('window.summary', {}));
    const cancelled = ok<any>(await call('window.cancel', { settlementId: target.settlementId, reason: '患者要求退费', password: 'cash-pass-1' }));
    expect(cancelled.cancelled).toBe(true);
    const after = ok<any>(await call('window.summary', {}));
    expect(after.count).toBe(3);
    expect(after.cancelledCount).toBe(1);
    expect(Number(after.cashToHandIn)).toBeCloseTo(Number(before.cashToHandIn) - Number(target.cashDue), 2);
    expect(after.layers.length).toBeGreaterThan(0);
  }, 60_000);

  it('identifies by e-voucher QR and by ID card when the reader is set up so', async () => {
    ok(await rawCall('devices.setup.set', { type: 'simulated', simulatedCard: 'eVoucher', simulatedPerson: 'ordinary' }, adminToken));
    const byQr = ok<any>(await call('window.identify', { via: 'reader' }));
    expect(byQr).toMatchObject({ method: 'eVoucher', name: '赵志强', cardFree: false });
    ok(await rawCall('devices.setup.set', { type: 'simulated', simulatedCard: 'idCard', simulatedPerson: 'destitute' }, adminToken));
    const byId = ok<any>(await call('window.identify', { via: 'reader' }));
    expect(byId).toMatchObject({ method: 'idCard', name: '王德福', identities: [{ code: 'destitute', name: '特困人员' }] });
    ok(await rawCall('devices.setup.set', { type: 'simulated', simulatedCard: 'ssCard', simulatedPerson: 'poor' }, adminToken));
  }, 60_000);

  it('loads the demo HIS visits on request (demo only)', async () => {
    const before = app.services.his.service.listWaiting().length;
    expect(ok<any>(await call('window.demo.loadVisits')).visits).toBe(6);
    expect(app.services.his.service.listWaiting().length).toBe(before + 6);
  });
});
