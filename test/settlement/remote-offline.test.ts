// A remote patient (异地就医: insured in Anhui, treated in Zibo) with the network down: refused
// offline with a Chinese message naming the insured region when no pack of that region is
// installed (the local engine never guesses with the clinic's own pack), and settled offline
// within the limits once the region's pack is installed (imported by a technician).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PlatformSimulator } from '../../electron/network/simulator';
import { loadShippedPacks, shippedPolicyDir, type LoadedPacks } from '../../electron/policy/store';
import { DEAD_URL, byCard, cardOf, harness, outpatientLines, visitRef, type Harness, startSim } from './helpers';

let sim: PlatformSimulator;
let h: Harness | undefined;
beforeAll(async () => {
  sim = await startSim({ port: 0, holdMs: 300 });
});
afterAll(() => sim.close());
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** The shipped packs without the Anhui one: this clinic has only its own region's pack. */
function withoutAnhui(): LoadedPacks {
  const all = loadShippedPacks();
  return { ...all, packs: all.packs.filter((p) => !p.region.startsWith('34')) };
}

const remoteVisit = () => ({
  person: cardOf('anhuiPoor'), visit: { ref: visitRef('R'), type: 'outpatient' as const, date: '2020-06-15', lines: outpatientLines() },
  payment: { method: 'cash' as const }, operatorId: 'op1',
});

/** Looks the person up online, then takes the network down (refused connections). */
async function offlineWithPerson(x: Harness) {
  const p = await x.service.lookupPerson(byCard('anhuiPoor'));
  expect(p.region.startsWith('34')).toBe(true);
  x.setEndpoint(DEAD_URL);
  x.forwarder.observe(false);
}

describe('remote patients offline', () => {
  it('no pack for the insured region: the pre-settlement says why, the settlement is refused in Chinese, nothing is written', async () => {
    h = harness(sim.url, { shipped: withoutAnhui() });
    await offlineWithPerson(h);
    const input = remoteVisit();
    const pre = await h.service.preSettle(input).then((v) => ({ v }), (e: { error: { message: string } }) => ({ message: e.error.message }));
    const message = 'v' in pre ? pre.v.offlineMessage : pre.message;
    if ('v' in pre) expect(pre.v.offlineAllowed).toBe(false);
    expect(message).toMatch(/异地就医：本机没有参保地（341\d{3}）.*政策包，只能联网由医保网络结算/);
    const err = await h.service.settle(input).then(() => undefined, (e: { error: { code: string; message: string; field?: string } }) => e.error);
    expect(err?.code).toBe('NO_POLICY');
    expect(err?.message).toMatch(/^医保网络不可用：异地就医：本机没有参保地（341\d{3}）/);
    expect((h.db.prepare('SELECT COUNT(*) AS n FROM settlements WHERE visit_ref = ?').get(input.visit.ref) as { n: number }).n).toBe(0);
  });

  it('with the insured region\'s pack installed, the same visit is settled offline within the limits', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'settle-remote-'));
    // The technician's import: the Anhui pack in the data dir's policies.
    fs.mkdirSync(path.join(dir, 'policies'));
    const anhui = fs.readdirSync(shippedPolicyDir()).find((f) => f.startsWith('anhui') && f.endsWith('.json'))!;
    fs.copyFileSync(path.join(shippedPolicyDir(), anhui), path.join(dir, 'policies', anhui));
    h = harness(sim.url, { dir, shipped: withoutAnhui() });
    await offlineWithPerson(h);
    const input = remoteVisit();
    const pre = await h.service.preSettle(input);
    expect(pre.online).toBe(false);
    expect(pre.offlineAllowed).toBe(true);
    const v = await h.service.settle(input);
    expect(v.mode).toBe('offline');
    expect(v.packId).toMatch(/anhui/i);
  });
});
