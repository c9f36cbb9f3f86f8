// The scan service on the composed app: off unless the setup asks for it; codes the HIS sends with
// its lines taken as scans (a bad one named, not taken); a reason only for a line without codes;
// a removed code scanned again; the setup refuses a format that is not a regular expression.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, windowTestApp, type WindowTestApp } from '../window/helpers';
import { drugVisit } from './visits';
import { code } from './helpers';

let w: WindowTestApp;
const SETUP = { scanAtWindow: true, codePattern: '^\\d{20}$', pharmacistName: '张药师', pharmacistCertNo: 'ZY0000000001', unknownLot: '-' };
beforeAll(async () => {
  w = await windowTestApp();
}, 60_000);
afterAll(() => w?.app.close());

const receive = (v: ReturnType<typeof drugVisit>) => expect(w.bridge.service.receiveAll([v], 'api').ok).toBe(true);

describe('trace scan', () => {
  it('asks for nothing while the setup has the window scan off', async () => {
    receive(drugVisit('SC0', w.app.ctx.now()));
    expect(ok(await w.c01('trace.setup.get'))).toMatchObject({ scanAtWindow: false, codePattern: '^\\d{20}$' });
    expect(ok(await w.c01('trace.open', { visitId: 'SC0' }))).toMatchObject({ enabled: false, lines: [], ready: true });
    ok(await w.admin('trace.setup.set', SETUP));
    expect(ok(await w.c01('trace.open', { visitId: 'SC0' }))).toMatchObject({ enabled: true, ready: false });
  });

  it('takes the codes the HIS sent with its lines; a bad one is named and not taken', async () => {
    const v = drugVisit('SC1', w.app.ctx.now());
    Object.assign(v.lines[1], { traceCodes: [code(11)] });
    Object.assign(v.lines[2], { traceCodes: [code(12)] });
    Object.assign(v.lines[3], { traceCodes: ['12345'] });
    receive(v);
    const s = ok(await w.c01('trace.open', { visitId: 'SC1' }));
    expect(s.lines.map((l: any) => [l.lineNo, l.codes.map((c: any) => c.code)])).toEqual([['2', [code(11)]], ['3', [code(12)]], ['4', []]]);
    expect(s.notes).toEqual([expect.stringContaining('12345 未采用')]);
    expect(s.ready).toBe(false);
    // Opened again (the cashier went back): what was scanned stays, nothing is taken twice.
    expect(ok(await w.c01('trace.open', { visitId: 'SC1' })).codeCount).toBe(2);
  });

  it('a reason only for a line without codes; a removed code can be scanned again', async () => {
    receive(drugVisit('SC2', w.app.ctx.now()));
    ok(await w.c01('trace.open', { visitId: 'SC2' }));
    ok(await w.c01('trace.scan', { visitId: 'SC2', lineNo: '2', code: code(21) }));
    const refused = await w.c01('trace.reason', { visitId: 'SC2', lineNo: '2', reason: 'noCode' });
    expect(refused.error).toMatchObject({ code: 'TRACE_HAS_CODES', field: 'reason' });
    const bad = await w.c01('trace.reason', { visitId: 'SC2', lineNo: '3', reason: 'whatever' });
    expect(bad.ok).toBe(false);
    ok(await w.c01('trace.reason', { visitId: 'SC2', lineNo: '3', reason: 'noCode' }));
    const s = ok(await w.c01('trace.reason', { visitId: 'SC2', lineNo: '4', reason: 'unreadable' }));
    expect(s.lines.map((l: any) => [l.lineNo, l.ready, l.reasonName ?? ''])).toEqual([['2', true, ''], ['3', true, '包装上没有追溯码'], ['4', true, '追溯码破损无法识别']]);
    expect(s.ready).toBe(true);
    ok(await w.c01('trace.remove', { visitId: 'SC2', code: code(21) }));
    const again = ok(await w.c01('trace.scan', { visitId: 'SC2', lineNo: '2', code: code(21) }));
    expect(again.outcome.ok).toBe(true);
  });

  it('the setup refuses a code format that is not a regular expression, and keeps the one it had', async () => {
    const r = await w.admin('trace.setup.set', { ...SETUP, codePattern: '([' });
    expect(r.error).toMatchObject({ field: 'codePattern' });
    expect(ok(await w.c01('trace.setup.get')).codePattern).toBe('^\\d{20}$');
    const cashier = await w.c01('trace.setup.set', SETUP);
    expect(cashier.ok).toBe(false);
  });
});
