// Sending thermal receipt bytes: over a serial port (serialport; USB-serial and COM printers) or
// into a device or file path (/dev/usb/lp0, a shared printer path, or a file for checking).
import fs from 'node:fs';

export type ThermalTarget = { kind: 'serial'; path: string; baudRate: number } | { kind: 'file'; path: string };

export async function sendThermal(bytes: Buffer, target: ThermalTarget, timeoutMs = 10_000): Promise<void> {
  if (target.kind === 'file') {
    await fs.promises.writeFile(target.path, bytes);
    return;
  }
  const { SerialPort } = await import('serialport');
  const port = new SerialPort({ path: target.path, baudRate: target.baudRate, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`thermal printer did not take the data within ${timeoutMs} ms`)), timeoutMs);
      port.write(bytes, (err) => {
        if (err) {
          clearTimeout(timer);
          reject(err);
          return;
        }
        port.drain((e) => {
          clearTimeout(timer);
          if (e) reject(e);
          else resolve();
        });
      });
    });
  } finally {
    await new Promise<void>((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve()));
  }
}
