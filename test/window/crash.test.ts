// kill -9 of a settling window, for real: a worker process (the whole app, the test's simulator as
// its network) settles the demo HIS visits through the window and is killed with SIGKILL, half
// the times right after a settlement's commit is seen in its database (before its receipt), half
// at a random moment; it is started again each time, then settles the rest and closes. After the
// restarts every paid visit is settled at the HIS store with its settlement and has its archived
// receipt (the data and a complete PDF), and no visit is paid twice.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatformSimulator, type PlatformSimulator } from '../../electron/network/simulator';
import { waitUntil } from '../settlement/helpers';
import { unpackText } from '../../electron/store/packed';

const root = path.resolve(__dirname, '..', '..');
const TAGS = 'K1';
const KILLS = 4;

let sim: PlatformSimulator;
let worker: string;
/** The app's clock in mid-2020 (the shipped policy packs), the same in every run of the worker. */
const offset = Date.now() - Date.parse('2020-06-15T01:30:00Z');
beforeAll(async () => {
  sim = await startPlatformSimulator({ port: 0, now: () => new Date(Date.now() - offset) });
  worker = path.join(root, 'dist', 'crash-test', `worker-${process.pid}.js`);
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: [path.join(__dirname, 'crash-worker.ts')],
    bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile: worker, logLevel: 'warning',
    external: ['better-sqlite3', 'electron', 'node-hid', 'serialport', '@serialport/*', 'playwright-core'],
  });
}, 120_000);
afterAll(async () => {
  await sim?.close();
  fs.rmSync(worker, { force: true });
});

interface Run {
  child: ChildProcess;
  lines: string[];
  exit: Promise<number | null>;
}

function start(dataDir: string, drain = false): Run {
  const args = [worker, '--data', dataDir, '--url', sim.url, '--tags', TAGS, '--offset', String(offset), ...(drain ? ['--drain'] : [])];
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let buf = '';
  child.stdout!.setEncoding('utf8').on('data', (c: string) => {
    buf += c;
    const parts = buf.split('\n');
    buf = parts.pop()!;
    lines.push(...parts);
    if (process.env.CRASH_DEBUG) for (const l of parts) process.stderr.write(`${new Date().toISOString()} ${l}\n`);
  });
  let err = '';
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (err += c));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => {
    if (code) process.stderr.write(`[crash worker] exit ${code}: ${err.slice(-3000)}\n`);
    resolve(code);
  }));
  return { child, lines, exit };
}

/** Settlements committed so far (read beside the worker: WAL lets a reader in while it writes). */
function committed(dataDir: string): number {
  const file = path.join(dataDir, 'settle.db');
  if (!fs.existsSync(file)) return 0;
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare("SELECT COUNT(*) AS n FROM settlements WHERE kind = 'settlement'").get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0;
  }
}

async function killRun(dataDir: string, k: number): Promise<string> {
  const run = start(dataDir);
  let ended = false;
  void run.exit.then(() => (ended = true));
  await waitUntil(() => ended || run.lines.some((l) => l.startsWith('RECOVERED')), 60_000, 'the worker to start');
  const before = committed(dataDir);
  // Even kills: as soon as a new settlement is committed (its receipt still being made). Odd: at a random moment.
  if (k % 2 === 0) await waitUntil(() => ended || committed(dataDir) > before || run.lines.includes('SETTLED-ALL'), 60_000, 'a commit');
  else await new Promise((r) => setTimeout(r, 100 + Math.floor(Math.random() * 2000)));
  run.child.kill('SIGKILL');
  await run.exit;
  return run.lines.find((l) => l.startsWith('RECOVERED')) ?? '';
}

describe('kill -9 while settling through the window', () => {
  it('after the restarts every paid visit is settled at the HIS and has its archived receipt', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'window-crash-'));
    const recovered: string[] = [];
    for (let k = 0; k < KILLS; k++) recovered.push(await killRun(dataDir, k));
    const last = start(dataDir, true);
    expect(await last.exit).toBe(0);
    recovered.push(last.lines.find((l) => l.startsWith('RECOVERED')) ?? '');
    // Some restart made good what a kill left: a receipt, or the archived PDF of a receipt stored
    // just before the kill (which of the two a kill right after the commit leaves is timing).
    expect(recovered.some((l) => /"(receipts|pdfs)":[1-9]/.test(l)), recovered.join('\n')).toBe(true);

    const db = new Database(path.join(dataDir, 'settle.db'), { readonly: true });
    const paid = db.prepare("SELECT id, receipt_no, visit_ref FROM settlements WHERE kind = 'settlement'").all() as { id: string; receipt_no: string; visit_ref: string }[];
    const visits = db.prepare('SELECT his_visit_id, state, result FROM his_visits').all() as { his_visit_id: string; state: string; result: string | Buffer | null }[];
    expect(visits).toHaveLength(6);
    expect(paid).toHaveLength(6);
    expect(new Set(paid.map((p) => p.visit_ref)).size).toBe(6);
    for (const v of visits) {
      const s = paid.find((p) => p.visit_ref === v.his_visit_id);
      expect(v.state, v.his_visit_id).toBe('settled');
      // The result column is packed (electron/store/packed.ts).
      expect(JSON.parse(unpackText(v.result!)).settlement.settlementId, v.his_visit_id).toBe(s!.id);
      const r = db.prepare('SELECT pdf_path FROM receipts WHERE receipt_no = ?').get(s!.receipt_no) as { pdf_path: string } | undefined;
      expect(r, `receipt of ${s!.id}`).toBeDefined();
      const pdf = fs.readFileSync(path.join(dataDir, r!.pdf_path));
      expect(pdf.subarray(0, 5).toString(), s!.id).toBe('%PDF-');
      expect(pdf.subarray(-1024).toString('latin1'), s!.id).toContain('%%EOF');
    }
    db.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 300_000);
});
