// Push back: when a visit is settled or cancelled, its result is POSTed to the callback URL the
// technician configured for the HIS, retried with backoff until the HIS answers 2xx. The outbox
// row is written in the same transaction as the state change (see HisVisitsService).
import type { Db } from '../store/db';
import type { SettingsRepo } from '../store/settings';
import type { AppLogger } from '../platform/logger';
import * as v from 'valibot';

export const CALLBACK_KEY = 'his.callback';

const CallbackSetupSchema = v.object({
  /** http(s) URL of the HIS endpoint that receives results; empty = no push. */
  url: v.string(),
  /** Sent as `Authorization: Bearer ...` when set, so the HIS can check the sender. */
  token: v.optional(v.string()),
});
export type CallbackSetup = v.InferOutput<typeof CallbackSetupSchema>;

export interface CallbackStatus {
  pending: number;
  acked: number;
  lastError?: string;
}

interface OutboxRow {
  id: number;
  his_visit_id: string;
  event: string;
  payload: string;
  attempts: number;
}

const MAX_BACKOFF_MS = 5 * 60_000;

export class CallbackOutbox {
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(
    private readonly db: Db,
    private readonly settings: SettingsRepo,
    private readonly log: AppLogger,
    private readonly now: () => Date,
    private readonly opts: { intervalMs?: number; timeoutMs?: number; baseBackoffMs?: number } = {},
  ) {}

  setup(): CallbackSetup {
    return this.settings.read(CALLBACK_KEY, CallbackSetupSchema) ?? { url: '' };
  }

  /** Called inside the caller's transaction: stores the event when a callback URL is configured. */
  enqueue(hisVisitId: string, event: 'settled' | 'cancelled', payload: unknown): void {
    if (!this.setup().url) return;
    const now = this.now().toISOString();
    this.db
      .prepare('INSERT INTO his_callbacks (his_visit_id, event, payload, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(hisVisitId, event, JSON.stringify({ event, ...(payload as object) }), now, now);
  }

  status(): CallbackStatus {
    const r = this.db
      .prepare(`SELECT SUM(acked_at IS NULL) AS pending, SUM(acked_at IS NOT NULL) AS acked,
                (SELECT last_error FROM his_callbacks WHERE acked_at IS NULL AND last_error IS NOT NULL ORDER BY id LIMIT 1) AS err
                FROM his_callbacks`)
      .get() as { pending: number | null; acked: number | null; err: string | null };
    return { pending: r.pending ?? 0, acked: r.acked ?? 0, ...(r.err ? { lastError: r.err } : {}) };
  }

  start(): void {
    this.timer = setInterval(() => void this.flush(), this.opts.intervalMs ?? 1000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Sends every due event (oldest first; a visit's later event waits for its earlier one). */
  async flush(): Promise<number> {
    if (this.running) return 0;
    const { url, token } = this.setup();
    if (!url) return 0;
    this.running = true;
    let sent = 0;
    try {
      const due = this.db
        .prepare(
          `SELECT id, his_visit_id, event, payload, attempts FROM his_callbacks c
           WHERE acked_at IS NULL AND next_attempt_at <= ?
             AND NOT EXISTS (SELECT 1 FROM his_callbacks e WHERE e.his_visit_id = c.his_visit_id AND e.acked_at IS NULL AND e.id < c.id)
           ORDER BY id LIMIT 50`,
        )
        .all(this.now().toISOString()) as OutboxRow[];
      for (const row of due) if (await this.send(row, url, token)) sent++;
    } finally {
      this.running = false;
    }
    return sent;
  }

  private async send(row: OutboxRow, url: string, token?: string): Promise<boolean> {
    let error: string | undefined;
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', 'x-his-event-id': String(row.id), ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: row.payload,
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 10_000),
      });
      await res.arrayBuffer().catch(() => undefined);
      if (res.status >= 200 && res.status < 300) {
        this.db.prepare('UPDATE his_callbacks SET acked_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?').run(this.now().toISOString(), row.id);
        return true;
      }
      error = `HTTP ${res.status}`;
    } catch (err) {
      error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    }
    const backoff = Math.min(MAX_BACKOFF_MS, (this.opts.baseBackoffMs ?? 2000) * 2 ** Math.min(row.attempts, 20));
    const next = new Date(this.now().getTime() + backoff).toISOString();
    this.db.prepare('UPDATE his_callbacks SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?').run(error.slice(0, 300), next, row.id);
    this.log.info(`his callback ${row.id} (${row.event}) not acknowledged: ${error}; retry at ${next}`);
    return false;
  }
}
