// The Electron main bundle as `npm run build:electron` makes it: small enough for the desktop app,
// without playwright-core (Electron prints PDFs itself), and every package it needs at run time
// declared in package.json's dependencies (electron-builder ships only those).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..', '..');
const MAX_MAIN_BYTES = 3_000_000;

interface Meta {
  inputs: Record<string, { imports: { path: string; kind: string; external?: boolean }[] }>;
  outputs: Record<string, { imports: { path: string; external?: boolean }[] }>;
}

let out: string;
let meta: Meta;

beforeAll(() => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'electron-bundle-'));
  // The project's own script, only written elsewhere (esbuild takes the last --outdir).
  execFileSync('npm', ['run', '--silent', 'build:electron', '--', `--outdir=${out}`, `--metafile=${path.join(out, 'meta.json')}`], {
    cwd: root,
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
    stdio: 'pipe',
  });
  meta = JSON.parse(fs.readFileSync(path.join(out, 'meta.json'), 'utf8')) as Meta;
}, 120_000);

afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

const packageOf = (p: string) => /^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(p)?.[1];
const isBuiltin = (p: string) => p.startsWith('node:') || builtinModules.includes(p);

describe('Electron main bundle', () => {
  it('is under 3 MB', () => {
    const size = fs.statSync(path.join(out, 'main.js')).size;
    expect(size).toBeGreaterThan(100_000); // a real bundle, not an empty file
    expect(size).toBeLessThan(MAX_MAIN_BYTES);
  });

  it('contains no playwright-core code', () => {
    const bundled = Object.keys(meta.inputs).filter((f) => packageOf(f) === 'playwright-core');
    expect(bundled).toEqual([]);
    expect(fs.readFileSync(path.join(out, 'main.js'), 'utf8')).not.toMatch(/node_modules\/playwright-core\//);
  });

  it('needs at run time only packages declared in dependencies (electron comes with the runtime)', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const declared = new Set([...Object.keys(pkg.dependencies), 'electron']);
    const used = new Set<string>();
    for (const [file, input] of Object.entries(meta.inputs)) {
      if (packageOf(file)) continue; // a package's own imports are its own dependencies
      for (const imp of input.imports) {
        if (imp.external) {
          // relative "externals" are type-only imports that esbuild drops
          if (!isBuiltin(imp.path) && !imp.path.startsWith('.')) used.add(imp.path.startsWith('@') ? imp.path.split('/').slice(0, 2).join('/') : imp.path.split('/')[0]);
        } else {
          const name = packageOf(imp.path);
          if (name) used.add(name);
        }
      }
    }
    expect(used.size).toBeGreaterThan(3);
    expect([...used].filter((name) => !declared.has(name))).toEqual([]);
  });
});
