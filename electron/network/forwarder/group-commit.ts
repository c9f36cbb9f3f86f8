// Group commit: the state changes of the forwarder's person workers that fall into one turn of
// the event loop are written in one SQLite transaction (one WAL sync for all of them). Each
// change runs in its own savepoint, so one that throws leaves the others intact. A caller awaits
// the commit before acting on it (e.g. sending a message whose msgid it just stored).
import type { Db } from '../../store/db';

interface Pending {
  fn: () => unknown;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

export class GroupCommit {
  private queue: Pending[] = [];
  private scheduled = false;

  constructor(private readonly db: Db) {}

  run<T>(fn: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ fn, resolve: resolve as (v: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const items = this.queue;
    this.queue = [];
    const results: { ok: boolean; value: unknown }[] = [];
    try {
      this.db.transaction(() => {
        for (const it of items) {
          try {
            results.push({ ok: true, value: this.db.transaction(it.fn)() });
          } catch (err) {
            results.push({ ok: false, value: err });
          }
        }
      })();
    } catch (err) {
      for (const it of items) it.reject(err);
      return;
    }
    items.forEach((it, i) => (results[i].ok ? it.resolve(results[i].value) : it.reject(results[i].value)));
  }
}
