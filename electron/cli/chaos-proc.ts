// The chaos run's worker processes: bundled once per run into dist/ (fast restarts), started with
// their stdout read line by line, killed with SIGKILL.
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
  kill(): void;
}

export function startWorker(file: string, args: string[], onLine: (line: string) => void): WorkerRun {
  const child = spawn(process.execPath, [file, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let buf = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    buf += chunk;
    let i: number;
    while ((i = buf.indexOf('\n')) >= 0) {
      onLine(buf.slice(0, i));
      buf = buf.slice(i + 1);
    }
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (s: string) => process.stderr.write(`[worker] ${s}`));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => {
      if (buf) onLine(buf);
      resolve({ code, signal });
    }),
  );
  return { exit, kill: () => child.kill('SIGKILL') };
}

