// Command-line flags through node:util parseArgs, strict and per command: each command names its
// flags (--name VALUE / --name=VALUE, or --name alone); an unknown flag, a missing value or a stray
// word is a UsageError (exit 2). The result keeps the shape the commands and the app read.
import { parseArgs as parseNodeArgs, type ParseArgsConfig } from 'node:util';

export interface FlagSpec {
  /** Flags that take a value. */
  strings?: readonly string[];
  /** Of `strings`, those that may be given more than once (every value in `lists`, the last in `flags`). */
  repeatable?: readonly string[];
  /** Flags that stand alone. */
  booleans?: readonly string[];
  /** Words that are not flags are taken (in `positional`) instead of refused. */
  positionals?: boolean;
}

export interface ParsedArgs {
  flags: Map<string, string | true>;
  positional: string[];
  /** Every value of a repeatable flag, in order. */
  lists: Map<string, string[]>;
}

export interface ParseOptions {
  /**
   * Keep going past flags that are not in the spec (and stray words): only for the Electron main
   * process, whose command line also carries Chromium's own switches.
   */
  allowUnknown?: boolean;
}

const known = (spec: FlagSpec) =>
  [...(spec.strings ?? []).map((n) => `--${n} VALUE`), ...(spec.booleans ?? []).map((n) => `--${n}`)].join(', ') || 'none';

/** node's parse errors in our words, naming the flag and the flags there are. */
function usageError(err: unknown, spec: FlagSpec): UsageError {
  const { code, message } = err as { code?: string; message: string };
  const quoted = /'([^']+)'/.exec(message)?.[1] ?? '';
  const flag = quoted.replace(/ <value>$/, '');
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return new UsageError(`unknown flag ${flag} (flags: ${known(spec)})`);
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return new UsageError(`unexpected word '${quoted}' (flags: ${known(spec)})`);
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (/does not take an argument/.test(message)) return new UsageError(`${flag} takes no value`);
    if (/ambiguous/.test(message)) return new UsageError(`${flag} needs a value (write ${flag}=VALUE for a value starting with -)`);
    return new UsageError(`${flag} needs a value`);
  }
  return new UsageError(message.split('\n')[0]);
}

export function parseArgs(argv: string[], spec: FlagSpec, opts: ParseOptions = {}): ParsedArgs {
  const options: NonNullable<ParseArgsConfig['options']> = {};
  for (const name of spec.strings ?? []) options[name] = { type: 'string', ...(spec.repeatable?.includes(name) ? { multiple: true } : {}) };
  for (const name of spec.booleans ?? []) options[name] = { type: 'boolean' };
  let parsed;
  try {
    parsed = parseNodeArgs({ args: argv, options, strict: !opts.allowUnknown, allowPositionals: !!(spec.positionals || opts.allowUnknown) });
  } catch (err) {
    throw usageError(err, spec);
  }
  const flags = new Map<string, string | true>();
  const lists = new Map<string, string[]>();
  for (const [name, value] of Object.entries(parsed.values)) {
    if (!(name in options)) continue; // another program's switch (allowUnknown only)
    if (Array.isArray(value)) {
      lists.set(name, value.filter((v): v is string => typeof v === 'string'));
      if (value.length) flags.set(name, value[value.length - 1] as string);
    } else if (typeof value === 'string' || value === true) flags.set(name, value);
  }
  return { flags, positional: parsed.positionals, lists };
}

export class UsageError extends Error {}

export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  if (v === true) throw new UsageError(`--${name} needs a value`);
  return v;
}

export function requireFlag(args: ParsedArgs, name: string): string {
  const v = stringFlag(args, name);
  if (v === undefined) throw new UsageError(`missing --${name}`);
  return v;
}

export function intFlag(args: ParsedArgs, name: string, fallback: number): number {
  const v = stringFlag(args, name);
  if (v === undefined) return fallback;
  if (!/^\d+$/.test(v)) throw new UsageError(`--${name} must be a whole number`);
  return Number(v);
}

/** A JSON result is printed as one compact line, the last line on stdout. */
export function printJsonLine(value: unknown): void {
  process.stdout.write(JSON.stringify(value) + '\n');
}
