// The smaller findings: the ID check digit checked in the window before the network (GB 11643),
// an empty name asked for, the card-free audit line in Chinese, a hint beside 网络状态未知.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberProblem } from '../../electron/core/id-number';
import { networkBadge } from '../../renderer/src/screens/settle/network-badge';
import type { PlatformSimulator as NetworkSimulator } from '../../electron/network/simulator';
import { walkApp, type WalkApp } from './app';

describe('ID number check digit (GB 11643)', () => {
  it('accepts right numbers and names a wrong check digit', () => {
    expect(idNumberProblem('370303195803120316')).toBeUndefined();
    expect(idNumberProblem('11010519491231002x')).toBeUndefined();
    expect(idNumberProblem('370303195803120317')).toBe('身份证号校验位不正确（GB 11643），请核对是否输错');
    expect(idNumberProblem('37030319580312031')).toMatch(/18 位/);
  });
});

describe('the startup badge', () => {
  it('says it is checking, with a hint, before the network was talked to', () => {
    expect(networkBadge(null).text).toBe('网络状态未知（正在检测）');
    expect(networkBadge(null).hint).toContain('几秒内自动检测');
  });
});

describe('card-free identification', () => {
  let w: WalkApp;
  beforeAll(async () => {
    w = await walkApp();
  }, 60_000);
  afterAll(() => w?.close());

  it('refuses a wrong check digit and an empty name before asking the network', async () => {
    const sim = w.app.services.network.sim()!;
    const before = sim.stats().byInfno['1101'] ?? 0;
    const bad = await w.cashier('window.identify', { via: 'cardFree', idNumber: '370303195803120317', name: '张建国' });
    expect(bad.error).toMatchObject({ field: 'idNumber', message: '身份证号校验位不正确（GB 11643），请核对是否输错' });
    const noName = await w.cashier('window.identify', { via: 'cardFree', idNumber: '370303195803120316', name: '' });
    expect(noName.error).toMatchObject({ field: 'name', message: '请填写患者姓名（与身份证一致），用于核对' });
    expect(sim.stats().byInfno['1101'] ?? 0).toBe(before);
  });

  it('writes the card-free identification to the audit log in Chinese', async () => {
    const ok = await w.cashier('window.identify', { via: 'cardFree', idNumber: '370303195803120316', name: '张建国' });
    expect(ok.ok, JSON.stringify(ok.error)).toBe(true);
    const list = (await w.admin('audit.list', { limit: 5 })).value as { action: string; summary: string }[];
    expect(list.find((e) => e.action === 'window.cardFreeIdentify')?.summary).toBe('无卡识别 370303********0316（依据：建档立卡贫困人口）');
  });
});
