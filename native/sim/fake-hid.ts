// A fake HID device with node-hid's async interface (write/read/close), wired to a simulator's
// byte transport: the host side sees 64-byte reports exactly as node-hid would hand them over.
import { HID_REPORT_SIZE, bytesToInputReports, payloadBytes } from '../transport/hid-reports';
import type { HidDeviceLike } from '../transport/hid';
import { ByteTransport, Listeners } from '../transport/types';

class DeviceSide implements ByteTransport {
  readonly description = 'fake-hid:device';
  readonly data = new Listeners<[Buffer]>();
  readonly closed = new Listeners<[boolean]>();
  open = true;

  constructor(private readonly fake: FakeHidDevice) {}

  get isOpen(): boolean {
    return this.open;
  }

  async write(bytes: Uint8Array): Promise<void> {
    for (const report of bytesToInputReports(bytes)) this.fake.queueInput(report);
  }

  onData(listener: (chunk: Buffer) => void): () => void {
    return this.data.add(listener);
  }

  onClose(listener: (lost: boolean) => void): () => void {
    return this.closed.add(listener);
  }

  async close(): Promise<void> {
    this.open = false;
    this.closed.emit(false);
  }
}

export class FakeHidDevice implements HidDeviceLike {
  readonly device: ByteTransport;
  private readonly input: Buffer[] = [];
  private readers: Array<(r: Buffer | undefined) => void> = [];
  private plugged = true;
  private opened = true;
  /** Output reports the host wrote (with their report ID byte), for tests. */
  readonly written: Buffer[] = [];

  constructor() {
    this.device = new DeviceSide(this);
  }

  async write(values: number[] | Buffer): Promise<number> {
    if (!this.plugged || !this.opened) throw new Error('Cannot write to hid device');
    const report = Buffer.from(values);
    if (report.length !== HID_REPORT_SIZE + 1 || report[0] !== 0x00) throw new Error('bad report');
    this.written.push(report);
    const bytes = payloadBytes(report.subarray(1));
    const side = this.device as DeviceSide;
    if (bytes.length) setImmediate(() => side.open && side.data.emit(bytes));
    return report.length;
  }

  read(timeoutMs = 0): Promise<Buffer | undefined> {
    if (!this.plugged || !this.opened) return Promise.reject(new Error('could not read from HID device'));
    const next = this.input.shift();
    if (next) return Promise.resolve(next);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.readers = this.readers.filter((r) => r !== deliver);
        if (this.plugged) resolve(undefined);
        else reject(new Error('could not read from HID device'));
      }, timeoutMs);
      const deliver = (r: Buffer | undefined) => {
        clearTimeout(timer);
        if (r) resolve(r);
        else reject(new Error('could not read from HID device'));
      };
      this.readers.push(deliver);
    });
  }

  async close(): Promise<void> {
    this.opened = false;
    this.failReaders();
  }

  queueInput(report: Buffer): void {
    if (!this.plugged) return;
    const reader = this.readers.shift();
    if (reader) reader(report);
    else this.input.push(report);
  }

  /** The device goes away: reads and writes fail as node-hid's do. */
  unplug(): void {
    this.plugged = false;
    this.input.length = 0;
    this.failReaders();
  }

  private failReaders(): void {
    const readers = this.readers;
    this.readers = [];
    for (const r of readers) r(undefined);
  }
}
