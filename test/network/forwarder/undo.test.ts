// Cancelling a settlement whose visit (and fee lines) reached the network but whose settle step did
// not: cancelled locally, and the network takes the visit back (2205 then 2202; inpatient 2302
// then 2404), queued for the cancellation like any other step. A settle that reached the network is
// cancelled with 2208 / 2305 before anything local changes; a settlement of which nothing left stays
// purely local. A registration or settle in flight or of unknown outcome is resolved first, never guessed.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PlatformSimulator, PlatformSimulatorOptions } from '../../../electron/network/simulator';
import type { OutboxMessage } from '../../../electron/store/outbox';
import type { AppFailure } from '../../../electron/core/result';
import { writeLimits } from '../../../electron/settlement/limits';
import { DEAD_URL, byCard, cardOf, harness, inpatientLines, outpatientLines, visitRef, waitUntil, type Harness, startSim } from '../../settlement/helpers';

/** A simulator that keeps the order of the business messages it receives. */
async function recordingSim(o: PlatformSimulatorOptions = {}) {
  const seen: string[] = [];
  const sim = await startSim({ port: 0, ...o, log: (line) => seen.push(line.split(' ')[1]) });
  if (o.faults) ownSims.push(sim);
  return { sim, seen, business: (from = 0) => seen.slice(from).filter((infno) => !['9001', '9002', '1901', '1101', '5301', '2203', '5203', '2601'].includes(infno)) };
}

let net: Awaited<ReturnType<typeof recordingSim>>;
let h: Harness;
/** Simulators of one test (with faults), closed after its window. */
const ownSims: PlatformSimulator[] = [];
beforeAll(async () => {
  net = await recordingSim();
});
afterAll(() => net.sim.close());
afterEach(async () => {
  await h?.close();
  while (ownSims.length) await ownSims.pop()!.close();
});

const steps = (ms: OutboxMessage[]) => ms.map((m) => `${m.step}:${m.infno}:${m.state}`);
const visitOf = (sim: PlatformSimulator, ref: string) => sim.ledger().visits.find((v) => v.hisVisitNo === ref);

/** A window whose network is cut right after the fee lines were answered: the settle step stays queued. */
async function cutAfterFees(key: string) {
  let cut = false;
  h = harness(net.sim.url, {
    onlineWaitMs: 300,
    forwarder: {
      hooks: {
        afterAnswer: (m) => {
          if (m.step === 'fees' && !cut) {
            cut = true;
            h.setEndpoint(DEAD_URL);
          }
        },
      },
    },
  });
  await h.service.lookupPerson(byCard(key));
}

/** Waits until the cut took hold: no message of the settlement is still being sent (to the dead endpoint). */
async function cutTookHold(settlementId: string) {
  await waitUntil(() => h.repos.outbox.forSettlement(settlementId).every((m) => m.state !== 'sending'), 5000, 'the send to the cut network to fail');
}

/** Network back: the queue is sent; waits until the cancellation is complete. */
async function reconnect(cancellationId: string) {
  h.setEndpoint(net.sim.url);
  h.forwarder.drainNow();
  await waitUntil(() => h.service.get(cancellationId).network.state === 'local', 15000, 'the undo at the network');
}

/** A settlement cancelled after its visit reached the network, whose take-back (2205) the network refuses. */
async function refusedUndo() {
  await cutAfterFees('poor');
  const ref = visitRef();
  const v = await h.settleQueued({ person: cardOf('poor'), visit: { ref, type: 'outpatient', date: '2020-06-15', lines: outpatientLines() }, payment: { method: 'cash' }, operatorId: 'op1' });
  await cutTookHold(v.id);
  const c = await h.service.cancel(v.id, '收费错误', 'op1');
  // Someone takes the visit back at the network by other means first: the 2205 of the window is refused.
  net.sim.platform.books.visits.get(h.repos.network.get(v.id)!.visitId!)!.state = 'cancelled';
  h.setEndpoint(net.sim.url);
  h.forwarder.drainNow();
  await waitUntil(() => h.repos.outbox.deadLetters().length === 1, 10000, 'the dead letter');
  return { v, c, dl: h.repos.outbox.deadLetters()[0] };
}

