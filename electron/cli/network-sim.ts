// `npm run --silent cli -- network-sim [--port P] [--faults SPEC] [--seed S] [--packs DIR] [--hold-ms MS]
//   [--journal FILE] [--quiet]`  (--journal keeps the network's books across restarts)
// Runs the built-in insurance network simulator on 127.0.0.1 until killed; prints its URL.
import { intFlag, parseArgs, stringFlag, UsageError, type FlagSpec } from './args';
import { parseFaults, startNetworkSimulator } from '../network/sim';

export const summary = 'run the built-in insurance network simulator: --port P [--faults SPEC] [--seed S]';
export const flags: FlagSpec = { strings: ['port', 'faults', 'seed', 'packs', 'hold-ms', 'journal'], booleans: ['quiet'] };

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
  const sim = await startNetworkSimulator({
    port,
    faults: spec,
    seed: intFlag(args, 'seed', 1),
    packsDir: stringFlag(args, 'packs'),
    holdMs: intFlag(args, 'hold-ms', 60_000),
    journalFile: stringFlag(args, 'journal'),
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
