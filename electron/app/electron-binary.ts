// Finds the Electron binary WITHOUT require('electron'): recent versions of the package download
// the binary lazily on require, which fails (and hangs) on machines without internet.
import fs from 'node:fs';
import path from 'node:path';

export function findElectronBinary(root: string): string | undefined {
  const pkgDir = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(pkgDir, 'path.txt');
  if (!fs.existsSync(pathFile)) return undefined;
  const rel = fs.readFileSync(pathFile, 'utf8').trim();
  if (!rel) return undefined;
  const bin = path.join(pkgDir, 'dist', rel);
  return fs.existsSync(bin) ? bin : undefined;
}
