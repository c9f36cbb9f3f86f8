// The shared loop of the streaming frame parsers: find a start marker, wait for the whole frame,
// check it, and on any fault drop one byte and hunt for the next start marker. A partial frame that
// sits idle longer than `staleMs` is dropped, and while a long frame is pending a complete, valid
// frame found further on wins (so a truncated frame never swallows the good one behind it).

export type Attempt<F> =
  | { kind: 'need' }
  | { kind: 'bad'; reason: string }
  | { kind: 'ok'; frame: F; length: number };

export interface ParserStats {
  frames: number;
  badFrames: number;
  discardedBytes: number;
}

export interface ParserOptions {
  /** A pending partial frame older than this (ms of silence) is dropped. Default 1000. */
  staleMs?: number;
  /** Called for each discarded frame candidate (reader side answers "bad frame"). */
  onBad?: (reason: string) => void;
}

export abstract class ResyncParser<F> {
  private buf: Buffer = Buffer.alloc(0);
  private lastAt = 0;
  readonly stats: ParserStats = { frames: 0, badFrames: 0, discardedBytes: 0 };
  private readonly staleMs: number;
  private readonly onBad?: (reason: string) => void;

  constructor(options: ParserOptions = {}) {
    this.staleMs = options.staleMs ?? 1000;
    this.onBad = options.onBad;
  }

  /** Index of the next start marker at or after `from`, or -1. */
  protected abstract findStart(buf: Buffer, from: number): number;
  /** Try to read one frame starting at `start` (a start marker). */
  protected abstract attempt(buf: Buffer, start: number): Attempt<F>;
  /** Bytes of an incomplete start marker that may still be completed at the buffer's tail. */
  protected abstract keepTail(buf: Buffer): number;

  /** Feed bytes; returns the complete frames they finished. Never throws on any input. */
  push(chunk: Uint8Array, nowMs: number = Date.now()): F[] {
    if (this.buf.length > 0 && nowMs - this.lastAt > this.staleMs) this.drop(this.buf.length, 'stale partial frame');
    this.lastAt = nowMs;
    this.buf = this.buf.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.buf, chunk]);
    const out: F[] = [];
    for (;;) {
      const start = this.findStart(this.buf, 0);
      if (start < 0) {
        const keep = this.keepTail(this.buf);
        if (this.buf.length > keep) this.discard(this.buf.length - keep);
        break;
      }
      if (start > 0) this.discard(start);
      const a = this.attempt(this.buf, 0);
      if (a.kind === 'ok') {
        out.push(a.frame);
        this.stats.frames++;
        this.buf = this.buf.subarray(a.length);
        continue;
      }
      if (a.kind === 'bad') {
        this.drop(1, a.reason);
        continue;
      }
      const later = this.completeFrameLater();
      if (later < 0) break;
      this.drop(later, 'truncated frame');
    }
    if (this.buf.length === 0) this.buf = Buffer.alloc(0);
    return out;
  }

  /** Forget any partial frame (after a timeout or a reopen). */
  reset(): void {
    if (this.buf.length) this.discard(this.buf.length);
  }

  pendingBytes(): number {
    return this.buf.length;
  }

  private completeFrameLater(): number {
    for (let k = this.findStart(this.buf, 1); k > 0; k = this.findStart(this.buf, k + 1)) {
      if (this.attempt(this.buf, k).kind === 'ok') return k;
    }
    return -1;
  }

  private drop(n: number, reason: string): void {
    this.stats.badFrames++;
    this.discard(n);
    this.onBad?.(reason);
  }

  private discard(n: number): void {
    this.stats.discardedBytes += n;
    this.buf = this.buf.subarray(n);
  }
}
