// A simulated social security card: the SSSE DDF with EF05/EF06 records, answering APDUs as the
// card would (ISO 7816-4), with T=0 habits on request: 6Cxx for a wrong Le, 61xx + GET RESPONSE.
import * as iconv from 'iconv-lite';
import { digitsToBcd, fromHex } from '../bytes';
import { SSSE_AID } from '../sscard/apdu';

export interface SsCardContent {
  cardId: string;
  cardType: string;
  specVersion: string;
  initOrg: string;
  issueDate: string;
  expiryDate: string;
  cardNumber: string;
  ssn: string;
  name: string;
  gender: string;
  nation: string;
  birthplace: string;
  birthDate: string;
}

export interface SimCardOptions {
  /** Bytes of the name record (30 on most cards; another size makes a fixed-Le reader see 6Cxx). */
  nameLength?: number;
  /** READ RECORD answers 61xx and the data comes with GET RESPONSE (T=0 style). */
  getResponse?: boolean;
  /** A card that is not a social security card: SELECT SSSE fails with 6A82. */
  foreign?: boolean;
  /** The card does not answer reset (inserted upside down, dirty chip). */
  mute?: boolean;
  atr?: string;
}

const SW = (sw: number) => Buffer.from([sw >> 8, sw & 0xff]);

function ascii(value: string, length: number): Buffer {
  const b = Buffer.alloc(length, 0);
  Buffer.from(value, 'latin1').copy(b, 0, 0, length);
  return b;
}

function bcdDate(iso: string): Buffer {
  return digitsToBcd(iso.replace(/-/g, ''), 4);
}

export function buildRecords(c: SsCardContent, opts: SimCardOptions = {}): Map<number, Map<number, Buffer>> {
  const name = Buffer.alloc(opts.nameLength ?? 30, 0);
  iconv.encode(c.name, 'gbk').copy(name);
  const ef05 = new Map<number, Buffer>([
    [0x01, fromHex(c.cardId)],
    [0x02, ascii(c.cardType, 1)],
    [0x03, ascii(c.specVersion, 4)],
    [0x04, fromHex(c.initOrg.padEnd(24, '0').slice(0, 24))],
    [0x05, bcdDate(c.issueDate)],
    [0x06, bcdDate(c.expiryDate)],
    [0x07, ascii(c.cardNumber, 9)],
  ]);
  const ef06 = new Map<number, Buffer>([
    [0x08, ascii(c.ssn, 18)],
    [0x09, name],
    [0x0a, ascii(c.gender, 1)],
    [0x0b, digitsToBcd(c.nation.padStart(2, '0'), 1)],
    [0x0c, digitsToBcd(c.birthplace, 3)],
    [0x0d, bcdDate(c.birthDate)],
  ]);
  return new Map([
    [0xef05, ef05],
    [0xef06, ef06],
  ]);
}

export class SimSsCard {
  readonly atr: Buffer;
  readonly mute: boolean;
  private readonly files: Map<number, Map<number, Buffer>>;
  private inSsse = false;
  private ef: Map<number, Buffer> | undefined;
  private pending: Buffer | undefined;

  constructor(
    readonly content: SsCardContent,
    private readonly opts: SimCardOptions = {},
  ) {
    this.files = buildRecords(content, opts);
    this.atr = fromHex(opts.atr ?? '3B6D00000081' + '4E43238697159900BF7C7A');
    this.mute = Boolean(opts.mute);
  }

  /** Cold reset: the card's selection state is lost. */
  reset(): void {
    this.inSsse = false;
    this.ef = undefined;
    this.pending = undefined;
  }

  transmit(apdu: Buffer): Buffer {
    if (apdu.length < 4) return SW(0x6700);
    const [cla, ins, p1, p2] = apdu;
    if (cla !== 0x00) return SW(0x6e00);
    if (ins !== 0xc0) this.pending = undefined;
    switch (ins) {
      case 0xa4:
        return this.select(p1, apdu.subarray(5, 5 + (apdu[4] ?? 0)));
      case 0xb2:
        return this.readRecord(p1, p2, apdu.length > 4 ? apdu[apdu.length - 1] : 0);
      case 0xc0:
        return this.getResponse(apdu.length > 4 ? apdu[4] : 0);
      default:
        return SW(0x6d00);
    }
  }

  private select(p1: number, data: Buffer): Buffer {
    if (p1 === 0x04) {
      if (this.opts.foreign || !data.equals(SSSE_AID)) return SW(0x6a82);
      this.inSsse = true;
      this.ef = undefined;
      return SW(0x9000);
    }
    if ((p1 === 0x02 || p1 === 0x00) && data.length === 2) {
      const file = this.inSsse ? this.files.get(data.readUInt16BE(0)) : undefined;
      if (!file) return SW(0x6a82);
      this.ef = file;
      return SW(0x9000);
    }
    return SW(0x6a86);
  }

  private readRecord(tag: number, p2: number, le: number): Buffer {
    if (!this.ef) return SW(0x6986);
    if (p2 !== 0x00) return SW(0x6a86);
    const value = this.ef.get(tag);
    if (!value) return SW(0x6a83);
    const record = Buffer.concat([Buffer.from([tag, value.length]), value]);
    if (this.opts.getResponse) {
      this.pending = record;
      return SW(0x6100 | record.length);
    }
    if (le !== record.length) return SW(0x6c00 | record.length);
    return Buffer.concat([record, SW(0x9000)]);
  }

  private getResponse(le: number): Buffer {
    const pending = this.pending;
    if (!pending) return SW(0x6985);
    if (le === 0 || le >= pending.length) {
      this.pending = undefined;
      return Buffer.concat([pending, SW(0x9000)]);
    }
    this.pending = pending.subarray(le);
    return Buffer.concat([pending.subarray(0, le), SW(0x6100 | this.pending.length)]);
  }
}
