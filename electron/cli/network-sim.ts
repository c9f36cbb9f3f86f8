// `npm run --silent cli -- network-sim [--port P] [--faults SPEC] [--seed S] [--hold-ms MS]
//   [--journal FILE] [--sign-in-ttl-ms MS] [--quiet]`  (--journal keeps the network's books across restarts)
// Runs the built-in (strict) platform simulator on 127.0.0.1 until killed; prints its URL.
// Inspection and demo switches: /__sim/* on the same port (docs/SIMULATOR.md).
import { intFlag, parseArgs, stringFlag, UsageError, type FlagSpec } from './args';
import { parseFaults, startPlatformSimulator } from '../network/simulator';

export const summary = 'run the built-in insurance platform simulator: --port P [--faults SPEC] [--seed S]';
export const flags: FlagSpec = { strings: ['port', 'faults', 'seed', 'hold-ms', 'journal', 'sign-in-ttl-ms'], booleans: ['quiet'] };

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, flags);
  const port = intFlag(args, 'port', 0);
  if (port > 65535) throw new UsageError('--port must be 0..65535');
  const spec = stringFlag(args, 'faults');
  try {
    parseFaults(spec);
  } catch (err) {
    throw new UsageError(`--faults: ${(err as Error).message}`);
  }
  const quiet = args.flags.has('quiet');
  const ttl = stringFlag(args, 'sign-in-ttl-ms');
  const sim = await startPlatformSimulator({
    port,
    faults: spec,
    seed: intFlag(args, 'seed', 1),
    holdMs: intFlag(args, 'hold-ms', 60_000),
    journalFile: stringFlag(args, 'journal'),
    // Any institution may connect (a technician tries the code of their own clinic).
    strictInstitution: false,
    ...(ttl ? { signInTtlMs: intFlag(args, 'sign-in-ttl-ms', 0) } : {}),
    log: quiet ? undefined : (line) => process.stderr.write(`${new Date().toISOString()} ${line}\n`),
  });
  process.stdout.write(`network simulator listening: ${sim.url}\n`);
  process.stdout.write(`faults: ${sim.faults()}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await sim.close();
  return 0;
}
