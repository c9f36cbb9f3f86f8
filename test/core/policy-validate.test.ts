// Pack validation: valid packs pass unchanged; every kind of invalid pack is refused with a
// message naming the pack, the layer and the field.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validatePack } from '../../electron/core/engine';

const zibo = (): any => JSON.parse(readFileSync(path.resolve(__dirname, '../../policies/zibo-2020.json'), 'utf8'));

describe('valid packs', () => {
  it.each(['zibo-2020', 'anhui-2020'])('%s validates to the same content', (id) => {
    const json = JSON.parse(readFileSync(path.resolve(__dirname, `../../policies/${id}.json`), 'utf8'));
    const r = validatePack(json, `${id}.json`);
    expect(r.ok).toBe(true);
    if (r.ok) expect(JSON.parse(JSON.stringify(r.value))).toEqual(json);
  });
});

it('keeps other top-level fields (a description) as they are', () => {
  const p = zibo();
  p.description = '2020 年版';
  const r = validatePack(p, 'zibo-2020.json');
  expect(r.ok && (r.value as unknown as { description: string }).description).toBe('2020 年版');
});

describe('invalid packs', () => {
  const cases: [string, (p: any) => void, string, RegExp?][] = [
    ['not an object', (p) => { p.layers = 'x'; }, 'layers'],
    ['missing id', (p) => { delete p.id; }, 'id'],
    ['missing name of a layer', (p) => { delete p.layers[2].name; }, 'layers[2].name', /第 3 层/],
    ['unknown field in a layer', (p) => { p.layers[1].rates = []; }, 'layers[1].rates', /未知字段/],
    ['unknown field in when', (p) => { p.layers[1].when.visits = ['outpatient']; }, 'layers[1].when.visits'],
    ['a rate as a JSON number', (p) => { p.layers[1].bands[0].rate = 0.5; }, 'layers[1].bands[0].rate', /十进制/],
    ['a rate above 1', (p) => { p.layers[1].bands[0].rate = '1.01'; }, 'layers[1].bands[0].rate', /大于 1/],
    ['a rate above 1 in a level table', (p) => { p.layers[0].bands[0].rate.byLevel.county = '7.5'; }, 'layers[0].bands[0].rate.byLevel.county'],
    ['a negative deductible', (p) => { p.layers[1].deductible = '-50'; }, 'layers[1].deductible', /负/],
    ['an amount that is not a decimal', (p) => { p.layers[1].cap.amount = '9百'; }, 'layers[1].cap.amount'],
    ['bands out of order', (p) => { p.layers[5].bands[1].upTo = '100000'; }, 'layers[5].bands[1].upTo', /递增/],
    ['a last band with upTo', (p) => { p.layers[5].bands[2].upTo = '300000'; }, 'layers[5].bands[2].upTo'],
    ['a middle band lacking upTo', (p) => { delete p.layers[5].bands[0].upTo; }, 'layers[5].bands[0].upTo'],
    ['empty bands', (p) => { p.layers[1].bands = []; }, 'layers[1].bands'],
    ['both bands and burden', (p) => { p.layers[11].bands = [{ rate: '1' }]; }, 'layers[11].burden', /bands/],
    ['neither bands nor burden', (p) => { delete p.layers[1].bands; }, 'layers[1].bands'],
    ['a burden layer with a deductible', (p) => { p.layers[11].deductible = '10'; }, 'layers[11].deductible'],
    ['a burden with amount per visit', (p) => { p.layers[11].burden = { amount: '10', per: 'visit' }; }, 'layers[11].burden.amount'],
    ['an unknown facility level in byLevel', (p) => { p.layers[0].deductible.byLevel.hospital = '10'; }, 'layers[0].deductible.byLevel.hospital'],
    ['an unknown facility level in when', (p) => { p.layers[1].when.facilityLevel = ['hospital']; }, 'layers[1].when.facilityLevel[0]'],
    ['an unknown visit type', (p) => { p.layers[1].when.visit = ['emergency']; }, 'layers[1].when.visit[0]'],
    ['an unknown insurance type', (p) => { p.layers[1].when.insuranceType = ['farmer']; }, 'layers[1].when.insuranceType[0]'],
    ['an unknown base part', (p) => { p.layers[1].base = ['all']; }, 'layers[1].base[0]'],
    ['accumulate by month', (p) => { p.layers[1].accumulate = 'month'; }, 'layers[1].accumulate'],
    ['a cap per month', (p) => { p.layers[1].cap.per = 'month'; }, 'layers[1].cap.per'],
    ['no layers', (p) => { p.layers = []; }, 'layers'],
    ['effective ends before it starts', (p) => { p.effective.to = '2019-12-31'; }, 'effective.to'],
    ['an impossible date', (p) => { p.effective.from = '2020-13-01'; }, 'effective.from'],
    ['an unknown warning', (p) => { p.warnings.outpatientBurden = '1'; }, 'warnings.outpatientBurden'],
    ['a warning threshold as a number', (p) => { p.warnings.inpatientStayBurden = 30000; }, 'warnings.inpatientStayBurden'],
  ];
  it.each(cases)('%s -> %s', (_name, mutate, field, text) => {
    const p = zibo();
    mutate(p);
    const r = validatePack(p, 'zibo-2020.json');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('POLICY_INVALID');
    expect(r.error.field).toBe(field);
    expect(r.error.message).toContain('zibo-2020');
    expect(r.error.message).toContain(field);
    expect(r.error.detail).toContain(field);
    if (text) expect(r.error.message).toMatch(text);
  });

  it('names the source when the pack has no id', () => {
    const r = validatePack([], 'upload.json');
    expect(!r.ok && r.error.message).toContain('upload.json');
  });
});
