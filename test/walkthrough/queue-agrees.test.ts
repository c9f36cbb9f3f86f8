// The queue and the status agree: an offline settlement drained to the network reads as confirmed
// in the receipt search; the queue screen never says "empty" while settlements are unsent; a
// refusal says what to correct.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { queueSummary } from '../../renderer/src/screens/settle/queue-text';
import { deadLetterFix } from '../../electron/settlement/dead-hint';
import type { QueueStatusView } from '../../electron/api/contract';
import { walkApp, type WalkApp } from './app';

const status = (unsent: number, dead: number) => ({ online: true, unsent, unsentMessages: unsent, inFlight: 0, unknown: 0, dead, held: 0, draining: false, drainTotal: 0, drainDone: 0 }) as QueueStatusView;

describe('the queue screen summary', () => {
  it('says empty only when nothing is unsent', () => {
    expect(queueSummary(status(0, 0), 0, 0)).toBe('队列为空：所有结算都已上传医保。');
    expect(queueSummary(status(1, 1), 0, 1)).toContain('1 笔结算因医保拒绝尚未上传');
    expect(queueSummary(status(1, 1), 0, 1)).not.toContain('队列为空');
    expect(queueSummary(status(2, 0), 0, 0)).not.toContain('队列为空');
    expect(queueSummary(status(2, 0), 2, 0)).toBeUndefined();
  });
  it('names what to correct for a refusal', () => {
    expect(deadLetterFix('2207', '该人员无门诊慢特病备案，不能按门慢结算')).toMatch(/^就诊类别与门诊慢特病病种/);
    expect(deadLetterFix('2204', '医保目录编码 X 无效')).toMatch(/目录对照/);
    expect(deadLetterFix('2204', '未知错误')).toBe('费用明细（目录对照、数量、金额）');
  });
});

describe('the receipt search after the drain', () => {
  let w: WalkApp;
  beforeAll(async () => {
    w = await walkApp();
  }, 60_000);
  afterAll(() => w?.close());

  it('an offline settlement confirmed by the network no longer reads 脱机待确认', async () => {
    await w.cashier('window.demo.insertCard', { personKey: 'poor' });
    const p = (await w.cashier('window.identify', { via: 'reader' })).value;
    expect((await w.cashier('network.sim.offline', { offline: true })).ok).toBe(true);
    await vi.waitFor(async () => expect((await w.cashier('queue.status')).value.online).toBe(false), { timeout: 10_000, interval: 200 });
    const pre = (await w.cashier('window.preSettle', { ticket: p.ticket, visitType: 'outpatient', lines: [{ code: 'ZC0002', quantity: '1' }] })).value;
    expect(pre.online).toBe(false);
    const done = await w.cashier('window.settle', { ticket: p.ticket, preId: pre.preId, accountPay: '0', payment: { kind: 'cash', tendered: pre.patientDue } });
    expect(done.ok, JSON.stringify(done.error)).toBe(true);
    const before = (await w.cashier('receipt.search', { receiptNo: done.value.receiptNo })).value[0];
    expect(before).toMatchObject({ offline: true, confirmed: false });

    await w.cashier('network.sim.offline', { offline: false });
    await vi.waitFor(async () => expect((await w.cashier('queue.status')).value.unsent).toBe(0), { timeout: 20_000, interval: 300 });
    const after = (await w.cashier('receipt.search', { receiptNo: done.value.receiptNo })).value[0];
    expect(after).toMatchObject({ offline: true, confirmed: true });
  }, 90_000);
});
