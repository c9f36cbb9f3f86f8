// Unknown outcomes against the strict simulator, resolved before anything is redone:
// - a settlement (2207) whose answer was lost: 2601 on its msgid — reversed, or the network's
//   explicit "original not found" — then redone under a new msgid; never two settlements;
// - one answered and logged before a crash: its setl_id is known, 5203 finds it: adopted;
// - a 2601 the network refuses otherwise: a dead letter with the network's words, for a person;
// - fee lines (not reversible): sent again under the same msgid, which the platform answers as
//   the first time; a request that never left: the same msgid later;
// - a sign-in the platform ended: signed in again, the refused call sent under a new msgid
//   stored with the message first.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PlatformSimulator } from '../../../electron/network/simulator';
import type { OutboxMessage } from '../../../electron/store/outbox';
import { DEAD_URL, byCard, cardOf, harness, outpatientLines, visitRef, waitUntil, type Harness, startSim } from '../../settlement/helpers';

let sim: PlatformSimulator;
let h: Harness;
// A fresh network per test: each test's window starts with an empty local book, as the network does.
beforeEach(async () => {
  sim = await startSim({ port: 0, holdMs: 150 });
});
afterEach(async () => {
  await h?.close();
  await sim.close();
});

async function settleWith(faults: string, o: Parameters<typeof harness>[1] = {}) {
  h = harness(sim.url, { onlineWaitMs: 200, ...o });
  await h.service.lookupPerson(byCard('poor'));
  sim.setFaults(faults);
  const ref = visitRef();
  const v = await h.settleQueued({
    person: cardOf('poor'), visit: { ref, type: 'outpatient', date: '2020-06-15', lines: outpatientLines() },
    payment: { method: 'cash' }, operatorId: 'op1',
  });
  return { ref, v };
}

function msgidsOf(settlementId: string, step: string) {
  return h.db
    .prepare('SELECT m.msgid, m.outcome FROM outbox_msgids m JOIN outbox o ON o.id = m.outbox_id WHERE o.settlement_id = ? AND o.step = ? ORDER BY m.created_at, m.msgid')
    .all(settlementId, step) as { msgid: string; outcome: string | null }[];
}

const atNetwork = (ref: string) => sim.ledger().settlements.filter((s) => s.hisVisitNo === ref);
const confirmed = (id: string) => () => h.service.get(id).network.state === 'confirmed';

describe('unknown outcome of a settlement (2207)', () => {
  it('applied without an answer: 2601 reverses it, then it is redone under a new msgid — one valid settlement', async () => {
    const { ref, v } = await settleWith('commit-then-timeout=1,only=2207');
    await waitUntil(() => sim.stats().faults.commitThenTimeout > 0, 10000, 'the fault');
    sim.setFaults('none');
    await waitUntil(confirmed(v.id), 15000, 'confirmation');
    expect(atNetwork(ref).map((s) => s.status).sort()).toEqual(['reversed', 'valid']);
    const ids = msgidsOf(v.id, 'settle');
    expect(ids.map((x) => x.outcome)).toEqual(['notApplied', 'applied']);
    expect(sim.ledger().reversedMsgids).toContain(ids[0].msgid);
    expect(h.service.get(v.id).network.netSettlementId).toBe(atNetwork(ref).find((s) => s.status === 'valid')!.settlementId);
  });

  it('never applied (held, then dropped): 2601 says the original does not exist, and it is redone', async () => {
    const { ref, v } = await settleWith('timeout=1,only=2207');
    await waitUntil(() => sim.stats().faults.timeout > 0, 10000, 'the fault');
    sim.setFaults('none');
    await waitUntil(confirmed(v.id), 15000, 'confirmation');
    expect(atNetwork(ref).map((s) => s.status)).toEqual(['valid']);
    const ids = msgidsOf(v.id, 'settle');
    expect(ids.map((x) => x.outcome)).toEqual(['notApplied', 'applied']);
    expect(sim.ledger().reversedMsgids).toEqual([]);
  });

  it('answered and logged, then the process died before recording it: 5203 by the logged setl_id finds it, adopted, not redone', async () => {
    let crashed = false;
    const hooks = { afterAnswer: (m: OutboxMessage) => {
      if (m.step === 'settle' && !crashed) {
        crashed = true;
        throw new Error('simulated crash after the answer');
      }
    } };
    const { ref, v } = await settleWith('', { forwarder: { hooks } });
    await waitUntil(confirmed(v.id), 15000, 'confirmation');
    expect(crashed).toBe(true);
    expect(atNetwork(ref).map((s) => s.status)).toEqual(['valid']);
    expect(msgidsOf(v.id, 'settle').map((x) => x.outcome)).toEqual(['applied']);
    expect(sim.stats().byInfno['5203']).toBe(1);
    expect(sim.stats().byInfno['2601'] ?? 0).toBe(0);
  });

  it('a 2601 the network refuses for another reason goes to a person, with the network\'s words', async () => {
    const { ref, v } = await settleWith('commit-then-timeout=1,only=2207');
    await waitUntil(() => sim.stats().faults.commitThenTimeout > 0, 10000, 'the fault');
    // Nothing answers while the settlement is cancelled at the network by other means…
    sim.setFaults('drop=1');
    sim.platform.books.settlements.get(atNetwork(ref)[0].settlementId)!.status = 'cancelled';
    await waitUntil(() => h.repos.outbox.forSettlement(v.id).find((m) => m.step === 'settle')!.lastErrorCode === 'RESOLVING', 10000, 'a resolution attempt');
    // …then the network answers again: its 2601 refusal is not "not found".
    sim.setFaults('none');
    h.forwarder.drainNow();
    await waitUntil(() => h.service.get(v.id).network.state === 'dead', 15000, 'the dead letter');
    const dead = h.repos.outbox.deadLetters()[0];
    expect(dead.code).toBe('REVERSAL_REFUSED');
    expect(dead.message).toContain('原结算已撤销');
    expect(dead.message).toContain('请人工向医保核实');
    expect(msgidsOf(v.id, 'settle')).toHaveLength(1);
  });
});

