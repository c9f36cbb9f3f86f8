// Read a social security card through an APDU channel: SELECT SSSE, EF05 tags 01..07,
// EF06 tags 08..0D, each READ RECORD by tag (P2 = 00) following 6Cxx / 61xx.
import { DeviceError } from '../errors';
import type { ApduChannel, Rsr1Client } from '../rsr1-client';
import { readRecordByTag, selectByName, selectEf, splitAnswer, SSSE_AID, transmitFollowing } from './apdu';
import { decodeSsCard, EF05_TAGS, EF06_TAGS, OPTIONAL_TAGS, SsCardDetails, TagValues } from './decode';

function okSw(sw: number): boolean {
  return sw === 0x9000 || sw >> 8 === 0x61;
}

async function select(ch: ApduChannel, apdu: Buffer, what: string): Promise<void> {
  const { sw } = splitAnswer(await ch.transmit(apdu));
  if (!okSw(sw)) throw new DeviceError('CARD_UNKNOWN', `SELECT ${what} answered ${sw.toString(16)}`);
}

// RSR-1 has no sequence numbers: after a timeout, the reader's late answer to the earlier command
// can arrive as the answer to the next one. A record answer names its tag, so a mismatch is such a
// stale answer: it is dropped and the READ RECORD sent again.
const STALE_RETRIES = 2;

async function readTag(ch: ApduChannel, tag: number, len: number): Promise<Buffer | undefined> {
  for (let attempt = 0; ; attempt++) {
    const { data, sw } = await transmitFollowing(ch, readRecordByTag(tag, len + 2));
    if (sw !== 0x9000) {
      if (OPTIONAL_TAGS.has(tag)) return undefined;
      throw new DeviceError('CARD_DATA_INVALID', `READ RECORD tag ${tag.toString(16)} answered ${sw.toString(16)}`);
    }
    if (data.length >= 2 && data[0] === tag && data[1] <= data.length - 2) return Buffer.from(data.subarray(2, 2 + data[1]));
    if (attempt >= STALE_RETRIES) throw new DeviceError('CARD_DATA_INVALID', `record for tag ${tag.toString(16)} is malformed`);
  }
}

async function readTags(ch: ApduChannel, tags: Record<number, number>, out: TagValues): Promise<void> {
  for (const [key, len] of Object.entries(tags)) {
    const value = await readTag(ch, Number(key), len);
    if (value) out.set(Number(key), value);
  }
}

/** The card-side read: the card is already powered. */
export async function readSsCardFiles(ch: ApduChannel): Promise<SsCardDetails> {
  await select(ch, selectByName(SSSE_AID), 'SSSE');
  const values: TagValues = new Map();
  await select(ch, selectEf(0xef05), 'EF05');
  await readTags(ch, EF05_TAGS, values);
  await select(ch, selectEf(0xef06), 'EF06');
  await readTags(ch, EF06_TAGS, values);
  return decodeSsCard(values);
}

/** The whole read through an RSR-1 reader: power on, read, power off (always attempted). */
export async function readSsCard(reader: Rsr1Client): Promise<SsCardDetails> {
  const atr = await reader.powerOn();
  if (atr.length === 0) throw new DeviceError('CARD_MUTE', 'POWER ON returned no ATR');
  try {
    return await readSsCardFiles(reader);
  } finally {
    await reader.powerOff().catch(() => undefined);
  }
}
