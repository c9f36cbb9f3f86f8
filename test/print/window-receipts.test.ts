// Receipts of settlements made through the real window API (composeApp: operators, the simulated
// reader and network, the demo HIS visits, the settle area, Chromium for the archived PDFs).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { composeApp, type RunningApp } from '../../electron/app/compose';
import type { Session } from '../../electron/api/dispatch';
import { demoVisits } from '../../electron/his/demo/visits';
import type { HisBridge } from '../../electron/his';
import type { ReceiptsService } from '../../electron/print/service';
import { longReceipt, pdfPages, pdfText, savePng, squash, tempDir } from './helpers';

let app: RunningApp;
let call: (m: string, input?: unknown) => Promise<any>;
let receipts: ReceiptsService;
let asAdmin: (m: string, input?: unknown) => Promise<any>;

function ok<T>(res: { ok: boolean; value?: T; error?: unknown }): T {
  expect(res.ok, JSON.stringify(res.error)).toBe(true);
  return res.value as T;
}

beforeAll(async () => {
  // The shipped policy packs are those of 2020: run the app's clock in 2020.
  const offset = Date.now() - Date.parse('2020-06-15T01:30:00Z');
  app = await composeApp({ dataDir: tempDir('window-receipts-'), mode: 'test', flags: new Map([['his-port', '0']]), now: () => new Date(Date.now() - offset) });
  const resolve = app.services.sessions;
  const raw = (m: string, input?: unknown, token?: string) =>
    app.dispatcher.dispatch(m, input, { session: token ? resolve(token) : undefined, channel: 'http' }) as Promise<any>;
  const admin = await raw('auth.setupAdmin', { operatorId: 'admin', name: '王管理', password: 'admin-pass-1' });
  await raw('operators.create', { id: 'c01', name: '李收款', role: 'cashier', password: 'cash-pass-1' }, admin.value.token);
  const token = (await raw('auth.login', { operatorId: 'c01', password: 'cash-pass-1' })).value.token;
  call = (m, input) => raw(m, input, token);
  asAdmin = (m, input) => raw(m, input, admin.value.token);
  const bridge = app.services.his;
  expect(bridge.service.receiveAll(demoVisits(app.ctx.now(), 'WR'), 'api').ok).toBe(true);
  receipts = app.services.receipts;
}, 60_000);

afterAll(async () => {
  await app?.close();
});

/** Reads the demo card of `personKey` and pre-settles its first waiting visit of `visitType`. */
async function preSettle(personKey: string, visitType: string, extra: Record<string, unknown> = {}) {
  ok(await call('window.demo.insertCard', { personKey }));
  const person = ok<any>(await call('window.identify', { via: 'reader' }));
  const visits = ok<any[]>(await call('window.visits', { ticket: person.ticket }));
  const visit = visits.find((v) => v.visitType === visitType);
  const pre = ok<any>(await call('window.preSettle', { ticket: person.ticket, visitId: visit.visitId, ...extra }));
  return { person, visit, pre };
}

