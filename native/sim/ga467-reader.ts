// A simulated GA 467 resident ID card reader (SAM framing), over any byte transport.
import { encodeIdText } from '../idcard/decode';
import { encodeGa467, Ga467Frame, Ga467Parser } from '../framing/ga467';
import type { IdCardRecord } from '../records';
import { ByteTransport } from '../transport/types';
import { garbleFrame, GarbleMode, Rng } from './garble';

export interface Ga467SimOptions {
  delayMs?: number;
  garbleEvery?: number;
  garbleMode?: GarbleMode;
  silent?: boolean;
  /** Like real readers: after a read, find card fails until the card leaves the field. */
  requireRemoval?: boolean;
  seed?: number;
}

export class Ga467ReaderSim {
  private card: IdCardRecord | undefined;
  private found = false;
  private selected = false;
  private readDone = false;
  private replies = 0;
  private readonly rng: Rng;
  private readonly parser: Ga467Parser;
  private chain: Promise<void> = Promise.resolve();
  private transport: ByteTransport | undefined;
  /** CMD PARA of each command received, e.g. "2001". */
  readonly log: string[] = [];

  constructor(public options: Ga467SimOptions = {}) {
    this.rng = new Rng(options.seed);
    this.parser = new Ga467Parser({ onBad: () => this.reply([0x00, 0x00, 0x10]) });
  }

  attach(transport: ByteTransport): this {
    this.transport = transport;
    transport.onData((chunk) => {
      for (const frame of this.parser.push(chunk)) this.handle(frame);
    });
    return this;
  }

  place(card: IdCardRecord): void {
    this.card = card;
    this.found = this.selected = this.readDone = false;
  }

  remove(): void {
    this.card = undefined;
    this.found = this.selected = this.readDone = false;
  }

  private handle(frame: Ga467Frame): void {
    const cmd = frame.body.subarray(0, 2).toString('hex');
    this.log.push(cmd);
    switch (cmd) {
      case '11ff':
        return this.reply([0x00, 0x00, 0x90]);
      case '12ff':
        return this.reply([0x00, 0x00, 0x90], Buffer.from('05000000112233445566778899AABBCC', 'hex'));
      case '2001':
        if (!this.card || (this.readDone && this.options.requireRemoval !== false)) return this.reply([0x00, 0x00, 0x80]);
        this.found = true;
        return this.reply([0x00, 0x00, 0x9f], Buffer.alloc(4));
      case '2002':
        if (!this.card || !this.found) return this.reply([0x00, 0x00, 0x81]);
        this.selected = true;
        return this.reply([0x00, 0x00, 0x90], Buffer.alloc(8));
      case '3001':
        return this.readText();
      default:
        return this.reply([0x00, 0x00, 0x21]);
    }
  }

  private readText(): void {
    if (!this.card || !this.selected) return this.reply([0x00, 0x00, 0x41]);
    const text = encodeIdText(this.card);
    const photo = Buffer.alloc(1024, 0x57);
    const lengths = Buffer.from([0x01, 0x00, 0x04, 0x00]);
    // Still selected: a host that lost the answer may send read text again (find needs removal).
    this.found = false;
    this.readDone = true;
    this.reply([0x00, 0x00, 0x90], Buffer.concat([lengths, text, photo]));
  }

  private reply(sw: number[], data: Buffer = Buffer.alloc(0)): void {
    const o = this.options;
    if (o.silent) return;
    const bytes = encodeGa467(Buffer.concat([Buffer.from(sw), data]));
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
