// Small byte helpers shared by the framings and the card decoders.

export function xor(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let x = 0;
  for (let i = start; i < end; i++) x ^= bytes[i];
  return x;
}

export function toHex(bytes: Uint8Array, sep = ''): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0').toUpperCase()).join(sep);
}

export function fromHex(hex: string): Buffer {
  const clean = hex.replace(/\s+/g, '');
  if (!/^([0-9a-fA-F]{2})*$/.test(clean)) throw new Error(`not hex: ${hex}`);
  return Buffer.from(clean, 'hex');
}

/** BCD bytes as their digits; `F` nibbles (padding) are dropped. */
export function bcdDigits(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) {
    for (const nibble of [b >> 4, b & 0x0f]) {
      if (nibble === 0x0f) continue;
      if (nibble > 9) throw new Error(`bad BCD nibble ${nibble.toString(16)}`);
      out += String(nibble);
    }
  }
  return out;
}

/** Digits as BCD bytes, right-padded with F to `length` bytes. */
export function digitsToBcd(digits: string, length: number): Buffer {
  const padded = digits.padEnd(length * 2, 'F');
  return Buffer.from(padded, 'hex');
}

/** YYYYMMDD as YYYY-MM-DD, or throws when it is not a plausible calendar date. */
export function isoDate(yyyymmdd: string): string {
  if (!/^\d{8}$/.test(yyyymmdd)) throw new Error(`bad date ${JSON.stringify(yyyymmdd)}`);
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  const probe = new Date(Date.UTC(y, m - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d) {
    throw new Error(`bad date ${yyyymmdd}`);
  }
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
}

/** Strip trailing zero bytes (and what follows the first zero). */
export function untilZero(bytes: Buffer): Buffer {
  const z = bytes.indexOf(0);
  return z < 0 ? bytes : bytes.subarray(0, z);
}
