// The I/O edge of policy packs: the packs shipped in the project's `policies/` (loaded at start),
// and packs a technician imports from a file into `DATA_DIR/policies/` (validated first; a bad
// pack is refused and changes nothing).
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fail, ok, type AppError, type Result } from '../core/result';
import { choosePack, packHash, validatePack, type PolicyPack } from '../core/engine';

/** The project root: the nearest folder above this file holding package.json and policies/. */
export function projectRoot(start = __dirname): string {
  let dir = start;
  for (;;) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'policies'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
}

export function shippedPolicyDir(): string {
  return path.join(projectRoot(), 'policies');
}

/** Demo packs: offered only while the built-in network simulator is in use (see policies/demo/README.md). */
export function demoPolicyDir(): string {
  return path.join(shippedPolicyDir(), 'demo');
}

let demoCache: LoadedPacks | undefined;

export function loadDemoPacks(): LoadedPacks {
  demoCache ??= loadPackDir(demoPolicyDir());
  return demoCache;
}

export function importedPolicyDir(dataDir: string): string {
  return path.join(dataDir, 'policies');
}

/** Reads, parses and validates one pack file; errors name the file, the layer and the field. */
export function readPackFile(file: string): Result<PolicyPack> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    return fail('POLICY_UNREADABLE', `无法读取策略包文件 ${path.basename(file)}`, `cannot read ${file}: ${(err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    return fail('POLICY_INVALID', `策略包文件 ${path.basename(file)} 不是有效的 JSON`, `${file}: ${(err as Error).message}`);
  }
  return validatePack(json, path.basename(file));
}

export interface LoadedPacks {
  packs: PolicyPack[];
  /** Files that were refused (the rest still load). */
  errors: AppError[];
}

/** Every `*.json` in `dir` whose pack is valid and whose `id` equals the file name. */
export function loadPackDir(dir: string): LoadedPacks {
  const out: LoadedPacks = { packs: [], errors: [] };
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
    const r = readPackFile(path.join(dir, name));
    if (!r.ok) {
      out.errors.push(r.error);
      continue;
    }
    if (`${r.value.id}.json` !== name) {
      out.errors.push({
        code: 'POLICY_INVALID', field: 'id',
        message: `策略包文件 ${name} 的编号 id（${r.value.id}）与文件名不一致`,
        detail: `${path.join(dir, name)}: id "${r.value.id}" does not match the file name`,
      });
      continue;
    }
    out.packs.push(r.value);
  }
  return out;
}

let shippedCache: LoadedPacks | undefined;

/** The packs shipped with the app (`policies/*.json` in the project), loaded once. */
export function loadShippedPacks(): LoadedPacks {
  shippedCache ??= loadPackDir(shippedPolicyDir());
  return shippedCache;
}

export interface ImportedPack {
  pack: PolicyPack;
  hash: string;
  file: string;
  /** True when the same pack (same id, same content) was already there: nothing was written. */
  alreadyPresent: boolean;
}

/**
 * Imports a pack file into `DATA_DIR/policies/ID.json`. Refused, changing nothing, when the file
 * is not a valid pack, or when a different pack with the same id is already shipped or imported
 * (settlements record pack id and hash: a pack id never changes meaning).
 */
export function importPackFile(file: string, dataDir: string, known: readonly PolicyPack[] = loadShippedPacks().packs): Result<ImportedPack> {
  const r = readPackFile(file);
  if (!r.ok) return r;
  const pack = r.value;
  const hash = packHash(pack);
  const dir = importedPolicyDir(dataDir);
  const target = path.join(dir, `${pack.id}.json`);
  const existing = [...known, ...loadPackDir(dir).packs].find((p) => p.id === pack.id);
  if (existing) {
    if (packHash(existing) === hash) return ok({ pack, hash, file: target, alreadyPresent: true });
    return fail('POLICY_CONFLICT', `已有编号为 ${pack.id} 的其他策略包；新版本请使用新的编号 id`,
      `a different pack with id "${pack.id}" exists`, 'id');
  }
  mkdirSync(dir, { recursive: true });
  const tmp = `${target}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, JSON.stringify(pack, null, 2) + '\n', { flag: 'wx' });
    renameSync(tmp, target);
  } catch (err) {
    rmSync(tmp, { force: true });
    return fail('POLICY_IMPORT_FAILED', `策略包 ${pack.id} 导入失败`, (err as Error).message);
  }
  return ok({ pack, hash, file: target, alreadyPresent: false });
}

/** The packs in force for this clinic: shipped plus imported (plus the demo packs in demo mode). */
export class PolicyRegistry {
  private imported: LoadedPacks;

  constructor(
    private readonly dataDir: string,
    private readonly shipped: LoadedPacks = loadShippedPacks(),
    /** True while the built-in simulator plays the network; asked on every call (setup can change it). */
    private readonly demoMode: () => boolean = () => false,
    private readonly demo: LoadedPacks = loadDemoPacks(),
  ) {
    this.imported = loadPackDir(importedPolicyDir(dataDir));
  }

  all(): PolicyPack[] {
    const real = [...this.shipped.packs, ...this.imported.packs];
    return this.demoMode() ? [...real, ...this.demo.packs] : real;
  }

  errors(): AppError[] {
    return [...this.shipped.errors, ...this.imported.errors, ...this.demo.errors];
  }

  /** Whether a pack came with the app, was imported by a technician, or is a demo pack. */
  source(pack: PolicyPack): 'shipped' | 'imported' | 'demo' {
    if (this.shipped.packs.some((s) => s.id === pack.id)) return 'shipped';
    return this.demo.packs.some((s) => s.id === pack.id) ? 'demo' : 'imported';
  }

  byId(id: string): PolicyPack | undefined {
    return this.all().find((p) => p.id === id);
  }

  /** The pack in force for a visit: by the person's region, else the facility's, and the date. */
  choose(personRegion: string | undefined, date: string, facilityRegion?: string): PolicyPack | undefined {
    return choosePack(this.all(), personRegion, date, facilityRegion);
  }

  import(file: string): Result<ImportedPack> {
    const r = importPackFile(file, this.dataDir, this.all());
    if (r.ok && !r.value.alreadyPresent) this.imported = loadPackDir(importedPolicyDir(this.dataDir));
    return r;
  }
}
