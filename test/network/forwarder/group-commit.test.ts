// The forwarder's group commit on a real SQLite file: changes submitted together share one
// transaction, a commit waits (boundedly) for callers still awaiting an answer, and a change that
// throws leaves the others of its commit intact.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { GroupCommit } from '../../../electron/network/forwarder/group-commit';
import type { Db } from '../../../electron/store/db';

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) fs.rmSync(dirs.pop()!, { recursive: true, force: true });
});

/** A WAL database with one table, and a count of the top-level transactions run on it. */
function setup(): { db: Db; commits: () => number; rows: () => string[] } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'group-commit-'));
  dirs.push(dir);
  const real = new Database(path.join(dir, 'g.db'));
  real.pragma('journal_mode = WAL');
  real.pragma('synchronous = FULL');
  real.exec('CREATE TABLE t (v TEXT NOT NULL)');
  let commits = 0;
  const db = new Proxy(real, {
    get(target, prop) {
      if (prop === 'transaction') {
        return (fn: (...args: unknown[]) => unknown) => {
          const tx = target.transaction(fn);
          // A transaction function called outside a transaction begins and commits one.
          return (...args: unknown[]) => {
            if (!target.inTransaction) commits += 1;
            return tx(...args);
          };
        };
      }
      const v = Reflect.get(target, prop, target) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  }) as Db;
  return {
    db,
    commits: () => commits,
    rows: () => (real.prepare('SELECT v FROM t ORDER BY rowid').all() as { v: string }[]).map((r) => r.v),
  };
}

/** An answer the test gives when it chooses (no timer decides the order). */
function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Turns of the event loop: the group's decision to commit or wait runs in the next one. */
const turns = async (n = 3) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
};

describe('GroupCommit', () => {
  it('writes changes submitted in one turn in one transaction, each answered with its own result', async () => {
    const s = setup();
    const g = new GroupCommit(s.db);
    const insert = (v: string) => () => {
      s.db.prepare('INSERT INTO t (v) VALUES (?)').run(v);
      return v.toUpperCase();
    };
    const results = await Promise.all([g.run(insert('a')), g.run(insert('b')), g.run(insert('c'))]);
    expect(results).toEqual(['A', 'B', 'C']);
    expect(s.rows()).toEqual(['a', 'b', 'c']);
    expect(s.commits()).toBe(1);
  });

  it('a change that throws is rolled back alone; the others of its commit stay', async () => {
    const s = setup();
    const g = new GroupCommit(s.db);
    const ok = g.run(() => s.db.prepare('INSERT INTO t (v) VALUES (?)').run('kept'));
    const bad = g.run(() => {
      s.db.prepare('INSERT INTO t (v) VALUES (?)').run('undone');
      throw new Error('boom');
    });
    await expect(bad).rejects.toThrow('boom');
    await ok;
    expect(s.rows()).toEqual(['kept']);
    expect(s.commits()).toBe(1);
  });

  it('a commit waits for a caller awaiting an answer, whose change then joins it', async () => {
    const s = setup();
    const g = new GroupCommit(s.db, { maxWaitMs: 60_000 });
    const answer = deferred<string>();
    const answered = g.awaiting(answer.promise);
    const first = g.run(() => s.db.prepare('INSERT INTO t (v) VALUES (?)').run('first'));
    let firstDone = false;
    void first.then(() => (firstDone = true));
    const second = answered.then((a) => g.run(() => s.db.prepare('INSERT INTO t (v) VALUES (?)').run(a)));
    await turns();
    expect(firstDone).toBe(false);
    expect(s.commits()).toBe(0);
    answer.resolve('answer');
    await Promise.all([first, second]);
    expect(s.rows()).toEqual(['first', 'answer']);
    expect(s.commits()).toBe(1);
  });

  it('waits no longer than maxWaitMs for an answer that is slow to come', async () => {
    const s = setup();
    const g = new GroupCommit(s.db, { maxWaitMs: 20 });
    const answer = deferred<void>();
    let answered = false;
    const slow = g.awaiting(answer.promise).then(() => (answered = true));
    const t0 = performance.now();
    // The answer never comes before the commit: only the maxWaitMs timer can have let it through.
    await g.run(() => s.db.prepare('INSERT INTO t (v) VALUES (?)').run('alone'));
    expect(performance.now() - t0).toBeGreaterThanOrEqual(15);
    expect(answered).toBe(false);
    expect(s.rows()).toEqual(['alone']);
    expect(s.commits()).toBe(1);
    answer.resolve();
    await slow;
  });

  it('commits at once when nobody is awaiting an answer, even with a long maxWaitMs', async () => {
    const s = setup();
    const g = new GroupCommit(s.db, { maxWaitMs: 600_000 });
    const failed = g.awaiting(Promise.reject(new Error('refused'))).catch((e: Error) => e.message);
    expect(await failed).toBe('refused');
    // Ten minutes of maxWaitMs against the test's timeout: the commit cannot have waited for it.
    await g.run(() => s.db.prepare('INSERT INTO t (v) VALUES (?)').run('x'));
    expect(s.commits()).toBe(1);
  });
});
