// Devices bench: reading a social security card through RSR-1 over a pty at 115200 baud
// (power on, SELECT SSSE, EF05 and EF06 by tag, power off), median of several reads. A pty does not
// pace bytes at the baud rate, so the bytes on the wire and their time at 115200 8N1 (10 bits a
// byte) are given too: that line time is what a real serial reader adds.
import { Rsr1Client } from '../../native/rsr1-client';
import { demoPerson, ssCardContent } from '../../electron/devices/demo-cards';
import { openPtyPair } from '../../native/sim/pty';
import { Rsr1ReaderSim } from '../../native/sim/rsr1-reader';
import { SimSsCard } from '../../native/sim/sscard';
import { readSsCard } from '../../native/sscard/read';
import { openSerial } from '../../native/transport/serial';
import type { BenchFigures, BenchSuite } from './registry';

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function run(): Promise<BenchFigures> {
  const pty = await openPtyPair();
  const device = await openSerial({ path: pty.device, baudRate: 115200 });
  const host = await openSerial({ path: pty.host, baudRate: 115200 });
  try {
    const sim = new Rsr1ReaderSim().attach(device);
    sim.insert(new SimSsCard(ssCardContent(demoPerson('poor'))));
    const reader = new Rsr1Client(host);
    let wire = 0;
    host.onData((c) => (wire += c.length));
    device.onData((c) => (wire += c.length));
    await readSsCard(reader);
    const wireBytes = wire;
    const times: number[] = [];
    for (let i = 0; i < 15; i++) {
      const started = process.hrtime.bigint();
      await readSsCard(reader);
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    return {
      'devices.read_card_ms': Math.round(median(times) * 10) / 10,
      'devices.read_card_wire_bytes': wireBytes,
      'devices.read_card_line_ms_115200': Math.round(((wireBytes * 10) / 115200) * 1000 * 10) / 10,
    };
  } finally {
    await host.close();
    await device.close();
    await pty.close();
  }
}

export const suite: BenchSuite = { name: 'devices', run };
