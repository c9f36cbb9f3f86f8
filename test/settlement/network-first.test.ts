// The network decides online (real strict simulator over loopback, real SQLite): the settlement is
// committed with the network's figures, not the local engine's; an unknown 2207 outcome is
// resolved before anything else and never settles twice; a refusal reaches the cashier in the
// network's words; an ended sign-in is signed in again and the settlement resent; offline the
// local engine still settles within the limits; a lapsed coverage is refused before fees are
// taken (2001); a person whose insurance type the pack has no rule for is never settled offline.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PlatformSimulator } from '../../electron/network/simulator';
import { DEAD_URL, byCard, cardOf, harness, outpatientLines, visitRef, type Harness, startSim } from './helpers';

let sim: PlatformSimulator;
let h: Harness;
beforeAll(async () => {
  sim = await startSim({ port: 0, holdMs: 300 });
});
afterAll(() => sim.close());
afterEach(async () => {
  sim.setFaults('');
  await h?.close();
});

const outpatient = (key: string, lines = outpatientLines()) => ({
  person: cardOf(key), visit: { ref: visitRef('N'), type: 'outpatient' as const, date: '2020-06-15', lines }, payment: { method: 'cash' as const }, operatorId: 'op1',
});
const atNetwork = (ref: string) => sim.ledger().settlements.filter((s) => s.hisVisitNo === ref);
const count = (h: Harness, sql: string, ...args: unknown[]) => (h.db.prepare(sql).get(...args) as { n: number }).n;

/** A network-only person of the simulator, by card. */
const RETIRED = { certType: 'ssCard' as const, certNo: 'M90000102', cardSn: '370300D1560000050102A1B2C3D4E5F6' };
const PAUSED = { certType: 'ssCard' as const, certNo: 'M90000101', cardSn: '370300D1560000050101A1B2C3D4E5F6' };

