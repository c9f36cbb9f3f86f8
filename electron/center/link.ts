// A window's link to its center: registers the window (its terminal number comes from the
// center), replicates its outbox in the background (in order, in batches, each batch one
// PostgreSQL transaction, its rows deleted here only after that COMMIT), reads the other windows'
// totals of a person before settling, and holds offline amounts center-wide. The window never
// waits on the center for long: every call here is bounded, and when the center cannot be reached
// the window settles within its own limits and says so (`note`).
import crypto from 'node:crypto';
import type { Db } from '../store/db';
import type { YtdBookFen } from '../store/ytd';
import type { AppLogger } from '../platform/logger';
import { yuan } from '../core/money';
import { CenterLocal } from './local';
import { applyBatch } from './apply';
import { inTransaction, migrateCenter, openPool, redactUrl, type CenterPool } from './pg';
import { heartbeat, registerWindow } from './windows';
import { holdOffline, othersTotals, releaseStaleHolds, type HoldRequest, type OthersTotals } from './totals';

export interface CenterLinkDeps {
  db: Db;
  log: AppLogger;
  now: () => Date;
  url: string;
  /** This window's id at the center: its store id. */
  windowId: string;
  /** The window's institution and terminal number as set up, and its name for the center view. */
  institution: () => { code: string; name: string; terminalNo: string };
  /** Adopts the terminal number the center gave (written into the institution setup). */
  adoptTerminal: (terminalNo: string) => void;
  /** Whether this window settled a visit (a hold of a visit it never settled is stale). */
  settled: (visitRef: string) => boolean;
  /** Applies a setting the center gives every window (e.g. 'offlineLimits'); a bad value throws and is logged. */
  onConfig?: (key: string, value: unknown) => void;
  /** Replication batch size (default 200) and idle poll (default 1000 ms). */
  batch?: number;
  pollMs?: number;
  /** How long a settlement waits for the center's totals or hold (default 1500 ms). */
  waitMs?: number;
}

export interface CenterTotals extends Partial<OthersTotals> {
  reachable: boolean;
  /** For the window, when the center could not be asked (Chinese). */
  note?: string;
}

export const UNREACHABLE_NOTE = '集中库暂不可达：本次仅按本窗口的累计和脱机限额核算，集中库恢复后自动补传';

/** The key a center is known by in the link row: host, port and database, never the password. */
export function centerKey(url: string): string {
  const u = new URL(url);
  return crypto.createHash('sha256').update(`${u.hostname}:${u.port || '5432'}${u.pathname}`).digest('hex').slice(0, 16);
}

class Timeout extends Error {}

function within<T>(p: Promise<T>, ms: number): Promise<T> {
  let t: NodeJS.Timeout | undefined;
  const timer = new Promise<never>((_, reject) => (t = setTimeout(() => reject(new Timeout(`no answer from the center within ${ms} ms`)), ms)));
  return Promise.race([p, timer]).finally(() => clearTimeout(t));
}

export class CenterLink {
  readonly local: CenterLocal;
  readonly pool: CenterPool;
  private ready = false;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private cache = new Map<string, { at: number; day: string; t: OthersTotals }>();
  private configAt = 0;
  private beatAt = 0;
  reachable: boolean | undefined;
  lastError: string | undefined;
  lastContactAt: Date | undefined;
  replicated = 0;

  constructor(private readonly deps: CenterLinkDeps) {
    this.local = new CenterLocal(deps.db, deps.now);
    this.pool = openPool(deps.url);
  }

  get url(): string {
    return redactUrl(this.deps.url);
  }

  get terminalNo(): string | undefined {
    return this.local.link()?.terminalNo;
  }

  /** Starts the link: the first contact now (bounded), then replication in the background. */
  async start(waitMs = 3000): Promise<boolean> {
    const ok = await within(this.contact(), waitMs).then(() => true, (err: unknown) => this.down(err));
    this.schedule(ok ? 0 : this.deps.pollMs ?? 1000);
    return ok;
  }

  /** Migrate, link, register, clear stale holds: once per run, again until it succeeds. */
  private async contact(): Promise<void> {
    if (!this.ready) {
      await migrateCenter(this.pool);
      this.local.establish(centerKey(this.deps.url), this.deps.windowId, this.deps.now().toISOString());
      const inst = this.deps.institution();
      const no = await registerWindow(this.pool, { windowId: this.deps.windowId, institutionCode: inst.code, terminalNo: inst.terminalNo, name: inst.name });
      this.local.setTerminal(no);
      if (no !== inst.terminalNo) {
        this.deps.log.warn(`center: terminal number ${inst.terminalNo} is another window's; this window is terminal ${no} now`);
      }
      this.deps.adoptTerminal(no);
      const released = await releaseStaleHolds(this.pool, this.deps.windowId, this.deps.settled);
      if (released) this.deps.log.info(`center: released ${released} offline hold(s) of visits never settled here`);
      this.ready = true;
      this.deps.log.info(`center ${this.url}: linked as window ${this.deps.windowId} terminal ${no}`);
    }
    if (Date.now() - this.configAt > 30_000) await this.syncConfig();
    this.keepTerminal();
    this.up();
  }

  /** A terminal number typed by hand over the center's is put back (two windows, one number: repeated msgids). */
  private keepTerminal(): void {
    const given = this.local.link()?.terminalNo;
    const set = this.deps.institution().terminalNo;
    if (given && set !== given) {
      this.deps.log.warn(`center: terminal number ${set} set by hand; the center gave this window ${given}, which stays`);
      this.deps.adoptTerminal(given);
    }
  }

