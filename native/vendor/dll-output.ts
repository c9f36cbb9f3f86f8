// The vendor DLL route (`iReadCardBas(iType, pOutInfo)`, DEVICES.md Part 2 §1.5): its `|`-separated
// output line parsed into the same card record, so a Windows build can plug the DLL in later.
import * as iconv from 'iconv-lite';
import { isoDate } from '../bytes';
import { DeviceError } from '../errors';
import type { SsCardRecord } from '../records';

/** Field order of the output line. */
export const DLL_FIELDS = [
  'region',
  'ssn',
  'cardNumber',
  'cardId',
  'name',
  'atrHistory',
  'specVersion',
  'issueDate',
  'expiryDate',
  'terminalNo',
  'deviceNo',
] as const;

export interface VendorDllRecord extends SsCardRecord {
  atrHistory: string;
  terminalNo: string;
  deviceNo: string;
}

function optionalDate(value: string, what: string): string {
  if (!value) return '';
  try {
    return isoDate(value);
  } catch {
    throw new DeviceError('CARD_DATA_INVALID', `${what} ${JSON.stringify(value)} is not YYYYMMDD`);
  }
}

/** Gender and birth date follow from an 18-digit ID number (the line does not carry them). */
function fromIdNumber(ssn: string): { gender: string; birthDate: string } {
  if (!/^\d{17}[\dX]$/.test(ssn)) return { gender: '', birthDate: '' };
  let birthDate = '';
  try {
    birthDate = isoDate(ssn.slice(6, 14));
  } catch {
    birthDate = '';
  }
  return { gender: Number(ssn[16]) % 2 === 1 ? '1' : '2', birthDate };
}

/** Parse one output line (a GBK buffer as the DLL writes it, or already-decoded text). */
export function parseVendorDllLine(output: string | Buffer): VendorDllRecord {
  const text = (typeof output === 'string' ? output : iconv.decode(output, 'gbk')).replace(/\0.*$/s, '').trim();
  const parts = text.split('|');
  if (parts.length < 5) throw new DeviceError('CARD_DATA_INVALID', `vendor line has ${parts.length} fields`);
  const f = (i: number) => (parts[i] ?? '').trim();
  const cardId = f(3).toUpperCase();
  if (!/^[0-9A-F]{32}$/.test(cardId)) throw new DeviceError('CARD_DATA_INVALID', 'vendor line card id is malformed');
  const ssn = f(1).toUpperCase();
  const derived = fromIdNumber(ssn);
  return {
    cardId,
    cardNumber: f(2),
    ssn,
    name: f(4),
    gender: derived.gender,
    nation: '',
    birthDate: derived.birthDate,
    issueDate: optionalDate(f(7), 'issue date'),
    expiryDate: optionalDate(f(8), 'expiry date'),
    region: f(0) || cardId.slice(0, 6),
    specVersion: f(6),
    atrHistory: f(5),
    terminalNo: f(9),
    deviceNo: f(10),
  };
}

/** Format a record as the DLL would (used by the simulated DLL and tests). */
export function formatVendorDllLine(r: SsCardRecord, atrHistory = ''): string {
  const compact = (d: string) => d.replace(/-/g, '');
  return (
    [r.region, r.ssn, r.cardNumber, r.cardId, r.name, atrHistory, r.specVersion, compact(r.issueDate), compact(r.expiryDate), '', ''].join(
      '|',
    ) + '|'
  );
}

/** What a Windows build binds (koffi or a 32-bit helper process) around `iReadCardBas`. */
export interface SsCardDll {
  iReadCardBas(iType: number): Promise<{ ret: number; out: string | Buffer }>;
}

/** Read the card through the DLL; iType 3 (auto) as almost every caller uses. */
export async function readSsCardViaDll(dll: SsCardDll, iType = 3): Promise<VendorDllRecord> {
  const { ret, out } = await dll.iReadCardBas(iType);
  if (ret !== 0) {
    const message = typeof out === 'string' ? out : iconv.decode(out, 'gbk');
    const code = /无卡|未插|no card/i.test(message) ? 'CARD_NOT_PRESENT' : /复位|reset|mute/i.test(message) ? 'CARD_MUTE' : 'READER_PROTOCOL';
    throw new DeviceError(code, `iReadCardBas returned ${ret}: ${message.replace(/\0.*$/s, '').slice(0, 80)}`);
  }
  const record = parseVendorDllLine(out);
  if (!record.ssn || !record.name) throw new DeviceError('CARD_DATA_INVALID', 'vendor line lacks number or name');
  return record;
}
