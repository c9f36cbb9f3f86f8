// A simulated QR scanner in USB-CDC mode: each scan is written as one CR/LF-terminated line.
import { ByteTransport } from '../transport/types';

export class QrScannerSim {
  private transport: ByteTransport | undefined;

  attach(transport: ByteTransport): this {
    this.transport = transport;
    return this;
  }

  async scan(code: string, terminator = '\r\n'): Promise<void> {
    await this.transport?.write(Buffer.from(code + terminator, 'utf8'));
  }

  async raw(bytes: Uint8Array): Promise<void> {
    await this.transport?.write(bytes);
  }
}
