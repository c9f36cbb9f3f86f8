// Labels follow the variant that applied: a 建档立卡 patient's accumulators never read
// "（特困人员）", a 低保 patient's layers never read "（贫困人口）". These are the local engine's
// titles, shown when it settles (offline); online the layers are named as the network names its funds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layerLabel } from '../../electron/core/engine/label';
import { walkApp, type WalkApp } from './app';

describe('layer titles by identity', () => {
  it('names the identity that made the variant apply', () => {
    const when = { identitiesAny: ['poverty', 'lowIncome', 'destitute'] };
    expect(layerLabel('居民大病保险（贫困人口）', when, ['lowIncome'])).toBe('居民大病保险（低保对象）');
    expect(layerLabel('居民大病保险（贫困人口）', when, ['destitute'])).toBe('居民大病保险（特困人员）');
    expect(layerLabel('居民大病保险（贫困人口）', when, ['poverty', 'lowIncome'])).toBe('居民大病保险（贫困人口）');
    expect(layerLabel('门诊慢性病个人负担封顶（10%）', { identitiesAny: ['poverty'] }, ['poverty'])).toBe('门诊慢性病个人负担封顶（10%）');
    expect(layerLabel('居民大病保险', undefined, ['lowIncome'])).toBe('居民大病保险');
  });
});

describe('in the window', () => {
  let w: WalkApp;
  beforeAll(async () => {
    w = await walkApp();
  }, 60_000);
  afterAll(() => w?.close());

  async function settleChronic(personKey: string) {
    await w.cashier('window.demo.insertCard', { personKey });
    const p = (await w.cashier('window.identify', { via: 'reader' })).value;
    expect((await w.cashier('network.sim.offline', { offline: true })).ok).toBe(true);
    const pre = await w.cashier('window.preSettle', {
      ticket: p.ticket, visitType: 'chronicOutpatient', chronicCode: 'I10', prescriptionDays: 90,
      lines: [{ code: 'ZC0002', quantity: '1' }, { code: 'HY0001', quantity: '20' }, { code: 'JC0002', quantity: '10' }, { code: 'YP0012', quantity: '30' }],
    });
    expect(pre.ok, JSON.stringify(pre.error)).toBe(true);
    const done = await w.cashier('window.settle', { ticket: p.ticket, preId: pre.value.preId, accountPay: '0', payment: { kind: 'cash', tendered: pre.value.patientDue } });
    expect(done.ok, JSON.stringify(done.error)).toBe(true);
    expect((await w.cashier('network.sim.offline', { offline: false })).ok).toBe(true);
    await w.cashier('window.demo.insertCard', { personKey });
    const again = (await w.cashier('window.identify', { via: 'reader' })).value;
    return { pre: pre.value, person: again };
  }

  it('a 低保 patient\'s layers and a 建档立卡 patient\'s accumulators are titled by their own identity', async () => {
    const low = await settleChronic('lowIncome');
    const lowNames = low.pre.layers.map((l: { name: string }) => l.name).join('|');
    expect(lowNames).toContain('（低保对象）');
    expect(lowNames).not.toContain('贫困人口');
    expect(low.person.ytd.items.map((i: { name: string }) => i.name).join('|')).not.toContain('贫困人口');

    const poor = await settleChronic('poor');
    const items = poor.person.ytd.items.map((i: { name: string }) => i.name);
    expect(items).toContain('医疗救助');
    expect(items.join('|')).not.toContain('特困人员');
    expect(items.join('|')).not.toMatch(/[A-Za-z]/);
  }, 90_000);
});
