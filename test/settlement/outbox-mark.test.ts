// The outbox finds its queued messages from a mark (053, and per person 054) instead of an index
// entry per message:
// random runs of every state change, checked after each step against plain full-table queries,
// and the migration of an outbox with messages in every state.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../electron/store/db';
import { OutboxRepo, type OutboxMessage, type OutboxState } from '../../electron/store/outbox';
import { seededRandom } from '../../electron/network/simulator/faults';

function db(upTo?: number): Database.Database {
  const d = new Database(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'settle-outbox-')), 'x.db'));
  d.pragma('foreign_keys = OFF');
  d.pragma('synchronous = OFF');
  migrate(d, loadMigrations().filter((m) => upTo === undefined || m.version <= upTo));
  return d;
}

const OPEN: OutboxState[] = ['queued', 'sending', 'unknown'];

/** The settlement document a message belongs to (a person's messages are found through their settlements). */
function settlement(d: Database.Database, id: string, personNo: string): void {
  const n = (d.prepare('SELECT COUNT(*) AS n FROM settlements').get() as { n: number }).n + 1;
  d.prepare(`INSERT INTO settlements (doc_key, id, receipt_no, kind, visit_ref, visit_source, person_no, person_name, id_number, insurance_type, insutype,
    insurance_region, identities, enrolled, region, cert_type, cert_no, visit_type, facility_level, visit_date, pack_id, pack_hash, total_fen,
    in_scope_fen, pre_self_pay_fen, full_self_pay_fen, funds_fen, account_fen, cash_fen, categories, lines, trace, ytd_delta, payment_method,
    operator_id, card_free, mode, business_date, created_at)
    VALUES (?, ?, ?, 'settlement', ?, 'manual', ?, '张三', '370303195803120316', 'resident', '390', '370300', '[]', '[]', '370300', 'ssCard', 'M1',
    'outpatient', 'township', '2020-06-15', 'p', 'h', 0, 0, 0, 0, 0, 0, 0, '{}', '[]', '[]', '{}', 'cash', 'op', 0, 'offline', '2020-06-15', 'x')`)
    .run(202006150000000 + n, id, `R${id}`, `V${id}`, personNo);
}

/** Every person's head, due or not. */
const allHeads = (o: OutboxRepo): OutboxMessage[] => o.heads(Infinity, () => false, Infinity).due;

/** What the outbox must answer, from a full scan of the table. */
function oracle(d: Database.Database) {
  const rows = d.prepare("SELECT id, person_no AS p, settlement_id AS s, state FROM outbox NOT INDEXED WHERE state NOT IN ('done', 'cancelled') ORDER BY id")
    .all() as { id: number; p: string; s: string; state: OutboxState }[];
  const open = rows.filter((r) => OPEN.includes(r.state));
  const heads = new Map<string, number>();
  for (const r of open) if (!heads.has(r.p)) heads.set(r.p, r.id);
  return { rows, open, heads };
}

function check(d: Database.Database, o: OutboxRepo, persons: string[]): void {
  const want = oracle(d);
  const mark = (d.prepare('SELECT queued_from AS m FROM outbox_mark').get() as { m: number }).m;
  const next = (d.prepare('SELECT COALESCE(max(id), 0) + 1 AS n FROM outbox').get() as { n: number }).n;
  expect(d.prepare("SELECT COUNT(*) AS n FROM outbox WHERE state = 'queued' AND id < ?").get(mark)).toEqual({ n: 0 });
  // Each person's own mark (054) is a lower bound of their queued messages too.
  expect(d.prepare(`SELECT COUNT(*) AS n FROM outbox o JOIN outbox_person_mark pm ON pm.person_no = o.person_no
    WHERE o.state = 'queued' AND o.id < pm.queued_from`).get()).toEqual({ n: 0 });
  expect(mark).toBeLessThanOrEqual(next);
  for (const p of persons) {
    expect(o.head(p)?.id).toBe(want.heads.get(p));
    expect(o.openCountFor(p)).toBe(want.rows.filter((r) => r.p === p).length);
  }
  expect(allHeads(o).map((m) => m.id).sort((a, b) => a - b)).toEqual([...want.heads.values()].sort((a, b) => a - b));
  expect(o.listOpen(1000).map((m) => m.id)).toEqual(want.rows.map((r) => r.id));
  const c = o.counts();
  expect(c.unsentMessages).toBe(want.rows.length);
  expect(c.unsentSettlements).toBe(new Set(want.rows.map((r) => r.s)).size);
  for (const s of ['sending', 'unknown', 'dead', 'held'] as const) {
    expect(c[s === 'sending' ? 'inFlight' : s]).toBe(want.rows.filter((r) => r.state === s).length);
  }
}

