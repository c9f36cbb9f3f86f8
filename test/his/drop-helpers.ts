// A drop watcher on a test app's own folder and store, with a clock the test moves, so tests see
// the "complete file" rule (two scans, two seconds) without sleeping.
import { DropWatcher, type WatcherOptions } from '../../electron/his/drop/watcher';
import type { HisTestApp } from './helpers';

export function testWatcher(t: HisTestApp, opts: Omit<WatcherOptions, 'clock'> = {}) {
  const clock = { ms: 0 };
  const ctx = t.app.ctx;
  const watcher = new DropWatcher(
    { db: ctx.db, settings: ctx.settings, log: ctx.log, service: t.bridge.service, dataDir: ctx.dataDir, now: () => ctx.now() },
    { ...opts, clock: () => clock.ms },
  );
  return {
    watcher,
    clock,
    /** The first sight of the folder, then a second scan two seconds later: what a complete file needs. */
    async scanSettled() {
      const first = await watcher.scan();
      clock.ms += 2000;
      return [...first, ...(await watcher.scan())];
    },
  };
}
