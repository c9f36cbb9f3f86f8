// A drain never waits for the clock's msgids: every call of a step (2203 before 2204 too) takes
// its durable msgid the way the outbox does (running the stamps ahead when more than 100 are
// needed in a second); the client's own allocation would wait for the next second instead
// (bench network.drain_per_s fell to a fifth without this).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlatformSimulator } from '../../../electron/network/simulator';
import { DEAD_URL, byCard, cardOf, harness, outpatientLines, startSim, visitRef, waitUntil, type Harness } from '../../settlement/helpers';

let sim: PlatformSimulator;
let h: Harness;
beforeAll(async () => {
  sim = await startSim();
});
afterAll(async () => {
  await h?.close();
  await sim.close();
});

describe('msgids of a drain', () => {
  it('the 2203 before each 2204 takes its msgid from the forwarder\'s (non-waiting) source, like every step', async () => {
    h = harness(sim.url, { onlineWaitMs: 0 });
    for (const key of ['poor', 'ordinary']) await h.service.lookupPerson(byCard(key));
    h.setEndpoint(DEAD_URL);
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const key = i % 2 ? 'poor' : 'ordinary';
      const v = await h.service.settle({ person: cardOf(key), visit: { ref: visitRef('MS'), type: 'outpatient', date: '2020-06-15', lines: outpatientLines() }, payment: { method: 'cash' }, operatorId: 'op1' });
      ids.push(v.id);
    }
    h.setEndpoint(sim.url);
    h.forwarder.drainNow();
    await waitUntil(() => ids.every((id) => h.service.get(id).network.state === 'confirmed'), 30_000, 'the drain');
    expect(h.allocated.filter((i) => i === '2203')).toHaveLength(4);
    expect(h.allocated.filter((i) => i === '2204')).toHaveLength(4);
  });
});
