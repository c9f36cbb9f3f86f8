// Unknown outcomes: a request the network applied but never answered, and one it never applied,
// are resolved (5203 / 2601) before the step is redone with a new msgid: never two settlements.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startNetworkSimulator, type NetworkSimulator } from '../../../electron/network/sim';
import { DEAD_URL, cardOf, harness, outpatientLines, visitRef, waitUntil, type Harness } from '../../settlement/helpers';

let sim: NetworkSimulator;
let h: Harness;
// A fresh network per test: each test's window starts with an empty local book, as the network does.
beforeEach(async () => {
  sim = await startNetworkSimulator({ port: 0, holdMs: 150 });
});
afterEach(async () => {
  await h?.close();
  await sim.close();
});

async function settleWith(faults: string, key = 'poor') {
  h = harness(sim.url, { onlineWaitMs: 200 });
  await h.service.lookupPerson({ certType: 'ssCard', certNo: cardOf(key).certNo });
  sim.setFaults(faults);
  const ref = visitRef();
  const v = await h.service.settle({
    person: cardOf(key), visit: { ref, type: 'outpatient', date: '2020-06-15', lines: outpatientLines() },
    payment: { method: 'cash' }, operatorId: 'op1',
  });
  return { ref, v };
}

function msgidsOf(settlementId: string, step: string) {
  return h.db
    .prepare('SELECT m.msgid, m.outcome FROM outbox_msgids m JOIN outbox o ON o.id = m.outbox_id WHERE o.settlement_id = ? AND o.step = ? ORDER BY m.created_at')
    .all(settlementId, step) as { msgid: string; outcome: string | null }[];
}

describe('unknown outcome', () => {
  it('a settlement the network applied without answering is found by 5203 and adopted, not redone', async () => {
    const { ref, v } = await settleWith('commit-then-timeout=1,only=2207');
    await waitUntil(() => sim.stats().faults.commitThenTimeout > 0, 10000, 'the fault');
    sim.setFaults('none');
    await waitUntil(() => h.service.get(v.id).network.state === 'confirmed', 15000, 'confirmation');
    const mine = sim.ledger().settlements.filter((s) => s.hisVisitNo === ref);
    expect(mine).toHaveLength(1);
    expect(mine[0].status).toBe('valid');
    const ids = msgidsOf(v.id, 'settle');
    expect(ids).toHaveLength(1);
    expect(ids[0].outcome).toBe('applied');
    expect(h.service.get(v.id).network.netSettlementId).toBe(mine[0].settlementId);
  });

  it('a settlement the network never applied (timeout) is reversed with 2601 and redone with a new msgid', async () => {
    const { ref, v } = await settleWith('timeout=1,only=2207');
    await waitUntil(() => sim.stats().faults.timeout > 0, 10000, 'the fault');
    sim.setFaults('none');
    await waitUntil(() => h.service.get(v.id).network.state === 'confirmed', 15000, 'confirmation');
    expect(sim.ledger().validByVisit[sim.ledger().visits.find((x) => x.hisVisitNo === ref)!.visitId]).toBe(1);
    const ids = msgidsOf(v.id, 'settle');
    expect(ids.length).toBe(2);
    expect(ids[0].outcome).toBe('notApplied');
    expect(ids[1].outcome).toBe('applied');
    expect(sim.ledger().reversedMsgids).not.toContain(ids[1].msgid);
  });

  it('fee lines applied without an answer are reversed before the upload is redone (never counted twice)', async () => {
    const { ref, v } = await settleWith('commit-then-timeout=1,only=2204');
    await waitUntil(() => sim.stats().faults.commitThenTimeout > 1, 10000, 'the fault');
    sim.setFaults('none');
    await waitUntil(() => h.service.get(v.id).network.state === 'confirmed', 15000, 'confirmation');
    const mine = sim.ledger().settlements.filter((s) => s.hisVisitNo === ref);
    expect(mine).toHaveLength(1);
    expect(mine[0].medfee).toBe('111.50');
    expect(h.service.get(v.id).difference, JSON.stringify(h.service.get(v.id).difference)).toBeUndefined();
  });

  it('a request that certainly never left (connection refused) is resent later with the same msgid', async () => {
    h = harness(sim.url, { onlineWaitMs: 200 });
    await h.service.lookupPerson({ certType: 'ssCard', certNo: cardOf('poor').certNo });
    h.setEndpoint(DEAD_URL);
    const v = await h.service.settle({
      person: cardOf('poor'), visit: { ref: visitRef(), type: 'outpatient', date: '2020-06-15', lines: outpatientLines() },
      payment: { method: 'cash' }, operatorId: 'op1',
    });
    const register = () => h.repos.outbox.forSettlement(v.id).find((m) => m.step === 'register')!;
    // Between attempts the message waits, queued, with the msgid it will be resent with.
    await waitUntil(() => register().attempts >= 3 && register().state === 'queued', 10000, 'three attempts');
    expect(register().maybeSent).toBe(false);
    h.setEndpoint(sim.url);
    await waitUntil(() => h.service.get(v.id).network.state === 'confirmed', 15000, 'confirmation');
    const ids = msgidsOf(v.id, 'register');
    expect(ids).toHaveLength(1);
    expect(ids[0].outcome).toBe('applied');
  });
});
