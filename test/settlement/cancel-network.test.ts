// A cancellation is committed locally only when it can be carried out: for a settlement the
// network holds, the 2208/2305 goes first and only its acceptance commits the local cancellation.
// A refusal, an unreachable network or an unanswered request change nothing locally; an
// unanswered one is resolved (5203/2601) then or later, and commits the cancellation if applied.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PlatformSimulator } from '../../electron/network/simulator';
import type { AppFailure } from '../../electron/core/result';
import { DEAD_URL, byCard, cardOf, harness, outpatientLines, visitRef, waitUntil, type Harness, startSim } from './helpers';

let sim: PlatformSimulator;
let h: Harness | undefined;
const seen: string[] = [];
let onRequest: (infno: string) => void = () => {};
beforeAll(async () => {
  sim = await startSim({
    port: 0,
    holdMs: 400,
    log: (line) => {
      const infno = line.split(' ')[1];
      seen.push(infno);
      onRequest(infno);
    },
  });
});
afterAll(() => sim.close());
afterEach(async () => {
  onRequest = () => {};
  sim.setFaults('');
  await h?.close();
  h = undefined;
});

/** A window with one online outpatient settlement the network confirmed. */
async function confirmed(o: { requestTimeoutMs?: number } = {}) {
  const w = harness(sim.url, { cancel: { waitMs: 3000, requestTimeoutMs: o.requestTimeoutMs ?? 3000 } });
  h = w;
  await w.service.lookupPerson(byCard('poor'));
  const ref = visitRef('N');
  const v = await w.service.settle({ person: cardOf('poor'), visit: { ref, type: 'outpatient', date: '2020-06-15', lines: outpatientLines() }, payment: { method: 'cash' }, operatorId: 'op1' });
  expect(v.network.state).toBe('confirmed');
  return { w, v, ref, before: snapshot(w, v.id) };
}

/** Everything a cancellation would change locally. */
function snapshot(w: Harness, id: string) {
  const doc = w.repos.settlements.get(id)!;
  return {
    docs: (w.db.prepare('SELECT COUNT(*) AS n FROM settlements').get() as { n: number }).n,
    network: w.repos.network.get(id)!.state,
    claim: w.repos.settlements.claimOf(doc.visitRef),
    ytd: w.repos.ytd.book(doc.person.personNo, 2020),
    outbox: w.repos.outbox.forSettlement(id).map((m) => m.state),
  };
}

async function failure(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (err) {
    return (err as AppFailure).error;
  }
  throw new Error('expected a refusal');
}

const netRecords = (ref: string) => sim.ledger().settlements.filter((s) => s.hisVisitNo === ref).map((s) => s.status).sort();

