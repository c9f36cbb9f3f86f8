// GA 467 SAM framing (DEVICES.md Part 2 §2): AA AA AA 96 69 | LEN(2, BE) | body | CHK,
// LEN counts every byte after itself including CHK; CHK = XOR of every byte after the preamble.
import { xor } from '../bytes';
import { Attempt, ParserOptions, ResyncParser } from './resync';

export const GA467_PREAMBLE = Buffer.from([0xaa, 0xaa, 0xaa, 0x96, 0x69]);
export const GA467_MAX_LEN = 4096;

export interface Ga467Frame {
  /** Request: CMD PARA [DATA]; response: SW1 SW2 SW3 [DATA]. */
  body: Buffer;
}

export function encodeGa467(body: Uint8Array): Buffer {
  const len = body.length + 1;
  const frame = Buffer.alloc(7 + len);
  GA467_PREAMBLE.copy(frame, 0);
  frame.writeUInt16BE(len, 5);
  Buffer.from(body).copy(frame, 7);
  frame[frame.length - 1] = xor(frame, 5, frame.length - 1);
  return frame;
}

export class Ga467Parser extends ResyncParser<Ga467Frame> {
  constructor(options?: ParserOptions) {
    super(options);
  }

  protected findStart(buf: Buffer, from: number): number {
    return buf.indexOf(GA467_PREAMBLE, from);
  }

  /** Keep a tail that could be the start of a preamble split across chunks. */
  protected keepTail(buf: Buffer): number {
    for (let n = Math.min(4, buf.length); n > 0; n--) {
      if (buf.subarray(buf.length - n).equals(GA467_PREAMBLE.subarray(0, n))) return n;
    }
    return 0;
  }

  protected attempt(buf: Buffer, s: number): Attempt<Ga467Frame> {
    if (buf.length - s < 7) return { kind: 'need' };
    const len = buf.readUInt16BE(s + 5);
    if (len < 3) return { kind: 'bad', reason: `length ${len} too short` };
    if (len > GA467_MAX_LEN) return { kind: 'bad', reason: `length ${len} over ${GA467_MAX_LEN}` };
    const total = 7 + len;
    if (buf.length - s < total) return { kind: 'need' };
    if (buf[s + total - 1] !== xor(buf, s + 5, s + total - 1)) return { kind: 'bad', reason: 'bad CHK' };
    return { kind: 'ok', frame: { body: Buffer.from(buf.subarray(s + 7, s + total - 1)) }, length: s + total };
  }
}
