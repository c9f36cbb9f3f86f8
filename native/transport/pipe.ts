// An in-process byte pipe: two linked transports, for the simulated reader of the app (the same
// framing and driver code as on a real port) and for quick tests.
import { ByteTransport, Listeners } from './types';

class PipeEnd implements ByteTransport {
  peer!: PipeEnd;
  readonly data = new Listeners<[Buffer]>();
  readonly closed = new Listeners<[boolean]>();
  private open = true;

  constructor(readonly description: string) {}

  get isOpen(): boolean {
    return this.open;
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (!this.open) throw new Error(`${this.description} is closed`);
    const copy = Buffer.from(bytes);
    const peer = this.peer;
    setImmediate(() => {
      if (peer.open) peer.data.emit(copy);
    });
  }

  onData(listener: (chunk: Buffer) => void): () => void {
    return this.data.add(listener);
  }

  onClose(listener: (lost: boolean) => void): () => void {
    return this.closed.add(listener);
  }

  async close(): Promise<void> {
    this.shut(false);
    this.peer.shut(true);
  }

  shut(lost: boolean): void {
    if (!this.open) return;
    this.open = false;
    this.closed.emit(lost);
    this.closed.clear();
    this.data.clear();
  }
}

export function createPipe(name = 'pipe'): [ByteTransport, ByteTransport] {
  const a = new PipeEnd(`${name}:host`);
  const b = new PipeEnd(`${name}:device`);
  a.peer = b;
  b.peer = a;
  return [a, b];
}