describe('cancel after the visit reached the network but the settlement did not', () => {
  it('outpatient: cancelled locally, then 2205 and 2202 take the visit back; nothing is left unsent', async () => {
    await cutAfterFees('poor');
    const ref = visitRef();
    const v = await h.settleQueued({ person: cardOf('poor'), visit: { ref, type: 'outpatient', date: '2020-06-15', lines: outpatientLines() }, payment: { method: 'cash' }, operatorId: 'op1' });
    await cutTookHold(v.id);
    expect(steps(h.repos.outbox.forSettlement(v.id))).toEqual(['register:2201:done', 'fees:2204:done', 'settle:2207:queued']);
    expect(visitOf(net.sim, ref)).toMatchObject({ state: 'open', lines: 4 });

    const c = await h.service.cancel(v.id, '患者要求退费', 'op1');
    expect(c).toMatchObject({ kind: 'cancellation', cancelsId: v.id, mode: 'offline', network: { state: 'pending' } });
    expect(c.fees.total).toBe('-111.50');
    expect(h.service.get(v.id)).toMatchObject({ cancelledById: c.id, network: { state: 'cancelled' } });
    expect(steps(h.repos.outbox.forSettlement(v.id))).toEqual(['register:2201:done', 'fees:2204:done', 'settle:2207:cancelled']);
    expect(steps(h.repos.outbox.forSettlement(c.id))).toEqual(['unfees:2205:queued', 'unregister:2202:queued']);
    expect(h.forwarder.status().unsent).toBe(1);

    const from = net.seen.length;
    await reconnect(c.id);
    expect(net.business(from)).toEqual(['2205', '2202']);
    expect(visitOf(net.sim, ref)).toMatchObject({ state: 'cancelled', lines: 0 });
    expect(net.sim.ledger().settlements.filter((s) => s.hisVisitNo === ref)).toHaveLength(0);
    expect(steps(h.repos.outbox.forSettlement(c.id))).toEqual(['unfees:2205:done', 'unregister:2202:done']);
    expect(h.service.get(v.id).network.state).toBe('cancelled');
    expect(h.forwarder.status()).toMatchObject({ unsent: 0, unsentMessages: 0, dead: 0 });
    expect(h.repos.settlements.claimOf(ref)).toBeUndefined();
  });

  it('inpatient: cancelled locally, then 2302 and 2404 take the admission back', async () => {
    await cutAfterFees('ordinary');
    // Settled offline first (then replayed): within the offline limits.
    writeLimits(h.settings, { perVisit: '5000.00', perPersonDay: '5000.00', differencePolicy: 'institution' });
    const ref = visitRef('Z');
    const v = await h.settleQueued({ person: cardOf('ordinary'), visit: { ref, type: 'inpatient', date: '2020-06-14', lines: inpatientLines() }, payment: { method: 'cash' }, operatorId: 'op1' });
    await cutTookHold(v.id);
    expect(steps(h.repos.outbox.forSettlement(v.id))).toEqual(['admit:2401:done', 'fees:2301:done', 'discharge:2402:queued', 'settle:2304:queued']);
    const c = await h.service.cancel(v.id, '入院登记有误', 'op1');
    expect(c.network.state).toBe('pending');
    expect(steps(h.repos.outbox.forSettlement(v.id)).slice(2)).toEqual(['discharge:2402:cancelled', 'settle:2304:cancelled']);
    expect(steps(h.repos.outbox.forSettlement(c.id))).toEqual(['unfees:2302:queued', 'unadmit:2404:queued']);

    const from = net.seen.length;
    await reconnect(c.id);
    expect(net.business(from)).toEqual(['2302', '2404']);
    expect(visitOf(net.sim, ref)).toMatchObject({ kind: 'ip', state: 'cancelled', lines: 0 });
    expect(h.forwarder.status()).toMatchObject({ unsent: 0, unsentMessages: 0 });
  });

  it('a step that could not go (dead letter): the undo of what did go runs at once while online', async () => {
    h = harness(net.sim.url, { onlineWaitMs: 1500 });
    await h.service.lookupPerson(byCard('ordinary'));
    const ref = visitRef();
    // No chronic-disease registration (5301): the registration went, the visit information (2203)
    // cannot name the disease and is refused before it leaves, so no fee line reached the network.
    const v = await h.settleQueued({ person: cardOf('ordinary'), visit: { ref, type: 'chronicOutpatient', date: '2020-06-15', lines: outpatientLines() }, payment: { method: 'cash' }, operatorId: 'op1' });
    await waitUntil(() => h.repos.outbox.deadLetters().length === 1, 10000, 'the dead letter');
    const from = net.seen.length;
    const c = await h.service.cancel(v.id, '医保未备案，改为自费', 'op1');
    expect(c.network.state).toBe('local');
    expect(net.business(from)).toEqual(['2202']);
    expect(visitOf(net.sim, ref)?.state).toBe('cancelled');
    expect(h.repos.outbox.deadLetters()).toHaveLength(0);
    expect(h.forwarder.status()).toMatchObject({ unsent: 0, dead: 0 });
  });

  it('a rejected undo is a dead letter of the cancellation, shown like any other step', async () => {
    const { c, dl } = await refusedUndo();
    expect(dl.settlementId).toBe(c.id);
    expect(dl.message).toContain('已撤销');
    expect(h.service.get(c.id).network.state).toBe('dead');
    expect(steps(h.repos.outbox.forSettlement(c.id))).toEqual(['unfees:2205:dead', 'unregister:2202:held']);
  });
});

