// `npm run --silent cli -- settle --case FILE [--pack FILE]`: settles a case file (docs/POLICY-FORMAT.md)
// and prints the result as one JSON line. Exit 0; 1 when `expect` does not hold; 2 on invalid input.
import { readFileSync } from 'node:fs';
import { parseArgs, printJsonLine, requireFlag, stringFlag, type FlagSpec } from './args';
import { checkExpect, parseCase, resultToJson, settle, type PolicyPack } from '../core/engine';
import { loadShippedPacks, readPackFile } from '../policy/store';

export const summary = 'settle a case file: --case FILE [--pack FILE] (prints the result JSON)';
export const flags: FlagSpec = { strings: ['case', 'pack'] };

function readJson(file: string, what: string): { ok: true; value: unknown } | { ok: false; message: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    return { ok: false, message: `无法读取${what}文件 ${file}：${(err as Error).message}` };
  }
  try {
    return { ok: true, value: JSON.parse(text.replace(/^\uFEFF/, '')) };
  } catch (err) {
    return { ok: false, message: `${what}文件 ${file} 不是有效的 JSON：${(err as Error).message}` };
  }
}

function refuse(message: string, detail?: string): number {
  process.stderr.write(`settle: ${message}\n${detail ? `  ${detail}\n` : ''}`);
  return 2;
}

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, flags);
  const caseFile = requireFlag(args, 'case');
  const packFile = stringFlag(args, 'pack');
  let override: PolicyPack | undefined;
  if (packFile) {
    const pack = readPackFile(packFile);
    if (!pack.ok) return refuse(pack.error.message, pack.error.detail);
    override = pack.value;
  }
  const json = readJson(caseFile, '案例');
  if (!json.ok) return refuse(json.message);
  const shipped = loadShippedPacks();
  const parsed = parseCase(json.value, (id) => shipped.packs.find((p) => p.id === id), override);
  if (!parsed.ok) return refuse(parsed.error.message, parsed.error.detail);
  const result = settle(parsed.value.input);
  if (!result.ok) return refuse(result.error.message, result.error.detail);
  printJsonLine(resultToJson(result.value));
  const expect = parsed.value.expect;
  if (!expect) return 0;
  const misses = checkExpect(result.value, expect);
  for (const m of misses) process.stderr.write(`settle: expect not met: ${m}\n`);
  return misses.length ? 1 : 0;
}
