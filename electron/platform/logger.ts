// The application log: English lines, one file per day in DATA_DIR/logs, personal data masked.
// Logging never throws (a full disk must not take the app down with it): a failed write is
// reported to `onError` and the line goes to stderr. A message cannot forge an entry: lines after
// its first are indented and control characters escaped, so every entry starts a line with its
// own time and level.
import fs from 'node:fs';
import path from 'node:path';
import { maskLogText } from '../core/mask';
import { chinaDate } from '../core/time';

export interface AppLogger {
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

export interface FileLoggerOptions {
  echo?: boolean;
  now?: () => Date;
  /** A write to the log file failed (disk full, folder gone): called once per failure. */
  onError?: (err: unknown) => void;
  /** The log file could be written again after failures. */
  onRecover?: () => void;
}

/** One entry's text on its own lines: continuation lines indented, control characters escaped. */
export function logEntryText(msg: string): string {
  return msg
    .replace(/\r\n?/g, '\n')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .split('\n')
    .join('\n    ');
}

export function createFileLogger(dir: string, opts: FileLoggerOptions = {}): AppLogger {
  const now = opts.now ?? (() => new Date());
  let failing = false;
  const safely = (fn: () => void) => {
    try {
      fn();
    } catch {
      // nothing more to do: logging must not throw
    }
  };
  const write = (level: string, msg: string) => {
    let line = '';
    try {
      const t = now();
      line = `${t.toISOString()} ${level} ${logEntryText(maskLogText(String(msg)))}\n`;
      if (failing) fs.mkdirSync(dir, { recursive: true });
      // After a failure the file may end in part of a line: start on a fresh one.
      fs.appendFileSync(path.join(dir, `app-${chinaDate(t)}.log`), failing ? `\n${line}` : line);
      if (failing) {
        failing = false;
        safely(() => opts.onRecover?.());
      }
    } catch (err) {
      if (!failing) safely(() => process.stderr.write(`log write failed (${(err as NodeJS.ErrnoException).code ?? String(err)}): ${line.slice(0, 300).trimEnd()}\n`));
      failing = true;
      safely(() => opts.onError?.(err));
      return;
    }
    if (opts.echo) safely(() => process.stderr.write(line));
  };
  safely(() => fs.mkdirSync(dir, { recursive: true }));
  return {
    info: (m) => write('INFO', m),
    warn: (m) => write('WARN', m),
    error: (m) => write('ERROR', m),
  };
}

export const silentLogger: AppLogger = { info() {}, warn() {}, error() {} };
