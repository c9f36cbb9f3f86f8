// Settling with the network up: the network decides. The visit is taken there first (its calls
// journalled in net_calls), the network settles it, and only then is the settlement committed,
// confirmed, with nothing left for the forwarder.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlatformSimulator } from '../../electron/network/simulator';
import { byCard, cardOf, harness, inpatientLines, outpatientLines, visitRef, type Harness, startSim } from './helpers';

let sim: PlatformSimulator;
let h: Harness;
beforeAll(async () => {
  sim = await startSim({ port: 0 });
  h = harness(sim.url);
});
afterAll(async () => {
  await h.close();
  await sim.close();
});

describe('online settlement', () => {
  it('looks the person up on the network and caches it', async () => {
    const p = await h.service.lookupPerson(byCard('poor'));
    expect(p).toMatchObject({ personNo: cardOf('poor').personNo, source: 'network', insuranceType: 'resident' });
    expect(p.idMasked).toMatch(/^370303\*+0316$/);
    expect(h.repos.persons.find('ssCard', cardOf('poor').certNo)?.personNo).toBe(p.personNo);
  });

  it('settles an outpatient visit and the network confirms it (its own split, a difference recorded when it differs)', async () => {
    const ref = visitRef();
    const v = await h.service.settle({
      person: cardOf('poor'), visit: { ref, type: 'outpatient', date: '2020-06-15', lines: outpatientLines() },
      payment: { method: 'cash', tendered: '100.00' }, operatorId: 'op1',
    });
    expect(v.mode).toBe('online');
    expect(v.network.state).toBe('confirmed');
    expect(v.network.netSettlementId).toMatch(/^S370303/);
    expect(v.fees.total).toBe('111.50');
    const ledger = sim.ledger();
    const mine = ledger.settlements.filter((s) => s.hisVisitNo === ref);
    expect(mine).toHaveLength(1);
    expect(mine[0].medfee).toBe('111.50');
    expect(h.forwarder.status().unsent).toBe(0);
  });

  it('settles an inpatient visit online (admit, lines, discharge, settle)', async () => {
    await h.service.lookupPerson(byCard('ordinary'));
    const ref = visitRef('Z');
    const v = await h.service.settle({
      person: cardOf('ordinary'), visit: { ref, type: 'inpatient', date: '2020-06-14', lines: inpatientLines() },
      payment: { method: 'wechat', reference: 'WX1' }, operatorId: 'op1',
    });
    expect(v.network.state).toBe('confirmed');
    expect(v.layers.find((l) => l.key === 'basic')!.amount).not.toBe('0.00');
    // The discharge goes before the settlement (the platform settles a discharged stay).
    const nv = h.service.netVisits.get(ref)!;
    expect(nv.settledBy).toBe(v.id);
    const calls = h.service.netVisits.repo.callsOf(nv.id);
    expect(calls.map((c) => `${c.infno}:${c.state}`)).toEqual(['2401:done', '2301:done', '2402:done']);
    expect(h.repos.outbox.forSettlement(v.id)).toEqual([]);
    const visit = sim.ledger().visits.find((x) => x.hisVisitNo === ref)!;
    expect(visit.kind).toBe('ip');
    expect(visit.state).toBe('discharged');
  });

  it('refuses to settle the same visit twice', async () => {
    const ref = visitRef();
    const input = {
      person: cardOf('poor'), visit: { ref, type: 'outpatient' as const, date: '2020-06-15', lines: outpatientLines() },
      payment: { method: 'cash' as const }, operatorId: 'op1',
    };
    await h.service.settle(input);
    await expect(h.service.settle(input)).rejects.toMatchObject({ error: { code: 'ALREADY_SETTLED' } });
    expect(sim.ledger().settlements.filter((s) => s.hisVisitNo === ref)).toHaveLength(1);
  });
});
