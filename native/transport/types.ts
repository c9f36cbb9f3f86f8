// A byte pipe to a device: serial port, HID (reports already unwrapped), or an in-process pipe.

export interface ByteTransport {
  /** Human-readable description for logs, e.g. "serial /dev/ttyUSB0". */
  readonly description: string;
  readonly isOpen: boolean;
  write(bytes: Uint8Array): Promise<void>;
  /** Subscribe to incoming bytes; returns an unsubscribe function. */
  onData(listener: (chunk: Buffer) => void): () => void;
  /** Called once when the transport closes; `lost` is true when the device went away. */
  onClose(listener: (lost: boolean) => void): () => void;
  close(): Promise<void>;
}

/** A small listener list used by the transports. */
export class Listeners<A extends unknown[]> {
  private list = new Set<(...args: A) => void>();

  add(fn: (...args: A) => void): () => void {
    this.list.add(fn);
    return () => this.list.delete(fn);
  }

  emit(...args: A): void {
    for (const fn of [...this.list]) {
      try {
        fn(...args);
      } catch {
        // A listener's fault never breaks the transport.
      }
    }
  }

  clear(): void {
    this.list.clear();
  }
}
