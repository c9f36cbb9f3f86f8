// RSR-1 over HID: 64-byte reports through a fake device with node-hid's async interface.
import { describe, expect, it } from 'vitest';
import { DeviceError } from '../../native/errors';
import { encodeRsr1 } from '../../native/framing/rsr1';
import { Rsr1Client } from '../../native/rsr1-client';
import { demoPerson, ssCardContent } from '../../electron/devices/demo-cards';
import { FakeHidDevice } from '../../native/sim/fake-hid';
import { Rsr1ReaderSim } from '../../native/sim/rsr1-reader';
import { SimSsCard } from '../../native/sim/sscard';
import { readSsCard } from '../../native/sscard/read';
import { openHid } from '../../native/transport/hid';
import { bytesToOutputReports, payloadBytes } from '../../native/transport/hid-reports';

describe('HID reports', () => {
  it('chunks a frame into 65-byte writes (report ID 00, count byte) and back', () => {
    const frame = encodeRsr1(0x13, Buffer.alloc(150, 0x5a));
    const reports = bytesToOutputReports(frame);
    expect(reports.map((r) => r.length)).toEqual([65, 65, 65]);
    expect(reports.map((r) => r[0])).toEqual([0, 0, 0]);
    expect(reports.map((r) => r[1])).toEqual([63, 63, frame.length - 126]);
    expect(Buffer.concat(reports.map((r) => payloadBytes(r.subarray(1))))).toEqual(frame);
    expect(payloadBytes(Buffer.from([0, 1, 2]))).toHaveLength(0);
    expect(payloadBytes(Buffer.from([64, 1, 2]))).toHaveLength(0);
  });
});

describe('social security card over RSR-1 on HID', () => {
  async function setup() {
    const fake = new FakeHidDevice();
    const sim = new Rsr1ReaderSim().attach(fake.device);
    sim.insert(new SimSsCard(ssCardContent(demoPerson('employee'))));
    const transport = await openHid('/dev/hidraw-fake', async () => fake);
    return { fake, sim, transport, reader: new Rsr1Client(transport, { timeoutMs: 200 }) };
  }

  it('reads the card', async () => {
    const { fake, reader } = await setup();
    const r = await readSsCard(reader);
    expect(r.name).toBe('刘芳');
    expect(r.cardNumber).toBe('M10000005');
    expect(fake.written.every((w) => w.length === 65 && w[0] === 0)).toBe(true);
    await reader.close();
  });

  it('reports an unplugged reader as not connected', async () => {
    const { fake, transport, reader } = await setup();
    const closed = new Promise((r) => transport.onClose(r));
    fake.unplug();
    await closed;
    await expect(readSsCard(reader)).rejects.toMatchObject({ code: 'READER_NOT_CONNECTED' });
    expect(reader.isOpen).toBe(false);
  });

  it('a failing open is "reader not connected"', async () => {
    const err = await openHid('/dev/none', async () => {
      throw new Error('cannot open device');
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeviceError);
    expect((err as DeviceError).code).toBe('READER_NOT_CONNECTED');
  });
});
