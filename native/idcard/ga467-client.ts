// Resident ID card over a GA 467 SAM reader: find card, select card, read text (+ photo).
import { DeviceError } from '../errors';
import { encodeGa467, Ga467Frame, Ga467Parser } from '../framing/ga467';
import { FrameLink, Verdict } from '../link';
import type { IdCardRecord } from '../records';
import { ByteTransport } from '../transport/types';
import { decodeIdText } from './decode';

/** SW3 of the success answer of each command (the reader does not echo the command). */
const SUCCESS: Record<string, number> = { '11ff': 0x90, '2001': 0x9f, '2002': 0x90, '3001': 0x90 };

/**
 * Whether an answer can belong to the command: another command's success answer cannot (a late
 * duplicate); SW3 10/11 (the reader saw a bad checksum or length) may concern line noise.
 */
function verdict(cmd: string, body: Buffer): Verdict {
  if (body.length < 3) return false;
  const sw3 = body[2];
  if (sw3 === 0x10 || sw3 === 0x11) return 'garbled';
  const textAnswer = sw3 === 0x90 && body.length >= 3 + 4 + 220;
  if (cmd === '3001') return sw3 !== 0x9f && (sw3 !== 0x90 || textAnswer);
  if (cmd === '2001') return sw3 !== 0x90;
  return sw3 !== 0x9f && !textAnswer && (sw3 !== 0x90 || SUCCESS[cmd] === 0x90);
}

export const Ga467Cmd = {
  SAM_STATUS: [0x11, 0xff],
  FIND: [0x20, 0x01],
  SELECT: [0x20, 0x02],
  READ_TEXT: [0x30, 0x01],
} as const;

export interface Ga467Answer {
  sw: [number, number, number];
  data: Buffer;
}

export interface Ga467ClientOptions {
  timeoutMs?: number;
  readTimeoutMs?: number;
  retries?: number;
  /** After a garbled answer, how long the line must stay quiet before the attempt fails. */
  quietMs?: number;
}

export class Ga467Client {
  private readonly link: FrameLink<Ga467Frame>;
  private readonly timeoutMs: number;
  private readonly readTimeoutMs: number;
  private readonly retries: number;

  constructor(
    readonly transport: ByteTransport,
    options: Ga467ClientOptions = {},
  ) {
    const parser = new Ga467Parser({ onBad: () => this.link.badFrame() });
    this.link = new FrameLink(transport, parser, { quietMs: options.quietMs });
    this.timeoutMs = options.timeoutMs ?? 500;
    this.readTimeoutMs = options.readTimeoutMs ?? 1500;
    this.retries = options.retries ?? 2;
  }

  get isOpen(): boolean {
    return this.link.isOpen;
  }

  /** One command; the answer is the first well-formed response frame (SW1 SW2 SW3 ...). */
  async command(cmdPara: readonly number[], timeoutMs = this.timeoutMs): Promise<Ga467Answer> {
    const frame = encodeGa467(Buffer.from(cmdPara));
    for (let attempt = 0; ; attempt++) {
      try {
        const key = Buffer.from(cmdPara).toString('hex');
        const f = await this.link.request(frame, (r) => verdict(key, r.body), timeoutMs);
        return { sw: [f.body[0], f.body[1], f.body[2]], data: f.body.subarray(3) };
      } catch (err) {
        if (attempt < this.retries && err instanceof DeviceError && err.retryable) continue;
        throw err;
      }
    }
  }

  /** SAM status (optional health check): true when the SAM answers 00 00 90. */
  async samOk(): Promise<boolean> {
    const a = await this.command(Ga467Cmd.SAM_STATUS);
    return a.sw[2] === 0x90;
  }

  async read(): Promise<IdCardRecord> {
    const found = await this.command(Ga467Cmd.FIND);
    if (found.sw[2] !== 0x9f) throw new DeviceError('IDCARD_NOT_PRESENT', `find card answered ${hex(found.sw)}`);
    const selected = await this.command(Ga467Cmd.SELECT);
    if (selected.sw[2] !== 0x90) throw new DeviceError('IDCARD_READ_FAILED', `select card answered ${hex(selected.sw)}`);
    const read = await this.command(Ga467Cmd.READ_TEXT, this.readTimeoutMs);
    if (read.sw[2] !== 0x90) throw new DeviceError('IDCARD_READ_FAILED', `read text answered ${hex(read.sw)}`);
    return decodeIdText(textBlock(read.data));
  }

  async close(): Promise<void> {
    this.link.detach();
    await this.transport.close();
  }
}

function hex(sw: readonly number[]): string {
  return sw.map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** After SW: text length (2, BE), photo length (2, BE), text, photo. */
export function textBlock(data: Buffer): Buffer {
  if (data.length < 4) throw new DeviceError('IDCARD_READ_FAILED', 'read answer too short');
  const textLen = data.readUInt16BE(0);
  if (textLen < 220 || data.length < 4 + textLen) {
    throw new DeviceError('IDCARD_READ_FAILED', `text length ${textLen} with ${data.length - 4} bytes`);
  }
  return data.subarray(4, 4 + textLen);
}
