// A linked pty pair from socat, for simulators and tests: unique link paths, wait until both links
// exist, kill socat on close. Closing mid-session is how tests unplug a serial reader.
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface PtyPair {
  /** The device end (the simulator opens it). */
  device: string;
  /** The host end (the driver, the CLI or the app opens it). */
  host: string;
  dir: string;
  close(): Promise<void>;
}

async function waitFor(check: () => boolean, ms: number, what: string, proc: ChildProcess): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (proc.exitCode !== null) throw new Error(`socat exited (${proc.exitCode}) before ${what}`);
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Start socat; `paths` reuses given link paths (to "replug" a reader at the same port). */
export async function openPtyPair(paths?: { device: string; host: string }): Promise<PtyPair> {
  let dir = paths ? '' : mkdtempSync(join(tmpdir(), 'pty-'));
  const device = paths?.device ?? join(dir, 'device');
  const host = paths?.host ?? join(dir, 'host');
  if (paths && !existsSync(dirname(device))) {
    // Replugging into a folder an earlier pair removed: recreate it, and remove it again on close.
    dir = dirname(device);
    mkdirSync(dir, { recursive: true });
  }
  const proc = spawn('socat', [`pty,raw,echo=0,link=${device}`, `pty,raw,echo=0,link=${host}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  proc.stderr?.resume();
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  try {
    await waitFor(() => existsSync(device) && existsSync(host), 5000, 'pty links', proc);
  } catch (err) {
    proc.kill('SIGKILL');
    throw err;
  }
  let closed = false;
  return {
    device,
    host,
    dir,
    async close() {
      if (closed) return;
      closed = true;
      if (proc.exitCode === null) {
        proc.kill('SIGTERM');
        const timer = setTimeout(() => proc.kill('SIGKILL'), 1000);
        await exited;
        clearTimeout(timer);
      }
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
