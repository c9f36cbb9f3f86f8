// The network state the header badge (queue.status) and setup's status line (network.status)
// show follows the real network both ways within seconds: a failed call marks it down at once, and
// the watch notices the return without anyone settling.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { composeApp, type RunningApp } from '../../electron/app/compose';
import type { CallContext } from '../../electron/api/dispatch';
import type { PlatformSimulator } from '../../electron/network/simulator';
import { NetworkHealth, NetworkWatch } from '../../electron/network/health';
import { tempDir } from './client/helpers';

const tech: CallContext = { channel: 'ipc', session: { token: 't', operatorId: 'T1', operatorName: '技术员', role: 'technician' } };
const apps: RunningApp[] = [];
afterAll(async () => {
  for (const a of apps) await a.close();
});

async function value<T>(a: RunningApp, method: string, input?: unknown): Promise<T> {
  const r = await a.dispatcher.dispatch(method, input, tech);
  if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
  return r.value as T;
}

const states = async (a: RunningApp) => ({
  badge: (await value<{ online: boolean | null }>(a, 'queue.status')).online,
  setup: (await value<{ online: boolean | null }>(a, 'network.status')).online,
});

describe('live network state', () => {
  it('a failed test sign-in marks the badge and setup offline at once; the return shows within seconds', async () => {
    const a = await composeApp({ dataDir: tempDir('net-health-'), mode: 'test', flags: new Map([['his-port', '0']]) });
    apps.push(a);
    expect((await a.dispatcher.dispatch('network.signIn', undefined, tech)).ok).toBe(true);
    expect(await states(a)).toEqual({ badge: true, setup: true });

    a.services.network.sim()!.setFaults('drop=1');
    const failed = await a.dispatcher.dispatch('network.signIn', undefined, tech);
    expect(failed.ok).toBe(false);
    expect(await states(a)).toEqual({ badge: false, setup: false });

    // Nobody calls the network now: the watch's probes see it back.
    a.services.network.sim()!.setFaults('');
    await vi.waitFor(async () => expect(await states(a)).toEqual({ badge: true, setup: true }), { timeout: 10_000, interval: 200 });
  });

  it('the demo switch takes the built-in simulator off the network and back', async () => {
    const a = await composeApp({ dataDir: tempDir('net-health-'), mode: 'test', flags: new Map([['his-port', '0']]) });
    apps.push(a);
    const off = await value<{ simOffline: boolean }>(a, 'network.sim.offline', { offline: true });
    expect(off.simOffline).toBe(true);
    await vi.waitFor(async () => expect(await states(a)).toEqual({ badge: false, setup: false }), { timeout: 10_000, interval: 200 });
    await value(a, 'network.sim.offline', { offline: false });
    await vi.waitFor(async () => expect(await states(a)).toEqual({ badge: true, setup: true }), { timeout: 10_000, interval: 200 });
  });
});

describe('the watch schedule', () => {
  it('probes every few seconds while down, after a quiet spell while up, and slower after a long outage', () => {
    const health = new NetworkHealth();
    const watch = new NetworkWatch(health, async () => undefined, { offlineEveryMs: 3000, idleEveryMs: 15_000, fastForMs: 120_000, firstAfterMs: 2000 });
    const t0 = Date.now();
    expect(watch.due(t0)).toBe(false);
    expect(watch.due(t0 + 2500)).toBe(true);
    health.note(true);
    const up = health.state!.atMs;
    expect(watch.due(up + 14_000)).toBe(false);
    expect(watch.due(up + 15_000)).toBe(true);
    health.note(false);
    const down = health.state!.atMs;
    expect(watch.due(down + 2000)).toBe(false);
    expect(watch.due(down + 3000)).toBe(true);
    expect(watch.due(down + 200_000)).toBe(true);
  });
});
