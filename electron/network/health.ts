// Whether the insurance network answers, as every call last saw it, kept current by a watch.
// Any call through the client (settling, a technician's test sign-in, the forwarder) notes its
// transport outcome here at once, so the header badge and setup's status line follow a failure
// within one poll. The watch probes (client.ping: 1901 while signed in, so no sign-in is ended;
// 9001 before) only when nothing else told us lately: every few
// seconds while the network is down (so its return shows within seconds), and after a quiet
// spell while it is up (so a silent failure shows too).

export interface HealthState {
  online: boolean;
  /** Real time (ms) of the observation: for scheduling. */
  atMs: number;
  /** The app's clock at the observation: for display. */
  at: Date;
}

export class NetworkHealth {
  private last: HealthState | undefined;
  private offlineSinceMs: number | undefined;
  private readonly listeners = new Set<(online: boolean) => void>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  /** A call reached the network (true: any answer came) or did not (false). */
  note(online: boolean): void {
    const atMs = Date.now();
    if (!online && this.last?.online !== false) this.offlineSinceMs = atMs;
    if (online) this.offlineSinceMs = undefined;
    this.last = { online, atMs, at: this.now() };
    for (const fn of this.listeners) fn(online);
  }

  /** null until the first call or probe. */
  get online(): boolean | null {
    return this.last ? this.last.online : null;
  }

  get state(): HealthState | undefined {
    return this.last;
  }

  /** Real time (ms) since the network was first seen down in the current outage. */
  get offlineSince(): number | undefined {
    return this.offlineSinceMs;
  }

  /** Called after every observation; returns the unsubscribe. */
  onSeen(fn: (online: boolean) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }
}

export interface WatchOptions {
  /** Probe this often while the network is down. Default 3000 ms. */
  offlineEveryMs?: number;
  /** After this long down, probe only every `idleEveryMs`. Default 120000 ms. */
  fastForMs?: number;
  /** Probe when the network was up but nothing was heard for this long. Default 15000 ms. */
  idleEveryMs?: number;
  /** How often the watch looks whether a probe is due. Default 500 ms. */
  tickMs?: number;
  /** With nothing seen yet, the first probe waits this long (the first real call usually comes first). Default 2000 ms. */
  firstAfterMs?: number;
}

/** Decides when a probe is due and runs one at a time. */
export class NetworkWatch {
  private timer: NodeJS.Timeout | undefined;
  private probing = false;
  private lastProbeMs = 0;
  private readonly startedMs = Date.now();
  private readonly o: Required<WatchOptions>;

  constructor(
    private readonly health: NetworkHealth,
    private readonly probe: () => Promise<unknown>,
    opts: WatchOptions = {},
  ) {
    this.o = { offlineEveryMs: 3000, fastForMs: 120_000, idleEveryMs: 15_000, tickMs: 500, firstAfterMs: 2000, ...opts };
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.o.tickMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Probes now (the setup changed, or the simulator was switched off or on). */
  kick(): void {
    void this.tick(true);
  }

  /** Whether a probe is due at `nowMs` (exported for the unit test of the schedule). */
  due(nowMs: number): boolean {
    const s = this.health.state;
    if (!s) return nowMs - Math.max(this.startedMs, this.lastProbeMs) >= this.o.firstAfterMs;
    const since = nowMs - Math.max(s.atMs, this.lastProbeMs);
    if (s.online) return since >= this.o.idleEveryMs;
    const downFor = nowMs - (this.health.offlineSince ?? s.atMs);
    return since >= (downFor < this.o.fastForMs ? this.o.offlineEveryMs : this.o.idleEveryMs);
  }

  private async tick(force = false): Promise<void> {
    if (this.probing || (!force && !this.due(Date.now()))) return;
    this.probing = true;
    this.lastProbeMs = Date.now();
    try {
      await this.probe();
    } catch {
      // the outcome was noted by the client; nothing else to do here
    } finally {
      this.probing = false;
      this.lastProbeMs = Date.now();
    }
  }
}
