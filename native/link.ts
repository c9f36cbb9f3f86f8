// Request/response over a transport and a streaming parser: one request in flight, a deadline per
// request, stray or mismatched frames dropped, the parser reset after a timeout.
import { DeviceError } from './errors';
import { ByteTransport } from './transport/types';

export interface StreamParser<F> {
  push(chunk: Uint8Array, nowMs?: number): F[];
  reset(): void;
}

/** true: the answer; false: not ours, ignore; 'garbled': a "bad frame" report, retry unless the answer follows. */
export type Verdict = boolean | 'garbled';

interface Waiter<F> {
  garbled?: ReturnType<typeof setTimeout>;
  accept(frame: F): Verdict;
  resolve(frame: F): void;
  reject(err: Error): void;
}

export interface FrameLinkOptions {
  /** After a garbled reply, the line must be quiet this long before the request fails (retryable). */
  quietMs?: number;
}

export class FrameLink<F> {
  private readonly quietMs: number;
  private waiter: Waiter<F> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly unsubscribe: Array<() => void> = [];
  private lost = false;

  constructor(
    readonly transport: ByteTransport,
    private readonly parser: StreamParser<F>,
    options: FrameLinkOptions = {},
  ) {
    this.quietMs = options.quietMs ?? 30;
    this.unsubscribe.push(transport.onData((chunk) => this.onChunk(chunk)));
    this.unsubscribe.push(
      transport.onClose(() => {
        this.lost = true;
        this.waiter?.reject(new DeviceError('READER_NOT_CONNECTED', `${transport.description} closed`));
      }),
    );
  }

  get isOpen(): boolean {
    return this.transport.isOpen && !this.lost;
  }

  /** Send `bytes` and wait for the first frame `accept` takes, within `timeoutMs`. */
  request(bytes: Uint8Array, accept: (frame: F) => Verdict, timeoutMs: number): Promise<F> {
    const run = () => this.exchange(bytes, accept, timeoutMs);
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** The parser dropped a damaged frame: if a request waits, fail it soon (unless a good frame follows). */
  badFrame(): void {
    const w = this.waiter;
    if (!w) return;
    this.armQuiet(w);
  }

  detach(): void {
    for (const u of this.unsubscribe.splice(0)) u();
  }

  private exchange(bytes: Uint8Array, accept: (frame: F) => Verdict, timeoutMs: number): Promise<F> {
    if (!this.isOpen) {
      return Promise.reject(new DeviceError('READER_NOT_CONNECTED', `${this.transport.description} is closed`));
    }
    return new Promise<F>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        this.parser.reset();
        reject(new DeviceError('READER_TIMEOUT', `no answer from ${this.transport.description} in ${timeoutMs} ms`, true));
      }, timeoutMs);
      const settle = () => {
        clearTimeout(timer);
        if (this.waiter?.garbled) clearTimeout(this.waiter.garbled);
        this.waiter = undefined;
      };
      this.waiter = {
        accept,
        resolve: (f) => {
          settle();
          resolve(f);
        },
        reject: (e) => {
          settle();
          reject(e);
        },
      };
      this.transport.write(bytes).catch((err: unknown) => this.waiter?.reject(err as Error));
    });
  }

  private armQuiet(w: Waiter<F>): void {
    if (w.garbled) clearTimeout(w.garbled);
    w.garbled = setTimeout(() => {
      this.parser.reset();
      w.reject(new DeviceError('READER_PROTOCOL', `garbled reply from ${this.transport.description}`, true));
    }, this.quietMs);
  }

  private onChunk(chunk: Buffer): void {
    const pending = this.waiter;
    if (pending?.garbled) this.armQuiet(pending);
    for (const frame of this.parser.push(chunk)) {
      const w = this.waiter;
      if (!w) continue;
      const verdict = w.accept(frame);
      if (verdict === 'garbled') this.armQuiet(w);
      else if (verdict) w.resolve(frame);
    }
  }
}
