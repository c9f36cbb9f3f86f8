// HID transport over node-hid's async API. Reads run in a loop with a short timeout (no 'data'
// listener: it crashes some Electron builds), reports are unwrapped into a byte stream.
import { DeviceError } from '../errors';
import { bytesToOutputReports, payloadBytes } from './hid-reports';
import { ByteTransport, Listeners } from './types';

/** The part of node-hid's HIDAsync we use; a fake device implements the same. */
export interface HidDeviceLike {
  write(values: number[] | Buffer): Promise<number>;
  read(timeoutMs?: number): Promise<Buffer | undefined>;
  close(): Promise<void>;
}

export type HidOpener = (path: string) => Promise<HidDeviceLike>;

export interface HidDeviceInfo {
  path: string;
  vendorId: number;
  productId: number;
  product?: string;
  manufacturer?: string;
}

type NodeHid = typeof import('node-hid');

function loadNodeHid(): NodeHid {
  // Loaded lazily: the native module is only needed when a HID reader is configured.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('node-hid') as NodeHid;
}

export const nodeHidOpener: HidOpener = async (path) => {
  const hid = loadNodeHid();
  return (await hid.HIDAsync.open(path)) as unknown as HidDeviceLike;
};

export async function listHidDevices(): Promise<HidDeviceInfo[]> {
  const hid = loadNodeHid();
  const devices = await hid.devicesAsync();
  return devices
    .filter((d) => d.path)
    .map((d) => ({
      path: d.path as string,
      vendorId: d.vendorId,
      productId: d.productId,
      product: d.product,
      manufacturer: d.manufacturer,
    }));
}

class HidTransport implements ByteTransport {
  readonly description: string;
  private readonly data = new Listeners<[Buffer]>();
  private readonly closed = new Listeners<[boolean]>();
  private open = true;
  private loop: Promise<void>;

  constructor(
    private readonly device: HidDeviceLike,
    path: string,
  ) {
    this.description = `hid ${path}`;
    this.loop = this.readLoop();
  }

  get isOpen(): boolean {
    return this.open;
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (!this.open) throw new DeviceError('READER_NOT_CONNECTED', `${this.description} is closed`);
    try {
      for (const report of bytesToOutputReports(bytes)) await this.device.write(report);
    } catch (err) {
      this.finish(true);
      throw new DeviceError('READER_NOT_CONNECTED', `${this.description}: ${(err as Error).message}`);
    }
  }

  onData(listener: (chunk: Buffer) => void): () => void {
    return this.data.add(listener);
  }

  onClose(listener: (lost: boolean) => void): () => void {
    return this.closed.add(listener);
  }

  async close(): Promise<void> {
    if (!this.open) return;
    this.open = false;
    await this.loop;
    await this.device.close().catch(() => undefined);
    this.finish(false);
  }

  private async readLoop(): Promise<void> {
    while (this.open) {
      let report: Buffer | undefined;
      try {
        report = await this.device.read(50);
      } catch {
        if (this.open) this.finish(true);
        return;
      }
      if (!report || report.length === 0) continue;
      const bytes = payloadBytes(report);
      if (bytes.length) this.data.emit(bytes);
    }
  }

  private finish(lost: boolean): void {
    const wasOpen = this.open;
    this.open = false;
    if (lost && wasOpen) void this.device.close().catch(() => undefined);
    this.closed.emit(lost);
    this.closed.clear();
    this.data.clear();
  }
}

export async function openHid(path: string, opener: HidOpener = nodeHidOpener): Promise<ByteTransport> {
  let device: HidDeviceLike;
  try {
    device = await opener(path);
  } catch (err) {
    throw new DeviceError('READER_NOT_CONNECTED', `cannot open HID ${path}: ${(err as Error).message}`);
  }
  return new HidTransport(device, path);
}
