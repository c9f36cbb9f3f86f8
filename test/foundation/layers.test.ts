// `npm run --silent check:layers` (the project's script, the project's .dependency-cruiser.cjs)
// run on small throwaway trees: a clean tree passes, and each kind of violation fails naming its
// rule. The real tree is checked by the script itself in `npm test`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..', '..');
const script = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts['check:layers'];
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/** A tree that keeps every rule: one file per layer, each importing the layer below. */
const CLEAN: Record<string, string> = {
  'electron/core/money.ts': "import Decimal from 'decimal.js';\nexport const one = new Decimal(1);\n",
  'electron/demo/persons.ts': 'export const PERSONS = [];\n',
  'electron/api/contract.ts': "export * from './views/common';\n",
  'electron/api/views/common.ts': 'export type Role = string;\n',
  'electron/store/db.ts': "import fs from 'node:fs';\nimport { one } from '../core/money';\nexport const db = () => fs.existsSync(String(one));\n",
  'electron/platform/context.ts': "import { db } from '../store/db';\nexport const ctx = { db };\n",
  'electron/network/client.ts': "import { ctx } from '../platform/context';\nexport const client = ctx;\n",
  'electron/settlement/service.ts': "import { client } from '../network/client';\nexport const settle = client;\n",
  'electron/window/service.ts': "import { settle } from '../settlement/service';\nexport const win = settle;\n",
  'electron/app/areas.ts': "import { win } from '../window/service';\nexport const areas = [win];\n",
  'electron/main.ts': "import { areas } from './app/areas';\nexport default areas;\n",
  'native/transport.ts': 'export const open = () => 0;\n',
  'electron/devices/reader.ts': "import { open } from '../../native/transport';\nexport const read = open;\n",
  'renderer/src/App.tsx': "import type { Role } from '../../electron/api/contract';\nimport { helper } from './helper';\nexport const role: Role = helper();\n",
  'renderer/src/helper.ts': "export const helper = () => 'x';\n",
};

function checkLayers(extra: Record<string, string>): { status: number | null; out: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layers-'));
  dirs.push(dir);
  for (const [file, text] of Object.entries({ ...CLEAN, ...extra })) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  for (const f of ['.dependency-cruiser.cjs', 'tsconfig.json']) fs.copyFileSync(path.join(root, f), path.join(dir, f));
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  const r = spawnSync('sh', ['-c', script], {
    cwd: dir,
    env: { ...process.env, PATH: `${path.join(root, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH}` },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('check:layers', () => {
  it('passes a tree that keeps the rules', () => {
    const r = checkLayers({});
    expect(r.out).toContain('no dependency violations');
    expect(r.status).toBe(0);
  }, 120_000);

  it.each([
    ['core imports a Node built-in', { 'electron/core/hash.ts': "import crypto from 'node:crypto';\nexport const h = crypto.randomUUID;\n" }, 'core-node-builtin'],
    ['core imports something with side effects', { 'electron/core/rows.ts': "import { db } from '../store/db';\nexport const rows = db;\n" }, 'core-impure'],
    ['native imports the app', { 'native/sim.ts': "import { PERSONS } from '../electron/demo/persons';\nexport const people = PERSONS;\n" }, 'native-imports-electron'],
    ['the renderer imports beyond the contract', { 'renderer/src/Money.tsx': "import { one } from '../../electron/core/money';\nexport const x = one;\n" }, 'renderer-beyond-contract'],
    ['a lower area imports a higher one', { 'electron/network/reconcile.ts': "import { settle } from '../settlement/service';\nexport const r = settle;\n" }, 'layer-4-imports-higher'],
    ['the store imports the platform', { 'electron/store/log.ts': "import { ctx } from '../platform/context';\nexport const l = ctx;\n" }, 'layer-2-imports-higher'],
    ['two files import each other', { 'electron/his/a.ts': "import { b } from './b';\nexport const a = () => b;\n", 'electron/his/b.ts': "import { a } from './a';\nexport const b = () => a;\n" }, 'no-circular-areas'],
  ])('fails when %s', (_what, files, rule) => {
    const r = checkLayers(files);
    expect(r.out).toContain(rule);
    expect(r.status).not.toBe(0);
  }, 120_000);
});
