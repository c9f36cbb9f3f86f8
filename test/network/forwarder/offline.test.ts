// The network goes down: the window keeps settling locally (cached person, offline limits, cache
// age shown), and the forwarder catches up by itself when the network returns.
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

async function cachedThenDown(keys: string[]): Promise<void> {
  h = harness(sim.url);
  for (const k of keys) await h.service.lookupPerson(byCard(k));
  h.setEndpoint(DEAD_URL);
}

describe('offline settlement and catching up', () => {
  it('settles outpatient and inpatient offline from the cache, then drains when the network returns', async () => {
    await cachedThenDown(['poor', 'ordinary']);
    const p = await h.service.lookupPerson(byCard('poor'));
    expect(p.source).toBe('cache');
    expect(p.ageText).toContain('本机缓存');
    const out = await h.service.settle({
      person: cardOf('poor'), visit: { ref: visitRef(), type: 'outpatient', date: '2020-06-15', lines: outpatientLines() },
      payment: { method: 'cash' }, operatorId: 'op1',
    });
    const inp = await h.service.settle({
      person: cardOf('ordinary'), visit: { ref: visitRef('Z'), type: 'inpatient', date: '2020-06-14', lines: inpatientLines() },
      payment: { method: 'cash' }, operatorId: 'op1',
    }).catch((e) => e);
    expect(out.mode).toBe('offline');
    expect(out.network.state).toBe('pending');
    // The inpatient bill (2,600 yuan) is above the default offline limit of 2,000 yuan.
    expect(inp).toMatchObject({ error: { code: 'OFFLINE_LIMIT' } });
    expect(inp.error.message).toContain('2000.00');
    writeLimits(h.settings, { perVisit: '5000.00', perPersonDay: '8000.00', differencePolicy: 'institution' });
    const inp2 = await h.service.settle({
      person: cardOf('ordinary'), visit: { ref: visitRef('Z'), type: 'inpatient', date: '2020-06-14', lines: inpatientLines() },
      payment: { method: 'cash' }, operatorId: 'op1',
    });
    expect(inp2.mode).toBe('offline');
    expect(h.forwarder.status().unsent).toBe(2);
    expect(sim.ledger().settlements.filter((s) => s.hisVisitNo === out.visitRef || s.hisVisitNo === inp2.visitRef)).toHaveLength(0);

    h.setEndpoint(sim.url);
    await waitUntil(() => h.forwarder.status().unsent === 0, 15000, 'the queue to drain');
    expect(h.service.get(out.id).network.state).toBe('confirmed');
    expect(h.service.get(inp2.id).network.state).toBe('confirmed');
    const ledger = sim.ledger();
    expect(ledger.settlements.filter((s) => s.hisVisitNo === out.visitRef)).toHaveLength(1);
    expect(ledger.settlements.filter((s) => s.hisVisitNo === inp2.visitRef)).toHaveLength(1);
    // Fee lines went with their original times.
    expect(ledger.visits.find((v) => v.hisVisitNo === inp2.visitRef)?.state).toBe('discharged');
  });

  it('refuses the per-person-per-day limit and a person never seen, with a clear Chinese message', async () => {
    await cachedThenDown(['poor']);
    writeLimits(h.settings, { perVisit: '2000.00', perPersonDay: '150.00', differencePolicy: 'institution' });
    const first = await h.service.settle({
      person: cardOf('poor'), visit: { ref: visitRef(), type: 'outpatient', date: '2020-06-15', lines: outpatientLines() },
      payment: { method: 'cash' }, operatorId: 'op1',
    });
    const secondVisit = { ref: visitRef(), type: 'outpatient' as const, date: '2020-06-15', lines: outpatientLines() };
    const second = await h.service
      .settle({ person: cardOf('poor'), visit: secondVisit, payment: { method: 'cash' }, operatorId: 'op1' })
      .catch((e) => e);
    expect(second).toMatchObject({ error: { code: 'OFFLINE_LIMIT' } });
    expect(second.error.message).toContain('每人每日限额');
    // A cancelled offline settlement no longer counts towards the day's limit.
    await h.service.cancel(first.id, '录入错误', 'op1');
    const again = await h.service.settle({ person: cardOf('poor'), visit: secondVisit, payment: { method: 'cash' }, operatorId: 'op1' });
    expect(again.mode).toBe('offline');
    const unknown = await h.service.lookupPerson(byCard('employee')).catch((e) => e);
    expect(unknown).toMatchObject({ error: { code: 'PERSON_OFFLINE_UNKNOWN' } });
    expect(unknown.error.message).toContain('医保网络不可用');
  });

  it('pre-settles offline without writing anything and says so', async () => {
    await cachedThenDown(['poor']);
    const before = h.db.prepare('SELECT COUNT(*) AS n FROM settlements').get() as { n: number };
    const pre = await h.service.preSettle({ person: cardOf('poor'), visit: { ref: visitRef(), type: 'outpatient', date: '2020-06-15', lines: outpatientLines() } });
    expect(pre.online).toBe(false);
    expect(pre.offlineAllowed).toBe(true);
    expect(pre.personSource).toBe('cache');
    expect(h.db.prepare('SELECT COUNT(*) AS n FROM settlements').get()).toEqual(before);
    expect(h.db.prepare('SELECT COUNT(*) AS n FROM outbox').get()).toEqual({ n: 0 });
  });
});
