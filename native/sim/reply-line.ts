// The reader side of a simulated link, shared by the RSR-1 and GA 467 simulators: frames in
// through the protocol's parser, replies out in order, optionally slow, silent or garbled.
import { ByteTransport } from '../transport/types';
import { garbleFrame, GarbleMode, Rng } from './garble';

export interface ReplyLineOptions {
  /** Delay before each reply, ms (a slow reader). */
  delayMs?: number;
  /** Spoil every Nth reply (1 = all) in the given way; the reader answers the retry properly. */
  garbleEvery?: number;
  garbleMode?: GarbleMode;
  /** Never answer (a reader that hangs). */
  silent?: boolean;
  seed?: number;
}

export class ReplyLine {
  private replies = 0;
  private readonly rng: Rng;
  private chain: Promise<void> = Promise.resolve();
  private transport: ByteTransport | undefined;

  /** `options` is read at every reply, so tests may change it while the simulator runs. */
  constructor(private readonly options: () => ReplyLineOptions) {
    this.rng = new Rng(options().seed);
  }

  /** Feeds every chunk the host sends through `parse` and each frame found to `handle`. */
  attach<F>(transport: ByteTransport, parse: (chunk: Buffer) => Iterable<F>, handle: (frame: F) => void): void {
    this.transport = transport;
    transport.onData((chunk) => {
      for (const frame of parse(chunk)) handle(frame);
    });
  }

  /** Sends one encoded reply frame, after the earlier ones. */
  send(bytes: Buffer): void {
    const o = this.options();
    if (o.silent) return;
    this.replies++;
    const out = o.garbleEvery && this.replies % o.garbleEvery === 0 ? garbleFrame(bytes, o.garbleMode ?? 'bcc', this.rng) : bytes;
    const delay = o.delayMs ?? 0;
    this.chain = this.chain.then(async () => {
      if (delay) await new Promise((r) => setTimeout(r, delay));
      const t = this.transport;
      if (t?.isOpen) await t.write(out).catch(() => undefined);
    });
  }
}
