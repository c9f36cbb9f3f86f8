// Migration 120: "立即上传" (every waiting message due now) reads only the messages waiting for a
// later attempt, through their own partial index, not every queued message. Messages stored before
// it are kept and indexed; a new message adds no entry; a done one leaves the index.
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { loadMigrations, migrate, schemaVersion } from '../../electron/store/db';
import { OutboxRepo } from '../../electron/store/outbox';
import { tempDir } from '../foundation/tmp';

const ALL_DUE = "UPDATE outbox SET next_attempt_at = 0 WHERE next_attempt_at > 0 AND state IN ('queued', 'unknown')";

function insert(d: Database.Database, id: number, state: string, next: number): void {
  d.prepare(
    `INSERT INTO outbox (id, settlement_id, person_no, step, infno, state, attempts, next_attempt_at, created_at, updated_at)
     VALUES (?, ?, ?, 'settle', '2207', ?, ?, ?, '2020-06-15T01:00:00Z', '2020-06-15T01:00:00Z')`,
  ).run(id, `S0120200615${String(id).padStart(4, '0')}`, `P${id % 7}`, state, next ? 1 : 0, next);
}

describe('migration 120 (the messages waiting for a later attempt)', () => {
  it('keeps the messages, and makes due only those waiting, read through the index', () => {
    const d = new Database(path.join(tempDir('settle-m120-'), 'x.db'));
    d.pragma('foreign_keys = OFF'); // the messages alone: their settlements play no part here
    const all = loadMigrations();
    migrate(d, all.filter((m) => m.version < 120));
    // Queued messages never tried, two tried ones, an unknown one waiting, a done and a sending one with a retry time.
    for (let id = 1; id <= 300; id++) insert(d, id, 'queued', 0);
    insert(d, 301, 'queued', 1_900_000_000_000);
    insert(d, 302, 'queued', 1_900_000_000_000);
    insert(d, 303, 'unknown', 1_900_000_000_000);
    insert(d, 304, 'done', 1_900_000_000_000);
    insert(d, 305, 'sending', 1_900_000_000_000);
    migrate(d, all.filter((m) => m.version <= 120));
    expect(schemaVersion(d)).toBe(120);
    expect((d.prepare('SELECT COUNT(*) AS n FROM outbox').get() as { n: number }).n).toBe(305);
    const indexed = () => (d.prepare('SELECT id FROM outbox INDEXED BY outbox_waiting WHERE next_attempt_at > 0 AND state IN (\'queued\', \'unknown\') ORDER BY id').all() as { id: number }[]).map((r) => r.id);
    expect(indexed()).toEqual([301, 302, 303]);
    // A new message waits for nothing: no entry.
    insert(d, 306, 'queued', 0);
    expect(indexed()).toEqual([301, 302, 303]);

    // What allDue runs, each statement planned: through the index, never a range of the queue.
    const outbox = new OutboxRepo(d, () => new Date('2020-06-15T02:00:00Z'));
    const prepare = d.prepare.bind(d);
    const ran: string[] = [];
    d.prepare = ((sql: string) => (ran.push(sql), prepare(sql))) as typeof d.prepare;
    outbox.allDue();
    d.prepare = prepare;
    expect(ran).toEqual([ALL_DUE]);
    const plan = (d.prepare(`EXPLAIN QUERY PLAN ${ran[0]}`).all() as { detail: string }[]).map((r) => r.detail).join();
    expect(plan).toContain('outbox_waiting');
    const next = (id: number) => (d.prepare('SELECT next_attempt_at AS n FROM outbox WHERE id = ?').get(id) as { n: number }).n;
    expect([301, 302, 303].map(next)).toEqual([0, 0, 0]);
    expect([304, 305].map(next)).toEqual([1_900_000_000_000, 1_900_000_000_000]);
    expect(indexed()).toEqual([]);
    // A message the forwarder tried again waits again; once done it leaves the index.
    d.prepare('UPDATE outbox SET next_attempt_at = 1900000000000 WHERE id = 301').run();
    expect(indexed()).toEqual([301]);
    d.prepare("UPDATE outbox SET state = 'done' WHERE id = 301").run();
    expect(indexed()).toEqual([]);
    d.close();
  });
});
