// Windows on one center: terminal numbers from the center, replication of settlements,
// cancellations, network records and audit entries exactly once whatever stops where, the other
// windows' year-to-date and offline day seen before settling, the center-wide offline hold, and a
// PostgreSQL stopped mid-run that loses nothing.
import { describe, expect, it } from 'vitest';
import { centerSuite } from './suite';
import { centerRows, freshDatabase, linkedWindow, type LinkedWindow } from './helpers';
import { DEAD_URL, byCard, cardOf, outpatientLines, visitRef, waitUntil } from '../settlement/helpers';
import { inTransaction } from '../../electron/center/pg';
import { applyBatch } from '../../electron/center/apply';
import { addBooks } from '../../electron/center/totals';
import { chinaDate } from '../../electron/core/time';

const suite = centerSuite();
const open = suite.open;

function windowOn(centerUrl: string, terminalNo = '01', networkUrl: string | undefined = suite.sim.url): LinkedWindow {
  const w = linkedWindow(networkUrl, centerUrl, terminalNo);
  open.push(w);
  return w;
}

async function settle(w: LinkedWindow, key: string, scale = 1) {
  await w.h.service.lookupPerson(byCard(key));
  return w.h.service.settle({
    person: cardOf(key), visit: { ref: visitRef(), type: 'outpatient', date: '2020-06-15', lines: outpatientLines(scale) },
    payment: { method: 'cash' }, operatorId: 'op1',
  });
}

const today = () => chinaDate(new Date());

