// Receipt PDF links in browser mode carry no session: a one-time link token, short-lived, for one
// path, minted by window.print, receipt.print/reprint and receipt.link. Real app, real HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserMode, type RunningBrowserApp } from '../../electron/app/browser-mode';
import { demoVisits } from '../../electron/his/demo/visits';
import type { HisBridge } from '../../electron/his';
import { LINK_TTL_MS, PdfLinks } from '../../electron/print/links';
import { tempDir } from './helpers';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

let running: RunningBrowserApp;
let base: string;
let token: string;
let settled: Json;

async function call(method: string, input?: unknown, session: string | null = token): Promise<Json> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (session) headers['x-settle-session'] = session;
  const res = await fetch(`${base}api/${method}`, { method: 'POST', headers, body: JSON.stringify({ input }) });
  expect(res.status).toBe(200);
  return res.json();
}

function ok(res: Json): Json {
  expect(res.ok, JSON.stringify(res.error)).toBe(true);
  return res.value;
}

beforeAll(async () => {
  // The shipped policy packs are those of 2020: run the window's clock in 2020.
  const offset = Date.now() - Date.parse('2020-06-15T01:30:00Z');
  running = await startBrowserMode({ dataDir: tempDir('links-'), port: 0, flags: new Map([['his-port', '0']]), now: () => new Date(Date.now() - offset) });
  base = running.host.url;
  const admin = ok(await call('auth.setupAdmin', { operatorId: 'admin', name: '管理员', password: 'admin-pass-1' }, null));
  ok(await call('operators.create', { id: 'c01', name: '李收款', role: 'cashier', password: 'cash-pass-1' }, admin.token));
  token = ok(await call('auth.login', { operatorId: 'c01', password: 'cash-pass-1' }, null)).token;
  const bridge = running.app.services.his;
  expect(bridge.service.receiveAll(demoVisits(running.app.ctx.now(), 'L'), 'api').ok).toBe(true);
  ok(await call('window.demo.insertCard', { personKey: 'poor' }));
  const person = ok(await call('window.identify', { via: 'reader' }));
  const visit = ok(await call('window.visits', { ticket: person.ticket })).find((v: Json) => v.visitType !== 'inpatient');
  const pre = ok(await call('window.preSettle', { ticket: person.ticket, visitId: visit.visitId }));
  const tendered = (Math.ceil(Number(pre.patientDue)) + 10).toFixed(2);
  settled = ok(await call('window.settle', { ticket: person.ticket, preId: pre.preId, accountPay: '0.00', payment: { kind: 'cash', tendered } }));
}, 120_000);
afterAll(async () => running?.close());

describe('receipt PDF links', () => {
  it('window.print opens a one-time link without the session, which works once', async () => {
    const printed = ok(await call('window.print', { settlementId: settled.settlementId }));
    expect(printed.openUrl).toMatch(/^\/receipts\/[A-Z0-9-]+\.pdf\?link=[A-Za-z0-9_-]{20,}$/);
    expect(printed.openUrl).not.toContain(token);
    expect(printed.openUrl).not.toContain('session');
    const url = new URL(printed.openUrl, base).toString();
    const head = await fetch(url, { method: 'HEAD' });
    expect(head.status).toBe(200); // HEAD does not spend the link
    const first = await fetch(url);
    expect(first.status).toBe(200);
    expect(Buffer.from(await first.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    const second = await fetch(url);
    expect(second.status).toBe(401);
    expect(await second.text()).toContain('链接已失效');
  });

  it('never takes a session token from the URL', async () => {
    const path = settled.receiptUrl as string;
    expect((await fetch(`${base}${path.slice(1)}?session=${token}`)).status).toBe(401);
    expect((await fetch(`${base}${path.slice(1)}`, { headers: { 'x-settle-session': token } })).status).toBe(200);
  });

  it('receipt.link mints a link for one path only, and only for a logged-in operator', async () => {
    expect((await call('receipt.link', { url: settled.receiptUrl }, null)).error.code).toBe('NOT_LOGGED_IN');
    expect((await call('receipt.link', { url: '/api/auth.state' })).error.code).toBe('VALIDATION');
    const link = ok(await call('receipt.link', { url: settled.receiptUrl })).url as string;
    const token2 = new URL(link, base).searchParams.get('link');
    const other = `${base}receipts/${settled.receiptNo}-R1.pdf?link=${token2}`;
    expect((await fetch(other)).status).toBe(401);
    expect((await fetch(new URL(link, base))).status).toBe(200);
  });

  it('receipt.reprint returns a one-time link too', async () => {
    const r = ok(await call('receipt.reprint', { receiptNo: settled.receiptNo }));
    expect(r.pdfUrl).toMatch(/-R1\.pdf\?link=/);
    expect((await fetch(new URL(r.pdfUrl, base))).status).toBe(200);
    expect((await fetch(new URL(r.pdfUrl, base))).status).toBe(401);
  });

  it('a link expires after its short life', () => {
    let t = 1_000_000;
    const links = new PdfLinks(() => t);
    const url = links.mint('/receipts/R1.pdf');
    const tok = url.split('link=')[1];
    t += LINK_TTL_MS - 1;
    expect(links.check(tok, '/receipts/R1.pdf', false)).toBe(true);
    t += 1;
    expect(links.check(tok, '/receipts/R1.pdf', true)).toBe(false);
    expect(LINK_TTL_MS).toBeLessThanOrEqual(5 * 60_000);
  });
});