describe('the two other cases keep their behaviour', () => {
  it('a settlement that reached the network is cancelled with 2208, no undo of the visit', async () => {
    h = harness(net.sim.url);
    await h.service.lookupPerson(byCard('poor'));
    const ref = visitRef();
    const v = await h.settleQueued({ person: cardOf('poor'), visit: { ref, type: 'outpatient', date: '2020-06-15', lines: outpatientLines() }, payment: { method: 'cash' }, operatorId: 'op1' });
    expect(v.network.state).toBe('confirmed');
    const from = net.seen.length;
    const c = await h.service.cancel(v.id, '收费错误', 'op1');
    expect(c.network.state).toBe('confirmed');
    expect(net.business(from)).toEqual(['2208']);
    expect(h.repos.outbox.forSettlement(c.id)).toEqual([]);
    expect(h.repos.cancels.forSettlement(v.id).map((r) => `${r.infno}:${r.state}`)).toEqual(['2208:accepted']);
    expect(visitOf(net.sim, ref)?.state).toBe('open');
  });

  it('an inpatient settlement that reached the network is cancelled with 2305', async () => {
    h = harness(net.sim.url);
    writeLimits(h.settings, { perVisit: '5000.00', perPersonDay: '9000.00', differencePolicy: 'institution' });
    await h.service.lookupPerson(byCard('ordinary'));
    const v = await h.settleQueued({ person: cardOf('ordinary'), visit: { ref: visitRef('Z'), type: 'inpatient', date: '2020-06-14', lines: inpatientLines() }, payment: { method: 'cash' }, operatorId: 'op1' });
    await waitUntil(() => h.service.get(v.id).network.state === 'confirmed', 10000, 'confirmation');
    const c = await h.service.cancel(v.id, '出院结算有误', 'op1');
    expect(c.network.state).toBe('confirmed');
    expect(h.repos.cancels.forSettlement(v.id).map((r) => `${r.infno}:${r.state}`)).toEqual(['2305:accepted']);
    // The stay was discharged (2402) before it was settled: complete at the network.
    expect(steps(h.repos.outbox.forSettlement(v.id))).toEqual(['admit:2401:done', 'fees:2301:done', 'discharge:2402:done', 'settle:2304:done']);
  });

  it('a settlement of which nothing left is cancelled purely locally', async () => {
    h = harness(net.sim.url);
    await h.service.lookupPerson(byCard('poor'));
    h.setEndpoint(DEAD_URL);
    const ref = visitRef();
    const v = await h.settleQueued({ person: cardOf('poor'), visit: { ref, type: 'outpatient', date: '2020-06-15', lines: outpatientLines() }, payment: { method: 'cash' }, operatorId: 'op1' });
    expect(v.mode).toBe('offline');
    await cutTookHold(v.id);
    const c = await h.service.cancel(v.id, '患者要求退费', 'op1');
    expect(c.network.state).toBe('local');
    expect(h.repos.outbox.forSettlement(c.id)).toEqual([]);
    expect(steps(h.repos.outbox.forSettlement(v.id))).toEqual(['register:2201:cancelled', 'fees:2204:cancelled', 'settle:2207:cancelled']);
    h.setEndpoint(net.sim.url);
    const requests = net.sim.stats().requests;
    h.forwarder.drainNow();
    // The round drainNow starts has run (its pump in the next turn) and every worker it began is done.
    await new Promise((r) => setImmediate(r));
    await waitUntil(() => !h.forwarder.busy, 15000, 'the forwarder to finish the round');
    expect(net.sim.stats().requests).toBe(requests);
    expect(visitOf(net.sim, ref)).toBeUndefined();
    expect(h.forwarder.status().unsent).toBe(0);
  });
});

