// ESC/POS byte builder for Chinese thermal printers (DEVICES.md §5): text in GB18030, alignment,
// bold, double height, the printer's own QR code (GS ( k, model 2) and the cut.
import iconv from 'iconv-lite';

export const ESC = 0x1b;
export const GS = 0x1d;
export const FS = 0x1c;
export const LF = 0x0a;

export type Align = 'left' | 'center' | 'right';
const ALIGN: Record<Align, number> = { left: 0, center: 1, right: 2 };

export class EscPosEncoder {
  private readonly parts: Buffer[] = [];

  private raw(...bytes: number[]): this {
    this.parts.push(Buffer.from(bytes));
    return this;
  }

  /** ESC @ (reset), then FS & (Hanzi mode, for printers that need it; GB18030 printers ignore it). */
  init(): this {
    return this.raw(ESC, 0x40).raw(FS, 0x26);
  }

  align(a: Align): this {
    return this.raw(ESC, 0x61, ALIGN[a]);
  }

  bold(on: boolean): this {
    return this.raw(ESC, 0x45, on ? 1 : 0);
  }

  /** ESC ! n: 0 normal, 0x10 double height (the width of a line does not change). */
  doubleHeight(on: boolean): this {
    return this.raw(ESC, 0x21, on ? 0x10 : 0x00);
  }

  /** One line of text in GB18030, ended by LF. */
  line(text: string): this {
    if (/[\x00-\x1f\x7f]/.test(text)) throw new Error('control characters in receipt text');
    this.parts.push(iconv.encode(text, 'gb18030'));
    return this.raw(LF);
  }

  /** ESC d n: print and feed n lines. */
  feed(n: number): this {
    return this.raw(ESC, 0x64, n);
  }

  /** The printer's QR code: model 2, module size `size` dots, error correction M, store, print. */
  qr(data: string, size: number): this {
    const bytes = Buffer.from(data, 'ascii');
    if (!/^[\x20-\x7e]*$/.test(data)) throw new Error('QR data must be printable ASCII');
    const len = bytes.length + 3;
    this.raw(GS, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00);
    this.raw(GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, size);
    this.raw(GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x45, 0x31);
    this.raw(GS, 0x28, 0x6b, len & 0xff, len >> 8, 0x31, 0x50, 0x30);
    this.parts.push(bytes);
    return this.raw(GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30);
  }

  /** GS V 65 n: feed n lines and cut (the last command of a receipt). */
  cut(feedLines = 3): this {
    return this.raw(GS, 0x56, 0x41, feedLines);
  }

  bytes(): Buffer {
    return Buffer.concat(this.parts);
  }
}
