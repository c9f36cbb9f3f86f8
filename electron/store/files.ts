// Writing files that must be whole or absent: every write's byte count checked (a short write is
// continued, a write that makes no progress is an error), then fsync, then an atomic rename, so
// a full disk or a crash leaves the old file or none, never half of a new one. And the one test
// for "the disk is full", for every place that must say so plainly.
import fs from 'node:fs';
import path from 'node:path';

export type WriteFn = (fd: number, buf: Buffer, offset: number, length: number, position: number | null) => number;

export { DISK_FULL_MESSAGE, isDiskFull } from '../core/disk-full';

/** Writes all of `buf` at the fd's position; short writes are continued. */
export function writeAll(fd: number, buf: Buffer, write: WriteFn = fs.writeSync): void {
  let done = 0;
  while (done < buf.length) {
    const n = write(fd, buf, done, buf.length - done, null);
    if (!Number.isInteger(n) || n <= 0) {
      throw Object.assign(new Error(`write made no progress after ${done} of ${buf.length} bytes`), { code: 'ENOSPC' });
    }
    done += n;
  }
}

function fsyncDir(dir: string): void {
  if (process.platform === 'win32') return;
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // some file systems cannot sync a directory; the rename itself is still atomic
  }
}

/** Writes `file` whole or not at all: a temporary file beside it, every byte, fsync, rename. */
export function writeFileAtomic(file: string, data: Buffer | string, opts: { mode?: number; write?: WriteFn } = {}): void {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  const fd = fs.openSync(tmp, 'wx', opts.mode ?? 0o600);
  try {
    try {
      writeAll(fd, Buffer.isBuffer(data) ? data : Buffer.from(data, 'utf8'), opts.write);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  fsyncDir(dir);
}

/** Copies `from` to `to` whole or not at all (same steps as writeFileAtomic). */
export function copyFileAtomic(from: string, to: string, mode = 0o600): void {
  const tmp = path.join(path.dirname(to), `.${path.basename(to)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  try {
    fs.copyFileSync(from, tmp, fs.constants.COPYFILE_EXCL);
    if (process.platform !== 'win32') fs.chmodSync(tmp, mode);
    const fd = fs.openSync(tmp, 'r+');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, to);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  fsyncDir(path.dirname(to));
}
