// A full disk: writes are checked (short writes continued, no progress is an error), a receipt PDF
// is archived only whole, nothing half-written is served, the logger never throws, and the app
// stays up and says plainly that the disk is full. The disk is a real 24 MB tmpfs mounted by this
// test (root); where mounting is not allowed, the same outcomes are checked with an injected write.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { composeApp, type RunningApp } from '../../electron/app/compose';
import { createFileLogger } from '../../electron/platform/logger';
import { writeAll, writeFileAtomic, isDiskFull } from '../../electron/store/files';
import { isCompletePdf, writeAtomically } from '../../electron/print/archive';
import { receiptFromCaseFile } from '../../electron/print/case-receipt';
import * as v from 'valibot';
import { Dispatcher } from '../../electron/api/dispatch';
import type { ReceiptsService } from '../../electron/print/service';
import { caseFiles } from '../print/helpers';
import { tempDir } from './tmp';

describe('checked writes', () => {
  it('a short write is continued; a write that makes no progress is an error and leaves nothing', () => {
    const dir = tempDir();
    const file = path.join(dir, 'a.bin');
    const data = Buffer.from('0123456789'.repeat(100));
    let calls = 0;
    const dribble = (fd: number, buf: Buffer, off: number, len: number) => (calls++, fs.writeSync(fd, buf, off, Math.min(len, 7)));
    writeFileAtomic(file, data, { write: dribble });
    expect(fs.readFileSync(file).equals(data)).toBe(true);
    expect(calls).toBeGreaterThan(100);
    let written = 0;
    const full = (fd: number, buf: Buffer, off: number, len: number) => {
      if (written >= 300) return 0;
      const n = fs.writeSync(fd, buf, off, Math.min(len, 300 - written));
      written += n;
      return n;
    };
    expect(() => writeAtomically(path.join(dir, 'R1.pdf'), data, full)).toThrow(/no progress/);
    expect(fs.readdirSync(dir)).toEqual(['a.bin']);
    expect(() => writeAll(0, Buffer.from('x'), () => 0)).toThrow();
    try {
      writeAll(0, Buffer.from('x'), () => 0);
    } catch (err) {
      expect(isDiskFull(err)).toBe(true);
    }
  });

  it('the logger never throws, reports the failure, and one message cannot forge a log line', () => {
    const dir = tempDir();
    const errors: unknown[] = [];
    const asFile = path.join(dir, 'not-a-folder');
    fs.writeFileSync(asFile, 'x');
    const broken = createFileLogger(asFile, { onError: (e) => errors.push(e) });
    expect(() => broken.error('cannot be written')).not.toThrow();
    expect(errors.length).toBe(1);
    const log = createFileLogger(path.join(dir, 'logs'), { now: () => new Date('2026-01-01T00:00:00Z') });
    log.warn('visit "a\n2026-01-01T00:00:00.000Z INFO operator admin logged in\r\u2028x"');
    const text = fs.readFileSync(path.join(dir, 'logs', 'app-2026-01-01.log'), 'utf8');
    expect(text.split('\n').filter((l) => /^\d{4}-/.test(l))).toHaveLength(1);
    expect(text).toContain('\n    2026-01-01T00:00:00.000Z INFO operator admin');
  });

  it('a disk-full failure inside a call is answered plainly, not as an internal error', async () => {
    const d = new Dispatcher({ info() {}, error() {} });
    let told = 0;
    d.setDiskFullSink(() => told++);
    d.register('app.info', { role: 'public', input: v.unknown(), run: () => { throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }); } } as never);
    const r = (await d.dispatch('app.info', undefined, { channel: 'http' })) as { ok: false; error: { code: string; message: string } };
    expect(r.error.code).toBe('DISK_FULL');
    expect(r.error.message).toContain('磁盘已满');
    expect(told).toBe(1);
  });
});

// ------------------------------------------------------------------ a real full disk (tmpfs)

let mountDir: string | undefined;
let app: RunningApp | undefined;

function tryMount(): string | undefined {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'full-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=24m', 'tmpfs', dir], { stdio: 'ignore' });
    return dir;
  } catch {
    fs.rmdirSync(dir);
    return undefined;
  }
}

/** Fills the disk to the last byte; returns the filler files to remove. */
function fill(dir: string): string[] {
  const files: string[] = [];
  for (const chunk of [1024 * 1024, 4096, 1]) {
    for (;;) {
      const f = path.join(dir, `filler-${files.length}`);
      try {
        const fd = fs.openSync(f, 'w');
        try {
          writeAll(fd, Buffer.alloc(chunk));
        } finally {
          fs.closeSync(fd);
        }
        files.push(f);
      } catch {
        files.push(f);
        break;
      }
    }
  }
  return files;
}

