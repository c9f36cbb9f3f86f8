// `policy-check --file FILE`: validates a policy pack file (docs/POLICY-FORMAT.md) without importing it.
// Prints { id, name, region, from, to, hash, layers } on success (exit 0); exit 2 names the field.
import { parseArgs, printJsonLine, requireFlag, type FlagSpec } from './args';
import { packHash } from '../core/engine';
import { readPackFile } from '../policy/store';

export const summary = 'validate a policy pack file: --file FILE (imports nothing)';
export const flags: FlagSpec = { strings: ['file'] };

export async function run(argv: string[]): Promise<number> {
  const file = requireFlag(parseArgs(argv, flags), 'file');
  const r = readPackFile(file);
  if (!r.ok) {
    process.stderr.write(`policy-check: ${r.error.message}\n  ${r.error.detail ?? ''}\n`);
    return 2;
  }
  const p = r.value;
  printJsonLine({ id: p.id, name: p.name, region: p.region, from: p.effective.from, to: p.effective.to, hash: packHash(p), layers: p.layers.length });
  return 0;
}
