// Serial transport over serialport (115200 8N1, no flow control by default).
import { SerialPort } from 'serialport';
import { DeviceError } from '../errors';
import { ByteTransport, Listeners } from './types';

export interface SerialOptions {
  path: string;
  baudRate?: number;
  dataBits?: 5 | 6 | 7 | 8;
  stopBits?: 1 | 1.5 | 2;
  parity?: 'none' | 'even' | 'odd' | 'mark' | 'space';
}

export interface SerialPortInfo {
  path: string;
  manufacturer?: string;
  serialNumber?: string;
  vendorId?: string;
  productId?: string;
}

export async function listSerialPorts(): Promise<SerialPortInfo[]> {
  const ports = await SerialPort.list();
  return ports.map((p) => ({
    path: p.path,
    manufacturer: p.manufacturer,
    serialNumber: p.serialNumber,
    vendorId: p.vendorId,
    productId: p.productId,
  }));
}

class SerialTransport implements ByteTransport {
  readonly description: string;
  private readonly data = new Listeners<[Buffer]>();
  private readonly closed = new Listeners<[boolean]>();
  private closing = false;
  private done = false;

  constructor(private readonly port: SerialPort) {
    this.description = `serial ${port.path}`;
    port.on('data', (chunk: Buffer) => this.data.emit(chunk));
    port.on('error', () => {
      // Errors surface as a close or as failed writes; the listener keeps node from throwing.
    });
    port.on('close', (err?: { disconnected?: boolean }) => this.finish(!this.closing || Boolean(err?.disconnected)));
  }

  get isOpen(): boolean {
    return this.port.isOpen && !this.done;
  }

  write(bytes: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      if (!this.isOpen) return reject(new DeviceError('READER_NOT_CONNECTED', `${this.description} is closed`));
      this.port.write(Buffer.from(bytes), (err) => {
        if (err) return reject(new DeviceError('READER_NOT_CONNECTED', `${this.description}: ${err.message}`));
        this.port.drain(() => resolve());
      });
    });
  }

  onData(listener: (chunk: Buffer) => void): () => void {
    return this.data.add(listener);
  }

  onClose(listener: (lost: boolean) => void): () => void {
    return this.closed.add(listener);
  }

  async close(): Promise<void> {
    if (this.done) return;
    this.closing = true;
    await new Promise<void>((resolve) => {
      if (!this.port.isOpen) return resolve();
      this.port.close(() => resolve());
    });
    this.finish(false);
  }

  private finish(lost: boolean): void {
    if (this.done) return;
    this.done = true;
    this.closed.emit(lost);
    this.closed.clear();
    this.data.clear();
  }
}

export async function openSerial(options: SerialOptions): Promise<ByteTransport> {
  const port = new SerialPort({
    path: options.path,
    baudRate: options.baudRate ?? 115200,
    dataBits: options.dataBits ?? 8,
    stopBits: options.stopBits ?? 1,
    parity: options.parity ?? 'none',
    rtscts: false,
    xon: false,
    xoff: false,
    autoOpen: false,
  });
  await new Promise<void>((resolve, reject) => {
    port.open((err) => {
      if (err) reject(new DeviceError('READER_NOT_CONNECTED', `cannot open serial ${options.path}: ${err.message}`));
      else resolve();
    });
  });
  return new SerialTransport(port);
}
