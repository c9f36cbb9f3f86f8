// The packed format of values written once and read rarely (the bulk of a settlement document, a
// receipt's data, the network's confirmed record, a HIS visit's body, a message's result): UTF-8
// JSON deflated (raw) against a preset dictionary of the words such values repeat, so a few
// kilobytes of JSON take a few hundred bytes and a row fits in its B-tree page (no overflow
// pages). Stored as a BLOB in the column that held the JSON text (SQLite keeps a BLOB as it is,
// whatever the column's declared type); rows written before stay JSON text and read as before.
// Layout: one version byte (1: deflate-raw with DICTIONARY_V1), then the deflated bytes.
import zlib from 'node:zlib';
import { DICTIONARY_V1 } from './pack-dictionary';

const V1 = 1;
const DICT_V1 = Buffer.from(DICTIONARY_V1, 'utf8');

/** JSON text, packed. */
export function packText(text: string): Buffer {
  const body = zlib.deflateRawSync(Buffer.from(text, 'utf8'), { level: 9, dictionary: DICT_V1 });
  return Buffer.concat([Buffer.of(V1), body]);
}

/** A JSON value, packed. */
export function pack(value: unknown): Buffer {
  return packText(JSON.stringify(value));
}

/** Whether a stored value is in the packed format (else it is JSON text, or NULL). */
export function isPacked(stored: unknown): stored is Buffer {
  return Buffer.isBuffer(stored) && stored.length > 1 && stored[0] === V1;
}

/** The JSON text of a stored value: packed or plain. */
export function unpackText(stored: string | Buffer): string {
  if (typeof stored === 'string') return stored;
  if (stored[0] !== V1) throw new Error(`unknown packed format ${stored[0]}`);
  return zlib.inflateRawSync(stored.subarray(1), { dictionary: DICT_V1 }).toString('utf8');
}

/** The value of a stored column: packed or JSON text. */
export function unpack<T>(stored: string | Buffer): T {
  return JSON.parse(unpackText(stored)) as T;
}

/** Like unpack, for a nullable column. */
export function unpackOpt<T>(stored: string | Buffer | null | undefined): T | undefined {
  return stored === null || stored === undefined ? undefined : unpack<T>(stored);
}
