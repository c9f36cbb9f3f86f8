// Decode the social security card's EF05/EF06 records (DEVICES.md Part 2 §1.3) into a record.
import * as iconv from 'iconv-lite';
import { bcdDigits, isoDate, toHex, untilZero } from '../bytes';
import { DeviceError } from '../errors';
import type { SsCardRecord } from '../records';

/** Tag → expected value length, for the first READ RECORD's Le. */
export const EF05_TAGS: Record<number, number> = { 0x01: 16, 0x02: 1, 0x03: 4, 0x04: 12, 0x05: 4, 0x06: 4, 0x07: 9 };
export const EF06_TAGS: Record<number, number> = { 0x08: 18, 0x09: 30, 0x0a: 1, 0x0b: 1, 0x0c: 3, 0x0d: 4 };
/** Tags a card may lack without the read failing. */
export const OPTIONAL_TAGS = new Set([0x02, 0x04, 0x0c]);

export type TagValues = Map<number, Buffer>;

export interface SsCardDetails extends SsCardRecord {
  cardType?: string;
  initOrg?: string;
  birthplace?: string;
}

function need(values: TagValues, tag: number): Buffer {
  const v = values.get(tag);
  if (!v) throw new DeviceError('CARD_DATA_INVALID', `tag ${tag.toString(16)} missing`);
  return v;
}

function ascii(bytes: Buffer): string {
  return untilZero(bytes).toString('latin1').replace(/[\s\xff]+$/, '');
}

function bcdDate(bytes: Buffer, what: string): string {
  try {
    return isoDate(bcdDigits(bytes));
  } catch {
    throw new DeviceError('CARD_DATA_INVALID', `${what} is not a BCD date: ${toHex(bytes)}`);
  }
}

/** Build the record from tag values; validates what the settlement needs. */
export function decodeSsCard(values: TagValues): SsCardDetails {
  const cardIdBytes = need(values, 0x01);
  if (cardIdBytes.length !== 16) throw new DeviceError('CARD_DATA_INVALID', `card id of ${cardIdBytes.length} bytes`);
  const cardId = toHex(cardIdBytes);
  const ssn = ascii(need(values, 0x08)).toUpperCase();
  if (!/^\d{17}[\dX]$/.test(ssn) && !/^\d{15}$/.test(ssn)) {
    throw new DeviceError('CARD_DATA_INVALID', `social security number of ${ssn.length} characters is malformed`);
  }
  const name = iconv.decode(untilZero(need(values, 0x09)), 'gbk').trim();
  if (!name || name.includes('\uFFFD')) throw new DeviceError('CARD_DATA_INVALID', 'name is empty or not GBK');
  const cardNumber = ascii(need(values, 0x07));
  if (!/^[0-9A-Z]{6,20}$/.test(cardNumber)) throw new DeviceError('CARD_DATA_INVALID', 'card number is malformed');
  let nation: string;
  try {
    nation = bcdDigits(need(values, 0x0b)).padStart(2, '0');
  } catch {
    throw new DeviceError('CARD_DATA_INVALID', 'nation is not BCD');
  }
  const record: SsCardDetails = {
    cardId,
    cardNumber,
    ssn,
    name,
    gender: ascii(need(values, 0x0a)),
    nation,
    birthDate: bcdDate(need(values, 0x0d), 'birth date'),
    issueDate: bcdDate(need(values, 0x05), 'issue date'),
    expiryDate: bcdDate(need(values, 0x06), 'expiry date'),
    region: cardId.slice(0, 6),
    specVersion: ascii(need(values, 0x03)),
  };
  const type = values.get(0x02);
  if (type) record.cardType = ascii(type);
  const org = values.get(0x04);
  if (org) record.initOrg = toHex(org);
  const place = values.get(0x0c);
  if (place) {
    try {
      record.birthplace = bcdDigits(place);
    } catch {
      // Birthplace is informative only.
    }
  }
  return record;
}

/** The fields the command line and the network need, in a fixed order. */
export function publicSsCardFields(r: SsCardRecord): SsCardRecord {
  const { cardId, cardNumber, ssn, name, gender, nation, birthDate, issueDate, expiryDate, region, specVersion } = r;
  return { cardId, cardNumber, ssn, name, gender, nation, birthDate, issueDate, expiryDate, region, specVersion };
}
