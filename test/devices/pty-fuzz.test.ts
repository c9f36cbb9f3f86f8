// Garbled bytes over real ptys, both ways: readers and drivers never crash or hang, and the next
// good exchange works. Each round waits until its garbage has crossed the pty (no fixed pause), and
// the drivers' deadlines are long enough for a machine busy with other work.
import { describe, expect, it } from 'vitest';
import { Ga467Client } from '../../native/idcard/ga467-client';
import { QrScanner } from '../../native/qr/scanner';
import { Rsr1Client } from '../../native/rsr1-client';
import { Rng } from '../../native/sim/garble';
import { readSsCard } from '../../native/sscard/read';
import type { ByteTransport } from '../../native/transport/types';
import { arrival, DEADLINES, serveIdCard, serveQr, serveSsCard } from './helpers';

/** Deadlines no scheduling delay reaches (a hung driver still fails, only later); the quiet window
 *  after a garbled answer too, since the good answer may be on its way behind it. */
const PATIENT = { ...DEADLINES, quietMs: 1000 };

/** Writes garbage to both ends and waits until both have received it. */
async function crossGarbage(host: ByteTransport, device: ByteTransport, toReader: Buffer, toDriver: Buffer): Promise<void> {
  const arrived = Promise.all([arrival(device, toReader.length), arrival(host, toDriver.length)]);
  await host.write(toReader);
  await device.write(toDriver);
  await arrived;
}

describe('pty fuzz', () => {
  it('RSR-1: garbage to the reader and to the driver, then a good read', async () => {
    const rng = new Rng(11);
    const served = await serveSsCard('poor');
    const host = await served.host();
    const reader = new Rsr1Client(host, PATIENT);
    for (let round = 0; round < 5; round++) {
      const toReader = Buffer.concat([rng.bytes(200), Buffer.from([0x02, 0x00, 0x02, 0x10])]);
      await crossGarbage(host, served.device, toReader, Buffer.concat([rng.bytes(200), Buffer.from([0x02, 0x0f, 0xff])]));
      expect((await readSsCard(reader)).ssn).toBe('370303195803120316');
    }
  });

  it('GA 467: garbage both ways, then a good read', async () => {
    const rng = new Rng(12);
    const served = await serveIdCard('poor', { requireRemoval: false });
    const host = await served.host();
    const reader = new Ga467Client(host, PATIENT);
    for (let round = 0; round < 5; round++) {
      const toReader = Buffer.concat([rng.bytes(200), Buffer.from('aaaaaa966900', 'hex')]);
      await crossGarbage(host, served.device, toReader, Buffer.concat([rng.bytes(300), Buffer.from('aaaaaa96690fff', 'hex')]));
      expect((await reader.read()).idNumber).toBe('370303195803120316');
    }
  });

  it('QR lines: binary noise, then the next scan arrives intact', async () => {
    const rng = new Rng(13);
    const served = await serveQr();
    const host = await served.host();
    const scanner = new QrScanner(host);
    for (let round = 0; round < 5; round++) {
      const noise = arrival(host, 500);
      await served.sim.raw(rng.bytes(500));
      await noise;
      scanner.discardPending();
      const next = scanner.nextScan(DEADLINES.timeoutMs);
      await served.sim.scan(`ECQR000${round}370303A7F3C9D2E8B1`);
      expect(await next).toBe(`ECQR000${round}370303A7F3C9D2E8B1`);
    }
  });
});
