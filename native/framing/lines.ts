// CR/LF-terminated lines (QR scanners in USB-CDC mode). CR, LF and CRLF all end a line; empty
// lines are ignored; an over-long line is dropped up to its terminator; a partial line idle longer
// than `staleMs` is dropped; bytes are decoded as UTF-8 and control characters are rejected.

export interface LineParserOptions {
  maxLength?: number;
  staleMs?: number;
}

export class LineParser {
  private buf: number[] = [];
  private overlong = false;
  private lastAt = 0;
  readonly stats = { lines: 0, dropped: 0 };
  private readonly maxLength: number;
  private readonly staleMs: number;

  constructor(options: LineParserOptions = {}) {
    this.maxLength = options.maxLength ?? 1024;
    this.staleMs = options.staleMs ?? 1000;
  }

  push(chunk: Uint8Array, nowMs: number = Date.now()): string[] {
    if ((this.buf.length || this.overlong) && nowMs - this.lastAt > this.staleMs) this.reset(true);
    this.lastAt = nowMs;
    const out: string[] = [];
    for (const b of chunk) {
      if (b === 0x0d || b === 0x0a) {
        this.finish(out);
        continue;
      }
      if (this.overlong) continue;
      if (this.buf.length >= this.maxLength) {
        this.overlong = true;
        this.buf = [];
        continue;
      }
      this.buf.push(b);
    }
    return out;
  }

  reset(countDrop = false): void {
    if (countDrop && (this.buf.length || this.overlong)) this.stats.dropped++;
    this.buf = [];
    this.overlong = false;
  }

  private finish(out: string[]): void {
    if (this.overlong) {
      this.reset(true);
      return;
    }
    if (this.buf.length === 0) return;
    const bytes = Buffer.from(this.buf);
    this.buf = [];
    const text = bytes.toString('utf8');
    // eslint-disable-next-line no-control-regex
    if (text.includes('\uFFFD') || /[\u0000-\u001f\u007f]/.test(text)) {
      this.stats.dropped++;
      return;
    }
    this.stats.lines++;
    out.push(text);
  }
}
