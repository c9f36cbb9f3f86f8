// Deterministic noise for simulators and fuzz tests (a seeded xorshift PRNG).

export class Rng {
  private s: number;

  constructor(seed = 0x9e3779b9) {
    this.s = seed >>> 0 || 1;
  }

  next(): number {
    let x = this.s;
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    this.s = x;
    return x;
  }

  int(n: number): number {
    return this.next() % n;
  }

  bytes(n: number): Buffer {
    const b = Buffer.alloc(n);
    for (let i = 0; i < n; i++) b[i] = this.int(256);
    return b;
  }
}

export type GarbleMode = 'noise' | 'bcc' | 'truncate' | 'overlong';

/** A reply spoiled the way a bad line or a confused reader spoils it. */
export function garbleFrame(frame: Buffer, mode: GarbleMode, rng: Rng): Buffer {
  switch (mode) {
    case 'noise':
      return Buffer.concat([rng.bytes(1 + rng.int(16)), frame]);
    case 'bcc': {
      const copy = Buffer.from(frame);
      copy[copy.length - 2] ^= 0x5a;
      return copy;
    }
    case 'truncate':
      return frame.subarray(0, Math.max(1, frame.length - 1 - rng.int(frame.length - 1)));
    case 'overlong':
      return Buffer.concat([frame.subarray(0, 1), Buffer.from([0x7f, 0xff]), frame.subarray(3)]);
  }
}
