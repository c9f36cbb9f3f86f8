// What the cashier sees of a cancellation the network must agree to (F11 → window.cancel): a
// refusal or an unreachable network is shown as such, nothing is cancelled or refunded locally,
// the day's list still shows the settlement valid; once the network agrees, the cancellation, its
// reversal receipt and the HIS visit's state follow.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Forwarder } from '../../electron/network/forwarder';
import type { PlatformSimulator } from '../../electron/network/simulator';
import type { ReceiptsService } from '../../electron/print/service';
import { cash, identify, ok, visitOf, windowTestApp, type WindowTestApp } from './helpers';

let w: WindowTestApp;
beforeAll(async () => {
  w = await windowTestApp({ tag: 'C' });
}, 60_000);
afterAll(() => w?.app.close());

async function settled(key: string, type: string) {
  const p = await identify(w.c01, key);
  const v = await visitOf(w.c01, p.ticket, type);
  const pre = ok(await w.c01('window.preSettle', { ticket: p.ticket, visitId: v.visitId }));
  const done = ok(await w.c01('window.settle', cash(pre, p.ticket)));
  expect(done.state).toBe('confirmed');
  return { done, visitId: v.visitId as string };
}

const rowOf = async (id: string) => ok<any[]>(await w.c01('window.recent', {})).find((r) => r.settlementId === id);
const reversals = () => w.services.receipts.search({}).filter((r) => r.kind === 'reversal');

describe('cancelling through the window when the network holds the settlement', () => {
  it('the network refuses: the window says so and not to refund; nothing is cancelled', async () => {
    const { done, visitId } = await settled('destitute', 'outpatient');
    const sim = w.services.network.sim()!;
    const netId = (w.app.ctx.db.prepare('SELECT net_settlement_id AS id FROM settlement_network WHERE settlement_id = ?').get(done.settlementId) as { id: string }).id;
    // The network refuses the 2208 (here: its own staff reversed the settlement there first).
    sim.platform.books.settlements.get(netId)!.status = 'reversed';
    const r = await w.c01('window.cancel', { settlementId: done.settlementId, reason: '患者要求退费', password: 'cash-pass-1' });
    expect(r.error.code).toBe('CANCEL_REFUSED');
    expect(r.error.message).toContain('请勿退款');
    expect(await rowOf(done.settlementId)).toMatchObject({ cancelled: false });
    expect(w.bridge.service.get(visitId)!.state).toBe('settled');
    expect(reversals()).toHaveLength(0);
  }, 60_000);

  it('the network down: refused until it is back; then cancelled, with the reversal receipt and the HIS visit cancelled', async () => {
    const { done, visitId } = await settled('employee', 'outpatient');
    const sim = w.services.network.sim()!;
    sim.setFaults('drop=1');
    await w.services.settlement.forwarder.probe(1000);
    const down = await w.c01('window.cancel', { settlementId: done.settlementId, reason: '患者要求退费', password: 'cash-pass-1' });
    expect(down.error.code).toBe('CANCEL_NETWORK_DOWN');
    expect(down.error.message).toContain('医保网络不可用');
    expect(await rowOf(done.settlementId)).toMatchObject({ cancelled: false });
    expect(w.bridge.service.get(visitId)!.state).toBe('settled');

    sim.setFaults('');
    const row = ok(await w.c01('window.cancel', { settlementId: done.settlementId, reason: '患者要求退费', password: 'cash-pass-1' }));
    expect(row.cancelled).toBe(true);
    expect(w.bridge.service.get(visitId)!.state).toBe('cancelled');
    expect(reversals().map((r) => r.settlementId)).toHaveLength(1);
  }, 60_000);
});
