// Garbled bytes over real ptys, both ways: readers and drivers never crash or hang, and the next
// good exchange works.
import { describe, expect, it } from 'vitest';
import { Ga467Client } from '../../native/idcard/ga467-client';
import { QrScanner } from '../../native/qr/scanner';
import { Rsr1Client } from '../../native/rsr1-client';
import { Rng } from '../../native/sim/garble';
import { readSsCard } from '../../native/sscard/read';
import { serveIdCard, serveQr, serveSsCard } from './helpers';

const settle = (ms = 40) => new Promise((r) => setTimeout(r, ms));

describe('pty fuzz', () => {
  it('RSR-1: garbage to the reader and to the driver, then a good read', async () => {
    const rng = new Rng(11);
    const served = await serveSsCard('poor');
    const host = await served.host();
    const reader = new Rsr1Client(host, { timeoutMs: 200 });
    for (let round = 0; round < 5; round++) {
      await host.write(Buffer.concat([rng.bytes(200), Buffer.from([0x02, 0x00, 0x02, 0x10])]));
      await served.device.write(Buffer.concat([rng.bytes(200), Buffer.from([0x02, 0x0f, 0xff])]));
      await settle();
      expect((await readSsCard(reader)).ssn).toBe('370303195803120316');
    }
  });

  it('GA 467: garbage both ways, then a good read', async () => {
    const rng = new Rng(12);
    const served = await serveIdCard('poor', { requireRemoval: false });
    const host = await served.host();
    const reader = new Ga467Client(host, { timeoutMs: 200 });
    for (let round = 0; round < 5; round++) {
      await host.write(Buffer.concat([rng.bytes(200), Buffer.from('aaaaaa966900', 'hex')]));
      await served.device.write(Buffer.concat([rng.bytes(300), Buffer.from('aaaaaa96690fff', 'hex')]));
      await settle();
      expect((await reader.read()).idNumber).toBe('370303195803120316');
    }
  });

  it('QR lines: binary noise, then the next scan arrives intact', async () => {
    const rng = new Rng(13);
    const served = await serveQr();
    const scanner = new QrScanner(await served.host());
    for (let round = 0; round < 5; round++) {
      await served.sim.raw(rng.bytes(500));
      await settle();
      scanner.discardPending();
      const next = scanner.nextScan(2000);
      await served.sim.scan(`ECQR000${round}370303A7F3C9D2E8B1`);
      expect(await next).toBe(`ECQR000${round}370303A7F3C9D2E8B1`);
    }
  });
});
