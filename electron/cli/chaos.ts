// `npm run --silent cli -- chaos --kills N --seed S [--faults SPEC] [--keep] [--windows W --center URL]`
// (with --center: W windows on one center, electron/cli/chaos-windows.ts)
// The crash-and-fault test: the strict platform simulator runs here with faults on (sign-ins
// ended now and then among them); a settling-and-forwarding
// worker (bundled once per run into dist/) runs against a fresh data dir and is killed with
// SIGKILL N times at random moments (timed from outside once it is settling, one in ten during its
// start-up, or at a chosen point inside: after a msgid was stored, after the network's answer
// came, right after a commit), restarted each time,
// then left to settle the rest and drain. Checks: every settlement the worker reported committed
// exists locally and at the network exactly once, none lost, none duplicated, the amounts
// reconcile. Last stdout line: {"settlements":S,"kills":K,"lost":0,"duplicated":0,"mismatched":0,"unresolved":0}.
import fs from 'node:fs';
import path from 'node:path';
import { intFlag, parseArgs, printJsonLine, stringFlag, UsageError, type FlagSpec } from './args';
import { startPlatformSimulator } from '../network/simulator';
import { seededRandom } from '../network/simulator/faults';
import { checkChaos } from './chaos-check';
import { HOOKS, bundleWorker, chaosTmpDir, startWorker, type WorkerRun } from './chaos-proc';
import { runWindows } from './chaos-windows';

export const summary = 'crash-and-fault test: settle and forward while killed N times, then check nothing is lost or doubled';
export const flags: FlagSpec = { strings: ['kills', 'seed', 'faults', 'visits', 'windows', 'center'], booleans: ['keep'] };

const DEFAULT_FAULTS = 'drop=0.03,timeout=0.03,error=0.03,dup=0.03,commit-then-timeout=0.04,signin-end=0.01,latency=0-8';

/**
 * Kills the worker `ms` after it is ready (settling), or, for a start-up kill, `ms` after its
 * start (opening the database, resuming open attempts). A kill timed from the start alone mostly
 * fell before the worker was ready: the run then killed start-ups, not settlements.
 */
async function killAtRandom(w: WorkerRun, ms: number, inStartUp: boolean): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  let timer: NodeJS.Timeout | undefined;
  const arm = () => (timer = setTimeout(() => w.kill(), ms));
  if (inStartUp) arm();
  else void w.ready.then((ok) => ok && arm());
  // A worker that never gets ready is not waited for forever.
  const guard = setTimeout(() => w.kill(), 120_000);
  const r = await w.exit;
  clearTimeout(timer);
  clearTimeout(guard);
  return r;
}

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, flags);
  const kills = intFlag(args, 'kills', 20);
  const seed = intFlag(args, 'seed', 1);
  const faults = stringFlag(args, 'faults') ?? DEFAULT_FAULTS;
  if (kills < 0) throw new UsageError('--kills must be >= 0');
  const visits = intFlag(args, 'visits', 4 * kills + 10);
  const windows = intFlag(args, 'windows', 1);
  const center = stringFlag(args, 'center');
  if (windows < 1 || windows > 20) throw new UsageError('--windows must be 1..20');
  if (windows > 1 && !center) throw new UsageError('--windows needs --center URL (the windows share one center)');
  if (center) return runWindows({ kills, seed, faults, windows, center, visits: intFlag(args, 'visits', Math.ceil((4 * kills) / windows) + 10), keep: args.flags.has('keep') });
  const rnd = seededRandom(seed * 7919 + 17);
  const started = Date.now();
  const dataDir = fs.mkdtempSync(path.join(chaosTmpDir(), 'settle-chaos-'));
  const prefix = `CH${seed}X`;
  const worker = await bundleWorker();
  const sim = await startPlatformSimulator({ port: 0, faults, seed, holdMs: 250, catalog: { sizes: { drugs: 600, services: 300, consumables: 100, herbs: 60 } } });
  const reported = new Map<string, string>();
  const onLine = (line: string) => {
    const m = /^COMMITTED (\S+) (\S+)$/.exec(line);
    if (m) reported.set(m[1], m[2]);
  };
  const base = ['--data', dataDir, '--url', sim.url, '--prefix', prefix, '--visits', String(visits)];
  let killed = 0;
  try {
    for (let k = 0; k < kills; k++) {
      const useHook = rnd() < 0.4;
      const hookArgs = useHook ? ['--kill-hook', HOOKS[Math.floor(rnd() * HOOKS.length)], '--kill-after', String(1 + Math.floor(rnd() * 4))] : [];
      const w = startWorker(worker, [...base, '--pace', String(20 + Math.floor(rnd() * 80)), ...hookArgs], onLine);
      const r = await killAtRandom(w, useHook ? 2500 : 100 + Math.floor(rnd() * 1100), !useHook && rnd() < 0.1);
      if (r.signal === 'SIGKILL') killed += 1;
      else process.stderr.write(`chaos: worker ${k + 1} exited by itself (code ${r.code})\n`);
      if ((k + 1) % 20 === 0) process.stderr.write(`chaos: ${k + 1}/${kills} kills, ${reported.size} settlements reported\n`);
    }
    process.stderr.write(`chaos: ${killed} kills done; settling the rest and draining\n`);
    const last = startWorker(worker, [...base, '--pace', '0', '--drain'], onLine);
    // A hung drain is ended; a long one is not (the visits left take a second or two each on a loaded machine).
    const guard = setTimeout(() => last.kill(), 300_000 + 2000 * Math.max(0, visits - reported.size));
    const r = await last.exit;
    clearTimeout(guard);
    if (r.code !== 0) process.stderr.write(`chaos: the draining worker ended with ${r.code ?? r.signal}\n`);
    const { counts, notes } = checkChaos(path.join(dataDir, 'settle.db'), sim.ledger(), reported, killed, prefix);
    for (const n of notes.slice(0, 30)) process.stderr.write(`chaos: ${n}\n`);
    const stats = sim.stats();
    process.stderr.write(
      `chaos: ${((Date.now() - started) / 1000).toFixed(1)} s, ${reported.size} reported, faults ${JSON.stringify(stats.faults)}, replayed ${stats.replayed}, data ${dataDir}\n`,
    );
    printJsonLine(counts);
    // A draining worker that failed leaves the run unfinished, whatever the counts say.
    const ok = r.code === 0 && counts.lost === 0 && counts.duplicated === 0 && counts.mismatched === 0 && counts.unresolved === 0;
    return ok ? 0 : 1;
  } finally {
    await sim.close();
    fs.rmSync(worker, { force: true });
    if (!args.flags.has('keep')) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
