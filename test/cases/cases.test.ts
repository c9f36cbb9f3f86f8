// Every settlement case (the copies here, and ../shared/cases when present) passes through the
// same parse -> settle -> expect path as `settle --case`.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkExpect, parseCase, settle } from '../../electron/core/engine';
import { loadShippedPacks } from '../../electron/policy/store';

const here = __dirname;
const shared = path.resolve(here, '../../../shared/cases');

function caseFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => path.join(dir, f));
}

const shipped = loadShippedPacks();

describe('settlement cases', () => {
  const files = [...caseFiles(here), ...caseFiles(shared)];

  it('has the seven shared cases copied here', () => {
    expect(caseFiles(here).length).toBeGreaterThanOrEqual(7);
    for (const f of caseFiles(shared)) expect(existsSync(path.join(here, path.basename(f)))).toBe(true);
  });

  it('ships both region packs without errors', () => {
    expect(shipped.errors).toEqual([]);
    expect(shipped.packs.map((p) => p.id).sort()).toEqual(['anhui-2020', 'zibo-2020']);
  });

  it.each(files.map((f) => [path.relative(path.resolve(here, '../..'), f), f]))('%s', (_name, file) => {
    const parsed = parseCase(JSON.parse(readFileSync(file, 'utf8')), (id) => shipped.packs.find((p) => p.id === id));
    if (!parsed.ok) throw new Error(parsed.error.detail);
    const r = settle(parsed.value.input);
    if (!r.ok) throw new Error(r.error.detail);
    expect(parsed.value.expect).toBeDefined();
    expect(checkExpect(r.value, parsed.value.expect!)).toEqual([]);
    // Layers + cash = total, every layer within its base.
    const paid = r.value.layers.reduce((s, l) => s.plus(l.amount), r.value.cash);
    expect(paid.equals(r.value.fees.total)).toBe(true);
    for (const l of r.value.layers) {
      expect(l.amount.isNegative()).toBe(false);
      expect(l.amount.lessThanOrEqualTo(l.base)).toBe(true);
      expect(l.trace).toContain(l.name);
      expect(l.trace).toMatch(/支付 \d+\.\d{2} 元$/);
    }
  });
});
