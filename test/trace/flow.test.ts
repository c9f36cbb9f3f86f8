// The window's drug sale end to end on the composed app and its built-in network: three drug lines
// scanned (one from a split pack, a code scanned twice refused), settled, the receipt counting the
// codes, 3505 at the network with the codes once the settlement is confirmed there (at once
// online; after the network is back for an offline one), a cancellation sending 3506, a refusal
// kept with the network's words. Needs the settle area's two hook calls (traceWithin in the
// settlement commit, traceCancelWithin in the cancellation's).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cash, identify, ok, windowTestApp, type WindowTestApp } from '../window/helpers';
import { until } from '../wait';
import { drugVisit } from './visits';
import { code } from './helpers';

let w: WindowTestApp;
beforeAll(async () => {
  w = await windowTestApp();
  ok(await w.admin('trace.setup.set', { scanAtWindow: true, codePattern: '^\\d{20}$', pharmacistName: '张药师', pharmacistCertNo: 'ZY0000000001', unknownLot: '-' }));
}, 60_000);
afterAll(() => w?.app.close());

const uploads = (id: string) => w.services.trace.queue.forSettlement(id);
const states = (id: string) => uploads(id).map((u) => `${u.infno}:${u.lineNo}:${u.state}`);
const allDone = (id: string, infno: string) => uploads(id).filter((u) => u.infno === infno).every((u) => u.state === 'done');

/** Identifies, pre-settles and opens the scan of a fresh drug visit. */
async function scanReady(id: string) {
  expect(w.bridge.service.receiveAll([drugVisit(id, w.app.ctx.now())], 'api').ok).toBe(true);
  const p = await identify(w.c01, 'ordinary');
  const pre = ok(await w.c01('window.preSettle', { ticket: p.ticket, visitId: id }));
  const s = ok(await w.c01('trace.open', { visitId: id }));
  return { p, pre, s };
}

async function scanAll(id: string, base: number) {
  ok(await w.c01('trace.scan', { visitId: id, lineNo: '2', code: code(base + 1) }));
  ok(await w.c01('trace.scan', { visitId: id, lineNo: '3', code: code(base + 2) }));
  return ok(await w.c01('trace.scan', { visitId: id, lineNo: '4', code: code(base + 3) }));
}

