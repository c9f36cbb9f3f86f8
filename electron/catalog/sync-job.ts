// A sync run as the app and the command line start it: recorded in catalog_syncs (counts, or the
// error that stopped it), one at a time per process, its progress kept for the screen to poll.
import type { Db } from '../store/db';
import { NetworkError } from '../network/client/errors';
import type { CatalogTransport } from '../network/client/catalog';
import { chinaDateTime } from '../core/time';
import { AppFailure } from '../core/result';
import { ItemsRepo } from './items-repo';
import { TermsRepo } from './terms-repo';
import { DictRepo } from './dict-repo';
import { ChangesRepo } from './changes-repo';
import { HisItemsRepo } from './his-items-repo';
import { CatalogSyncRun, SyncStoppedError, type SyncCounts, type SyncOptions, type SyncProgress } from './sync';
import type { CatalogSyncStatusView } from '../api/views/catalog';

export interface CatalogRepos {
  items: ItemsRepo;
  terms: TermsRepo;
  dict: DictRepo;
  changes: ChangesRepo;
  hisItems: HisItemsRepo;
}

export function openCatalogRepos(db: Db): CatalogRepos {
  return { items: new ItemsRepo(db), terms: new TermsRepo(db), dict: new DictRepo(db), changes: new ChangesRepo(db), hisItems: new HisItemsRepo(db) };
}

export type SyncOnceOptions = Omit<SyncOptions, 'repos'> & { repos: CatalogRepos };

/** What stopped a sync, in the user's words. */
export function syncErrorText(err: unknown): string {
  if (err instanceof NetworkError) return `${err.infno ? `交易 ${err.infno}：` : ''}${err.message}${'errMsg' in err && err.errMsg ? `（${String(err.errMsg)}）` : ''}`;
  if (err instanceof AppFailure) return err.message;
  if (err instanceof SyncStoppedError) return '同步已中止（程序关闭），下次同步从中断处继续';
  return '目录同步出错，请查看日志';
}

/** One recorded sync run; throws the run's error after recording it. */
export async function syncOnce(o: SyncOnceOptions): Promise<{ syncId: number; counts: SyncCounts }> {
  const stamp = () => chinaDateTime(o.now());
  const syncId = o.repos.changes.start(stamp());
  const run = new CatalogSyncRun(o, syncId);
  try {
    const counts = await run.run();
    o.repos.changes.finish(syncId, 'done', { ...counts }, stamp());
    return { syncId, counts };
  } catch (err) {
    o.repos.changes.finish(syncId, 'failed', { ...run.counts }, stamp(), syncErrorText(err));
    throw err;
  }
}

const EMPTY: SyncCounts = { catalogs: {}, dictionaries: 0, changes: 0 };

/** The app's sync: one at a time, started from the screen, its progress polled. */
export class SyncJob {
  private running: Promise<unknown> | undefined;
  private stopping = false;
  private view: CatalogSyncStatusView = {
    running: false, syncId: null, phase: 'idle', step: '', done: 0, total: null, fraction: 0, counts: EMPTY, startedAt: null, finishedAt: null, error: null,
  };

  constructor(private readonly o: () => Omit<SyncOnceOptions, 'onProgress'>, private readonly log: { info(m: string): void; warn(m: string): void }) {}

  status(): CatalogSyncStatusView {
    return { ...this.view };
  }

  /** Starts a run unless one is under way; answers at once with the status. */
  start(): CatalogSyncStatusView {
    if (this.running) return this.status();
    const o = this.o();
    const startedAt = chinaDateTime(o.now());
    this.view = { ...this.view, running: true, phase: 'files', step: '开始同步', done: 0, total: null, fraction: 0, counts: EMPTY, startedAt, finishedAt: null, error: null };
    const onProgress = (p: SyncProgress) => {
      this.view = { ...this.view, phase: p.phase, step: p.step, done: p.done, total: p.total, fraction: p.fraction, counts: { ...p.counts, catalogs: { ...p.counts.catalogs } } };
    };
    this.stopping = false;
    this.running = syncOnce({ ...o, onProgress, shouldStop: () => this.stopping })
      .then(({ syncId, counts }) => {
        this.view = { ...this.view, running: false, syncId, phase: 'done', fraction: 1, counts, finishedAt: chinaDateTime(o.now()) };
        this.log.info(`catalog sync ${syncId} done: ${JSON.stringify(counts)}`);
      })
      .catch((err: unknown) => {
        this.view = { ...this.view, running: false, phase: 'failed', finishedAt: chinaDateTime(o.now()), error: syncErrorText(err) };
        this.log.warn(`catalog sync failed: ${err instanceof Error ? err.message : String(err)}`);
      })
      .finally(() => {
        this.running = undefined;
      });
    return this.status();
  }

  /** Waits for the run under way (tests). */
  async settled(): Promise<void> {
    await this.running;
  }

  /** Stops the run under way at its next unit (closing the app) and waits for it. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.running;
  }
}
