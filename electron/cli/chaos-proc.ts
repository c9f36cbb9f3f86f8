// The chaos run's worker processes: bundled once per run into dist/ (fast restarts), started with
// their stdout read line by line, killed with SIGKILL.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { projectRoot } from '../platform/paths';

/** Points inside the worker where it may kill itself (after a msgid was stored, after an answer, after a commit). */
export const HOOKS = ['afterBegin', 'afterAnswer', 'afterCommit'];

/** Bundles the worker once per run (fast restarts: no TypeScript compile per start). */
export async function bundleWorker(): Promise<string> {
  const root = projectRoot();
  const out = path.join(root, 'dist', 'chaos', `worker-${process.pid}.js`);
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: [path.join(root, 'electron', 'cli', 'chaos-worker.ts')],
    bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile: out, logLevel: 'warning',
    external: ['better-sqlite3', 'electron', 'node-hid', 'serialport', '@serialport/*', 'pg-native', 'cloudflare:sockets'],
  });
  return out;
}

export interface WorkerRun {
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** True once the worker printed READY (its database open, settling begins); false if it exited first. */
  ready: Promise<boolean>;
  kill(): void;
}

export function startWorker(file: string, args: string[], onLine: (line: string) => void): WorkerRun {
  const child = spawn(process.execPath, [file, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let buf = '';
  let setReady: (ok: boolean) => void = () => {};
  const ready = new Promise<boolean>((resolve) => (setReady = resolve));
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    buf += chunk;
    let i: number;
    while ((i = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, i);
      if (line === 'READY') setReady(true);
      onLine(line);
      buf = buf.slice(i + 1);
    }
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (s: string) => process.stderr.write(`[worker] ${s}`));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => {
      if (buf) onLine(buf);
      setReady(false);
      resolve({ code, signal });
    }),
  );
  return { exit, ready, kill: () => child.kill('SIGKILL') };
}


/**
 * Where a run keeps its data dirs: a RAM-backed directory when the host has one. The run kills
 * processes, never the machine: what SQLite wrote is in the kernel's page cache either way, and
 * the fsyncs (synchronous=FULL, dozens per visit) that only guard against a power cut would
 * otherwise make most of the run's time on a loaded disk.
 */
export function chaosTmpDir(): string {
  const shm = '/dev/shm';
  try {
    fs.accessSync(shm, fs.constants.W_OK);
    return shm;
  } catch {
    return os.tmpdir();
  }
}
