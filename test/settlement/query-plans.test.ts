// The calls whose cost must not grow with the years stored (a settlement, today's reconciliation,
// an online cancellation, the settlement search by person and for a month, the receipt search by
// name, the queue's status and list) read through indexes: every statement they run on the store
// is planned with EXPLAIN QUERY PLAN, and none may scan a table that grows with history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import type { Db } from '../../electron/store/db';
import { cash, identify, ok, visitOf, windowTestApp, type WindowTestApp } from '../window/helpers';

/** Tables that grow with the years of history. */
const HISTORY = new Set([
  'settlements', 'settlement_network', 'settlement_differences', 'settlement_warnings', 'visit_claims', 'ytd', 'outbox', 'outbox_msgids',
  'outbox_open_settlements', 'dead_letters', 'cancel_requests', 'receipts', 'receipt_prints', 'receipt_name_keys', 'his_visits',
  'his_visit_lines', 'his_callbacks', 'network_messages', 'network_msgids', 'audit_log', 'reconcile_runs', 'reconcile_mismatches',
  'settle_requests', 'settlement_local', 'net_visits', 'net_calls',
]);

/** Partial indexes whose entries are bounded by the queue (unfinished messages), not by history. */
const BOUNDED_INDEXES = new Set(['outbox_active', 'outbox_waiting', 'cancel_requests_open', 'settle_requests_open', 'net_visits_stale', 'net_calls_open']);

/** Scans that read one row whatever is stored, and why. */
const ALLOWED = new Map([
  ['SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1', 'the newest entry: one step from the end of the rowid'],
]);

/** Every SQL text run on `db` while recording (statements prepared before included). */
function recorder(db: Db): { start(): void; stop(): string[] } {
  const proto = Object.getPrototypeOf(new Database(':memory:').prepare('SELECT 1')) as Record<string, (...a: unknown[]) => unknown>;
  const seen = new Set<string>();
  const originals = new Map<string, (...a: unknown[]) => unknown>();
  return {
    start() {
      for (const m of ['run', 'get', 'all', 'iterate']) {
        const orig = proto[m];
        originals.set(m, orig);
        proto[m] = function (this: { source: string; database: Db }, ...args: unknown[]) {
          if (this.database === db) seen.add(this.source.trim());
          return orig.apply(this, args);
        };
      }
    },
    stop() {
      for (const [m, orig] of originals) proto[m] = orig;
      return [...seen];
    },
  };
}

/** The plan of a statement, its parameters bound to NULL (the plan does not depend on them). */
function plan(db: Db, sql: string): string[] {
  const s = db.prepare(`EXPLAIN QUERY PLAN ${sql}`);
  const named = [...new Set([...sql.matchAll(/[@:$]([A-Za-z_]\w*)/g)].map((m) => m[1]))];
  if (named.length) return (s.all(Object.fromEntries(named.map((n) => [n, null]))) as { detail: string }[]).map((r) => r.detail);
  for (let n = 0; n < 64; n++) {
    try {
      return (s.all(...Array(n).fill(null)) as { detail: string }[]).map((r) => r.detail);
    } catch (err) {
      if (!(err instanceof RangeError)) throw err;
    }
  }
  throw new Error(`cannot bind ${sql}`);
}

/**
 * The tables whose foreign keys reference `parent`. An INSERT into a table with triggers is planned
 * with a scan of each such child (SQLite codes the parent-side foreign-key check for statements
 * that may write several rows), but that scan sits behind OP_FkIfZero: it runs only while the
 * statement itself has left a deferred violation outstanding, never in a good insert.
 */
function fkChildren(db: Db, parent: string): Set<string> {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
  const refs = (t: string) => db.prepare('SELECT "table" AS parent FROM pragma_foreign_key_list(?)').all(t) as { parent: string }[];
  return new Set(tables.map((t) => t.name).filter((t) => refs(t).some((r) => r.parent === parent)));
}

/** The full scans of history tables in a statement's plan. */
function historyScans(db: Db, sql: string): string[] {
  if (!/^(SELECT|UPDATE|DELETE|INSERT|WITH|REPLACE)\b/i.test(sql) || ALLOWED.has(sql.replace(/\s+/g, ' '))) return [];
  const inserted = /^INSERT\s+(?:OR\s+\w+\s+)?INTO\s+(\w+)/i.exec(sql)?.[1];
  const guarded = inserted ? fkChildren(db, inserted) : new Set<string>();
  return plan(db, sql).filter((line) => {
    const m = /^SCAN (\w+)(?: USING (?:COVERING )?INDEX (\w+))?/.exec(line);
    return !!m && HISTORY.has(m[1]) && !(m[2] && BOUNDED_INDEXES.has(m[2])) && !(line === `SCAN ${m[1]}` && guarded.has(m[1]));
  });
}

let w: WindowTestApp;
let statements: string[] = [];

beforeAll(async () => {
  w = await windowTestApp({ tag: 'QP' });
  const service = w.services.settlement.service;
  const settleOne = async (type: string) => {
    const person = await identify(w.c01, 'ordinary');
    const visit = await visitOf(w.c01, person.ticket, type);
    const pre = ok(await w.c01('window.preSettle', { ticket: person.ticket, visitId: visit.visitId }));
    return ok(await w.c01('window.settle', cash(pre, person.ticket)));
  };
  const first = await settleOne('outpatient');
  const today = w.services.settlement.repos.settlements.get(first.settlementId)!.businessDate;
  const rec = recorder(w.app.ctx.db);
  rec.start();
  try {
    const person = await identify(w.c01, 'poor');
    const visit = await visitOf(w.c01, person.ticket, 'chronicOutpatient');
    const pre = ok(await w.c01('window.preSettle', { ticket: person.ticket, visitId: visit.visitId }));
    ok(await w.c01('window.settle', cash(pre, person.ticket)));
    ok(await w.c01('reconcile.run', { from: today, to: today }));
    await service.cancel(first.settlementId, '收费错误，重新结算', 'c01');
    const personNo = w.services.settlement.repos.settlements.get(first.settlementId)!.person.personNo;
    expect(service.search({ personNo, limit: 200 }).length).toBeGreaterThan(0);
    expect(service.search({ from: `${today.slice(0, 8)}01`, to: `${today.slice(0, 8)}28`, limit: 200 }).length).toBeGreaterThan(0);
    expect(ok<unknown[]>(await w.c01('receipt.search', { name: '赵' })).length).toBeGreaterThan(0);
    ok(await w.c01('queue.status'));
    ok(await w.c01('queue.list', {}));
    ok(await w.c01('queue.drainNow'));
  } finally {
    statements = rec.stop();
  }
}, 120_000);
afterAll(() => w?.app.close());

describe('the plans of the calls that must not grow with history', () => {
  it('recorded the statements of those calls', () => {
    for (const table of ['settlements', 'settlement_network', 'outbox', 'receipt_name_keys', 'outbox_tally']) {
      expect(statements.some((s) => s.includes(table)), table).toBe(true);
    }
  });

  it('scan no table that grows with history', () => {
    const scans = statements.flatMap((sql) => historyScans(w.app.ctx.db, sql).map((line) => `${line}  <-  ${sql.replace(/\s+/g, ' ')}`));
    expect(scans).toEqual([]);
  });
});