describe('center link', () => {
  it('gives each window a terminal number no other window of the institution has, and keeps it', async () => {
    const url = await freshDatabase(suite.cluster);
    const a = windowOn(url, '01');
    const b = windowOn(url, '01');
    expect(await a.link.start()).toBe(true);
    expect(await b.link.start()).toBe(true);
    expect(a.terminal.no).toBe('01');
    expect(b.terminal.no).toBe('02');
    expect(b.link.terminalNo).toBe('02');
    // A window that asks again (a restart) keeps its number.
    const rows = await centerRows<{ terminal_no: string }>(url, 'SELECT terminal_no FROM windows ORDER BY terminal_no');
    expect(rows.map((r) => r.terminal_no)).toEqual(['01', '02']);
    // A number typed by hand over the center's (window 01's) is put back at the next contact.
    b.terminal.no = '01';
    await waitUntil(() => b.terminal.no === '02', 15_000, 'the center\'s terminal number back');
  }, 60_000);

  it('replicates settlements, their network records and audit rows; a second window sees the first one\'s year-to-date and offline day', async () => {
    const url = await freshDatabase(suite.cluster);
    const a = windowOn(url, '01');
    const b = windowOn(url, '02');
    await a.link.start();
    await b.link.start();
    const online = await settle(a, 'poor');
    await a.h.service.lookupPerson(byCard('poor'));
    a.h.setEndpoint(DEAD_URL);
    const offline = await settle(a, 'poor', 0.5);
    expect(online.mode).toBe('online');
    expect(offline.mode).toBe('offline');
    await a.link.drain();
    const docs = await centerRows<{ settlement_id: string; mode: string; total_fen: string }>(url, 'SELECT settlement_id, mode, total_fen FROM settlements ORDER BY created_at');
    expect(docs.map((d) => d.settlement_id)).toEqual([online.id, offline.id]);
    const net = await centerRows<{ state: string; net_settlement_id: string }>(url, 'SELECT state, net_settlement_id FROM settlement_network WHERE settlement_id = $1', [online.id]);
    expect(net[0].state).toBe('confirmed');
    expect(net[0].net_settlement_id).toBeTruthy();

    const personNo = cardOf('poor').personNo;
    const seen = await b.link.totalsFor(personNo, today(), 2020);
    expect(seen.reachable).toBe(true);
    const own = a.h.repos.ytd.book(personNo, 2020);
    expect(seen.book).toEqual(own);
    expect(seen.offlineDayFen).toBe(a.h.repos.ytd.offlineTotalFen(personNo, today()));
    expect(seen.offlineDayFen).toBeGreaterThan(0);
    expect(b.link.othersOfflineFen(personNo, today())).toBe(seen.offlineDayFen);
    // B's own (empty) book plus the others' part is A's book; A does not see itself as "other".
    expect(addBooks(b.h.repos.ytd.book(personNo, 2020), b.link.othersBook(personNo, 2020))).toEqual(own);
    expect((await a.link.totalsFor(personNo, today(), 2020)).offlineDayFen).toBe(0);
  }, 60_000);

  it('writes nothing for the center while the window runs alone; linking carries what it already holds (migration 110)', async () => {
    const url = await freshDatabase(suite.cluster);
    const a = windowOn(url, '01');
    const before = await settle(a, 'poor');
    const rows = () => (a.h.db.prepare('SELECT COUNT(*) AS n FROM center_outbox').get() as { n: number }).n;
    expect(rows()).toBe(0);
    await a.link.start();
    expect(a.link.local.link()?.windowId).toBe(a.windowId);
    await a.link.drain();
    const after = await settle(a, 'poor', 0.2);
    expect(rows()).toBeGreaterThan(0);
    await a.link.drain();
    const ids = (await centerRows<{ settlement_id: string }>(url, 'SELECT settlement_id FROM settlements ORDER BY created_at')).map((r) => r.settlement_id);
    expect(ids).toEqual([before.id, after.id]);
    const net = await centerRows<{ n: string }>(url, "SELECT COUNT(*) AS n FROM settlement_network WHERE state = 'confirmed'");
    expect(Number(net[0].n)).toBe(2);
  }, 60_000);

  it('counts a batch sent twice once (the window stopped after the center committed, before its rows went)', async () => {
    const url = await freshDatabase(suite.cluster);
    const a = windowOn(url, '01', DEAD_URL);
    await a.link.start();
    await a.h.service.lookupPerson(byCard('poor')).catch(() => undefined);
    a.h.setEndpoint(suite.sim.url);
    await a.h.service.lookupPerson(byCard('poor'));
    a.h.setEndpoint(DEAD_URL);
    const s = await settle(a, 'poor');
    const canc = await a.h.service.cancel(s.id, '重复收费', 'op1');
    expect(canc.kind).toBe('cancellation');
    // The center commits a batch, the window "crashes" before deleting its rows: they go again.
    const b = a.link.local.batch(500)!;
    await inTransaction(a.link.pool, (c) => applyBatch(c, a.windowId, b.items));
    await a.link.drain();
    const docs = await centerRows<{ n: string }>(url, 'SELECT COUNT(*) AS n FROM settlements');
    expect(Number(docs[0].n)).toBe(2);
    const personNo = cardOf('poor').personNo;
    const ytd = await centerRows<{ base: string }>(url, 'SELECT COALESCE(SUM(base_fen), 0) AS base FROM person_ytd WHERE person_no = $1 AND ytd_key NOT LIKE $2', [personNo, '#%']);
    // A settlement and its cancellation: nothing left, even though both were sent twice.
    expect(Number(ytd[0].base)).toBe(0);
    const day = await centerRows<{ base: string }>(url, 'SELECT base_fen AS base FROM person_ytd WHERE person_no = $1 AND ytd_key = $2', [personNo, `#offline:${today()}`]);
    expect(Number(day[0].base)).toBe(0);
    const audit = await centerRows<{ n: string }>(url, 'SELECT COUNT(*) AS n FROM audit');
    expect(Number(audit[0].n)).toBe((a.h.db.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n);
    expect(a.link.local.unsent()).toBe(0);

    // A window restored from an older backup numbers a new settlement with an id the center holds:
    // the center keeps its own and records the newcomer, never drops it in silence.
    const other = { ...a.h.repos.settlements.get(s.id)!, visitRef: 'RESTORED-1', totalFen: 1234, createdAt: new Date(Date.now() + 1000).toISOString() };
    await inTransaction(a.link.pool, (c) => applyBatch(c, a.windowId, [{ id: 1, kind: 'settlement', doc: other }]));
    await inTransaction(a.link.pool, (c) => applyBatch(c, a.windowId, [{ id: 1, kind: 'settlement', doc: other }]));
    const kept = await centerRows<{ visit_ref: string }>(url, 'SELECT visit_ref FROM settlements WHERE settlement_id = $1', [s.id]);
    expect(kept).toEqual([{ visit_ref: s.visitRef }]);
    const conflicts = await centerRows<{ settlement_id: string }>(url, 'SELECT settlement_id FROM replication_conflicts');
    expect(conflicts).toEqual([{ settlement_id: s.id }]);
  }, 60_000);

  it('holds offline amounts center-wide: two windows cannot both pass the per-person day limit', async () => {
    const url = await freshDatabase(suite.cluster);
    const a = windowOn(url, '01');
    const b = windowOn(url, '02');
    await a.link.start();
    await b.link.start();
    const h = { personNo: 'P1', day: today(), ownDayFen: 0, limitFen: 300_000 };
    const [ra, rb] = await Promise.all([
      a.link.holdOffline({ ...h, visitRef: 'VA', fen: 200_000 }),
      b.link.holdOffline({ ...h, visitRef: 'VB', fen: 200_000 }),
    ]);
    expect([ra.refusal, rb.refusal].filter(Boolean)).toHaveLength(1);
    const refused = ra.refusal ? ra : rb;
    expect(refused.refusal).toContain('其他窗口 2000.00 元');
    expect(refused.refusal).toContain('3000.00');
  }, 60_000);

  it('loses nothing when PostgreSQL stops mid-run; the window settles on and catches up when it returns', async () => {
    const url = await freshDatabase(suite.cluster);
    const a = windowOn(url, '01');
    await a.link.start();
    const first = await settle(a, 'poor');
    await waitUntil(() => a.link.local.unsent() === 0, 15_000, 'the first settlement at the center');
    suite.cluster.kill();
    try {
      const during = [await settle(a, 'ordinary'), await settle(a, 'poor', 0.3)];
      const t = await a.link.totalsFor(cardOf('poor').personNo, today(), 2020);
      expect(t.reachable).toBe(false);
      expect(t.note).toContain('集中库暂不可达');
      expect(a.link.local.unsent()).toBeGreaterThan(0);
      await waitUntil(() => a.link.reachable === false, 15_000, 'the link to see the center down');
      suite.cluster.start();
      await waitUntil(() => a.link.local.unsent() === 0, 30_000, 'the outbox to drain after the center returns');
      const ids = (await centerRows<{ settlement_id: string }>(url, 'SELECT settlement_id FROM settlements')).map((r) => r.settlement_id).sort();
      expect(ids).toEqual([first.id, ...during.map((d) => d.id)].sort());
    } finally {
      try { suite.cluster.start(); } catch { /* already up */ }
    }
  }, 90_000);
});