describe('a registration in flight or of unknown outcome at cancel time', () => {
  it('in flight and then answered: its visit is taken back (2202) once its answer is in', async () => {
    const slow = await recordingSim({ faults: 'latency=250' });
    h = harness(slow.sim.url, { onlineWaitMs: 20 });
    await h.service.lookupPerson(byCard('poor'));
    const ref = visitRef();
    const v = await h.settleQueued({ person: cardOf('poor'), visit: { ref, type: 'outpatient', date: '2020-06-15', lines: outpatientLines() }, payment: { method: 'cash' }, operatorId: 'op1' });
    await waitUntil(() => h.repos.outbox.forSettlement(v.id)[0].state === 'sending', 5000, 'the register in flight');
    const c = await h.service.cancel(v.id, '挂错号', 'op1');
    expect(steps(h.repos.outbox.forSettlement(c.id))[0]).toBe('unregister:2202:queued');
    await waitUntil(() => h.service.get(c.id).network.state === 'local', 10000, 'the undo');
    expect(steps(h.repos.outbox.forSettlement(v.id))).toEqual(['register:2201:done', 'fees:2204:cancelled', 'settle:2207:cancelled']);
    expect(slow.business()).toEqual(['2201', '2202']);
    expect(visitOf(slow.sim, ref)).toMatchObject({ state: 'cancelled', lines: 0 });
    expect(h.forwarder.status().unsent).toBe(0);
  });

  it('applied without an answer: sent again under the same msgid (answered as the first time), then taken back (2202)', async () => {
    const lossy = await recordingSim({ faults: 'commit-then-timeout=1,only=2201', holdMs: 2000 });
    h = harness(lossy.sim.url, { onlineWaitMs: 20, forwarder: { requestTimeoutMs: 400 } });
    await h.service.lookupPerson(byCard('poor'));
    const ref = visitRef();
    const v = await h.settleQueued({ person: cardOf('poor'), visit: { ref, type: 'outpatient', date: '2020-06-15', lines: outpatientLines() }, payment: { method: 'cash' }, operatorId: 'op1' });
    await waitUntil(() => ['sending', 'unknown'].includes(h.repos.outbox.forSettlement(v.id)[0].state), 5000, 'the register under way');
    const c = await h.service.cancel(v.id, '挂错号', 'op1');
    expect(steps(h.repos.outbox.forSettlement(c.id))).toEqual(['unregister:2202:queued']);
    lossy.sim.setFaults('');
    await waitUntil(() => h.service.get(c.id).network.state === 'local', 10000, 'the undo');
    // The network had registered the visit: the repeat of the same msgid got its first answer (the
    // visit id, registered once), and the undo took it back.
    expect(steps(h.repos.outbox.forSettlement(v.id))).toEqual(['register:2201:done', 'fees:2204:cancelled', 'settle:2207:cancelled']);
    expect(lossy.seen).not.toContain('2601');
    expect(lossy.business()).toEqual(['2201', '2201', '2202']);
    expect(lossy.sim.stats().replayed).toBe(1);
    expect(lossy.sim.ledger().visits.filter((x) => x.hisVisitNo === ref)).toHaveLength(1);
    expect(visitOf(lossy.sim, ref)?.state).toBe('cancelled');
    const undo = h.repos.outbox.forSettlement(c.id)[0];
    expect(undo.result).toMatchObject({ visitId: visitOf(lossy.sim, ref)!.visitId });
    expect(h.forwarder.status().unsent).toBe(0);
  });
});

