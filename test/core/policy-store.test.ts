// Packs on disk: shipped packs load at start; an imported pack is validated first, and a bad or
// conflicting pack is refused without changing anything. Real files in a temp dir.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { choosePack, packHash, type PolicyPack } from '../../electron/core/engine';
import { importPackFile, loadPackDir, loadShippedPacks, PolicyRegistry } from '../../electron/policy/store';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'policy-'));
const zibo = (): any => JSON.parse(readFileSync(path.resolve(__dirname, '../../policies/zibo-2020.json'), 'utf8'));

function write(dir: string, name: string, value: unknown): string {
  const f = path.join(dir, name);
  writeFileSync(f, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  return f;
}

describe('shipped packs', () => {
  it('load from policies/ with their ids equal to the file names', () => {
    const s = loadShippedPacks();
    expect(s.errors).toEqual([]);
    expect(s.packs.map((p) => p.id).sort()).toEqual(['anhui-2020', 'zibo-2020']);
  });
  it('a pack whose id differs from its file name is refused, the others still load', () => {
    const dir = tmp();
    write(dir, 'zibo-2020.json', zibo());
    write(dir, 'other.json', zibo());
    write(dir, 'broken.json', '{');
    const r = loadPackDir(dir);
    expect(r.packs.map((p) => p.id)).toEqual(['zibo-2020']);
    expect(r.errors.map((e) => e.field ?? e.code)).toEqual(['POLICY_INVALID', 'id']);
  });
});

describe('import', () => {
  it('validates, writes DATA_DIR/policies/ID.json, and the registry uses it', () => {
    const data = tmp();
    const p = zibo();
    p.id = 'zibo-2021';
    p.effective = { from: '2021-01-01', to: '2021-12-31' };
    const reg = new PolicyRegistry(data);
    expect(reg.choose('370303', '2021-03-01')).toBeUndefined();
    const r = reg.import(write(tmp(), 'upload.json', p));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.alreadyPresent).toBe(false);
    expect(r.value.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(readdirSync(path.join(data, 'policies'))).toEqual(['zibo-2021.json']);
    expect(reg.choose('370303', '2021-03-01')?.id).toBe('zibo-2021');
    expect(new PolicyRegistry(data).byId('zibo-2021')).toBeDefined();
    // The same pack again is fine and writes nothing new.
    const again = importPackFile(write(tmp(), 'again.json', p), data);
    expect(again.ok && again.value.alreadyPresent).toBe(true);
  });

  it('refuses a bad pack naming the field, and changes nothing', () => {
    const data = tmp();
    mkdirSync(path.join(data, 'policies'));
    const p = zibo();
    p.id = 'bad-2021';
    p.layers[3].bands[0].rate = '1.5';
    const r = importPackFile(write(tmp(), 'bad.json', p), data);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('layers[3].bands[0].rate');
    expect(readdirSync(path.join(data, 'policies'))).toEqual([]);
    const notJson = importPackFile(write(tmp(), 'x.json', 'not json'), data);
    expect(notJson.ok).toBe(false);
    expect(readdirSync(path.join(data, 'policies'))).toEqual([]);
  });

  it('refuses a different pack under an id already in use', () => {
    const data = tmp();
    const p = zibo();
    p.layers[1].bands[0].rate = '0.55';
    const r = importPackFile(write(tmp(), 'zibo.json', p), data);
    expect(!r.ok && r.error.code).toBe('POLICY_CONFLICT');
  });
});

describe('choosePack and packHash', () => {
  const packs = loadShippedPacks().packs;
  const county = (id: string, region: string, from: string, to: string): PolicyPack => ({ ...packs[0], id, region, effective: { from, to } });

  it('chooses by the person region, else the facility region, and the date', () => {
    expect(choosePack(packs, '370303', '2020-06-15')?.id).toBe('zibo-2020');
    expect(choosePack(packs, '340123', '2020-06-15')?.id).toBe('anhui-2020');
    expect(choosePack(packs, '110000', '2020-06-15')).toBeUndefined();
    expect(choosePack(packs, undefined, '2020-06-15', '370303')?.id).toBe('zibo-2020');
    expect(choosePack(packs, '110101', '2020-06-15', '340100')?.id).toBe('anhui-2020');
    expect(choosePack(packs, '370303', '2021-01-01')).toBeUndefined();
    expect(choosePack(packs, '371000', '2020-06-15')).toBeUndefined();
  });

  it('prefers the most specific region, then the latest start', () => {
    const all = [...packs, county('zhangdian', '370303', '2020-01-01', '2020-12-31'), county('zibo-h2', '370300', '2020-07-01', '2020-12-31')];
    expect(choosePack(all, '370303', '2020-06-15')?.id).toBe('zhangdian');
    expect(choosePack(all, '370302', '2020-06-15')?.id).toBe('zibo-2020');
    expect(choosePack(all, '370302', '2020-08-01')?.id).toBe('zibo-h2');
  });

  it('hashes content, not layout', () => {
    const a = zibo();
    const reversed = (v: unknown): unknown => Array.isArray(v) ? v.map(reversed)
      : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reversed(x)])) : v;
    const b = reversed(a) as PolicyPack;
    expect(JSON.stringify(b)).not.toBe(JSON.stringify(a));
    expect(packHash(a)).toBe(packHash(b));
    const c = zibo();
    c.layers[0].name += ' ';
    expect(packHash(c)).not.toBe(packHash(a));
  });
});
