// Cancelling: still queued -> cancelled locally (nothing ever reaches the network); already
// forwarded -> 2208 (outpatient) / 2305 (inpatient) first, and the network shows the cancellation.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PlatformSimulator } from '../../../electron/network/simulator';
import { writeLimits } from '../../../electron/settlement/limits';
import { DEAD_URL, byCard, cardOf, harness, inpatientLines, outpatientLines, visitRef, waitUntil, type Harness, startSim } from '../../settlement/helpers';

let sim: PlatformSimulator;
let h: Harness;
beforeAll(async () => {
  sim = await startSim({ port: 0 });
});
afterAll(() => sim.close());
afterEach(() => h?.close());

describe('cancel', () => {
  it('a queued settlement is cancelled locally; the ytd is restored; the visit can be settled again', async () => {
    h = harness(sim.url);
    await h.service.lookupPerson(byCard('poor'));
    h.setEndpoint(DEAD_URL);
    const ref = visitRef();
    const input = { person: cardOf('poor'), visit: { ref, type: 'outpatient' as const, date: '2020-06-15', lines: outpatientLines() }, payment: { method: 'cash' as const }, operatorId: 'op1' };
    const before = h.repos.ytd.book(cardOf('poor').personNo, 2020);
    const v = await h.service.settle(input);
    expect(h.repos.ytd.book(cardOf('poor').personNo, 2020)).not.toEqual(before);
    const c = await h.service.cancel(v.id, '患者要求退费', 'op1');
    expect(c.kind).toBe('cancellation');
    expect(c.cancelsId).toBe(v.id);
    expect(c.network.state).toBe('local');
    expect(c.fees.total).toBe('-111.50');
    expect(h.service.get(v.id)).toMatchObject({ cancelledById: c.id, network: { state: 'cancelled' } });
    const book = h.repos.ytd.book(cardOf('poor').personNo, 2020);
    for (const [k, e] of Object.entries(book.keys)) expect(e, k).toEqual(before.keys[k] ?? { baseFen: 0, paidFen: 0, burdenFen: 0 });
    expect(h.repos.outbox.forSettlement(v.id).every((m) => m.state === 'cancelled')).toBe(true);
    await expect(h.service.cancel(v.id, '再撤一次', 'op1')).rejects.toMatchObject({ error: { code: 'ALREADY_CANCELLED' } });
    h.setEndpoint(sim.url);
    const again = await h.service.settle(input);
    await waitUntil(() => h.service.get(again.id).network.state === 'confirmed', 10000, 'the new settlement');
    expect(sim.ledger().settlements.filter((s) => s.hisVisitNo === ref)).toHaveLength(1);
  });

  it('a forwarded outpatient settlement is cancelled at the network with 2208', async () => {
    h = harness(sim.url);
    await h.service.lookupPerson(byCard('poor'));
    const ref = visitRef();
    const v = await h.service.settle({ person: cardOf('poor'), visit: { ref, type: 'outpatient', date: '2020-06-15', lines: outpatientLines() }, payment: { method: 'cash' }, operatorId: 'op1' });
    expect(v.network.state).toBe('confirmed');
    const c = await h.service.cancel(v.id, '收费错误', 'op1');
    expect(c.network.state).toBe('confirmed');
    expect(c.network.netSettlementId).toMatch(/^S370303/);
    expect(h.service.get(v.id).network.state).toBe('cancelled');
    const rows = sim.ledger().settlements.filter((s) => s.hisVisitNo === ref);
    expect(rows.map((r) => r.status).sort()).toEqual(['cancelled', 'valid']);
    expect(rows.find((r) => r.cancels)?.medfee).toBe('-111.50');
  });

  it('a forwarded inpatient settlement is cancelled with 2305, also when it was queued offline first', async () => {
    h = harness(sim.url);
    writeLimits(h.settings, { perVisit: '5000.00', perPersonDay: '9000.00', differencePolicy: 'institution' });
    await h.service.lookupPerson(byCard('ordinary'));
    h.setEndpoint(DEAD_URL);
    const ref = visitRef('Z');
    const v = await h.service.settle({ person: cardOf('ordinary'), visit: { ref, type: 'inpatient', date: '2020-06-14', lines: inpatientLines() }, payment: { method: 'cash' }, operatorId: 'op1' });
    expect(v.mode).toBe('offline');
    h.setEndpoint(sim.url);
    await waitUntil(() => h.service.get(v.id).network.state === 'confirmed', 15000, 'confirmation');
    const c = await h.service.cancel(v.id, '出院结算有误', 'op1');
    // The network agreed before the cancellation was written: nothing of it is left to send.
    expect(c.network.state).toBe('confirmed');
    expect(h.repos.outbox.forSettlement(c.id)).toEqual([]);
    expect(h.repos.cancels.forSettlement(v.id).map((r) => [r.infno, r.state, r.cancellationId])).toEqual([['2305', 'accepted', c.id]]);
    expect(sim.ledger().settlements.filter((s) => s.hisVisitNo === ref).map((s) => s.status).sort()).toEqual(['cancelled', 'valid']);
  });
});
