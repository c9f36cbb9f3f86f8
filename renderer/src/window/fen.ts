// Display arithmetic on money strings in the renderer: integer fen as BigInt, never a float.
// (The services compute every amount that is stored; this only shows change and remaining cash.)

/** "12.3" -> 1230n; undefined when the text is not an amount with at most two decimals. */
export function toFen(text: string): bigint | undefined {
  const t = text.trim();
  if (!/^\d+(\.\d{0,2})?$/.test(t)) return undefined;
  const [i, f = ''] = t.split('.');
  return BigInt(i) * 100n + BigInt((f + '00').slice(0, 2));
}

export function fenToText(fen: bigint): string {
  const neg = fen < 0n;
  const a = neg ? -fen : fen;
  return `${neg ? '-' : ''}${a / 100n}.${String(a % 100n).padStart(2, '0')}`;
}

export function minFen(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}
