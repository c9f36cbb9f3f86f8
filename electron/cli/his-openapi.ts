// `npm run --silent cli -- his-openapi [--out FILE]`: the HIS API's OpenAPI document (the same
// source as GET /his/v1/openapi.json); writes FILE (docs/his-openapi.json) or prints it.
import fs from 'node:fs';
import { parseArgs, printJsonLine, stringFlag, type FlagSpec } from './args';
import { hisOpenApi } from '../his/openapi';

export const summary = 'write the HIS API OpenAPI document: [--out docs/his-openapi.json]';
export const flags: FlagSpec = { strings: ['out'] };

export function openApiText(): string {
  return JSON.stringify(hisOpenApi(), null, 2) + '\n';
}

export async function run(argv: string[]): Promise<number> {
  const out = stringFlag(parseArgs(argv, flags), 'out');
  if (!out) {
    process.stdout.write(openApiText());
    return 0;
  }
  fs.writeFileSync(out, openApiText());
  printJsonLine({ written: out });
  return 0;
}
