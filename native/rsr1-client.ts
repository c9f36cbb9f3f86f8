// RSR-1 reader client: GET STATUS, POWER ON/OFF and APDU exchange over any byte transport.
import { DeviceError } from './errors';
import { encodeRsr1, Rsr1Cmd, Rsr1Frame, Rsr1Parser, Rsr1Status } from './framing/rsr1';
import { FrameLink } from './link';
import { ByteTransport } from './transport/types';

export type CardSlotState = 'none' | 'present' | 'powered';

export interface Rsr1ClientOptions {
  /** Per-command deadline (RSR-1: the reader answers within 500 ms). */
  timeoutMs?: number;
  /** POWER ON deadline (RSR-1: within 1 s). */
  powerOnTimeoutMs?: number;
  /** Extra attempts after a timeout or a "bad frame" answer. */
  retries?: number;
  /** After a "bad frame" answer, how long the line must stay quiet before the attempt fails. */
  quietMs?: number;
}

/** An APDU-level channel to a powered card (RSR-1 today; PC/SC or a vendor SDK could add more). */
export interface ApduChannel {
  transmit(apdu: Uint8Array): Promise<Buffer>;
}

export class Rsr1Client implements ApduChannel {
  private readonly link: FrameLink<Rsr1Frame>;
  private readonly timeoutMs: number;
  private readonly powerOnTimeoutMs: number;
  private readonly retries: number;
  /** Set after a successful POWER ON: a later "no card" means the card was pulled out. */
  private powered = false;
  readonly slot = 0x00;

  constructor(
    readonly transport: ByteTransport,
    options: Rsr1ClientOptions = {},
  ) {
    const parser = new Rsr1Parser({ onBad: () => this.link.badFrame() });
    this.link = new FrameLink(transport, parser, { quietMs: options.quietMs });
    this.timeoutMs = options.timeoutMs ?? 500;
    this.powerOnTimeoutMs = options.powerOnTimeoutMs ?? 1000;
    this.retries = options.retries ?? 2;
  }

  get isOpen(): boolean {
    return this.link.isOpen;
  }

  async getStatus(): Promise<CardSlotState> {
    const data = await this.command(Rsr1Cmd.GET_STATUS, Buffer.alloc(0), this.timeoutMs);
    return data[0] === 0x02 ? 'powered' : data[0] === 0x01 ? 'present' : 'none';
  }

  async powerOn(): Promise<Buffer> {
    this.powered = false;
    const atr = await this.command(Rsr1Cmd.POWER_ON, Buffer.from([this.slot]), this.powerOnTimeoutMs);
    this.powered = true;
    return atr;
  }

  async powerOff(): Promise<void> {
    this.powered = false;
    await this.command(Rsr1Cmd.POWER_OFF, Buffer.from([this.slot]), this.timeoutMs);
  }

  transmit(apdu: Uint8Array): Promise<Buffer> {
    return this.command(Rsr1Cmd.APDU, Buffer.concat([Buffer.from([this.slot]), apdu]), this.timeoutMs);
  }

  async close(): Promise<void> {
    this.link.detach();
    await this.transport.close();
  }

  /** One command with retries; returns the response DATA after the status byte. */
  private async command(cmd: number, data: Buffer, timeoutMs: number): Promise<Buffer> {
    const frame = encodeRsr1(cmd, data);
    for (let attempt = 0; ; attempt++) {
      const last = attempt >= this.retries;
      let answer: Rsr1Frame;
      try {
        // A "bad frame" answer under another CMD may concern line noise rather than our request:
        // wait briefly for our own answer before sending again.
        const mine = (f: Rsr1Frame) =>
          f.data.length >= 1 && (f.cmd === cmd ? true : f.data[0] === Rsr1Status.BAD_FRAME ? ('garbled' as const) : false);
        answer = await this.link.request(frame, mine, timeoutMs);
      } catch (err) {
        if (!last && err instanceof DeviceError && err.retryable) continue;
        throw err;
      }
      const status = answer.data[0];
      if (status === Rsr1Status.OK) return answer.data.subarray(1);
      if (status === Rsr1Status.BAD_FRAME && !last) continue;
      throw this.statusError(cmd, status);
    }
  }

  private statusError(cmd: number, status: number): DeviceError {
    const what = `RSR-1 command ${cmd.toString(16)} answered status ${status.toString(16).padStart(2, '0')}`;
    switch (status) {
      case Rsr1Status.NO_CARD:
        return new DeviceError(this.powered ? 'CARD_REMOVED' : 'CARD_NOT_PRESENT', what);
      case Rsr1Status.MUTE:
        return new DeviceError('CARD_MUTE', what);
      default:
        return new DeviceError('READER_PROTOCOL', what);
    }
  }
}
