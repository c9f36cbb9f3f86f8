// The streaming parsers: exact framing, resynchronisation, and a garbled-bytes fuzz.
import { describe, expect, it } from 'vitest';
import { encodeGa467, Ga467Parser } from '../../native/framing/ga467';
import { LineParser } from '../../native/framing/lines';
import { encodeRsr1, Rsr1Parser } from '../../native/framing/rsr1';
import { Rng } from '../../native/sim/garble';

describe('RSR-1 framing', () => {
  it('encodes LEN, BCC and ETX as the protocol says', () => {
    expect(encodeRsr1(0x10).toString('hex')).toBe('020001101103');
    const f = encodeRsr1(0x13, Buffer.from([0x00, 0x00, 0xa4]));
    expect(f.toString('hex')).toBe('0200041300' + '00a4' + (0x00 ^ 0x04 ^ 0x13 ^ 0xa4).toString(16) + '03');
  });

  it('parses frames split at every byte boundary', () => {
    const frame = encodeRsr1(0x13, Buffer.from('00112233', 'hex'));
    for (let cut = 1; cut < frame.length; cut++) {
      const p = new Rsr1Parser();
      expect(p.push(frame.subarray(0, cut), 0)).toEqual([]);
      expect(p.push(frame.subarray(cut), 1)).toEqual([{ cmd: 0x13, data: Buffer.from('00112233', 'hex') }]);
    }
  });

  it('resynchronises after garbage, a bad BCC, a missing ETX, a short and an over-long frame', () => {
    const good = encodeRsr1(0x11, Buffer.from([0x00, 0x3b]));
    const badBcc = Buffer.from(good);
    badBcc[badBcc.length - 2] ^= 1;
    const noEtx = Buffer.from(good);
    noEtx[noEtx.length - 1] = 0x04;
    const short = good.subarray(0, 4);
    const overlong = Buffer.from([0x02, 0x20, 0x00, 0x10, 0x00]);
    for (const damaged of [Buffer.from('ff0203', 'hex'), badBcc, noEtx, short, overlong]) {
      const bad: string[] = [];
      const p = new Rsr1Parser({ onBad: (r) => bad.push(r) });
      const out = p.push(Buffer.concat([damaged, good]), 0);
      expect(out).toEqual([{ cmd: 0x11, data: Buffer.from([0x00, 0x3b]) }]);
      if (damaged !== short) expect(p.stats.badFrames + p.stats.discardedBytes).toBeGreaterThan(0);
      expect(p.pendingBytes()).toBe(0);
    }
    const all = new Rsr1Parser();
    const out = all.push(Buffer.concat([badBcc, noEtx, overlong, good, short, good]), 0);
    expect(out).toHaveLength(2);
  });

  it('drops a stale partial frame after a silence', () => {
    const p = new Rsr1Parser({ staleMs: 100 });
    expect(p.push(Buffer.from([0x02, 0x00, 0x40]), 0)).toEqual([]);
    expect(p.push(encodeRsr1(0x10, Buffer.from([0x00, 0x01])), 500)).toHaveLength(1);
    expect(p.pendingBytes()).toBe(0);
  });
});

describe('GA 467 framing', () => {
  it('matches the published command frames', () => {
    expect(encodeGa467(Buffer.from([0x11, 0xff])).toString('hex')).toBe('aaaaaa9669000311ffed');
    expect(encodeGa467(Buffer.from([0x20, 0x01])).toString('hex')).toBe('aaaaaa9669000320 0122'.replace(' ', ''));
    expect(encodeGa467(Buffer.from([0x20, 0x02])).toString('hex')).toBe('aaaaaa96690003200221');
    expect(encodeGa467(Buffer.from([0x30, 0x01])).toString('hex')).toBe('aaaaaa96690003300132');
    expect(encodeGa467(Buffer.from('00009f00000000', 'hex')).toString('hex')).toBe('aaaaaa9669000800009f0000000097');
  });

  it('finds a frame whose preamble is split across chunks, after noise', () => {
    const frame = encodeGa467(Buffer.from('000090', 'hex'));
    const p = new Ga467Parser();
    const all = Buffer.concat([Buffer.from('aaaa00aaaa', 'hex'), frame]);
    const frames = [...all].flatMap((b, i) => p.push(Buffer.from([b]), i));
    expect(frames).toEqual([{ body: Buffer.from('000090', 'hex') }]);
  });
});

describe('line framing (QR scanner)', () => {
  it('takes CR, LF and CRLF, skips empty and over-long lines', () => {
    const p = new LineParser({ maxLength: 8 });
    expect(p.push(Buffer.from('AB\r\nCD\n\nEF\rTOOLONGTOOLONG\r\nGH', 'latin1'), 0)).toEqual(['AB', 'CD', 'EF']);
    expect(p.push(Buffer.from('\n'), 1)).toEqual(['GH']);
  });
});

/** Random garbage, then a good frame: the parser must never throw, and must hand back the good frame. */
function fuzz<F>(make: () => { push(b: Uint8Array, now: number): F[] }, good: Buffer, check: (f: F) => boolean, seed: number) {
  const rng = new Rng(seed);
  for (let round = 0; round < 400; round++) {
    const p = make();
    const garbage = rng.bytes(rng.int(300));
    // Sprinkle start markers and pieces of real frames to make the garbage nasty.
    for (let k = 0; k < 6; k++) {
      const at = rng.int(Math.max(1, garbage.length));
      good.subarray(0, rng.int(good.length)).copy(garbage, at);
    }
    let now = 0;
    const frames: F[] = [];
    let rest = Buffer.concat([garbage, good]);
    while (rest.length) {
      const n = 1 + rng.int(64);
      frames.push(...p.push(rest.subarray(0, n), now));
      rest = rest.subarray(n);
      now += 1;
    }
    // A truncated frame at the end of the garbage may only be settled by the next silence.
    if (!frames.some(check)) frames.push(...p.push(good, now + 5000));
    expect(frames.some(check), `round ${round}`).toBe(true);
  }
}

describe('garbled-bytes fuzz', () => {
  it('RSR-1 parser survives and recovers', () => {
    const good = encodeRsr1(0x13, Buffer.from('0090001122', 'hex'));
    fuzz(() => new Rsr1Parser(), good, (f) => f.cmd === 0x13 && f.data.toString('hex') === '0090001122', 1);
  });

  it('GA 467 parser survives and recovers', () => {
    const good = encodeGa467(Buffer.from('00009f00000000', 'hex'));
    fuzz(() => new Ga467Parser(), good, (f) => f.body.toString('hex') === '00009f00000000', 2);
  });

  it('line parser survives and recovers', () => {
    const good = Buffer.from('\r\nECQR0001370303A7F3C9D2E8B1\r\n');
    fuzz(() => new LineParser(), good, (l) => l === 'ECQR0001370303A7F3C9D2E8B1', 3);
  });
});
