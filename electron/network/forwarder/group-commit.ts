// Group commit: the state changes of the forwarder's person workers are written together, one
// SQLite transaction (one WAL sync) for all of them. Each change runs in its own savepoint, so one
// that throws leaves the others intact. A caller awaits the commit before acting on it (e.g.
// sending a message whose msgid it just stored).
//
// Who joins a commit: every change submitted before it starts. A commit is started in the turn of
// the event loop after a change was submitted, except while other callers are still awaiting an
// answer from the network (`awaiting`): each of them will submit a change when its answer comes,
// so the commit waits for them, at most `maxWaitMs` after its first change. Without that wait the
// workers fall into two or three groups that take turns (the answers of one group arrive while the
// other's commit runs), and every group pays a commit of its own (WAL frames, sync, the wake-up
// after it) for a third or half of the messages: twice the commits, which is what a drain waits
// for once the disk or the CPU is shared (bench network.drain_per_s).
import type { Db } from '../../store/db';

interface Pending {
  fn: () => unknown;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

export interface GroupCommitOptions {
  /** How long a commit may wait for callers still awaiting an answer. Default 4 ms. */
  maxWaitMs?: number;
}

export class GroupCommit {
  private queue: Pending[] = [];
  private firstAt = 0;
  private checkScheduled = false;
  private timer: NodeJS.Timeout | undefined;
  /** Callers awaiting an answer, who will submit a change when it comes. */
  private away = 0;
  private readonly maxWaitMs: number;
  /** The commit of a group, and one change in its own savepoint (made once: better-sqlite3 builds them per call). */
  private readonly commit: (items: Pending[], results: { ok: boolean; value: unknown }[]) => void;
  private readonly inSavepoint: (fn: () => unknown) => unknown;

  constructor(db: Db, options: GroupCommitOptions = {}) {
    this.maxWaitMs = options.maxWaitMs ?? 4;
    this.inSavepoint = db.transaction((fn: () => unknown) => fn());
    this.commit = db.transaction((items: Pending[], results: { ok: boolean; value: unknown }[]) => {
      for (const it of items) {
        try {
          results.push({ ok: true, value: this.inSavepoint(it.fn) });
        } catch (err) {
          results.push({ ok: false, value: err });
        }
      }
    });
  }

  run<T>(fn: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (!this.queue.length) this.firstAt = performance.now();
      this.queue.push({ fn, resolve: resolve as (v: unknown) => void, reject });
      this.check();
    });
  }

  /** Awaits `p` on behalf of a caller that submits a change when it settles: commits meanwhile wait for it (a little). */
  async awaiting<T>(p: Promise<T>): Promise<T> {
    this.away += 1;
    try {
      return await p;
    } finally {
      this.away -= 1;
      // The caller submits in the microtasks that follow; the check runs after them.
      if (this.away === 0 && this.queue.length) this.check();
    }
  }

  /** Decides, in the next turn of the event loop, whether to commit now or wait. */
  private check(): void {
    if (this.checkScheduled) return;
    this.checkScheduled = true;
    setImmediate(() => {
      this.checkScheduled = false;
      this.commitOrWait();
    });
  }

  private commitOrWait(): void {
    if (!this.queue.length) return;
    const waited = performance.now() - this.firstAt;
    if (this.away > 0 && waited < this.maxWaitMs) {
      this.timer ??= setTimeout(() => {
        this.timer = undefined;
        this.commitOrWait();
      }, Math.ceil(this.maxWaitMs - waited));
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.flush();
  }

  private flush(): void {
    const items = this.queue;
    this.queue = [];
    const results: { ok: boolean; value: unknown }[] = [];
    try {
      this.commit(items, results);
    } catch (err) {
      for (const it of items) it.reject(err);
      return;
    }
    items.forEach((it, i) => (results[i].ok ? it.resolve(results[i].value) : it.reject(results[i].value)));
  }
}
