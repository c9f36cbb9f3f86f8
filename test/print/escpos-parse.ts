// A strict reader of the ESC/POS bytes our thermal renderer emits: it knows exactly the commands
// we use and fails on anything else, so the tests check the real byte stream.
import iconv from 'iconv-lite';

export type Op =
  | { op: 'init' } | { op: 'hanzi' } | { op: 'align'; n: number } | { op: 'bold'; on: boolean }
  | { op: 'mode'; n: number } | { op: 'feed'; n: number } | { op: 'cut'; n: number }
  | { op: 'qrModel' } | { op: 'qrSize'; n: number } | { op: 'qrEc'; n: number } | { op: 'qrStore'; data: string } | { op: 'qrPrint' }
  | { op: 'line'; text: string; bytes: Buffer };

export function parseEscPos(buf: Buffer): Op[] {
  const ops: Op[] = [];
  let i = 0;
  let textStart = -1;
  const need = (n: number) => {
    if (i + n > buf.length) throw new Error(`truncated command at ${i}`);
  };
  while (i < buf.length) {
    const b = buf[i];
    if (b === 0x1b || b === 0x1d || b === 0x1c) {
      if (textStart >= 0) throw new Error(`command inside a text line at ${i}`);
      need(2);
      const c = buf[i + 1];
      if (b === 0x1b && c === 0x40) { ops.push({ op: 'init' }); i += 2; continue; }
      if (b === 0x1c && c === 0x26) { ops.push({ op: 'hanzi' }); i += 2; continue; }
      if (b === 0x1b && c === 0x61) { need(3); ops.push({ op: 'align', n: buf[i + 2] }); i += 3; continue; }
      if (b === 0x1b && c === 0x45) { need(3); ops.push({ op: 'bold', on: buf[i + 2] === 1 }); i += 3; continue; }
      if (b === 0x1b && c === 0x21) { need(3); ops.push({ op: 'mode', n: buf[i + 2] }); i += 3; continue; }
      if (b === 0x1b && c === 0x64) { need(3); ops.push({ op: 'feed', n: buf[i + 2] }); i += 3; continue; }
      if (b === 0x1d && c === 0x56) { need(4); if (buf[i + 2] !== 0x41) throw new Error('unknown cut'); ops.push({ op: 'cut', n: buf[i + 3] }); i += 4; continue; }
      if (b === 0x1d && c === 0x28 && buf[i + 2] === 0x6b) {
        need(8);
        const len = buf[i + 3] + 256 * buf[i + 4];
        const body = buf.subarray(i + 5, i + 5 + len);
        if (body.length !== len) throw new Error('truncated GS ( k');
        if (body[0] !== 0x31) throw new Error('GS ( k: cn must be 49');
        const fn = body[1];
        if (fn === 0x41) ops.push({ op: 'qrModel' });
        else if (fn === 0x43) ops.push({ op: 'qrSize', n: body[2] });
        else if (fn === 0x45) ops.push({ op: 'qrEc', n: body[2] });
        else if (fn === 0x50) ops.push({ op: 'qrStore', data: body.subarray(3).toString('ascii') });
        else if (fn === 0x51) ops.push({ op: 'qrPrint' });
        else throw new Error(`GS ( k fn ${fn}`);
        i += 5 + len;
        continue;
      }
      throw new Error(`unknown command ${b.toString(16)} ${c.toString(16)} at ${i}`);
    }
    if (b === 0x0a) {
      const bytes = buf.subarray(textStart >= 0 ? textStart : i, i);
      ops.push({ op: 'line', text: iconv.decode(bytes, 'gb18030'), bytes: Buffer.from(bytes) });
      textStart = -1;
      i += 1;
      continue;
    }
    if (b < 0x20 || b === 0x7f) throw new Error(`control byte ${b} at ${i}`);
    if (textStart < 0) textStart = i;
    i += 1;
  }
  if (textStart >= 0) throw new Error('text not ended by LF');
  return ops;
}

export function lines(ops: Op[]): string[] {
  return ops.flatMap((o) => (o.op === 'line' ? [o.text] : []));
}
