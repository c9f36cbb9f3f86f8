// QR scanner in USB-CDC (virtual COM) mode: each scan arrives as one CR/LF-terminated line.
import { DeviceError } from '../errors';
import { LineParser } from '../framing/lines';
import { ByteTransport } from '../transport/types';

export class QrScanner {
  private readonly parser = new LineParser({ maxLength: 2048 });
  private readonly lines: string[] = [];
  private waiter: ((line: string | Error) => void) | undefined;
  private readonly unsubscribe: Array<() => void> = [];

  constructor(readonly transport: ByteTransport) {
    this.unsubscribe.push(
      transport.onData((chunk) => {
        for (const line of this.parser.push(chunk)) this.deliver(line);
      }),
    );
    this.unsubscribe.push(
      transport.onClose(() => {
        const w = this.waiter;
        this.waiter = undefined;
        w?.(new DeviceError('READER_NOT_CONNECTED', `${transport.description} closed`));
      }),
    );
  }

  get isOpen(): boolean {
    return this.transport.isOpen;
  }

  /** Drop scans made before now (a stale code must never be taken for the current patient). */
  discardPending(): void {
    this.lines.length = 0;
    this.parser.reset();
  }

  /** The next scanned code, within `timeoutMs`. */
  nextScan(timeoutMs: number): Promise<string> {
    const queued = this.lines.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    if (!this.transport.isOpen) {
      return Promise.reject(new DeviceError('READER_NOT_CONNECTED', `${this.transport.description} is closed`));
    }
    if (this.waiter) return Promise.reject(new DeviceError('READER_BUSY', 'a scan is already awaited'));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        reject(new DeviceError('SCAN_TIMEOUT', `no scan in ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiter = (line) => {
        clearTimeout(timer);
        this.waiter = undefined;
        if (line instanceof Error) reject(line);
        else resolve(line);
      };
    });
  }

  async close(): Promise<void> {
    for (const u of this.unsubscribe.splice(0)) u();
    await this.transport.close();
  }

  private deliver(line: string): void {
    const code = line.trim();
    if (!code) return;
    if (this.waiter) this.waiter(code);
    else {
      this.lines.push(code);
      if (this.lines.length > 4) this.lines.shift();
    }
  }
}
