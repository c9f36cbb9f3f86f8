// A simulated RSR-1 card reader: speaks the same frames over any byte transport (a pty end, a fake
// HID device, an in-process pipe). Card insertion and removal, slow and garbled replies on request.
import { encodeRsr1, Rsr1Cmd, Rsr1Frame, Rsr1Parser, Rsr1Status } from '../framing/rsr1';
import { ByteTransport } from '../transport/types';
import { garbleFrame, GarbleMode, Rng } from './garble';
import { SimSsCard } from './sscard';

export interface Rsr1SimOptions {
  /** Delay before each reply, ms (a slow reader). */
  delayMs?: number;
  /** Spoil every Nth reply (1 = all) in the given way; the reader answers the retry properly. */
  garbleEvery?: number;
  garbleMode?: GarbleMode;
  /** Never answer (a reader that hangs). */
  silent?: boolean;
  seed?: number;
}

export class Rsr1ReaderSim {
  private card: SimSsCard | undefined;
  private powered = false;
  private replies = 0;
  private removeAfter = -1;
  private readonly rng: Rng;
  private readonly parser: Rsr1Parser;
  private chain: Promise<void> = Promise.resolve();
  private transport: ByteTransport | undefined;
  /** Commands received, for tests (`13` entries carry the APDU's INS). */
  readonly log: string[] = [];

  constructor(public options: Rsr1SimOptions = {}) {
    this.rng = new Rng(options.seed);
    this.parser = new Rsr1Parser({ onBad: () => this.reply(encodeRsr1(0x00, Buffer.from([Rsr1Status.BAD_FRAME]))) });
  }

  attach(transport: ByteTransport): this {
    this.transport = transport;
    transport.onData((chunk) => {
      for (const frame of this.parser.push(chunk)) this.handle(frame);
    });
    return this;
  }

  insert(card: SimSsCard): void {
    this.card = card;
    this.powered = false;
    card.reset();
    this.removeAfter = -1;
  }

  remove(): void {
    this.card = undefined;
    this.powered = false;
  }

  /** Pull the card out after `n` more APDUs (a patient who takes the card too early). */
  removeAfterApdus(n: number): void {
    this.removeAfter = n;
  }

  get hasCard(): boolean {
    return this.card !== undefined;
  }

  private handle(frame: Rsr1Frame): void {
    this.log.push(frame.cmd === Rsr1Cmd.APDU ? `13:${(frame.data[2] ?? 0).toString(16)}` : frame.cmd.toString(16));
    const answer = (status: number, data: Uint8Array = Buffer.alloc(0)) =>
      this.reply(encodeRsr1(frame.cmd, Buffer.concat([Buffer.from([status]), data])));
    switch (frame.cmd) {
      case Rsr1Cmd.GET_STATUS:
        return answer(Rsr1Status.OK, Buffer.from([this.card ? (this.powered ? 2 : 1) : 0]));
      case Rsr1Cmd.POWER_ON:
        if (!this.card) return answer(Rsr1Status.NO_CARD);
        if (this.card.mute) return answer(Rsr1Status.MUTE);
        this.card.reset();
        this.powered = true;
        return answer(Rsr1Status.OK, this.card.atr);
      case Rsr1Cmd.POWER_OFF:
        this.powered = false;
        return answer(Rsr1Status.OK);
      case Rsr1Cmd.APDU:
        return this.apdu(frame, answer);
      default:
        return answer(Rsr1Status.UNKNOWN_CMD);
    }
  }

  private apdu(frame: Rsr1Frame, answer: (status: number, data?: Uint8Array) => void): void {
    if (this.removeAfter === 0) this.remove();
    if (this.removeAfter > 0) this.removeAfter--;
    if (!this.card) return answer(Rsr1Status.NO_CARD);
    if (!this.powered || frame.data.length < 5) return answer(Rsr1Status.MUTE);
    answer(Rsr1Status.OK, this.card.transmit(frame.data.subarray(1)));
  }

  private reply(bytes: Buffer): void {
    const o = this.options;
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
