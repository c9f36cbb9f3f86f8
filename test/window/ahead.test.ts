// Upload ahead: a HIS visit of a person this window knows goes to the network (registration,
// visit information, fee lines) as the HIS sends it, and an identified person's waiting visits
// go when the card is read; at the window only the pre-settlement and the settlement remain.
// A person not known here is not taken ahead; a network that fails in the background neither
// blocks the HIS nor the window, which takes the visit on at its pre-settlement.
import { describe, it, expect, afterEach } from 'vitest';
import { demoVisits } from '../../electron/his/demo/visits';
import { windowTestApp, identify, ok, cash, type WindowTestApp } from './helpers';

let t: WindowTestApp | undefined;
afterEach(async () => {
  await t?.app.close();
  t = undefined;
});

const sim = (a: WindowTestApp) => a.services.network.sim()!;
const atNetwork = (a: WindowTestApp, hisVisitId: string) => sim(a).ledger().visits.find((v) => v.hisVisitNo === hisVisitId);
const calls = (a: WindowTestApp) => ({ ...sim(a).stats().byInfno });
/** The visit's calls (2xxx) made since `before` (a dictionary download may run beside them). */
const since = (before: Record<string, number>, after: Record<string, number>) =>
  Object.fromEntries(Object.entries(after).filter(([k, n]) => k.startsWith('2') && n !== (before[k] ?? 0)).map(([k, n]) => [k, n - (before[k] ?? 0)]));

describe('upload ahead', () => {
  it('a known person\'s HIS visit goes to the network as the HIS sends it; at the window only 2206 and 2207 remain', async () => {
    t = await windowTestApp();
    const person = await identify(t.c01, 'ordinary');
    const visits = demoVisits(t.app.ctx.now(), 'AH');
    const mine = visits.find((v) => v.hisVisitId === 'MZAH01')!;
    const other = visits.find((v) => v.hisVisitId === 'MZAH02')!; // 刘芳: never identified here
    expect(t.bridge.service.receive(mine, 'api')).toMatchObject({ ok: true });
    expect(t.bridge.service.receive(other, 'api')).toMatchObject({ ok: true });
    await t.services.window.aheadIdle();
    expect(atNetwork(t, 'MZAH01')).toMatchObject({ state: expect.any(String), lines: mine.lines.length });
    expect(atNetwork(t, 'MZAH02')).toBeUndefined();

    const before = calls(t);
    const pre = ok(await t.c01('window.preSettle', { ticket: person.ticket, visitId: 'MZAH01' }));
    expect(pre.online).toBe(true);
    const done = ok(await t.c01('window.settle', cash(pre, person.ticket)));
    expect(done.receiptNo).toBeTruthy();
    expect(since(before, calls(t))).toEqual({ 2206: 1, 2207: 1 });
  }, 60_000);

  it('reading the card takes the person\'s waiting visits ahead (the visit arrived before the person was known)', async () => {
    t = await windowTestApp({ tag: 'AR' });
    expect(atNetwork(t, 'MZAR01')).toBeUndefined();
    const person = await identify(t.c01, 'ordinary');
    await t.services.window.aheadIdle();
    expect(atNetwork(t, 'MZAR01')?.lines).toBeGreaterThan(0);
    // Nobody else's visit went with it.
    expect(atNetwork(t, 'MZAR02')).toBeUndefined();
    const before = calls(t);
    const pre = ok(await t.c01('window.preSettle', { ticket: person.ticket, visitId: 'MZAR01' }));
    ok(await t.c01('window.settle', cash(pre, person.ticket)));
    expect(since(before, calls(t))).toEqual({ 2206: 1, 2207: 1 });
  }, 60_000);

  it('a network that fails in the background blocks neither the HIS nor the window: the pre-settlement takes the visit on', async () => {
    t = await windowTestApp();
    const person = await identify(t.c01, 'ordinary');
    sim(t).setFaults('error=1');
    const mine = demoVisits(t.app.ctx.now(), 'AF').find((v) => v.hisVisitId === 'MZAF01')!;
    expect(t.bridge.service.receive(mine, 'api')).toMatchObject({ ok: true, outcome: 'created' });
    await t.services.window.aheadIdle();
    expect(atNetwork(t, 'MZAF01')).toBeUndefined();
    sim(t).setFaults('');
    const pre = ok(await t.c01('window.preSettle', { ticket: person.ticket, visitId: 'MZAF01' }));
    expect(pre.online).toBe(true);
    ok(await t.c01('window.settle', cash(pre, person.ticket)));
    expect(atNetwork(t, 'MZAF01')?.lines).toBe(mine.lines.length);
  }, 60_000);
});
