// The receipts area in a running browser-mode app: real SQLite in a temp dir, real loopback HTTP,
// real operator sessions, real Chromium for the archive, a real pty pair for the serial printer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { SerialPort } from 'serialport';
import { startBrowserMode, type RunningBrowserApp } from '../../electron/app/browser-mode';
import type { ReceiptsService } from '../../electron/print/service';
import { receiptFromCaseFile } from '../../electron/print/case-receipt';
import { openPtyPair } from '../../native/sim/pty';
import { caseFiles, pdfText, squash, tempDir } from './helpers';
import { lines, parseEscPos } from './escpos-parse';
import type { ReceiptData } from '../../electron/core/receipt';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

let running: RunningBrowserApp;
let base: string;
let token: string;
let receipts: ReceiptsService;
let dataDir: string;
let first: ReceiptData;

async function call(method: string, input?: unknown, session: string | null = token): Promise<Json> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (session) headers['x-settle-session'] = session;
  const res = await fetch(`${base}api/${method}`, { method: 'POST', headers, body: JSON.stringify({ input }) });
  expect(res.status).toBe(200);
  return res.json();
}

function build(file: string, receiptNo?: string): ReceiptData {
  const r = receiptFromCaseFile(file, { sign: receipts.sign });
  if (!r.ok) throw new Error(r.error.message);
  return receiptNo ? { ...r.value, receiptNo } : r.value;
}

beforeAll(async () => {
  dataDir = tempDir('receipts-app-');
  running = await startBrowserMode({ dataDir, port: 0, flags: new Map([['network', 'off'], ['his-port', '0']]) });
  base = running.host.url;
  const admin = await call('auth.setupAdmin', { operatorId: 'admin', name: '管理员', password: 'secret-123' }, null);
  expect(admin.ok).toBe(true);
  token = admin.value.token;
  receipts = running.app.services.receipts;
  first = build(caseFiles().find((f) => f.includes('zibo-poverty-township-inpatient'))!);
});
afterAll(async () => running.close());

describe('archive', () => {
  // The first render starts Chromium: a long hang guard, so a machine busy with other work only waits.
  it('writes the PDF into receipts/YYYY/MM/<receiptNo>.pdf, idempotently', { timeout: 120_000 }, async () => {
    const a = await receipts.archive(first);
    expect(a.pdfPath).toBe(path.join(dataDir, 'receipts', '2020', '06', `${first.receiptNo}.pdf`));
    expect(fs.readFileSync(a.pdfPath).subarray(0, 5).toString()).toBe('%PDF-');
    const mtime = fs.statSync(a.pdfPath).mtimeMs;
    const again = await receipts.archive({ ...first, cashPaid: '1.00' });
    expect(again.pdfPath).toBe(a.pdfPath);
    expect(fs.statSync(a.pdfPath).mtimeMs).toBe(mtime);
    expect(receipts.get(first.receiptNo)!.data.cashPaid).toBe(first.cashPaid); // the first data wins
    expect(receipts.pdfPath(first.receiptNo)).toBe(a.pdfPath);
  });

  it('verifies a scanned QR code against the archive', () => {
    expect(receipts.verify(first.qr.text)).toMatchObject({ ok: true, receiptNo: first.receiptNo });
    const forged = first.qr.text.replace(/\|[0-9A-F]{8}$/, (c) => (c === '|00000000' ? '|11111111' : '|00000000'));
    expect(receipts.verify(forged).ok).toBe(false);
    expect(receipts.verify(first.qr.text.replace(first.settlementId, 'S-OTHER')).ok).toBe(false);
    expect(receipts.verify('hello').ok).toBe(false);
  });

  it('keeps receipt data immutable in SQLite (migration 040)', () => {
    const db = running.app.ctx.db;
    expect(() => db.prepare("UPDATE receipts SET data = '{}' WHERE receipt_no = ?").run(first.receiptNo)).toThrow(/immutable/);
  });
});

