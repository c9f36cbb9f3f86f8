// The center-wide day-end reconciliation: three windows of one institution settle online and
// offline (and cancel) against one network; each window alone holds only its part of the
// institution's day, the center holds the sum, which balances with 3201/3202; a record that
// disagrees is traced to its window.
import { describe, expect, it } from 'vitest';
import { centerSuite } from './suite';
import { centerRows, freshDatabase, linkedWindow, reconcileClient, type LinkedWindow } from './helpers';
import { DEAD_URL, byCard, cardOf, outpatientLines, visitRef, waitUntil } from '../settlement/helpers';
import { reconcileCenter } from '../../electron/center/reconcile';
import { DEFAULT_INSTITUTION } from '../../electron/platform/institution';
import { chinaDate } from '../../electron/core/time';
import pg from 'pg';

const suite = centerSuite();
const open = suite.open;

async function settle(w: LinkedWindow, key: string, scale = 1) {
  return w.h.service.settle({
    person: cardOf(key), visit: { ref: visitRef(), type: 'outpatient', date: '2020-06-15', lines: outpatientLines(scale) },
    payment: { method: 'cash' }, operatorId: 'op1',
  });
}

/** Three windows' day: online and offline settlements, one cancelled, all through to the network and the center. */
async function threeWindowsDay(url: string): Promise<LinkedWindow[]> {
  const ws = ['01', '02', '03'].map((t) => linkedWindow(suite.sim.url, url, t));
  open.push(...ws);
  for (const w of ws) {
    await w.link.start();
    for (const k of ['poor', 'ordinary']) await w.h.service.lookupPerson(byCard(k));
  }
  const [a, b, c] = ws;
  await settle(a, 'poor');
  const cancelled = await settle(a, 'ordinary', 0.5);
  await a.h.service.cancel(cancelled.id, '收费错误', 'op1');
  await settle(b, 'ordinary', 0.8);
  c.h.setEndpoint(DEAD_URL);
  const off = [await settle(c, 'poor', 0.4), await settle(b, 'poor', 0.2)];
  b.h.setEndpoint(DEAD_URL);
  off.push(await settle(b, 'ordinary', 0.3));
  expect(off.map((o) => o.mode)).toEqual(['offline', 'online', 'offline']);
  c.h.setEndpoint(suite.sim.url);
  b.h.setEndpoint(suite.sim.url);
  for (const w of ws) {
    await waitUntil(() => w.h.forwarder.status().unsent === 0, 20_000, 'the window\'s queue to reach the network');
    await w.link.drain();
  }
  return ws;
}

describe('center-wide reconciliation', () => {
  it('balances the institution\'s day as the sum of three windows, online and offline, with each window\'s part', async () => {
    const url = await freshDatabase(suite.cluster);
    const ws = await threeWindowsDay(url);
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    const client = reconcileClient(suite.sim.url);
    try {
      const day = chinaDate(new Date());
      const r = await reconcileCenter(pool, client, { institutionCode: DEFAULT_INSTITUTION.code, region: DEFAULT_INSTITUTION.region, day });
      expect(r.mismatches.map((m) => m.memo)).toEqual([]);
      expect(r.balanced).toBe(true);
      expect(r.records).toBe(7);
      const terminals = new Set(r.groups.flatMap((g) => g.byWindow.map((w) => w.terminalNo)));
      expect([...terminals].sort()).toEqual(['01', '02', '03']);
      expect(r.groups.reduce((a, g) => a + g.count, 0)).toBe(5);
      const runs = await centerRows<{ balanced: boolean }>(url, 'SELECT balanced FROM reconcile_runs');
      expect(runs).toEqual([{ balanced: true }]);

      // A record the center holds differently from the network: out of balance, traced to its window.
      await pool.query("UPDATE settlement_network SET total_fen = total_fen + 100 WHERE settlement_id = (SELECT settlement_id FROM settlements WHERE window_id = $1 AND kind = 'settlement' LIMIT 1)", [ws[1].windowId]);
      const bad = await reconcileCenter(pool, client, { institutionCode: DEFAULT_INSTITUTION.code, region: DEFAULT_INSTITUTION.region, day });
      expect(bad.balanced).toBe(false);
      expect(bad.mismatches.some((m) => m.kind === 'totals')).toBe(true);
      const traced = bad.mismatches.find((m) => m.kind === 'amount');
      expect(traced?.terminalNo).toBe(ws[1].terminal.no);
      expect(traced?.memo).toContain(`窗口 ${ws[1].terminal.no}`);
    } finally {
      await pool.end();
    }
  }, 120_000);
});
