// Social security card through RSR-1 over a real pty pair, against the simulated reader.
import { describe, expect, it } from 'vitest';
import { DeviceError } from '../../native/errors';
import { Rsr1Client } from '../../native/rsr1-client';
import { publicSsCardFields } from '../../native/sscard/decode';
import { readSsCard } from '../../native/sscard/read';
import { GarbleMode } from '../../native/sim/garble';
import { arrival, DEADLINES, expectedSsCard, serveSsCard } from './helpers';

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (err) {
    expect(err).toBeInstanceOf(DeviceError);
    return (err as DeviceError).code;
  }
}

describe('social security card over RSR-1 on a pty', () => {
  it('reads and decodes the card: GBK name, BCD dates, card id as hex', async () => {
    const served = await serveSsCard('poor');
    const reader = new Rsr1Client(await served.host(), DEADLINES);
    const record = await readSsCard(reader);
    expect(publicSsCardFields(record)).toEqual(expectedSsCard('poor'));
    expect(record.cardId).toMatch(/^[0-9A-F]{32}$/);
    expect(record.birthplace).toBe('370303');
    // Power on, SELECT SSSE, SELECT EF05, 7 reads, SELECT EF06, 6 reads, power off.
    expect(served.sim.log[0]).toBe('11');
    expect(served.sim.log.at(-1)).toBe('12');
    expect(served.sim.log.filter((c) => c === '13:b2')).toHaveLength(13);
  });

  it('follows 6Cxx (a different name record length) and 61xx (GET RESPONSE)', async () => {
    const a = await serveSsCard('employee', {}, { nameLength: 20 });
    expect((await readSsCard(new Rsr1Client(await a.host(), DEADLINES))).name).toBe('刘芳');
    expect(a.sim.log.filter((c) => c === '13:b2').length).toBe(14);
    const b = await serveSsCard('disabled', {}, { getResponse: true });
    const r = await readSsCard(new Rsr1Client(await b.host(), DEADLINES));
    expect(r.nation).toBe('03');
    expect(b.sim.log.filter((c) => c === '13:c0').length).toBe(13);
  });

  it('tells no card, a mute card, a foreign card and a card pulled out mid-read apart', async () => {
    const none = await serveSsCard('');
    expect(await codeOf(readSsCard(new Rsr1Client(await none.host(), DEADLINES)))).toBe('CARD_NOT_PRESENT');
    const mute = await serveSsCard('poor', {}, { mute: true });
    expect(await codeOf(readSsCard(new Rsr1Client(await mute.host(), DEADLINES)))).toBe('CARD_MUTE');
    const foreign = await serveSsCard('poor', {}, { foreign: true });
    expect(await codeOf(readSsCard(new Rsr1Client(await foreign.host(), DEADLINES)))).toBe('CARD_UNKNOWN');
    const pulled = await serveSsCard('poor');
    pulled.sim.removeAfterApdus(5);
    expect(await codeOf(readSsCard(new Rsr1Client(await pulled.host(), DEADLINES)))).toBe('CARD_REMOVED');
  });

  it('copes with a slow reader and times out cleanly on a silent one', async () => {
    const slow = await serveSsCard('poor', { delayMs: 15 });
    expect((await readSsCard(new Rsr1Client(await slow.host(), DEADLINES))).name).toBe('张建国');
    const silent = await serveSsCard('poor', { silent: true });
    const started = Date.now();
    const reader = new Rsr1Client(await silent.host(), { timeoutMs: 150, powerOnTimeoutMs: 150, retries: 1 });
    expect(await codeOf(readSsCard(reader))).toBe('READER_TIMEOUT');
    expect(Date.now() - started).toBeLessThan(2000);
    // The link is still usable afterwards.
    silent.sim.options.silent = false;
    expect((await readSsCard(reader)).ssn).toBe('370303195803120316');
  });

  for (const mode of ['bcc', 'noise', 'truncate', 'overlong'] as GarbleMode[]) {
    it(`recovers from garbled replies (${mode})`, async () => {
      const served = await serveSsCard('lowIncome', { garbleEvery: 4, garbleMode: mode, seed: 7 });
      const reader = new Rsr1Client(await served.host(), DEADLINES);
      expect(publicSsCardFields(await readSsCard(reader))).toEqual(expectedSsCard('lowIncome'));
    });
  }

  it('recovers when a GET RESPONSE answer is garbled (the card has moved on)', async () => {
    const served = await serveSsCard('disabled', { garbleEvery: 4, garbleMode: 'bcc' }, { getResponse: true });
    const reader = new Rsr1Client(await served.host(), DEADLINES);
    expect(publicSsCardFields(await readSsCard(reader))).toEqual(expectedSsCard('disabled'));
  });

  it('survives garbage on the line between reads and reads again', async () => {
    const served = await serveSsCard('ordinary');
    const host = await served.host();
    const reader = new Rsr1Client(host, DEADLINES);
    const garbage = [Buffer.from('0203ff02000111aa03deadbeef020fff', 'hex'), Buffer.alloc(300, 0x02)];
    const arrived = arrival(host, garbage[0].length + garbage[1].length);
    for (const g of garbage) await served.device.write(g);
    await arrived;
    expect((await readSsCard(reader)).name).toBe('赵志强');
  });
});
