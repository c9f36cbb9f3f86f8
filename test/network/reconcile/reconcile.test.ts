// Day-end reconciliation against the simulator: balanced when both sides agree (a cancellation
// counts negative), and every kind of mismatch listed and exported when they do not.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PlatformSimulator } from '../../../electron/network/simulator';
import { runCsv, runView } from '../../../electron/network/reconcile';
import { writeLimits } from '../../../electron/settlement/limits';
import { DEAD_URL, byCard, cardOf, harness, outpatientLines, visitRef, waitUntil, type Harness, startSim } from '../../settlement/helpers';
import { chinaDate } from '../../../electron/core/time';

let sim: PlatformSimulator;
const open: Harness[] = [];
beforeAll(async () => {
  sim = await startSim({ port: 0 });
});
afterAll(() => sim.close());
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

/** The network's day: China time, as the window's. */
function netDay(): string {
  return chinaDate(new Date());
}

function win(url = sim.url): Harness {
  const h = harness(url);
  open.push(h);
  return h;
}

async function settle(h: Harness, key: string) {
  await h.service.lookupPerson(byCard(key));
  return h.service.settle({
    person: cardOf(key), visit: { ref: visitRef('R'), type: 'outpatient', date: '2020-06-15', lines: outpatientLines() },
    payment: { method: 'cash' }, operatorId: 'op1',
  });
}

function view(h: Harness, id: number) {
  return runView(h.repos.reconcile.get(id)!, h.repos.reconcile.mismatches(id), h.repos.settlements);
}

describe('day-end reconciliation', () => {
  it('balances totals and details, with a cancellation counted negative', async () => {
    // A network of its own: only this window's settlements are on it.
    const own = await startSim({ port: 0 });
    try {
      const h = win(own.url);
      await settle(h, 'poor');
      const b = await settle(h, 'ordinary');
      await h.service.cancel(b.id, '收费错误', 'op1');
      const v = view(h, await h.reconciler.run(netDay(), netDay(), 'op1'));
      expect(v.error).toBeUndefined();
      expect(v.local.count).toBe(1);
      expect(v.totalsBalanced).toBe(true);
      // Balanced with the network: only the recorded differences of the local engine's own figures are listed.
      expect(v.mismatches.filter((m) => m.kind !== 'difference')).toEqual([]);
    } finally {
      await own.close();
    }
  });

  it('lists what only the network has, what is still unsent and the recorded differences; exports them', async () => {
    const a = win();
    const other = win();
    writeLimits(a.settings, { perVisit: '2000.00', perPersonDay: '3000.00', differencePolicy: 'institution' });
    await settle(a, 'poor');
    await settle(other, 'lowIncome');
    // A class the network disagrees with: a recorded difference.
    await a.service.lookupPerson(byCard('ordinary'));
    const lines = outpatientLines();
    lines[2] = { code: '002202010030000', name: '彩色多普勒超声常规检查', amount: '120.00', class: 'A', category: '03', time: '2020-06-15 09:05:00' };
    const diff = await a.settleQueued({ person: cardOf('ordinary'), visit: { ref: visitRef('D'), type: 'outpatient', date: '2020-06-15', lines }, payment: { method: 'cash' }, operatorId: 'op1' });
    // Settled offline, replayed: the network's other class is a recorded difference once it confirms.
    await waitUntil(() => a.service.get(diff.id).difference !== undefined, 15000, 'the difference recorded');
    a.setEndpoint(DEAD_URL);
    const queued = await settle(a, 'poor');
    expect(queued.network.state).toBe('pending');
    a.setEndpoint(sim.url);
    await a.forwarder.stop();

    const v = view(a, await a.reconciler.run(netDay(), netDay(), 'op1'));
    const kinds = v.mismatches.map((m) => m.kind).sort();
    expect(kinds).toContain('missingLocally');
    expect(kinds).toContain('unsent');
    expect(kinds).toContain('difference');
    expect(kinds).toContain('totals');
    expect(v.totalsBalanced).toBe(false);
    expect(v.mismatches.find((m) => m.kind === 'unsent')?.receiptNo).toBe(queued.receiptNo);
    expect(v.mismatches.find((m) => m.kind === 'difference')?.settlementId).toBe(diff.id);
    const csv = runCsv(v).csv;
    expect(csv).toContain('医保有、本地无');
    expect(csv).toContain('本地已结算，尚未上传医保');
    // No whole ID number (the network's own ids, M370303…, are not ID numbers).
    expect(csv).not.toMatch(/(^|[^\dA-Z])370303\d{11}[\dX]($|\D)/m);
  });

  it('records a failed run (network down) with its local totals and the error', async () => {
    const h = win();
    await settle(h, 'poor');
    h.setEndpoint(DEAD_URL);
    const v = view(h, await h.reconciler.run(netDay(), netDay(), 'op1'));
    expect(v.error).toBeDefined();
    expect(v.mismatches.some((m) => m.kind === 'error')).toBe(true);
    expect(v.local.count).toBe(1);
  });
});