/** The user-facing failure a call throws (code and Chinese message). */
function failureOf(f: () => unknown): { code: string; message: string } | undefined {
  try {
    f();
  } catch (err) {
    return (err as AppFailure).error;
  }
  return undefined;
}

describe('rejected steps that would otherwise stay unsent for ever', () => {
  it('a rejected undo can be given up with a reason: nothing stays unsent, the visit stays at the network', async () => {
    const { c, dl } = await refusedUndo();
    expect(() => h.service.abandonUndo(dl.id, '医保端已处理', 'op1')).not.toThrow();
    expect(h.repos.outbox.deadLetters()).toHaveLength(0);
    expect(h.repos.outbox.deadLetter(dl.id)).toMatchObject({ resolution: 'cancelled', reason: '医保端已处理', operatorId: 'op1' });
    expect(steps(h.repos.outbox.forSettlement(c.id))).toEqual(['unfees:2205:cancelled', 'unregister:2202:cancelled']);
    expect(h.service.get(c.id).network.state).toBe('local');
    expect(h.forwarder.status()).toMatchObject({ unsent: 0, unsentMessages: 0, dead: 0 });
    expect(failureOf(() => h.service.abandonUndo(dl.id, '再来一次', 'op1'))).toMatchObject({ code: 'NOT_FOUND', message: '该失败项不存在或已处理' });
  });

  it('a refused settle step cannot be given up as an undo: it is cancelled (or retried) instead', async () => {
    h = harness(net.sim.url, { onlineWaitMs: 1500 });
    await h.service.lookupPerson(byCard('ordinary'));
    // No chronic-disease registration (5301): its visit information cannot go, a dead letter of the settlement.
    await h.settleQueued({ person: cardOf('ordinary'), visit: { ref: visitRef(), type: 'chronicOutpatient', date: '2020-06-15', lines: outpatientLines() }, payment: { method: 'cash' }, operatorId: 'op1' });
    await waitUntil(() => h.repos.outbox.deadLetters().length === 1, 10000, 'the dead letter');
    const [dl] = h.repos.outbox.deadLetters();
    expect(failureOf(() => h.service.abandonUndo(dl.id, '不想重试', 'op1'))).toMatchObject({ code: 'NOT_ABANDONABLE' });
    expect(h.repos.outbox.deadLetters()).toHaveLength(1);
  });

  it('an inpatient stay whose discharge was refused, cancelled: the refused discharge and the held settle no longer count as unsent', async () => {
    let refused = false;
    h = harness(net.sim.url, {
      forwarder: {
        hooks: {
          // The network refuses the 2402 (the stay is already discharged there by other means).
          afterAnswer: (m) => {
            if (m.step === 'fees' && !refused) {
              refused = true;
              net.sim.platform.books.visits.get(h.repos.network.get(m.settlementId)!.visitId!)!.state = 'discharged';
            }
          },
        },
      },
    });
    writeLimits(h.settings, { perVisit: '5000.00', perPersonDay: '9000.00', differencePolicy: 'institution' });
    await h.service.lookupPerson(byCard('ordinary'));
    const v = await h.settleQueued({ person: cardOf('ordinary'), visit: { ref: visitRef('Z'), type: 'inpatient', date: '2020-06-14', lines: inpatientLines() }, payment: { method: 'cash' }, operatorId: 'op1' });
    await waitUntil(() => h.repos.outbox.deadLetters().length === 1, 10000, 'the refused discharge');
    expect(steps(h.repos.outbox.forSettlement(v.id))).toEqual(['admit:2401:done', 'fees:2301:done', 'discharge:2402:dead', 'settle:2304:held']);
    const c = await h.service.cancel(v.id, '出院办理有误', 'op1');
    await waitUntil(() => h.service.get(c.id).network.state === 'local', 10000, 'the cancellation');
    expect(steps(h.repos.outbox.forSettlement(v.id))).toEqual(['admit:2401:done', 'fees:2301:done', 'discharge:2402:cancelled', 'settle:2304:cancelled']);
    expect(steps(h.repos.outbox.forSettlement(c.id))).toEqual(['unfees:2302:done', 'unadmit:2404:done']);
    expect(h.forwarder.status()).toMatchObject({ unsent: 0, unsentMessages: 0, dead: 0 });
  });
});