describe('receipts of window settlements', () => {
  it('a settlement paid by Alipay: the window and the archived sheet name the method and its reference', async () => {
    const { person, pre } = await preSettle('ordinary', 'outpatient');
    const ref = '2020061522001400001234567890';
    const done = ok<any>(await call('window.settle', { ticket: person.ticket, preId: pre.preId, accountPay: '0.00', payment: { kind: 'mobile', method: 'alipay', reference: ref } }));
    expect(done.payment).toEqual({ method: 'alipay', name: '支付宝', reference: ref });
    expect(receipts.get(done.receiptNo)!.data.payment).toEqual({ method: 'alipay', name: '支付宝', reference: ref });
    const pdf = receipts.pdfPath(done.receiptNo)!;
    expect(pdfPages(pdf)).toBe(1);
    const text = squash(pdfText(pdf));
    expect(text).toContain(`个人支付（支付宝）支付方式：支付宝交易单号：${ref}`);
    expect(text).not.toContain('个人现金');
    savePng(pdf, 'window-alipay');
  }, 90_000);

  it('the 31-line inpatient stay prints on ONE A5 sheet with its QR check value and footer', async () => {
    const { person, visit, pre } = await preSettle('poor', 'inpatient');
    expect(visit.lineCount).toBe(31);
    const done = ok<any>(await call('window.settle', { ticket: person.ticket, preId: pre.preId, accountPay: '0.00', payment: { kind: 'cash', tendered: '5000.00' } }));
    const data = receipts.get(done.receiptNo)!.data;
    expect(data.categories.length).toBeGreaterThanOrEqual(10);
    const pdf = receipts.pdfPath(done.receiptNo)!;
    savePng(pdf, 'inpatient-31-lines-a5');
    expect(pdfPages(pdf)).toBe(1);
    expect(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })).toMatch(/Page size:\s+419\.\d+ x 595\.\d+|Page size:\s+420 x 59[45]/);
    const text = squash(pdfText(pdf));
    expect(text).toContain(`校验码：${data.qr.check}`);
    expect(text).toContain('本单为医保一站式结算凭证');
    for (const c of data.categories) expect(text).toContain(`${c.name}${c.total}`);
    const printed = ok<any>(await call('window.print', { settlementId: done.settlementId }));
    expect(printed.message).not.toContain('A4');
  }, 90_000);

  it('a sheet too long for A5 is archived on one A4 sheet and the print outcome tells the cashier', async () => {
    const long = { ...longReceipt(10), receiptNo: 'R01202006159901', settlementId: 'LONG-SHEET-1' };
    const { pdfPath } = await receipts.archive(long);
    expect(pdfPages(pdfPath)).toBe(1);
    expect(execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' })).toMatch(/Page size:.*\(A4\)/);
    const out = await receipts.print(long.receiptNo);
    expect(out.message).toContain('A5 纸放不下，已自动改用 A4 纸');
  }, 120_000);

  it('a cash settlement stays cash', async () => {
    const { person, pre } = await preSettle('destitute', 'outpatient');
    const done = ok<any>(await call('window.settle', { ticket: person.ticket, preId: pre.preId, accountPay: '0.00', payment: { kind: 'cash', tendered: '500.00' } }));
    expect(done.payment).toEqual({ method: 'cash', name: '现金' });
    const text = squash(pdfText(receipts.pdfPath(done.receiptNo)!));
    expect(text).toContain('个人现金支付');
    expect(text).not.toContain('交易单号');
  }, 90_000);

  it('with 附费用明细清单 set up, every fee line is listed on a page after the one-page sheet', async () => {
    const setup = ok<any>(await call('receipt.setup.get'));
    expect(setup.detailList).toBe(false);
    ok(await asAdmin('receipt.setup.set', { ...setup, detailList: true }));
    try {
      const { person, visit, pre } = await preSettle('employee', 'outpatient');
      const done = ok<any>(await call('window.settle', { ticket: person.ticket, preId: pre.preId, accountPay: '0.00', payment: { kind: 'cash', tendered: '500.00' } }));
      const pdf = receipts.pdfPath(done.receiptNo)!;
      savePng(pdf, 'detail-list');
      expect(pdfPages(pdf)).toBe(2);
      const sheet = squash(execFileSync('pdftotext', ['-f', '1', '-l', '1', '-layout', pdf, '-'], { encoding: 'utf8' }));
      expect(sheet).toContain('本单为医保一站式结算凭证');
      expect(sheet).not.toContain('费用明细清单');
      // Reading order (no -layout): a name wrapped in its cell stays in one piece.
      const list = squash(execFileSync('pdftotext', ['-f', '2', '-l', '2', pdf, '-'], { encoding: 'utf8' }));
      expect(list).toContain('费用明细清单（附页）');
      expect(list).toContain(`合计（共${visit.lineCount}项）`);
      expect(list).toContain(pre.total);
      for (const l of receipts.get(done.receiptNo)!.data.details!) expect(list).toContain(squash(`${l.name}`));
    } finally {
      ok(await asAdmin('receipt.setup.set', { ...setup, detailList: false }));
    }
  }, 120_000);
});
