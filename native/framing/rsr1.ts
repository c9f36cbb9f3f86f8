// RSR-1 framing (DEVICES.md Part 1): 02 | LEN_HI LEN_LO | CMD | DATA | BCC | 03,
// LEN = CMD + DATA bytes, BCC = XOR of LEN_HI, LEN_LO, CMD and DATA.
import { xor } from '../bytes';
import { Attempt, ParserOptions, ResyncParser } from './resync';

export const STX = 0x02;
export const ETX = 0x03;
export const RSR1_MAX_LEN = 4096;

export const Rsr1Cmd = { GET_STATUS: 0x10, POWER_ON: 0x11, POWER_OFF: 0x12, APDU: 0x13 } as const;
export const Rsr1Status = { OK: 0x00, NO_CARD: 0x01, MUTE: 0x02, BAD_FRAME: 0x03, UNKNOWN_CMD: 0x04 } as const;

export interface Rsr1Frame {
  cmd: number;
  data: Buffer;
}

export function encodeRsr1(cmd: number, data: Uint8Array = Buffer.alloc(0)): Buffer {
  const len = data.length + 1;
  if (len > RSR1_MAX_LEN) throw new Error(`RSR-1 frame too long (${len})`);
  const frame = Buffer.alloc(len + 5);
  frame[0] = STX;
  frame.writeUInt16BE(len, 1);
  frame[3] = cmd;
  Buffer.from(data).copy(frame, 4);
  frame[len + 3] = xor(frame, 1, len + 3);
  frame[len + 4] = ETX;
  return frame;
}

export class Rsr1Parser extends ResyncParser<Rsr1Frame> {
  constructor(options?: ParserOptions) {
    super(options);
  }

  protected findStart(buf: Buffer, from: number): number {
    return buf.indexOf(STX, from);
  }

  protected keepTail(): number {
    return 0;
  }

  protected attempt(buf: Buffer, s: number): Attempt<Rsr1Frame> {
    if (buf.length - s < 3) return { kind: 'need' };
    const len = buf.readUInt16BE(s + 1);
    if (len === 0) return { kind: 'bad', reason: 'empty frame' };
    if (len > RSR1_MAX_LEN) return { kind: 'bad', reason: `length ${len} over ${RSR1_MAX_LEN}` };
    const total = len + 5;
    if (buf.length - s < total) return { kind: 'need' };
    if (buf[s + total - 1] !== ETX) return { kind: 'bad', reason: 'missing ETX' };
    if (buf[s + total - 2] !== xor(buf, s + 1, s + total - 2)) return { kind: 'bad', reason: 'bad BCC' };
    const frame = { cmd: buf[s + 3], data: Buffer.from(buf.subarray(s + 4, s + total - 2)) };
    return { kind: 'ok', frame, length: s + total };
  }
}