describe('cancel while the settle step may have reached the network (outcome unknown)', () => {
  /** A window whose 2207 gets no answer (fault `kind`) until `until`; the settlement is pending, the settle unknown. */
  async function settleUnknown(kind: 'commit-then-timeout' | 'drop') {
    const lossy = await recordingSim({ faults: `${kind}=1,only=2207`, holdMs: 300 });
    h = harness(lossy.sim.url, { onlineWaitMs: 20, forwarder: { requestTimeoutMs: 200 } });
    await h.service.lookupPerson(byCard('poor'));
    const ref = visitRef();
    const v = await h.settleQueued({ person: cardOf('poor'), visit: { ref, type: 'outpatient', date: '2020-06-15', lines: outpatientLines() }, payment: { method: 'cash' }, operatorId: 'op1' });
    await waitUntil(() => h.repos.outbox.forSettlement(v.id)[2].state === 'unknown', 5000, 'the settle of unknown outcome');
    lossy.sim.setFaults('');
    return { lossy, ref, v };
  }

  it('applied after all, its answer lost: 2601 reverses it first; the cancellation is then local and takes the visit back', async () => {
    const { lossy, ref, v } = await settleUnknown('commit-then-timeout');
    const c = await h.service.cancel(v.id, '患者要求退费', 'op1');
    await waitUntil(() => h.forwarder.status().unsentMessages === 0, 10000, 'the undo at the network');
    expect(steps(h.repos.outbox.forSettlement(v.id))).toEqual(['register:2201:done', 'fees:2204:done', 'settle:2207:cancelled']);
    expect(steps(h.repos.outbox.forSettlement(c.id))).toEqual(['unfees:2205:done', 'unregister:2202:done']);
    expect(h.service.get(c.id).network.state).toBe('local');
    expect(lossy.seen).toContain('2601');
    expect(lossy.business()).not.toContain('2208');
    // Applied once at the network and reversed there: no valid settlement is left for the visit.
    const ledger = lossy.sim.ledger();
    expect(ledger.settlements.filter((x) => x.hisVisitNo === ref).map((x) => x.status)).toEqual(['reversed']);
    expect(visitOf(lossy.sim, ref)).toMatchObject({ state: 'cancelled', lines: 0 });
  });

  it('not applied: resolved first; the settle is not sent again, the visit is taken back', async () => {
    const { lossy, ref, v } = await settleUnknown('drop');
    const c = await h.service.cancel(v.id, '患者要求退费', 'op1');
    await waitUntil(() => h.forwarder.status().unsentMessages === 0, 10000, 'the undo at the network');
    expect(steps(h.repos.outbox.forSettlement(v.id))).toEqual(['register:2201:done', 'fees:2204:done', 'settle:2207:cancelled']);
    expect(steps(h.repos.outbox.forSettlement(c.id))).toEqual(['unfees:2205:done', 'unregister:2202:done']);
    expect(h.service.get(c.id).network.state).toBe('local');
    expect(lossy.business().filter((i) => i === '2207')).toHaveLength(1);
    expect(lossy.business()).not.toContain('2208');
    expect(lossy.sim.ledger().settlements).toHaveLength(0);
    expect(visitOf(lossy.sim, ref)).toMatchObject({ state: 'cancelled', lines: 0 });
  });
});
