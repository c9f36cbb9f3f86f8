// Business rejections go to a visible dead-letter list with the network's message; a person
// retries after a fix or cancels with a reason. Differences between the local settlement and the
// network's are recorded, never overwritten; with the patient policy they are collected next visit.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PlatformSimulator } from '../../../electron/network/simulator';
import { writeLimits } from '../../../electron/settlement/limits';
import { byCard, cardOf, harness, outpatientLines, visitRef, waitUntil, type Harness, startSim } from '../../settlement/helpers';

let sim: PlatformSimulator;
let h: Harness;
beforeAll(async () => {
  sim = await startSim({ port: 0 });
});
afterAll(() => sim.close());
afterEach(() => h?.close());

describe('dead letters', () => {
  it('a settlement that cannot go (a chronic visit with no registration at the network) becomes a dead letter with the reason; cancel with a reason frees the visit', async () => {
    h = harness(sim.url, { onlineWaitMs: 1500 });
    await h.service.lookupPerson(byCard('ordinary'));
    const ref = visitRef();
    // The person has no chronic-disease registration (5301): the visit information (2203) cannot
    // name the disease, and the client refuses to send it empty.
    const v = await h.settleQueued({
      person: cardOf('ordinary'), visit: { ref, type: 'chronicOutpatient', date: '2020-06-15', lines: outpatientLines() },
      payment: { method: 'cash' }, operatorId: 'op1',
    });
    await waitUntil(() => h.repos.outbox.deadLetters().length === 1, 10000, 'a dead letter');
    const [dl] = h.repos.outbox.deadLetters();
    expect(dl.message).toContain('门诊慢特病');
    expect(h.service.get(v.id).network.state).toBe('dead');
    expect(h.forwarder.status()).toMatchObject({ dead: 1, unsent: 1 });

    // Retry after "fix": refused again, under a new msgid.
    h.repos.outbox.retryDead(dl.id, 'op1');
    h.repos.network.setState(v.id, 'pending');
    h.forwarder.kick();
    await waitUntil(() => h.repos.outbox.deadLetters().length === 1 && h.repos.outbox.deadLetters()[0].id !== dl.id, 10000, 'the second dead letter');
    const msgids = h.db.prepare("SELECT COUNT(*) AS n FROM outbox_msgids m JOIN outbox o ON o.id = m.outbox_id WHERE o.settlement_id = ? AND o.step = 'fees'").get(v.id);
    expect(msgids).toEqual({ n: 2 });

    const canc = await h.service.cancel(v.id, '医保未备案，改为自费', 'op1');
    expect(canc.network.state).toBe('local');
    expect(h.service.get(v.id).network.state).toBe('cancelled');
    expect(h.repos.outbox.deadLetters()).toHaveLength(0);
    expect(h.forwarder.status().unsent).toBe(0);
    expect(h.repos.settlements.claimOf(ref)).toBeUndefined();
    expect(sim.ledger().settlements.filter((s) => s.hisVisitNo === ref)).toHaveLength(0);
  });
});

describe('differences', () => {
  it('records a difference when the network classes an item differently; the patient policy collects it next visit', async () => {
    h = harness(sim.url);
    writeLimits(h.settings, { perVisit: '2000.00', perPersonDay: '3000.00', differencePolicy: 'patient' });
    await h.service.lookupPerson(byCard('ordinary'));
    const lines = outpatientLines();
    // The window's mapping says class A; the network's catalog says class B with 20% self-paid first.
    lines[2] = { code: '002202010030000', name: '彩色多普勒超声常规检查', amount: '120.00', class: 'A', category: '03', time: '2020-06-15 09:05:00' };
    const v = await h.settleQueued({
      person: cardOf('ordinary'), visit: { ref: visitRef(), type: 'outpatient', date: '2020-06-15', lines },
      payment: { method: 'cash' }, operatorId: 'op1',
    });
    expect(v.network.state).toBe('confirmed');
    expect(v.difference).toBeDefined();
    expect(v.difference!.policy).toBe('patient');
    expect(v.difference!.status).toBe('open');
    const cashDiff = v.difference!.cashDifference;
    expect(Number(cashDiff)).toBeGreaterThan(0);
    expect(v.cash).not.toBe(v.network.confirmed!.cash);

    const pre = await h.service.preSettle({ person: cardOf('ordinary'), visit: { ref: visitRef(), type: 'outpatient', date: '2020-06-15', lines: outpatientLines() } });
    expect(pre.adjustment).toBe(cashDiff);
    const next = await h.settleQueued({
      person: cardOf('ordinary'), visit: { ref: visitRef(), type: 'outpatient', date: '2020-06-15', lines: outpatientLines() },
      payment: { method: 'cash' }, operatorId: 'op1',
    });
    expect(next.adjustment).toBe(cashDiff);
    expect(Number(next.cashDue)).toBeCloseTo(Number(next.cash) + Number(cashDiff), 2);
    expect(h.service.get(v.id).difference!.status).toBe('collected');
  });
});