  /** The settings the center sets for all windows, applied here (every 30 s while reachable). */
  async syncConfig(): Promise<void> {
    this.configAt = Date.now();
    if (!this.deps.onConfig) return;
    const rows = await this.pool.query<{ key: string; value: unknown }>('SELECT key, value FROM config');
    for (const r of rows.rows) {
      try {
        this.deps.onConfig(r.key, r.value);
      } catch (err) {
        this.deps.log.warn(`center setting ${r.key} not applied: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }

  /** Sets a setting at the center for every window (and here at once). */
  async setConfig(key: string, value: unknown): Promise<void> {
    await this.pool.query(
      'INSERT INTO config (key, value, updated_at) VALUES ($1, $2, now()) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = now()',
      [key, JSON.stringify(value)],
    );
    this.deps.onConfig?.(key, value);
  }

  private up(): void {
    if (this.reachable === false) this.deps.log.info('center reachable again');
    this.reachable = true;
    this.lastError = undefined;
    this.lastContactAt = this.deps.now();
  }

  private down(err: unknown): false {
    const msg = err instanceof Error ? err.message : String(err);
    if (this.reachable !== false || this.lastError !== msg) this.deps.log.warn(`center ${this.url} unreachable: ${msg}`);
    this.reachable = false;
    this.lastError = msg;
    return false;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), ms);
    this.timer.unref?.();
  }

  /** Replicate soon (after a commit, to keep the center close behind). */
  kick(): void {
    if (!this.running) this.schedule(0);
  }

  private async tick(): Promise<void> {
    if (this.running || this.stopped) return;
    this.running = (async () => {
      let next = this.deps.pollMs ?? 1000;
      try {
        await this.contact();
        const sent = await this.pushOnce();
        // The center view's last contact and queue lengths: after a batch, else every 10 s (150
        // idle windows polling each second would otherwise write 150 rows a second).
        if (sent || Date.now() - this.beatAt > 10_000) {
          await heartbeat(this.pool, this.deps.windowId, this.local.unsentNetwork(), this.local.unsent());
          this.beatAt = Date.now();
          this.local.touch(this.deps.now().toISOString());
        }
        if (sent) next = 0;
      } catch (err) {
        this.down(err);
        next = Math.min(5000, next * 2);
      }
      this.running = undefined;
      this.schedule(next);
    })();
    await this.running;
  }

  /** Sends one batch of the outbox; returns how many rows it carried. */
  async pushOnce(): Promise<number> {
    const b = this.local.batch(this.deps.batch ?? 200);
    if (!b) return 0;
    await inTransaction(this.pool, (c) => applyBatch(c, this.deps.windowId, b.items));
    // The center committed: only now do the rows go here. A crash before this line sends them
    // again, and the center's writes ignore what they already hold.
    this.local.done(b.last);
    this.replicated += b.items.length;
    return b.items.length;
  }

  /** Replicates until the outbox is empty (tests, the chaos check, before a reconciliation). */
  async drain(timeoutMs = 30_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    await this.running;
    if (!this.ready) await this.contact();
    while (this.local.unsent() > 0) {
      if (Date.now() > end) throw new Error(`center outbox not drained within ${timeoutMs} ms (${this.local.unsent()} left)`);
      await this.pushOnce();
    }
    await heartbeat(this.pool, this.deps.windowId, this.local.unsentNetwork(), 0);
    this.beatAt = Date.now();
  }

  /** The other windows' part of a person's book and offline day, bounded; cached for the sync reads below. */
  async totalsFor(personNo: string, day: string, year: number): Promise<CenterTotals> {
    try {
      const t = await within(othersTotals(this.pool, this.deps.windowId, personNo, year, day), this.deps.waitMs ?? 1500);
      this.up();
      this.cache.set(personNo, { at: Date.now(), day, t });
      return { reachable: true, ...t };
    } catch (err) {
      this.down(err);
      return { reachable: false, note: UNREACHABLE_NOTE };
    }
  }

  /** The person's last totals (at most a minute old). */
  private cached(personNo: string): { day: string; t: OthersTotals } | undefined {
    const c = this.cache.get(personNo);
    if (c && Date.now() - c.at > 60_000) this.cache.delete(personNo);
    if (this.cache.size > 1000) this.cache.clear();
    return this.cache.get(personNo);
  }

  /** The other windows' part of the person's book (from the last totalsFor, at most a minute old). */
  othersBook(personNo: string, year: number): YtdBookFen | undefined {
    const c = this.cached(personNo);
    return c?.t.book.year === year ? c.t.book : undefined;
  }

  /** The other windows' offline total of the person's day (from the last totalsFor), fen. */
  othersOfflineFen(personNo: string, day: string): number {
    const c = this.cached(personNo);
    return c?.day === day ? c.t.offlineDayFen : 0;
  }

  /**
   * Holds an offline settlement's amount center-wide before it is committed. `refusal` (Chinese)
   * when the person's day across all windows would pass the limit; unreachable: the window's own
   * limit alone applies (`note`).
   */
  async holdOffline(h: HoldRequest): Promise<{ reachable: boolean; refusal?: string; note?: string; othersFen?: number }> {
    try {
      const r = await within(holdOffline(this.pool, this.deps.windowId, h), this.deps.waitMs ?? 1500);
      this.up();
      if (r.held) return { reachable: true, othersFen: r.othersFen };
      const fmt = yuan;
      return {
        reachable: true, othersFen: r.othersFen,
        refusal: `医保网络不可用：该参保人今日在本中心各窗口脱机结算累计将达 ${fmt(r.othersFen + h.ownDayFen + h.fen)} 元（其他窗口 ${fmt(r.othersFen)} 元），超过每人每日限额 ${fmt(h.limitFen)} 元，请待网络恢复后结算`,
      };
    } catch (err) {
      this.down(err);
      return { reachable: false, note: UNREACHABLE_NOTE };
    }
  }

  async close(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
    await this.pool.end().catch(() => undefined);
  }
}