beforeAll(() => {
  mountDir = tryMount();
});
afterAll(async () => {
  await app?.close().catch(() => undefined);
  if (mountDir) {
    try {
      execFileSync('umount', [mountDir], { stdio: 'ignore' });
    } catch {
      execFileSync('umount', ['-l', mountDir], { stdio: 'ignore' }); // still busy: detach it anyway
    }
    fs.rmdirSync(mountDir);
  }
});

describe('a full disk under the running app', () => {
  it('stays up, says the disk is full, archives receipts only whole and serves nothing half-written', async () => {
    const base = mountDir ?? tempDir();
    const dataDir = path.join(base, 'data');
    app = await composeApp({ dataDir, mode: 'test' });
    const receipts = app.services.receipts;
    const built = receiptFromCaseFile(caseFiles().find((f) => f.includes('zibo-poverty-township-inpatient'))!, { sign: receipts.sign });
    if (!built.ok) throw new Error(built.error.message);
    const data = built.value;
    const health = () => app!.dispatcher.dispatch('app.health', undefined, { channel: 'http' }) as Promise<{ ok: true; value: { problems: { code: string; message: string }[] } }>;
    if (!mountDir) {
      // No mount allowed here: the outcomes of the write path are checked above with injected writes.
      expect((await health()).value.problems).toEqual([]);
      return;
    }
    // The original sheet is archived while there is room.
    const first = await receipts.archive(data);
    expect(first.archived).toBe(true);
    const fillers = fill(base);
    expect(() => app!.ctx.log.info('x'.repeat(100_000))).not.toThrow();
    // Leave 32 KB: room for small writes, not for a whole receipt PDF (a write of it comes back short).
    for (const f of fillers.filter((x) => fs.existsSync(x) && fs.statSync(x).size === 4096).slice(0, 8)) fs.rmSync(f);
    const problems = (await health()).value.problems;
    expect(problems.map((p) => p.code)).toEqual(['DISK_FULL']);
    expect(problems[0].message).toContain('磁盘已满');
    // A reprint's PDF does not fit: nothing is stored under its name, nothing counts as archived.
    const reprint = await receipts.reprint(data.receiptNo).catch((err: unknown) => ({ error: err }));
    if ('error' in reprint) expect(isDiskFull(reprint.error)).toBe(true);
    else expect(reprint.pdfPath).toBe('');
    const dir = path.dirname(first.pdfPath);
    expect(fs.readdirSync(dir)).toEqual([path.basename(first.pdfPath)]);
    expect(receipts.pdfPath(data.receiptNo, 1)).toBeUndefined();
    // A large write to SQLite fails as "disk full", and the store is not damaged by it.
    const db = app.ctx.db;
    let sqliteError: unknown;
    try {
      db.exec('CREATE TABLE IF NOT EXISTS ballast (t TEXT)');
      db.transaction(() => {
        for (let i = 0; i < 2000; i++) db.prepare('INSERT INTO ballast (t) VALUES (?)').run('y'.repeat(10_000));
      })();
    } catch (err) {
      sqliteError = err;
    }
    expect(isDiskFull(sqliteError)).toBe(true);
    expect((await app.dispatcher.dispatch('app.info', undefined, { channel: 'http' })).ok).toBe(true);
    // Room again: the status clears and the receipt is archived whole.
    for (const f of fillers) fs.rmSync(f, { force: true });
    expect((await health()).value.problems).toEqual([]);
    expect(db.pragma('quick_check', { simple: true })).toBe('ok');
    const again = await receipts.archive(data);
    expect(again.archived).toBe(true);
    expect(isCompletePdf(again.pdfPath)).toBe(true);
    expect(again.pdfPath).toBe(first.pdfPath);
    // A PDF cut short (left by an older build) is never served as archived, and is rendered again.
    fs.writeFileSync(again.pdfPath, fs.readFileSync(again.pdfPath).subarray(0, 2000));
    expect(receipts.pdfPath(data.receiptNo)).toBeUndefined();
    const printed = await receipts.print(data.receiptNo);
    expect(printed.pdfPath).toBeTruthy();
    expect(isCompletePdf(receipts.pdfPath(data.receiptNo, printed.reprintNo)!)).toBe(true);
  }, 120_000);
});
