// The resident ID card's 256-byte UTF-16LE text block (DEVICES.md Part 2 §2.4).
import { isoDate } from '../bytes';
import { DeviceError } from '../errors';
import type { IdCardRecord } from '../records';

export const TEXT_LAYOUT: Array<[keyof IdCardRecord, number, number]> = [
  ['name', 0, 30],
  ['gender', 30, 2],
  ['nation', 32, 4],
  ['birthDate', 36, 16],
  ['address', 52, 70],
  ['idNumber', 122, 36],
  ['authority', 158, 30],
  ['validFrom', 188, 16],
  ['validTo', 204, 16],
];

function field(text: Buffer, offset: number, length: number): string {
  return text
    .subarray(offset, offset + length)
    .toString('utf16le')
    .replace(/\u0000/g, '')
    .trim();
}

function date(value: string, what: string): string {
  try {
    return isoDate(value);
  } catch {
    throw new DeviceError('IDCARD_READ_FAILED', `${what} is not YYYYMMDD`);
  }
}

export function decodeIdText(text: Buffer): IdCardRecord {
  if (text.length < 220) throw new DeviceError('IDCARD_READ_FAILED', `text block of ${text.length} bytes`);
  const raw = {} as Record<keyof IdCardRecord, string>;
  for (const [key, offset, length] of TEXT_LAYOUT) raw[key] = field(text, offset, length);
  if (!raw.name) throw new DeviceError('IDCARD_READ_FAILED', 'empty name');
  if (!/^\d{17}[\dXx]$/.test(raw.idNumber)) throw new DeviceError('IDCARD_READ_FAILED', 'malformed ID number');
  if (!/^\d{2}$/.test(raw.nation)) throw new DeviceError('IDCARD_READ_FAILED', 'malformed nation code');
  return {
    ...raw,
    idNumber: raw.idNumber.toUpperCase(),
    birthDate: date(raw.birthDate, 'birth date'),
    validFrom: date(raw.validFrom, 'valid-from date'),
    validTo: raw.validTo === '长期' ? '长期' : date(raw.validTo, 'valid-to date'),
  };
}

/** The text block for a record (used by the simulator): every field space-padded. */
export function encodeIdText(r: IdCardRecord): Buffer {
  const text = Buffer.alloc(256, 0);
  text.fill(Buffer.from(' ', 'utf16le'), 0, 220);
  const compact: IdCardRecord = {
    ...r,
    birthDate: r.birthDate.replace(/-/g, ''),
    validFrom: r.validFrom.replace(/-/g, ''),
    validTo: r.validTo.replace(/-/g, ''),
  };
  for (const [key, offset, length] of TEXT_LAYOUT) {
    const bytes = Buffer.from(compact[key], 'utf16le').subarray(0, length);
    bytes.copy(text, offset);
  }
  return text;
}
