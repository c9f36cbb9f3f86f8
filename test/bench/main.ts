// `npm run bench [-- --json] [-- --only name,name]`: prints every figure; never fails on a timing.
import { suites } from './registry';
import { parseArgs, stringFlag } from '../../electron/cli/args';

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), { strings: ['only'], booleans: ['json'] });
  const json = args.flags.has('json');
  const only = stringFlag(args, 'only')?.split(',');
  const figures: Record<string, number> = {};
  for (const [name, load] of Object.entries(suites)) {
    if (only && !only.includes(name)) continue;
    const started = Date.now();
    const suite = await load();
    const result = await suite.run();
    Object.assign(figures, result);
    if (!json) {
      for (const [key, value] of Object.entries(result)) console.log(`${key.padEnd(34)} ${value}`);
      console.log(`(${name}: ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    } else {
      process.stderr.write(`bench ${name}: ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    }
  }
  if (json) process.stdout.write(JSON.stringify(figures) + '\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