describe('drug traceability codes at the window', () => {
  it('scans three drug lines (one split), refuses a code twice, settles, uploads 3505, cancels with 3506', async () => {
    const { p, pre, s } = await scanReady('TR1');
    expect(s.lines.map((l: any) => [l.lineNo, l.split, l.need, l.unit])).toEqual([['2', false, '1', 'box'], ['3', true, '12', 'unit'], ['4', false, '1', 'box']]);
    ok(await w.c01('trace.scan', { visitId: 'TR1', lineNo: '2', code: code(101) }));
    const twice = ok(await w.c01('trace.scan', { visitId: 'TR1', lineNo: '4', code: code(101) }));
    expect(twice.outcome).toMatchObject({ ok: false, code: 'TRACE_DUPLICATE' });
    expect(twice.codeCount).toBe(1);
    const bad = ok(await w.c01('trace.scan', { visitId: 'TR1', lineNo: '4', code: '123' }));
    expect(bad.outcome).toMatchObject({ ok: false, code: 'TRACE_FORMAT' });
    ok(await w.c01('trace.scan', { visitId: 'TR1', lineNo: '3', code: code(102) }));
    const last = ok(await w.c01('trace.scan', { visitId: 'TR1', lineNo: '4', code: code(103) }));
    expect(last).toMatchObject({ ready: true, codeCount: 3 });

    const done = ok(await w.c01('window.settle', cash(pre, p.ticket)));
    expect(done.state).toBe('confirmed');
    expect(w.services.receipts.get(done.receiptNo)!.data.traceCodes).toEqual({ codes: 3, drugLines: 3, withoutCodes: 0 });
    await until(() => uploads(done.settlementId).length === 3 && allDone(done.settlementId, '3505'), '3505 done', 60_000);
    const sim = w.services.network.sim()!;
    const split = sim.traceCode(code(102)) as any;
    expect(split.state).toMatchObject({ whole: false, units: 12, pack: 20 });
    expect(split.sales[0]).toMatchObject({ trdnFlag: '1', cnt: '12', codes: [code(102)] });
    expect((sim.traceCode(code(101)) as any).state).toMatchObject({ whole: true });

    ok(await w.c01('window.cancel', { settlementId: done.settlementId, reason: '患者要求退药', password: 'cash-pass-1' }));
    await until(() => allDone(done.settlementId, '3506') && uploads(done.settlementId).length === 6, '3506 done', 60_000);
    expect((sim.traceCode(code(101)) as any).state).toMatchObject({ whole: false });
    expect((sim.traceCode(code(102)) as any).sales[0].returned).toBe(true);
  }, 90_000);

  it('the split pack serves the next sale; a whole pack sold again is warned at the scan and refused by the network with its words', async () => {
    const { p, pre } = await scanReady('TR2');
    const reopened = ok(await w.c01('trace.scan', { visitId: 'TR2', lineNo: '3', code: code(102) }));
    // The first sale was cancelled: the box is whole again, 12 of its 20 units serve this sale.
    expect(reopened.outcome).toMatchObject({ ok: true });
    expect(reopened.lines.find((l: any) => l.lineNo === '3').have).toBe('12');
    ok(await w.c01('trace.scan', { visitId: 'TR2', lineNo: '2', code: code(201) }));
    ok(await w.c01('trace.reason', { visitId: 'TR2', lineNo: '4', reason: 'oldStock' }));
    const done = ok(await w.c01('window.settle', cash(pre, p.ticket)));
    await until(() => uploads(done.settlementId).length === 3 && allDone(done.settlementId, '3505'), '3505 done', 60_000);
    expect(w.services.receipts.get(done.receiptNo)!.data.traceCodes).toEqual({ codes: 2, drugLines: 3, withoutCodes: 1 });

    const { p: p3, pre: pre3 } = await scanReady('TR3');
    const again = ok(await w.c01('trace.scan', { visitId: 'TR3', lineNo: '2', code: code(201) }));
    expect(again.outcome.warning).toMatch(/一码多售/);
    ok(await w.c01('trace.scan', { visitId: 'TR3', lineNo: '3', code: code(302) }));
    ok(await w.c01('trace.scan', { visitId: 'TR3', lineNo: '4', code: code(303) }));
    const third = ok(await w.c01('window.settle', cash(pre3, p3.ticket)));
    await until(() => uploads(third.settlementId).every((u) => u.state === 'done' || u.state === 'rejected') && uploads(third.settlementId).length === 3, 'answers', 60_000);
    const refused = uploads(third.settlementId).find((u) => u.lineNo === '2')!;
    expect(refused).toMatchObject({ state: 'rejected' });
    expect(refused.message).toContain(`追溯码${code(201)}已销售`);
    const listed = ok<any[]>(await w.c01('trace.uploads', { states: ['rejected'] }));
    expect(listed.map((u) => u.id)).toContain(refused.id);

    const report = ok(await w.c01('trace.report', {}));
    expect(report.totals).toMatchObject({ drugLines: 9, withoutCodes: 1, rejected: 1, returned: 3 });
    expect(report.reasons).toEqual([{ name: '规则实施前购进的存量药品', count: 1 }]);
    const csv = ok(await w.c01('trace.reportCsv', {}));
    expect(csv.csv.split('\r\n')[0]).toContain('追溯码');
    expect(csv.csv).toContain(code(201));
  }, 90_000);

  it('an offline settlement: its 3505 waits for the network, then goes after the settlement', async () => {
    const sim = w.services.network.sim()!;
    sim.setFaults('drop=1');
    await w.services.settlement.forwarder.probe(1000);
    const { p, pre } = await scanReady('TR4');
    await scanAll('TR4', 400);
    const done = ok(await w.c01('window.settle', cash(pre, p.ticket)));
    expect(done.state).toBe('queued');
    await w.services.trace.sender.kick();
    expect(states(done.settlementId)).toEqual(['3505:2:waiting', '3505:3:waiting', '3505:4:waiting']);
    expect(sim.traceCode(code(401))).toMatchObject({ state: null });
    sim.setFaults('');
    await until(() => allDone(done.settlementId, '3505') && uploads(done.settlementId).length === 3, 'offline 3505 done', 60_000);
    expect((sim.traceCode(code(401)) as any).state).toMatchObject({ whole: true });
  }, 90_000);
});
