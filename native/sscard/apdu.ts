// Social security card APDUs (DEVICES.md Part 2 §1.2) and the 6Cxx / 61xx handling.
import { DeviceError } from '../errors';
import type { ApduChannel } from '../rsr1-client';

/** DDF "SSSE": ASCII "sx1.sh." + GBK "社会保障". */
export const SSSE_AID = Buffer.from('7378312E73682EC9E7BBE1B1A3D5CF', 'hex');

export function selectByName(aid: Buffer): Buffer {
  return Buffer.concat([Buffer.from([0x00, 0xa4, 0x04, 0x00, aid.length]), aid]);
}

export function selectEf(fid: number): Buffer {
  return Buffer.from([0x00, 0xa4, 0x02, 0x00, 0x02, fid >> 8, fid & 0xff]);
}

export function readRecordByTag(tag: number, le: number): Buffer {
  return Buffer.from([0x00, 0xb2, tag, 0x00, le & 0xff]);
}

export function getResponse(le: number): Buffer {
  return Buffer.from([0x00, 0xc0, 0x00, 0x00, le & 0xff]);
}

export interface ApduAnswer {
  data: Buffer;
  sw: number;
}

export function splitAnswer(raw: Buffer): ApduAnswer {
  if (raw.length < 2) throw new DeviceError('READER_PROTOCOL', `response APDU of ${raw.length} bytes`);
  return { data: raw.subarray(0, raw.length - 2), sw: raw.readUInt16BE(raw.length - 2) };
}

/**
 * Send a case-2 command (ending in Le) and follow the card: `6Cxx` resends with Le = xx,
 * `61xx` fetches the rest with GET RESPONSE. Returns the collected data and the final SW.
 */
export async function transmitFollowing(ch: ApduChannel, apdu: Buffer): Promise<ApduAnswer> {
  // A GET RESPONSE whose answer was lost on the line cannot be repeated (the card has moved on):
  // start over from the original command (a few times).
  let answer = await follow(ch, apdu);
  for (let again = 0; again < 3 && answer.sw !== 0x9000 && answer.viaGetResponse; again++) answer = await follow(ch, apdu);
  return answer;
}

async function follow(ch: ApduChannel, apdu: Buffer): Promise<ApduAnswer & { viaGetResponse: boolean }> {
  let command = apdu;
  let collected = Buffer.alloc(0);
  let viaGetResponse = false;
  for (let step = 0; step < 8; step++) {
    const { data, sw } = splitAnswer(await ch.transmit(command));
    const sw1 = sw >> 8;
    if (sw1 === 0x6c) {
      command = Buffer.concat([command.subarray(0, command.length - 1), Buffer.from([sw & 0xff])]);
      continue;
    }
    collected = Buffer.concat([collected, data]);
    if (sw1 === 0x61) {
      command = getResponse(sw & 0xff);
      viaGetResponse = true;
      continue;
    }
    return { data: collected, sw, viaGetResponse };
  }
  throw new DeviceError('READER_PROTOCOL', 'card kept asking for a different Le');
}