describe('unknown outcome of the other steps', () => {
  it('fee lines applied without an answer are sent again under the same msgid: answered as the first time, never counted twice', async () => {
    const { ref, v } = await settleWith('commit-then-timeout=1,only=2204');
    await waitUntil(() => sim.stats().faults.commitThenTimeout > 0, 10000, 'the fault');
    sim.setFaults('none');
    await waitUntil(confirmed(v.id), 15000, 'confirmation');
    expect(msgidsOf(v.id, 'fees')).toEqual([{ msgid: expect.any(String), outcome: 'applied' }]);
    expect(sim.stats().replayed).toBeGreaterThan(0);
    const visit = sim.ledger().visits.find((x) => x.hisVisitNo === ref)!;
    expect(visit.lines).toBe(4);
    expect(atNetwork(ref)[0].medfee).toBe('111.50');
  });

  it('a request that certainly never left (connection refused) is resent later with the same msgid', async () => {
    h = harness(sim.url, { onlineWaitMs: 200 });
    await h.service.lookupPerson(byCard('poor'));
    h.setEndpoint(DEAD_URL);
    const v = await h.settleQueued({
      person: cardOf('poor'), visit: { ref: visitRef(), type: 'outpatient', date: '2020-06-15', lines: outpatientLines() },
      payment: { method: 'cash' }, operatorId: 'op1',
    });
    const register = () => h.repos.outbox.forSettlement(v.id).find((m) => m.step === 'register')!;
    // Between attempts the message waits, queued, with the msgid it will be resent with.
    await waitUntil(() => register().attempts >= 3 && register().state === 'queued', 10000, 'three attempts');
    expect(register().maybeSent).toBe(false);
    h.setEndpoint(sim.url);
    await waitUntil(confirmed(v.id), 15000, 'confirmation');
    const ids = msgidsOf(v.id, 'register');
    expect(ids).toHaveLength(1);
    expect(ids[0].outcome).toBe('applied');
  });

  it('the platform ended the sign-in: signed in again, the refused step sent under a new msgid stored first', async () => {
    // The platform ends every sign-in just as the registration leaves.
    let ended = 0;
    const hooks = { afterBegin: (m: OutboxMessage) => {
      if (m.step === 'register' && !ended) ended = sim.endSignIns();
    } };
    h = harness(sim.url, { onlineWaitMs: 200, forwarder: { hooks } });
    await h.service.lookupPerson(byCard('poor'));
    const before = sim.ledger().signIns.ended;
    const ref = visitRef();
    const v = await h.settleQueued({
      person: cardOf('poor'), visit: { ref, type: 'outpatient', date: '2020-06-15', lines: outpatientLines() },
      payment: { method: 'cash' }, operatorId: 'op1',
    });
    expect(ended).toBeGreaterThan(0);
    await waitUntil(confirmed(v.id), 15000, 'confirmation');
    const ids = msgidsOf(v.id, 'register');
    expect(ids).toHaveLength(2);
    expect(ids[1].outcome).toBe('applied');
    expect(sim.ledger().signIns.ended).toBeGreaterThan(before);
    expect(h.repos.outbox.deadLetters()).toEqual([]);
    expect(atNetwork(ref).map((s) => s.status)).toEqual(['valid']);
  });

  it('the platform keeps ending the sign-in: the step waits and goes later under a new msgid, never a dead letter', async () => {
    const { ref, v } = await settleWith('signin-end=1,only=2201');
    await waitUntil(() => sim.stats().faults.signinEnd >= 4, 10000, 'refusals for ended sign-ins');
    expect(h.repos.outbox.deadLetters()).toEqual([]);
    sim.setFaults('none');
    h.forwarder.drainNow();
    await waitUntil(confirmed(v.id), 15000, 'confirmation');
    expect(msgidsOf(v.id, 'register').length).toBeGreaterThanOrEqual(3);
    expect(atNetwork(ref).map((s) => s.status)).toEqual(['valid']);
  });
});
