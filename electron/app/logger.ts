// The application log: English lines, one file per day in DATA_DIR/logs, personal data masked.
import fs from 'node:fs';
import path from 'node:path';
import { maskIdNumber } from '../core/mask';
import { chinaDate } from '../core/time';

export interface AppLogger {
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

// 18-character resident ID numbers (and 15-digit legacy ones) are masked wherever they appear.
const ID_NUMBER = /\b(\d{17}[\dXx]|\d{15})\b/g;

export function maskLogText(text: string): string {
  return text.replace(ID_NUMBER, (m) => maskIdNumber(m));
}

export function createFileLogger(dir: string, opts: { echo?: boolean; now?: () => Date } = {}): AppLogger {
  fs.mkdirSync(dir, { recursive: true });
  const now = opts.now ?? (() => new Date());
  const write = (level: string, msg: string) => {
    const t = now();
    const line = `${t.toISOString()} ${level} ${maskLogText(msg)}\n`;
    fs.appendFileSync(path.join(dir, `app-${chinaDate(t)}.log`), line);
    if (opts.echo) process.stderr.write(line);
  };
  return {
    info: (m) => write('INFO', m),
    warn: (m) => write('WARN', m),
    error: (m) => write('ERROR', m),
  };
}

export const silentLogger: AppLogger = { info() {}, warn() {}, error() {} };
