// Starts the real app in browser mode (as `npm start` does) on a fresh data dir and a free port,
// and stops it afterwards. Used by every end-to-end spec.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface StartedApp {
  url: string;
  dataDir: string;
  process: ChildProcess;
  output(): string;
  /** SIGTERM, then SIGKILL after 5 s. */
  stop(): Promise<void>;
  /** SIGKILL at once: a power-cut-like stop. */
  kill(): Promise<void>;
}

const ROOT = path.resolve(__dirname, '..', '..', '..');

export function freshDataDir(prefix = 'settle-e2e-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * `viaNpm` runs `npm start` itself (builds the UI first); otherwise tsx runs electron/start.ts
 * directly against the already built UI, which is faster for the bigger suites.
 */
export async function startApp(opts: { dataDir?: string; extraArgs?: string[]; viaNpm?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<StartedApp> {
  const dataDir = opts.dataDir ?? freshDataDir();
  const args = ['--data-dir', dataDir, '--port', '0', '--browser', ...(opts.extraArgs ?? [])];
  const child = opts.viaNpm
    ? spawn('npm', ['start', '--silent', '--', ...args], { cwd: ROOT, env: { ...process.env, ...opts.env }, detached: true })
    : spawn(process.execPath, [path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'electron/start.ts', ...args], {
        cwd: ROOT,
        env: { ...process.env, ...opts.env },
        detached: true,
      });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`app did not start in time:\n${out}`)), 60_000);
    const check = () => {
      const m = /browser mode at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout?.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`app exited early (${code}):\n${out}`));
    });
  });
  const signal = async (sig: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    try {
      process.kill(-child.pid!, sig);
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, 5000);
    await exited;
    clearTimeout(timer);
  };
  return { url, dataDir, process: child, output: () => out, stop: () => signal('SIGTERM'), kill: () => signal('SIGKILL') };
}

export function screenshotPath(name: string): string {
  const dir = path.join(ROOT, 'test-results', 'screens');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, `${name}.png`);
}