describe('cancelling a settlement the network holds', () => {
  it('the network refuses the 2208: nothing changes locally and the cashier is told not to refund', async () => {
    const { w, v, ref, before } = await confirmed();
    // The network refuses (here: its own staff reversed the settlement there first).
    const net = w.repos.network.get(v.id)!;
    sim.platform.books.settlements.get(net.netSettlementId!)!.status = 'reversed';
    const f = await failure(w.service.cancel(v.id, '收费错误', 'op1'));
    expect(f.code).toBe('CANCEL_REFUSED');
    expect(f.message).toMatch(/^医保网络拒绝撤销：.+请勿退款/);
    expect(snapshot(w, v.id)).toEqual(before);
    expect(w.service.get(v.id).cancelledById).toBeUndefined();
    expect(w.repos.cancels.forSettlement(v.id).map((r) => r.state)).toEqual(['refused']);
    expect(w.forwarder.status()).toMatchObject({ unsent: 0, dead: 0 });
    expect(netRecords(ref)).toEqual(['reversed']);
  });

  it('the network unreachable: refused with a clear message until it is back, then cancelled at the network', async () => {
    const { w, v, ref, before } = await confirmed();
    w.setEndpoint(DEAD_URL);
    const f = await failure(w.service.cancel(v.id, '收费错误', 'op1'));
    expect(f.code).toBe('CANCEL_NETWORK_DOWN');
    expect(f.message).toContain('医保网络不可用');
    expect(f.message).toContain('请勿退款');
    expect(snapshot(w, v.id)).toEqual(before);
    w.setEndpoint(sim.url);
    const c = await w.service.cancel(v.id, '收费错误', 'op1');
    expect(c).toMatchObject({ kind: 'cancellation', cancelsId: v.id, network: { state: 'confirmed' } });
    expect(w.service.get(v.id).network.state).toBe('cancelled');
    expect(netRecords(ref)).toEqual(['cancelled', 'valid']);
  });

  it('a settlement not yet at the network is cancelled locally while the network is down', async () => {
    const w = harness(sim.url);
    h = w;
    await w.service.lookupPerson(byCard('poor'));
    w.setEndpoint(DEAD_URL);
    const v = await w.service.settle({ person: cardOf('poor'), visit: { ref: visitRef('N'), type: 'outpatient', date: '2020-06-15', lines: outpatientLines() }, payment: { method: 'cash' }, operatorId: 'op1' });
    expect(v.mode).toBe('offline');
    const c = await w.service.cancel(v.id, '患者要求退费', 'op1');
    expect(c.network.state).toBe('local');
    expect(w.repos.outbox.forSettlement(v.id).every((m) => m.state === 'cancelled')).toBe(true);
  });

  it('no answer to the 2208 (applied there): resolved at once by 2601, which reverses it; not done, nothing changes, a retry cancels', async () => {
    const { w, v, ref, before } = await confirmed({ requestTimeoutMs: 300 });
    sim.setFaults('commit-then-timeout=1,only=2208');
    const f = await failure(w.service.cancel(v.id, '收费错误', 'op1'));
    expect(f.code).toBe('CANCEL_NOT_DONE');
    expect(f.message).toContain('请勿退款');
    expect(snapshot(w, v.id)).toEqual(before);
    expect(w.repos.cancels.forSettlement(v.id).map((r) => r.state)).toEqual(['notApplied']);
    // The network's cancellation record was reversed: the settlement is valid there again.
    expect(netRecords(ref)).toEqual(['reversed', 'valid']);
    sim.setFaults('');
    const c = await w.service.cancel(v.id, '收费错误', 'op1');
    expect(c.network.state).toBe('confirmed');
    expect(netRecords(ref)).toEqual(['cancelled', 'reversed', 'valid']);
  });

  it('answered and logged, then the window died before committing: at the next start 5203 by the logged setl_id finds it applied, the cancellation is committed', async () => {
    const { w, v, ref } = await confirmed();
    // The 2208 goes and is answered (and logged); the window dies before it commits the cancellation.
    const req = w.repos.cancels.insert({ settlementId: v.id, infno: '2208', msgid: w.msgids('2208'), reason: '收费错误', operatorId: 'op1' });
    const net = w.repos.network.get(v.id)!;
    await w.netClient()!.cancel2208({ person: { personNo: cardOf('poor').personNo, insutype: '390', insuranceRegion: '370300' }, visitId: net.visitId!, settlementId: net.netSettlementId! }, { msgid: req.msgid });
    const dir = w.dir;
    await w.close();
    h = harness(sim.url, { dir });
    const from = seen.length;
    await h.service.canceller.resumeOpen();
    const canc = h.service.get(v.id).cancelledById;
    expect(canc).toBeDefined();
    expect(h.service.get(canc!)).toMatchObject({ kind: 'cancellation', reason: '收费错误', network: { state: 'confirmed' } });
    expect(h.repos.cancels.forSettlement(v.id).map((r) => r.state)).toEqual(['accepted']);
    expect(seen.slice(from)).toContain('5203');
    expect(seen.slice(from)).not.toContain('2601');
    expect(netRecords(ref)).toEqual(['cancelled', 'valid']);
  });

  it('no answer and then no network: the outcome is unknown, nothing changes; resolved later (2601: not applied), a retry cancels', async () => {
    const { w, v, ref, before } = await confirmed({ requestTimeoutMs: 300 });
    sim.setFaults('commit-then-timeout=1,only=2208');
    // The network goes away right after it received (and applied) the 2208: it cannot be asked.
    onRequest = (infno) => infno === '2208' && w.setEndpoint(DEAD_URL);
    const f = await failure(w.service.cancel(v.id, '收费错误', 'op1'));
    expect(f.code).toBe('CANCEL_UNKNOWN');
    expect(f.message).toContain('请勿退款');
    expect(snapshot(w, v.id)).toEqual(before);
    expect(w.repos.cancels.forSettlement(v.id).map((r) => r.state)).toEqual(['unknown']);
    // A second try is refused while the first cannot be resolved.
    expect((await failure(w.service.cancel(v.id, '收费错误', 'op1'))).code).toBe('CANCEL_UNKNOWN');

    // The network is back: the open attempt is resolved (as at the next start): reversed, not applied.
    onRequest = () => {};
    sim.setFaults('');
    w.setEndpoint(sim.url);
    await w.service.canceller.resumeOpen();
    expect(w.service.get(v.id).cancelledById).toBeUndefined();
    expect(w.repos.cancels.forSettlement(v.id).map((r) => r.state)).toEqual(['notApplied']);
    expect(netRecords(ref)).toEqual(['reversed', 'valid']);
    const c = await w.service.cancel(v.id, '收费错误', 'op1');
    expect(c.network.state).toBe('confirmed');
    expect(w.repos.settlements.claimOf(ref)).toBeUndefined();
  });

  it('an attempt cut off by a crash (still "sending") that never reached the network is closed at the next start', async () => {
    const { w, v, ref } = await confirmed();
    // As a kill -9 between storing the attempt and sending it leaves it.
    w.repos.cancels.insert({ settlementId: v.id, infno: '2208', msgid: w.msgids('2208'), reason: '收费错误', operatorId: 'op1' });
    const dir = w.dir;
    await w.close();
    h = harness(sim.url, { dir });
    await h.service.canceller.resumeOpen();
    expect(h.repos.cancels.forSettlement(v.id).map((r) => r.state)).toEqual(['notApplied']);
    expect(h.service.get(v.id).cancelledById).toBeUndefined();
    expect(seen).toContain('2601');
    const c = await h.service.cancel(v.id, '收费错误', 'op1');
    expect(c.network.state).toBe('confirmed');
    await waitUntil(() => netRecords(ref).length === 2, 5000, 'the cancellation at the network');
  });
});