describe('receipt.* API and the PDF route', () => {
  it('needs a session', async () => {
    const res = await call('receipt.search', {}, null);
    expect(res.ok).toBe(false);
    expect(res.error.code).toBe('NOT_LOGGED_IN');
  });

  it('finds receipts by name, date and number, names masked', async () => {
    const second = build(caseFiles().find((f) => f.includes('e1-chongqing'))!);
    await receipts.archive(second);
    const byName = await call('receipt.search', { name: '张建' });
    expect(byName.ok).toBe(true);
    expect(byName.value.map((r: Json) => r.receiptNo)).toContain(first.receiptNo);
    expect(byName.value.every((r: Json) => /^\S\*+$/.test(r.patientName))).toBe(true);
    const byDay = await call('receipt.search', { from: '2023-10-01', to: '2023-10-01' });
    expect(byDay.value.map((r: Json) => r.receiptNo)).toEqual([second.receiptNo]);
    const byNo = await call('receipt.search', { receiptNo: first.receiptNo });
    expect(byNo.value).toHaveLength(1);
    expect(byNo.value[0].total).toBe(first.fees.total);
    const bad = await call('receipt.search', { from: '2020/01/01' });
    expect(bad.ok).toBe(false);
  });

  it('gets the receipt with its PDF URL, served only with a session header or a one-time link', async () => {
    const got = await call('receipt.get', { receiptNo: first.receiptNo });
    expect(got.ok).toBe(true);
    expect(got.value.receipt.layers.map((l: Json) => l.amount)).toEqual(first.layers.map((l) => l.amount));
    const url = `${base}${got.value.pdfUrl.slice(1)}`;
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(`${url}?session=${token}`)).status).toBe(401);
    const link = await call('receipt.link', { url: got.value.pdfUrl });
    const ok = await fetch(`${base}${link.value.url.slice(1)}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await ok.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    const byHeader = await fetch(url, { headers: { 'x-settle-session': token } });
    expect(byHeader.status).toBe(200);
    expect((await fetch(`${base}receipts/R99999999999999.pdf`, { headers: { 'x-settle-session': token } })).status).toBe(404);
    const traversal = await call('receipt.get', { receiptNo: '../settle' });
    expect(traversal.ok).toBe(false);
  });

  it('prints in the browser, then counts every reprint and marks the sheet "重打 N"', async () => {
    const p0 = await call('receipt.print', { receiptNo: first.receiptNo });
    expect(p0.value).toMatchObject({ reprintNo: 0, target: 'browser', ok: true });
    expect(p0.value.pdfUrl).toMatch(new RegExp(`^/receipts/${first.receiptNo}\\.pdf\\?link=`));
    const p1 = await call('receipt.print', { receiptNo: first.receiptNo });
    expect(p1.value.reprintNo).toBe(1);
    const p2 = await call('receipt.reprint', { receiptNo: first.receiptNo });
    expect(p2.value.reprintNo).toBe(2);
    expect(p2.value.pdfUrl.startsWith(`/receipts/${first.receiptNo}-R2.pdf?link=`)).toBe(true);
    const r2 = receipts.pdfPath(first.receiptNo, 2)!;
    expect(squash(pdfText(r2))).toContain('重打2');
    expect(squash(pdfText(receipts.pdfPath(first.receiptNo, 1)!))).toContain('重打1');
    expect(squash(pdfText(receipts.pdfPath(first.receiptNo)!))).not.toContain('重打');
    const served = await fetch(`${base}${p2.value.pdfUrl.slice(1)}`);
    expect(served.status).toBe(200);
    const got = await call('receipt.get', { receiptNo: first.receiptNo });
    expect(got.value.item).toMatchObject({ printCount: 3, reprintCount: 2 });
    expect(got.value.prints.map((p: Json) => p.reprintNo)).toEqual([0, 1, 2]);
  });

  it('tells the browser-mode user that the browser print dialog is used', async () => {
    const res = await call('receipt.printers');
    expect(res.value.mode).toBe('browser');
    expect(res.value.message).toContain('浏览器');
    expect(res.value.font.ok).toBe(true);
  });
});

describe('thermal printing from the setup', () => {
  it('writes the ESC/POS receipt to a device or file path', async () => {
    const out = path.join(tempDir('thermal-'), 'lp0');
    const set = await call('receipt.setup.set', { paper: 'escpos80', printerName: '', thermalKind: 'file', thermalPath: out, thermalBaud: 9600, preview: false, autoPrint: true });
    expect(set.ok).toBe(true);
    expect((await call('receipt.setup.get')).value.paper).toBe('escpos80');
    const p = await call('receipt.reprint', { receiptNo: first.receiptNo });
    expect(p.value).toMatchObject({ target: 'thermal', ok: true, reprintNo: 3 });
    const ops = parseEscPos(fs.readFileSync(out));
    expect(ops[ops.length - 1].op).toBe('cut');
    const text = squash(lines(ops).join(''));
    expect(text).toContain('重打3');
    for (const l of first.layers) expect(text).toContain(l.amount);
  });

  it('sends it over a serial port (a pty pair standing in for the printer)', async () => {
    const pty = await openPtyPair();
    const printer = new SerialPort({ path: pty.device, baudRate: 9600 });
    const got: Buffer[] = [];
    printer.on('data', (b: Buffer) => got.push(b));
    try {
      await call('receipt.setup.set', { paper: 'escpos58', printerName: '', thermalKind: 'serial', thermalPath: pty.host, thermalBaud: 9600, preview: false, autoPrint: true });
      const p = await call('receipt.reprint', { receiptNo: first.receiptNo });
      expect(p.value).toMatchObject({ target: 'thermal', ok: true, reprintNo: 4 });
      const expected = receipts.escpos(first.receiptNo, 'escpos58', 4);
      const until = Date.now() + 5000;
      while (Buffer.concat(got).length < expected.length && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      expect(Buffer.concat(got).equals(expected)).toBe(true);
    } finally {
      await new Promise<void>((r) => printer.close(() => r()));
      await pty.close();
    }
  });

  it('reports a missing or broken thermal printer without losing the count', async () => {
    await call('receipt.setup.set', { paper: 'escpos58', printerName: '', thermalKind: 'serial', thermalPath: '/dev/does-not-exist-print', thermalBaud: 9600, preview: false, autoPrint: true });
    const p = await call('receipt.reprint', { receiptNo: first.receiptNo });
    expect(p.value.ok).toBe(false);
    expect(p.value.message).toContain('热敏打印机打印失败');
    const bad = await call('receipt.setup.set', { paper: 'A3', printerName: '', thermalKind: 'serial', thermalPath: '', thermalBaud: 9600, preview: false, autoPrint: true });
    expect(bad.ok).toBe(false);
    expect((await call('receipt.setup.get')).value.paper).toBe('escpos58');
  });
});

describe('offline settlement confirmed later', () => {
  it('says "pending confirmation" until confirmed, then reprints say when it was confirmed', async () => {
    const file = caseFiles().find((f) => f.includes('zibo-resident-outpatient-ytd'))!;
    const built = receiptFromCaseFile(file, { sign: receipts.sign, offline: true });
    if (!built.ok) throw new Error(built.error.message);
    const r = { ...built.value, receiptNo: 'R01202006150077', settlementId: 'S01202006150077' };
    const { pdfPath } = await receipts.archive(r);
    expect(squash(pdfText(pdfPath))).toContain('脱机结算，待医保中心确认');
    expect(receipts.markConfirmed('S01202006150077', new Date('2020-06-15T04:00:00Z'))).toBe(1);
    expect(receipts.markConfirmed('S01202006150077', new Date('2020-06-16T04:00:00Z'))).toBe(0);
    await call('receipt.setup.set', { paper: 'A5', printerName: '', thermalKind: 'serial', thermalPath: '', thermalBaud: 9600, preview: false, autoPrint: true });
    const p = await call('receipt.reprint', { receiptNo: r.receiptNo });
    expect(p.ok).toBe(true);
    const text = squash(pdfText(receipts.pdfPath(r.receiptNo, p.value.reprintNo)!));
    expect(text).toContain('脱机结算，已于2020-06-1512:00:00经医保中心确认');
    expect(text).not.toContain('待医保中心确认');
    expect(squash(pdfText(pdfPath))).toContain('待医保中心确认'); // the archived original stays as printed
    const esc = squash(lines(parseEscPos(receipts.escpos(r.receiptNo, 'escpos58', 1))).join(''));
    expect(esc).toContain('已于2020-06-1512:00:00经医保中心确认');
  });
});
