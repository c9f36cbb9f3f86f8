// `npm run --silent cli -- settle --case FILE`, spawned for real: JSON shape and exit codes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'settle-cli-'));

function cli(...args: string[]) {
  const r = spawnSync(tsx, ['electron/cli/main.ts', 'settle', ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function caseJson(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(__dirname, name), 'utf8')) as Record<string, unknown>;
}

function writeCase(name: string, value: unknown): string {
  const file = path.join(tmp, name);
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
  return file;
}

describe('settle --case (spawned)', () => {
  it('prints one compact JSON line and exits 0 for every case', () => {
    for (const f of readdirSync(__dirname).filter((n) => n.endsWith('.json'))) {
      const r = cli('--case', path.join(__dirname, f));
      expect(r.code, `${f}: ${r.stderr}`).toBe(0);
      const lines = r.stdout.trim().split('\n');
      expect(lines).toHaveLength(1);
      const out = JSON.parse(lines[0]) as Record<string, unknown>;
      expect(Object.keys(out)).toEqual(['layers', 'cash', 'ytd', 'trace']);
      const want = (caseJson(f).expect as { cash: string }).cash;
      expect(out.cash).toBe(want);
      for (const v of Object.values(out.layers as Record<string, string>)) expect(v).toMatch(/^\d+\.\d{2}$/);
      for (const acc of Object.values(out.ytd as Record<string, Record<string, string>>)) {
        expect(Object.keys(acc).sort()).toEqual(['base', 'burden', 'paid']);
      }
      expect((out.trace as string[]).length).toBeGreaterThan(1);
    }
  }, 120_000);

  it('exits 1 on an unmet expect but still prints the result', () => {
    const c = caseJson('zibo-poverty-township-inpatient.json');
    (c.expect as { cash: string }).cash = '92.56';
    const r = cli('--case', writeCase('unmet.json', c));
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout.trim()).cash).toBe('92.55');
    expect(r.stderr).toContain('cash');
  });

  it('exits 1 when a layer absent from expect pays something', () => {
    const c = caseJson('zibo-poverty-township-inpatient.json');
    delete (c.expect as { layers: Record<string, string> }).layers.reduction;
    const r = cli('--case', writeCase('absent.json', c));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('reduction');
  });

  it.each([
    ['rate above 1', (c: any) => { c.policy.layers[0].bands[0].rate = '1.5'; }, 'rate'],
    ['visit date outside the pack', (c: any) => { c.visit.date = '2024-01-01'; }, 'visit.date'],
    ['facility level unknown', (c: any) => { c.visit.facilityLevel = 'hospital'; }, 'facilityLevel'],
    ['negative total', (c: any) => { c.fees.total = '-1.00'; }, 'total'],
    ['self-pay above total', (c: any) => { c.fees.fullSelfPay = '99999.00'; }, 'total'],
    ['level missing from byLevel', (c: any) => { c.visit.facilityLevel = 'province'; }, 'facilityLevel'],
  ])('exits 2 and prints no result: %s', (_n, mutate, field) => {
    const c = caseJson('e11-gansu-county-inpatient.json');
    mutate(c);
    const r = cli('--case', writeCase(`bad-${field}.json`, c));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(field);
  });

  it('exits 2 on a pack id that is not shipped, and on a file that is not JSON', () => {
    const c = caseJson('zibo-poverty-township-inpatient.json');
    c.policy = 'nowhere-2020';
    const r = cli('--case', writeCase('unshipped.json', c));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nowhere-2020');
    expect(cli('--case', writeCase('broken.json', '{ not json')).code).toBe(2);
    expect(cli().code).toBe(2);
  });

  it('--pack FILE settles against a pack file, and refuses a bad one naming the field', () => {
    const pack = JSON.parse(readFileSync(path.join(root, 'policies/zibo-2020.json'), 'utf8'));
    const good = cli('--case', path.join(__dirname, 'zibo-poverty-township-inpatient.json'), '--pack', writeCase('pack.json', pack));
    expect(good.code).toBe(0);
    pack.layers[0].bands[0].rate = 0.85;
    const bad = cli('--case', path.join(__dirname, 'zibo-poverty-township-inpatient.json'), '--pack', writeCase('badpack.json', pack));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('layers[0].bands[0].rate');
    expect(bad.stdout).toBe('');
  });
});

describe('policy-check --file (spawned)', () => {
  const check = (file: string) => spawnSync(tsx, ['electron/cli/main.ts', 'policy-check', '--file', file], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  it('prints the id and hash of a valid pack, and refuses a bad one naming the field', () => {
    const ok = check(path.join(root, 'policies/anhui-2020.json'));
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout.trim())).toMatchObject({ id: 'anhui-2020', hash: expect.stringMatching(/^sha256:/) });
    const pack = JSON.parse(readFileSync(path.join(root, 'policies/anhui-2020.json'), 'utf8'));
    pack.layers[4].bands[3].upTo = '300000';
    const bad = check(writeCase('bad-anhui.json', pack));
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('layers[4].bands[3].upTo');
    expect(bad.stderr).toContain('anhui-2020');
  });
});
