// A simulated GA 467 resident ID card reader (SAM framing), over any byte transport.
import { encodeIdText } from '../idcard/decode';
import { encodeGa467, Ga467Frame, Ga467Parser } from '../framing/ga467';
import type { IdCardRecord } from '../records';
import { ByteTransport } from '../transport/types';
import { ReplyLine, type ReplyLineOptions } from './reply-line';

export interface Ga467SimOptions extends ReplyLineOptions {
  /** Like real readers: after a read, find card fails until the card leaves the field. */
  requireRemoval?: boolean;
}

export class Ga467ReaderSim {
  private card: IdCardRecord | undefined;
  private found = false;
  private selected = false;
  private readDone = false;
  private readonly parser: Ga467Parser;
  private readonly line: ReplyLine;
  /** CMD PARA of each command received, e.g. "2001". */
  readonly log: string[] = [];

  constructor(public options: Ga467SimOptions = {}) {
    // Created here, not as a field: parameter properties are assigned after field initialisers.
    this.line = new ReplyLine(() => this.options);
    this.parser = new Ga467Parser({ onBad: () => this.reply([0x00, 0x00, 0x10]) });
  }

  attach(transport: ByteTransport): this {
    this.line.attach(transport, (chunk) => this.parser.push(chunk), (frame) => this.handle(frame));
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
    this.line.send(encodeGa467(Buffer.concat([Buffer.from(sw), data])));
  }
}
