// The background resolver of a visit's steps of unknown outcome: a fee upload (2204) applied by
// the network without an answer holds the visit from offline settling; once the network answers,
// the resolver sends it again under the same msgid (no cashier retry needed), the visit's row
// takes the batch as uploaded, nothing is charged twice, and at the window only 2206 and 2207
// remain. With the network still silent it stops at once and leaves the call open.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PlatformSimulator } from '../../electron/network/simulator';
import { byCard, cardOf, harness, outpatientLines, visitRef, type Harness, startSim } from './helpers';

let sim: PlatformSimulator;
let h: Harness | undefined;
beforeAll(async () => {
  sim = await startSim({ port: 0, holdMs: 200 });
});
afterAll(() => sim.close());
afterEach(async () => {
  sim.setFaults('');
  await h?.close();
  h = undefined;
});

const visit = () => ({
  person: cardOf('ordinary'), visit: { ref: visitRef('U'), type: 'outpatient' as const, date: '2020-06-15', lines: outpatientLines() },
  payment: { method: 'cash' as const }, operatorId: 'op1',
});
const openCalls = (x: Harness) => x.service.netVisits.repo.openCalls();

describe('steps of unknown outcome, resolved in the background', () => {
  it('a 2204 applied without an answer is sent again under its msgid; the visit is then ready with 2206 and 2207 alone', async () => {
    h = harness(sim.url, { online: { requestTimeoutMs: 800 } });
    await h.service.lookupPerson(byCard('ordinary'));
    const input = visit();
    sim.setFaults('commit-then-timeout=1,only=2204');
    await expect(h.service.uploadAhead(input)).rejects.toBeTruthy();
    const [open] = openCalls(h);
    expect(open).toMatchObject({ infno: '2204', state: 'open' });
    // Still silent: the resolver stops at once, the call stays open.
    sim.setFaults('drop=1');
    expect(await h.service.netVisits.resolveOpen(800)).toBe(0);
    expect(openCalls(h)).toHaveLength(1);

    sim.setFaults('');
    const before = { ...sim.stats().byInfno };
    expect(await h.service.netVisits.resolveOpen(2000)).toBe(1);
    expect(openCalls(h)).toEqual([]);
    const after = sim.stats().byInfno;
    expect((after['2204'] ?? 0) - (before['2204'] ?? 0)).toBe(1);
    const row = h.service.netVisits.get(input.visit.ref)!;
    expect(row.batchNo).toBeTruthy();
    expect(row.uploaded).toBeTruthy();
    // The network holds one batch of the visit's lines: the repeat was absorbed by its msgid.
    const net = sim.ledger().visits.find((v) => v.hisVisitNo === input.visit.ref)!;
    expect(net.lines).toBe(input.visit.lines.length);

    const calls = { ...sim.stats().byInfno };
    const pre = await h.service.preSettle(input);
    expect(pre.basis).toBe('network');
    const v = await h.service.settle({ ...input, basis: 'network' });
    expect(v.mode).toBe('online');
    const used = Object.entries(sim.stats().byInfno).filter(([k, n]) => k.startsWith('2') && n !== (calls[k] ?? 0)).map(([k]) => k).sort();
    expect(used).toEqual(['2206', '2207']);
  });
});