describe('online, the network decides', () => {
  it('commits the network figures when its catalog truth differs from the local pack; the local result is kept beside', async () => {
    h = harness(sim.url);
    await h.service.lookupPerson(byCard('ordinary'));
    const lines = outpatientLines();
    // Class A in the local mapping; the network's catalog classes it otherwise.
    lines[2] = { code: '002202010030000', name: '彩色多普勒超声常规检查', amount: '120.00', class: 'A', category: '03', time: '2020-06-15 09:05:00' };
    const input = outpatient('ordinary', lines);
    const pre = await h.service.preSettle(input);
    expect(pre.basis).toBe('network');
    expect(pre.differences.length).toBeGreaterThan(0);
    const v = await h.service.settle({ ...input, basis: 'network' });
    const net = atNetwork(input.visit.ref);
    expect(net).toHaveLength(1);
    // What the patient pays (and the receipt prints from the document) is the network's.
    expect(v.mode).toBe('online');
    expect(v.network.state).toBe('confirmed');
    expect(v.cash).toBe(net[0].cash);
    expect(v.cash).toBe(pre.cash);
    expect(v.fees.total).toBe(net[0].medfee);
    const local = h.service.online.locals.get(v.id)!;
    expect(local.differences.length).toBeGreaterThan(0);
    expect(local.cashFen).not.toBe(Math.round(Number(v.cash) * 100));
    // Nothing for the forwarder: the network already has it all.
    expect(h.repos.outbox.forSettlement(v.id)).toEqual([]);
  });

  it('a 2207 applied without an answer is resolved before anything else and never settles twice', async () => {
    h = harness(sim.url, { online: { requestTimeoutMs: 600, resolveWaitMs: 4000 } });
    await h.service.lookupPerson(byCard('poor'));
    const input = outpatient('poor');
    sim.setFaults('commit-then-timeout=1,only=2207');
    const first = await h.service.settle(input).then((v) => ({ v }), (err: { error?: { code: string } }) => ({ code: err.error?.code }));
    sim.setFaults('');
    const valid = () => atNetwork(input.visit.ref).filter((s) => s.status === 'valid');
    if ('v' in first) {
      // Found applied (5203 / 2601): committed with the network's figures.
      expect(valid()).toHaveLength(1);
    } else {
      // 2601 took it back: the cashier is told it did not happen and may settle again.
      expect(['SETTLE_NOT_DONE', 'SETTLE_UNKNOWN']).toContain(first.code);
      expect(count(h, 'SELECT COUNT(*) AS n FROM settlements WHERE visit_ref = ?', input.visit.ref)).toBe(0);
      const again = await h.service.settle(input);
      expect(again.network.state).toBe('confirmed');
    }
    expect(valid()).toHaveLength(1);
    expect(count(h, 'SELECT COUNT(*) AS n FROM settlements WHERE visit_ref = ?', input.visit.ref)).toBe(1);
    expect(h.service.online.requests.openFor(input.visit.ref)).toBeUndefined();
  });

  it('a refusal goes to the cashier in the network\'s words; nothing is committed', async () => {
    h = harness(sim.url);
    await h.service.lookupPerson(byCard('poor'));
    const input = outpatient('poor');
    sim.setFaults('gateway=1,only=2207');
    const err = await h.service.settle(input).then(() => undefined, (e: { error: { code: string; message: string } }) => e.error);
    expect(err?.code).toBe('SETTLE_REFUSED');
    expect(err?.message).toMatch(/^医保网络拒绝结算：.+请勿收款/);
    expect(count(h, 'SELECT COUNT(*) AS n FROM settlements WHERE visit_ref = ?', input.visit.ref)).toBe(0);
    expect(count(h, "SELECT COUNT(*) AS n FROM settle_requests WHERE visit_ref = ? AND state = 'refused'", input.visit.ref)).toBe(1);
    expect(atNetwork(input.visit.ref)).toEqual([]);
  });

  it('an ended sign-in is signed in again and the settlement resent under a new msgid stored first', async () => {
    let ended = 0;
    h = harness(sim.url, { online: { hooks: { afterBegin: () => void (ended ||= sim.endSignIns()) } } });
    await h.service.lookupPerson(byCard('poor'));
    const input = outpatient('poor');
    const v = await h.service.settle(input);
    expect(ended).toBeGreaterThan(0);
    expect(v.network.state).toBe('confirmed');
    const states = (h.db.prepare('SELECT state FROM settle_requests WHERE visit_ref = ? ORDER BY id').all(input.visit.ref) as { state: string }[]).map((r) => r.state);
    expect(states).toEqual(['notApplied', 'settled']);
    expect(atNetwork(input.visit.ref).filter((s) => s.status === 'valid')).toHaveLength(1);
  });

  it('a paused coverage is refused before any fee is taken (2001), with the network\'s reason', async () => {
    h = harness(sim.url);
    const p = await h.service.lookupPerson(PAUSED);
    const input = { ...outpatient('poor'), person: { personNo: p.personNo, certType: 'ssCard' as const, certNo: PAUSED.certNo } };
    const err = await h.service.preSettle(input).then(() => undefined, (e: { error: { code: string; message: string } }) => e.error);
    expect(err?.code).toBe('NOT_ENTITLED');
    expect(err?.message).toMatch(/不能享受医保待遇/);
    expect(sim.ledger().visits.filter((x) => x.hisVisitNo === input.visit.ref)).toEqual([]);
  });
});

describe('offline, the local engine settles within its limits and its rules', () => {
  it('settles offline within the limits; the forwarder replays it when the network returns', async () => {
    h = harness(sim.url);
    await h.service.lookupPerson(byCard('poor'));
    const v = await h.settleQueued(outpatient('poor'));
    expect(v.mode).toBe('offline');
    expect(h.service.get(v.id).network.state).toBe('confirmed');
  });

  it('an insurance type the pack has no rule for: never settled offline with another type\'s rules; online the network decides', async () => {
    h = harness(sim.url);
    const p = await h.service.lookupPerson(RETIRED);
    expect(p.insuranceType).toBe('employee');
    const input = { ...outpatient('poor'), person: { personNo: p.personNo, certType: 'ssCard' as const, certNo: RETIRED.certNo } };
    h.setEndpoint(DEAD_URL);
    h.forwarder.observe(false);
    const err = await h.service.settle(input).then(() => undefined, (e: { error: { code: string; message: string } }) => e.error);
    expect(err?.message).toMatch(/^医保网络不可用：.*只能联网由医保网络结算/);
    expect(count(h, 'SELECT COUNT(*) AS n FROM settlements WHERE visit_ref = ?', input.visit.ref)).toBe(0);
    h.setEndpoint(sim.url);
    h.forwarder.observe(true);
    const pre = await h.service.preSettle(input);
    expect(pre.basis).toBe('network');
    const v = await h.service.settle({ ...input, basis: 'network' });
    expect(v.mode).toBe('online');
    expect(v.cash).toBe(pre.cash);
  });
});
