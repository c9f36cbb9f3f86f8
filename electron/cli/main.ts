// Entry point of `npm run --silent cli -- <command> [flags]`.
import { commands } from './commands';
import { UsageError } from './args';

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const load = name ? commands[name] : undefined;
  if (!load) {
    const lines = await Promise.all(
      Object.entries(commands).map(async ([n, l]) => `  ${n.padEnd(16)} ${(await l()).summary}`),
    );
    process.stderr.write(`usage: npm run --silent cli -- <command> [flags]\ncommands:\n${lines.join('\n')}\n`);
    return name ? 2 : 0;
  }
  try {
    return await (await load()).run(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`${name}: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`error: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
