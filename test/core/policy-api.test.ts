// The policy.* calls on a real app context (SQLite in a temp dir) and the real dispatcher.
import { mkdtempSync, readFileSync, writeFileSync, readdirSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppContext, type AppContext } from '../../electron/platform/context';
import { Dispatcher, type Session } from '../../electron/api/dispatch';
import { installPolicies } from '../../electron/policy/install';
import { PolicyRegistry } from '../../electron/policy/store';

const contexts: AppContext[] = [];
afterEach(async () => {
  for (const c of contexts.splice(0)) await c.close();
});

function setup(now = new Date(2020, 5, 15, 10, 0, 0)) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'policy-api-'));
  const ctx = createAppContext({ dataDir, mode: 'test', now: () => now });
  contexts.push(ctx);
  const d = new Dispatcher({ info: () => {}, error: () => {} });
  const network = { simulated: false };
  const policies = installPolicies(ctx, d, { simulated: () => network.simulated });
  return { ctx, d, policies, network, dataDir };
}

const as = (role: Session['role']) => ({ channel: 'http' as const, session: { token: 't', operatorId: 'op', operatorName: '测试', role } });

describe('policy.* calls', () => {
  it('lists the shipped packs and marks the one in force for this clinic today', async () => {
    const { d, policies } = setup();
    expect(policies).toBeInstanceOf(PolicyRegistry);
    const r = await d.dispatch('policy.list', undefined, as('cashier'));
    expect(r.ok).toBe(true);
    const list = (r as { value: { id: string; inForce: boolean; source: string; hash: string }[] }).value;
    expect(list.map((p) => [p.id, p.inForce, p.source])).toEqual([['anhui-2020', false, 'shipped'], ['zibo-2020', true, 'shipped']]);
    const anhui = await d.dispatch('policy.inForce', { region: '340100', date: '2020-03-01' }, as('cashier'));
    expect(anhui.ok && (anhui.value as { id: string }).id).toBe('anhui-2020');
    const none = await d.dispatch('policy.inForce', { date: '2030-01-01' }, as('cashier'));
    expect(none).toEqual({ ok: true, value: null });
  });

  it('imports for a technician only; a bad pack is refused naming the field and changes nothing', async () => {
    const { d, dataDir } = setup();
    const pack = JSON.parse(readFileSync(path.resolve(__dirname, '../../policies/zibo-2020.json'), 'utf8'));
    pack.id = 'zibo-2021';
    pack.effective = { from: '2021-01-01', to: '2021-12-31' };
    const file = path.join(dataDir, 'upload.json');
    writeFileSync(file, JSON.stringify(pack));
    const denied = await d.dispatch('policy.import', { file }, as('cashier'));
    expect(!denied.ok && denied.error.code).toBe('FORBIDDEN');

    pack.layers[0].cap.per = 'month';
    const badFile = path.join(dataDir, 'bad.json');
    writeFileSync(badFile, JSON.stringify(pack));
    const bad = await d.dispatch('policy.import', { file: badFile }, as('technician'));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toContain('layers[0].cap.per');
    expect(existsSync(path.join(dataDir, 'policies'))).toBe(false);

    const good = await d.dispatch('policy.import', { file }, as('technician'));
    expect(good.ok && (good.value as { source: string }).source).toBe('imported');
    expect(readdirSync(path.join(dataDir, 'policies'))).toEqual(['zibo-2021.json']);
    const next = await d.dispatch('policy.inForce', { region: '370303', date: '2021-02-01' }, as('cashier'));
    expect(next.ok && (next.value as { id: string }).id).toBe('zibo-2021');
  });
});

describe('demo packs', () => {
  it('are offered only while the built-in network simulator plays the network', async () => {
    const { d, network } = setup(new Date(2026, 10, 23, 9, 0, 0));
    // No simulator running: a real network, so no pack is in force today (the shipped ones are 2020).
    expect(await d.dispatch('policy.inForce', {}, as('cashier'))).toEqual({ ok: true, value: null });
    network.simulated = true;
    const inForce = await d.dispatch('policy.inForce', {}, as('cashier'));
    expect(inForce).toMatchObject({ ok: true, value: { id: 'zibo-demo', source: 'demo' } });
    expect((inForce as { value: { name: string } }).value.name).toContain('演示');
    const anhui = await d.dispatch('policy.inForce', { region: '341100' }, as('cashier'));
    expect(anhui).toMatchObject({ ok: true, value: { id: 'anhui-demo' } });
    // In 2020 the real shipped pack still wins over the demo one (most specific, latest start).
    const in2020 = await d.dispatch('policy.inForce', { date: '2020-06-01' }, as('cashier'));
    expect(in2020).toMatchObject({ ok: true, value: { id: 'zibo-2020' } });
    network.simulated = false;
    expect(await d.dispatch('policy.inForce', {}, as('cashier'))).toEqual({ ok: true, value: null });
  });

  it('carry the same rules as the 2020 packs they copy', () => {
    for (const [demo, real] of [['zibo-demo', 'zibo-2020'], ['anhui-demo', 'anhui-2020']]) {
      const root = path.resolve(__dirname, '..', '..', 'policies');
      const a = JSON.parse(readFileSync(path.join(root, 'demo', `${demo}.json`), 'utf8'));
      const b = JSON.parse(readFileSync(path.join(root, `${real}.json`), 'utf8'));
      expect(a.layers).toEqual(b.layers);
      expect(a.region).toBe(b.region);
    }
  });
});
