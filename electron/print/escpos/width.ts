// Column arithmetic of a thermal line: an ASCII character takes one column, any other (a Chinese
// character or full-width sign, 2 or 4 bytes in GB18030) takes two.

export function charWidth(ch: string): number {
  return ch.codePointAt(0)! < 0x80 ? 1 : 2;
}

export function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += charWidth(ch);
  return w;
}

/** Splits `s` into lines of at most `width` columns (breaking anywhere; CJK has no spaces). */
export function wrap(s: string, width: number): string[] {
  const out: string[] = [];
  let cur = '';
  let w = 0;
  for (const ch of s) {
    const cw = charWidth(ch);
    if (w + cw > width) {
      out.push(cur);
      cur = '';
      w = 0;
    }
    cur += ch;
    w += cw;
  }
  if (cur || !out.length) out.push(cur);
  return out;
}

/** `left` and `right` on one line (right-aligned), wrapping `left` when both do not fit. */
export function twoColumns(left: string, right: string, width: number): string[] {
  const rw = textWidth(right);
  if (rw > width) return [...(left ? wrap(left, width) : []), ...wrap(right, width)];
  if (textWidth(left) + 1 + rw <= width) return [left + ' '.repeat(width - textWidth(left) - rw) + right];
  const lines = wrap(left, width);
  const last = lines[lines.length - 1];
  if (textWidth(last) + 1 + rw <= width) {
    lines[lines.length - 1] = last + ' '.repeat(width - textWidth(last) - rw) + right;
    return lines;
  }
  return [...lines, ' '.repeat(Math.max(0, width - rw)) + right];
}
