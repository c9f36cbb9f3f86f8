// CSV for HIS exports and catalog files: encoding detection (UTF-8 with or without BOM, else
// GB18030), delimiter detection, RFC 4180 quoting. Pure functions over a Buffer.
import iconv from 'iconv-lite';

export type TextEncodingName = 'utf-8' | 'gb18030';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

/** UTF-8 when the bytes are valid UTF-8 (BOM stripped), otherwise GB18030 (a superset of GBK/GB2312). */
export function decodeText(buf: Buffer): DecodedText {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(buf.subarray(3)), encoding: 'utf-8' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(buf, 'gb18030'), encoding: 'gb18030' };
  }
}

export function encodeGb18030(text: string): Buffer {
  return iconv.encode(text, 'gb18030');
}

const DELIMITERS = [',', '\t', ';', '|'];

/** The delimiter that splits the first line into the most fields (outside quotes). */
export function detectDelimiter(text: string): string {
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  let best = ',';
  let bestCount = 0;
  for (const d of DELIMITERS) {
    let count = 0;
    let quoted = false;
    for (const ch of first) {
      if (ch === '"') quoted = !quoted;
      else if (ch === d && !quoted) count++;
    }
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

export class CsvError extends Error {
  constructor(readonly row: number, message: string) {
    super(message);
  }
}

/** Parses CSV text into rows of fields; blank lines are skipped. Throws CsvError on a broken quote. */
export function parseCsv(text: string, delimiter = detectDelimiter(text)): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let fieldStartLine = 1;
  const endRow = () => {
    row.push(field);
    if (row.length > 1 || row[0].trim() !== '') rows.push(row);
    row = [];
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"' && field.trim() === '') {
      quoted = true;
      field = '';
      fieldStartLine = line;
    } else if (ch === delimiter) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
    } else field += ch;
  }
  if (quoted) throw new CsvError(fieldStartLine, `第 ${fieldStartLine} 行的引号没有闭合`);
  if (field !== '' || row.length) endRow();
  return rows.map((r) => r.map((f) => f.trim()));
}
