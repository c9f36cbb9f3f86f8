// A simulated RSR-1 card reader: speaks the same frames over any byte transport (a pty end, a fake
// HID device, an in-process pipe). Card insertion and removal, slow and garbled replies on request.
import { encodeRsr1, Rsr1Cmd, Rsr1Frame, Rsr1Parser, Rsr1Status } from '../framing/rsr1';
import { ByteTransport } from '../transport/types';
import { ReplyLine, type ReplyLineOptions } from './reply-line';
import { SimSsCard } from './sscard';

export type Rsr1SimOptions = ReplyLineOptions;

export class Rsr1ReaderSim {
  private card: SimSsCard | undefined;
  private powered = false;
  private removeAfter = -1;
  private readonly parser: Rsr1Parser;
  private readonly line: ReplyLine;
  /** Commands received, for tests (`13` entries carry the APDU's INS). */
  readonly log: string[] = [];

  constructor(public options: Rsr1SimOptions = {}) {
    // Created here, not as a field: parameter properties are assigned after field initialisers.
    this.line = new ReplyLine(() => this.options);
    this.parser = new Rsr1Parser({ onBad: () => this.reply(encodeRsr1(0x00, Buffer.from([Rsr1Status.BAD_FRAME]))) });
  }

  attach(transport: ByteTransport): this {
    this.line.attach(transport, (chunk) => this.parser.push(chunk), (frame) => this.handle(frame));
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
    this.line.send(bytes);
  }
}
