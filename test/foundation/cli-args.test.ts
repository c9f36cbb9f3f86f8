// The command line: node:util parseArgs, strict and per command. Unknown flags, missing values and
// stray words are refused (UsageError, exit 2) with a message naming the flag and the known ones;
// every flag the README documents for a command is one that command declares.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError, type FlagSpec } from '../../electron/cli/args';
import { commands } from '../../electron/cli/commands';
import { APP_FLAGS } from '../../electron/app/flags';

const root = path.resolve(__dirname, '..', '..');
const tsx = path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const spec: FlagSpec = { strings: ['case', 'data-dir'], booleans: ['keep'] };

function refusal(argv: string[], s: FlagSpec = spec): string {
  try {
    parseArgs(argv, s);
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as Error).message;
  }
  throw new Error(`accepted ${argv.join(' ')}`);
}

describe('parseArgs', () => {
  it('reads --name VALUE, --name=VALUE and --name into the flags map', () => {
    const a = parseArgs(['--case', 'a.json', '--data-dir=/tmp/x', '--keep'], spec);
    expect([...a.flags]).toEqual([['case', 'a.json'], ['data-dir', '/tmp/x'], ['keep', true]]);
    expect(a.positional).toEqual([]);
    expect(parseArgs([], spec).flags.size).toBe(0);
  });

  it('refuses an unknown flag, naming it and the known ones', () => {
    expect(refusal(['--case', 'a', '--cas', 'b'])).toBe('unknown flag --cas (flags: --case VALUE, --data-dir VALUE, --keep)');
    expect(refusal(['-c', 'a'])).toMatch(/^unknown flag -c /);
  });

  it('refuses a missing value, a value that looks like a flag, a value on a lone flag and a stray word', () => {
    expect(refusal(['--case'])).toBe('--case needs a value');
    expect(refusal(['--case', '--keep'])).toMatch(/^--case needs a value \(write --case=VALUE/);
    expect(refusal(['--keep=yes'])).toBe('--keep takes no value');
    expect(refusal(['--case', 'a', 'b.json'])).toMatch(/^unexpected word 'b.json'/);
  });

  it('takes words when the spec says so, and only the main process lets unknown switches through', () => {
    expect(parseArgs(['rsr1', '--keep'], { ...spec, positionals: true }).positional).toEqual(['rsr1']);
    const electron = parseArgs(['--no-sandbox', '--data-dir', 'D', '--enable-logging=stderr', 'x'], APP_FLAGS, { allowUnknown: true });
    expect([...electron.flags]).toEqual([['data-dir', 'D']]);
    expect(refusal(['--no-sandbox'], APP_FLAGS)).toMatch(/^unknown flag --no-sandbox/);
  });
});

/** The README's command table: command name -> the flags its row shows. */
function readmeFlags(): Map<string, string[]> {
  const rows = fs.readFileSync(path.join(root, 'README.md'), 'utf8').split('\n').filter((l) => l.startsWith('| `'));
  const out = new Map<string, string[]>();
  for (const row of rows) {
    const usage = row.split(/(?<!\\)\|/)[1] ?? '';
    for (const [, text] of usage.matchAll(/`([^`]+)`/g)) {
      const [name] = text.split(' ');
      out.set(name, [...text.matchAll(/--([a-z][a-z-]*)/g)].map((m) => m[1]));
    }
  }
  return out;
}

describe('every command', () => {
  const names = Object.keys(commands);

  it('is in the README table, and declares every flag its row shows', async () => {
    const documented = readmeFlags();
    expect(names.filter((n) => !documented.has(n))).toEqual([]);
    for (const name of names) {
      const { flags } = await commands[name]!();
      const declared = [...(flags.strings ?? []), ...(flags.booleans ?? [])];
      expect({ name, missing: documented.get(name)!.filter((f) => !declared.includes(f)) }).toEqual({ name, missing: [] });
    }
  }, 120_000);

  it('refuses an unknown flag before doing anything', async () => {
    for (const name of names) {
      const mod = await commands[name]!();
      const err = await mod.run(['--no-such-flag']).then(() => undefined, (e: unknown) => e);
      expect({ name, err: err instanceof UsageError ? err.message : String(err) }).toEqual({ name, err: expect.stringMatching(/^unknown flag --no-such-flag \(flags: --/) });
    }
  }, 120_000);

  // Each spawns a TypeScript process (npm start loads the whole app): long hang guards for a busy machine.
  it('exits 2 with the message on stderr through the real cli entry point', { timeout: 180_000 }, () => {
    const cli = spawnSync(process.execPath, [tsx, 'electron/cli/main.ts', 'settle', '--case', 'x.json', '--bogus'], { cwd: root, encoding: 'utf8', timeout: 170_000 });
    expect(cli.status).toBe(2);
    expect(cli.stderr.trim()).toBe('settle: unknown flag --bogus (flags: --case VALUE, --pack VALUE)');
    expect(cli.stdout).toBe('');
  });

  it('exits 2 with the message on stderr through npm start', { timeout: 180_000 }, () => {
    const start = spawnSync(process.execPath, [tsx, 'electron/start.ts', '--prot', '5780'], { cwd: root, encoding: 'utf8', timeout: 170_000 });
    expect(start.status).toBe(2);
    expect(start.stderr).toMatch(/^start: unknown flag --prot \(flags: --data-dir VALUE/);
  });
});