describe('outbox queued mark', () => {
  it('answers heads, counts and lists exactly as a full scan would, through every state change', () => {
    const d = db();
    let t = 0;
    const o = new OutboxRepo(d, () => new Date(1_600_000_000_000 + t++));
    const rnd = seededRandom(7);
    const pick = <T,>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
    const persons = ['P1', 'P2', 'P3', 'P4'];
    let settlements = 0;
    let msgids = 0;
    for (let step = 0; step < 700; step++) {
      const r = rnd();
      const heads = allHeads(o);
      const sending = o.listOpen(1000).filter((m) => m.state === 'sending');
      const unknown = o.listOpen(1000).filter((m) => m.state === 'unknown');
      const any = <T,>(xs: T[], f: (x: T) => void) => xs.length && f(pick(xs));
      if (r < 0.2 || !heads.length) {
        const p = pick(persons);
        settlement(d, `S${++settlements}`, p);
        o.enqueue(`S${settlements}`, p, [{ step: 'register', infno: '2201' }, { step: 'fees', infno: '2204' }, { step: 'settle', infno: '2207' }]);
      } else if (r < 0.45) {
        any(heads.filter((m) => m.state === 'queued'), (m) => o.beginAttempt(m, m.msgid ?? `M${++msgids}`, m.infno));
      } else if (r < 0.6) {
        any(sending, (m: OutboxMessage) => o.done(m, { ok: true }));
      } else if (r < 0.67) {
        any(sending, (m: OutboxMessage) => o.notSent(m, 'NOT_SENT', 'refused', 0));
      } else if (r < 0.74) {
        any(sending, (m: OutboxMessage) => o.unknown(m, 'timeout', 'no answer', 0));
      } else if (r < 0.8) {
        any(unknown, (m: OutboxMessage) => o.redo(m, 'reversed'));
      } else if (r < 0.85) {
        any([...sending, ...unknown], (m: OutboxMessage) => o.dead(m, 'E1', 'rejected'));
      } else if (r < 0.9) {
        any(o.deadLetters(), (x) => o.retryDead(x.id, 'op'));
      } else if (r < 0.95) {
        if (settlements) o.cancelOpen(`S${1 + Math.floor(rnd() * settlements)}`);
      } else if (r < 0.97) {
        o.recoverInFlight();
      } else {
        o.allDue();
      }
      check(d, o, persons);
    }
    expect(settlements).toBeGreaterThan(60);
    expect(d.prepare("SELECT COUNT(*) AS n FROM outbox WHERE state = 'done'").get()).not.toEqual({ n: 0 });
  });

  it('is set by the migration to the first queued message; messages in every state carry over', () => {
    const d = db(52);
    const ins = d.prepare("INSERT INTO outbox (settlement_id, person_no, step, infno, state, created_at, updated_at) VALUES (?, ?, 'fees', '2204', ?, 'x', 'x')");
    const states: OutboxState[] = ['done', 'dead', 'held', 'cancelled', 'queued', 'sending', 'unknown', 'queued'];
    states.forEach((s, i) => (settlement(d, `S${i}`, i % 2 ? 'P1' : 'P2'), ins.run(`S${i}`, i % 2 ? 'P1' : 'P2', s)));
    migrate(d, loadMigrations());
    expect(d.prepare('SELECT queued_from AS m FROM outbox_mark').get()).toEqual({ m: 5 });
    const o = new OutboxRepo(d, () => new Date());
    check(d, o, ['P1', 'P2']);
    expect(o.counts()).toMatchObject({ unsentMessages: 6, inFlight: 1, unknown: 1, dead: 1, held: 1 });
    // An empty outbox: the mark is where the first message will go.
    const e = db();
    expect(e.prepare('SELECT queued_from AS m FROM outbox_mark').get()).toEqual({ m: 1 });
    settlement(e, 'S1', 'P1');
    expect(new OutboxRepo(e, () => new Date()).enqueue('S1', 'P1', [{ step: 'register', infno: '2201' }])).toEqual([1]);
    expect(new OutboxRepo(e, () => new Date()).head('P1')?.id).toBe(1);
  });

  it('does not begin a message that was cancelled after the forwarder read it (its commit runs a turn later)', () => {
    const d = db();
    const o = new OutboxRepo(d, () => new Date());
    settlement(d, 'S1', 'P1');
    settlement(d, 'S2', 'P1');
    o.enqueue('S1', 'P1', [{ step: 'register', infno: '2201' }, { step: 'fees', infno: '2204' }]);
    const read = o.head('P1')!;
    expect(read.state).toBe('queued');
    o.cancelOpen('S1');
    expect(o.beginAttempt(read, 'M1', read.infno)).toBeUndefined();
    expect(o.get(read.id)).toMatchObject({ state: 'cancelled', attempts: 0 });
    expect(d.prepare('SELECT COUNT(*) AS n FROM outbox_msgids').get()).toEqual({ n: 0 });
    // Unchanged since it was read: begun.
    o.enqueue('S2', 'P1', [{ step: 'register', infno: '2201' }]);
    const next = o.head('P1')!;
    expect(o.beginAttempt(next, 'M2', next.infno)).toMatchObject({ state: 'sending', msgid: 'M2', attempts: 1 });
  });
});
