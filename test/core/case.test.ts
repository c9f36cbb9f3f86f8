// Case files: every invalid case is refused naming the field; expect is checked as decimals.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkExpect, parseCase, resultToJson, settle } from '../../electron/core/engine';
import { loadShippedPacks } from '../../electron/policy/store';

const shipped = loadShippedPacks().packs;
const resolve = (id: string) => shipped.find((p) => p.id === id);
const load = (name: string): any => JSON.parse(readFileSync(path.resolve(__dirname, '../cases', name), 'utf8'));

describe('invalid cases', () => {
  const cases: [string, string, (c: any) => void, string][] = [
    ['zibo-poverty-township-inpatient.json', 'no person', (c) => { delete c.person; }, 'person'],
    ['zibo-poverty-township-inpatient.json', 'no insurance type', (c) => { delete c.person.insuranceType; }, 'person.insuranceType'],
    ['zibo-poverty-township-inpatient.json', 'identities not a list', (c) => { c.person.identities = 'poverty'; }, 'person.identities'],
    ['zibo-poverty-township-inpatient.json', 'no visit date', (c) => { delete c.visit.date; }, 'visit.date'],
    ['zibo-poverty-township-inpatient.json', 'a date in another form', (c) => { c.visit.date = '2020/06/15'; }, 'visit.date'],
    ['zibo-poverty-township-inpatient.json', 'a date outside the pack', (c) => { c.visit.date = '2019-12-31'; }, 'visit.date'],
    ['zibo-poverty-township-inpatient.json', 'an unknown visit type', (c) => { c.visit.type = 'emergency'; }, 'visit.type'],
    ['zibo-poverty-township-inpatient.json', 'an unknown field in fees', (c) => { c.fees.selfPay = '1'; }, 'fees.selfPay'],
    ['zibo-poverty-township-inpatient.json', 'a total as a number', (c) => { c.fees.total = 8600; }, 'fees.total'],
    ['zibo-poverty-township-inpatient.json', 'a negative self-pay', (c) => { c.fees.preSelfPay = '-1'; }, 'fees.preSelfPay'],
    ['zibo-poverty-township-inpatient.json', 'self-pay above total', (c) => { c.fees.fullSelfPay = '8400'; }, 'fees.total'],
    ['zibo-poverty-township-inpatient.json', 'no fees', (c) => { delete c.fees; }, 'fees'],
    ['zibo-poverty-township-inpatient.json', 'fees and lines', (c) => { c.lines = []; }, 'lines'],
    ['zibo-poverty-township-inpatient.json', 'a pack that is not shipped', (c) => { c.policy = 'zibo-2099'; }, 'policy'],
    ['zibo-poverty-township-inpatient.json', 'an unknown expect field', (c) => { c.expect.total = '1'; }, 'expect.total'],
    ['zibo-resident-outpatient-ytd.json', 'an unknown accumulator field', (c) => { c.ytd.basicOutpatient.used = '1'; }, 'ytd.basicOutpatient.used'],
    ['zibo-resident-outpatient-ytd.json', 'a negative accumulator', (c) => { c.ytd.basicOutpatient.paid = '-725'; }, 'ytd.basicOutpatient.paid'],
    ['zibo-lines-qihuibao-city.json', 'a class-B line without ratio', (c) => { delete c.lines[1].selfPayRatio; }, 'lines[1].selfPayRatio'],
    ['zibo-lines-qihuibao-city.json', 'a class D line', (c) => { c.lines[0].class = 'D'; }, 'lines[0].class'],
    ['zibo-lines-qihuibao-city.json', 'a ratio above 1', (c) => { c.lines[1].selfPayRatio = '1.10'; }, 'lines[1].selfPayRatio'],
    ['zibo-lines-qihuibao-city.json', 'a line without amount', (c) => { delete c.lines[2].amount; }, 'lines[2].amount'],
    ['e11-gansu-county-inpatient.json', 'an inline pack with bands out of order', (c) => {
      c.policy.layers[0].bands = [{ upTo: '500', rate: '0.5' }, { upTo: '400', rate: '0.5' }, { rate: '0.5' }];
    }, 'policy.layers[0].bands[1].upTo'],
    ['e11-gansu-county-inpatient.json', 'an inline pack with an unknown when field', (c) => { c.policy.layers[0].when = { age: ['old'] }; }, 'policy.layers[0].when.age'],
  ];
  it.each(cases)('%s: %s -> %s', (file, _n, mutate, field) => {
    const c = load(file);
    mutate(c);
    const r = parseCase(c, resolve);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.field).toBe(field);
    expect(r.error.message).toContain(field);
  });

  it('allows other top-level fields (id, source, description)', () => {
    const c = load('e1-chongqing-three-layers.json');
    c.description = '说明';
    expect(parseCase(c, resolve).ok).toBe(true);
  });

  it('defaults identities, enrolled and the self-paid parts', () => {
    const c = load('e11-gansu-county-inpatient.json');
    delete c.person.identities;
    delete c.person.enrolled;
    c.fees = { total: '6150.00' };
    const r = parseCase(c, resolve);
    if (!r.ok) throw new Error(r.error.detail);
    const s = settle(r.value.input);
    expect(s.ok && resultToJson(s.value).layers.basic).toBe('4087.50');
  });
});

describe('expect', () => {
  it('compares as decimals, and a layer absent from expect must pay zero', () => {
    const c = load('zibo-poverty-chronic-outpatient.json');
    c.expect.layers.basic = '600';
    c.expect.cash = '24.0';
    const r = parseCase(c, resolve);
    if (!r.ok) throw new Error(r.error.detail);
    const s = settle(r.value.input);
    if (!s.ok) throw new Error(s.error.detail);
    expect(checkExpect(s.value, r.value.expect!)).toEqual([]);
    expect(checkExpect(s.value, { layers: { basic: '600' } })).toEqual([
      'layers.assistance: expected 0 (absent from expect), got 420.00',
      'layers.special: expected 0 (absent from expect), got 216.00',
    ]);
    expect(checkExpect(s.value, { layers: { ...r.value.expect!.layers, reduction: '1.00' } })).toEqual(['layers.reduction: expected 1.00, got 0.00']);
  });
});
