// The data-folder lock: two starts at the same instant never both get it (exclusive create), a
// stale lock is taken over once, and a lock file still being written counts as held.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { acquireDataDirLock, lockPath, runningPid } from '../../electron/app/lock';
import { tempDir } from './tmp';

const ROOT = path.resolve(__dirname, '../..');

class Worker {
  readonly proc: ChildProcessWithoutNullStreams;
  private readonly lines: string[] = [];
  private waiting?: (line: string) => void;
  constructor() {
    this.proc = spawn(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(ROOT, 'test/foundation/lock-worker.ts')], { cwd: ROOT });
    readline.createInterface({ input: this.proc.stdout }).on('line', (l) => {
      if (this.waiting) {
        const w = this.waiting;
        this.waiting = undefined;
        w(l);
      } else this.lines.push(l);
    });
  }
  next(): Promise<string> {
    const l = this.lines.shift();
    return l !== undefined ? Promise.resolve(l) : new Promise((r) => (this.waiting = r));
  }
  send(line: string): void {
    this.proc.stdin.write(line + '\n');
  }
}

/** The Chinese message of the failure `fn` throws. */
function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    return (err as { error?: { message?: string } }).error?.message ?? String(err);
  }
  return 'not refused';
}

let workers: Worker[] = [];
beforeAll(async () => {
  workers = [new Worker(), new Worker()];
  for (const w of workers) expect(await w.next()).toBe('ready');
}, 60_000);
afterAll(() => {
  for (const w of workers) w.proc.kill();
});

describe('data-folder lock', () => {
  it('20 rounds of two simultaneous starts: exactly one gets the lock each time', async () => {
    for (let round = 0; round < 20; round++) {
      const dir = tempDir('lock-race-');
      const at = Date.now() + 150;
      for (const w of workers) w.send(`take ${dir} ${at}`);
      const answers = await Promise.all(workers.map((w) => w.next()));
      expect(answers.filter((a) => a === 'got'), `round ${round}: ${answers.join(', ')}`).toHaveLength(1);
      expect(answers.filter((a) => a === 'busy DATA_DIR_IN_USE')).toHaveLength(1);
      for (const w of workers) w.send('release');
      expect(await Promise.all(workers.map((w) => w.next()))).toEqual(['released', 'released']);
      expect(fs.existsSync(lockPath(dir))).toBe(false);
    }
  }, 120_000);

  it('a lock file another start has created but not yet written counts as held', () => {
    const dir = tempDir('lock-empty-');
    fs.writeFileSync(lockPath(dir), '');
    expect(refusal(() => acquireDataDirLock(dir))).toContain('正在启动');
    expect(fs.readFileSync(lockPath(dir), 'utf8')).toBe('');
  });

  it('a live holder refuses; a dead one is taken over; release removes only our own lock', () => {
    const dir = tempDir('lock-stale-');
    const parent = process.ppid;
    fs.writeFileSync(lockPath(dir), String(parent));
    expect(refusal(() => acquireDataDirLock(dir))).toContain(`进程 ${parent}`);
    expect(runningPid(dir)).toBe(parent);
    fs.writeFileSync(lockPath(dir), '2147483646'); // no such process
    const release = acquireDataDirLock(dir);
    expect(fs.readFileSync(lockPath(dir), 'utf8')).toBe(String(process.pid));
    expect(refusal(() => acquireDataDirLock(dir))).toContain('另一个');
    fs.writeFileSync(lockPath(dir), String(parent)); // someone else's now
    release();
    expect(fs.readFileSync(lockPath(dir), 'utf8')).toBe(String(parent));
    fs.writeFileSync(lockPath(dir), '');
    // A minute before now on the file system's clock (the process clock may be faked in tests).
    const old = new Date(fs.statSync(lockPath(dir)).mtimeMs - 60_000);
    fs.utimesSync(lockPath(dir), old, old);
    acquireDataDirLock(dir)(); // an empty lock left by a start that died long ago is stale
    expect(fs.existsSync(lockPath(dir))).toBe(false);
  });
});
