// A table of hand-computed settlements: each layer type and each edge.
import { describe, expect, it } from 'vitest';
import { dec } from '../../electron/core/money';
import { applyYtd, settle, ytdFor, type YtdBook } from '../../electron/core/engine';
import { amounts, input, layer, pack, run, shippedPack } from './helpers';

const fees = (total: string, preSelfPay = '0', fullSelfPay = '0') => ({ fees: { total, preSelfPay, fullSelfPay } });

describe('deductible and one rate', () => {
  const p = pack([layer({ deductible: '100', bands: [{ rate: '0.85' }] })]);
  it.each([
    ['8000.00', '6715.00'],
    ['100.00', '0.00'], // exactly the deductible
    ['99.99', '0.00'],
    ['100.01', '0.01'], // 0.0085 rounds half-up
    ['100.02', '0.02'], // 0.017
    ['0', '0.00'], // zero bill
  ])('total %s pays %s', (total, want) => {
    const r = run(p, fees(total));
    expect(amounts(r).basic).toBe(want);
    expect(r.cash.plus(r.layers[0].amount).equals(total)).toBe(true);
  });
});

describe('rounding: half-up to the fen, once per layer', () => {
  it.each([
    ['0.5', '0.05', '0.03'], // 0.025 -> 0.03 (not banker's 0.02)
    ['0.333', '10.05', '3.35'], // 3.34665
    ['0.333', '1.50', '0.50'], // 0.4995
    ['0.333', '10.00', '3.33'],
  ])('rate %s on %s pays %s', (rate, total, want) => {
    expect(amounts(run(pack([layer({ bands: [{ rate } as never] })]), fees(total))).basic).toBe(want);
  });
});

describe('bands measured on the base (bandsFrom: base)', () => {
  const bands = [{ upTo: '5000', rate: '0.5' }, { upTo: '10000', rate: '0.6' }, { rate: '0.7' }];
  const p = pack([layer({ deductible: '1000', bands })]);
  it.each([
    ['800', '0.00'], ['1000', '0.00'], ['5000', '2000.00'], ['5000.01', '2000.01'], ['10000', '5000.00'], ['12000', '6400.00'],
  ])('base %s pays %s', (total, want) => expect(amounts(run(p, fees(total))).basic).toBe(want));

  it('a deductible above the first edge leaves that band empty', () => {
    const high = pack([layer({ deductible: '6000', bands })]);
    expect(amounts(run(high, fees('10000'))).basic).toBe('2400.00');
    expect(amounts(run(high, fees('11000'))).basic).toBe('3100.00');
  });
});

describe('bands measured above the deductible (bandsFrom: deductible)', () => {
  const p = pack([layer({
    deductible: '1000', bandsFrom: 'deductible',
    bands: [{ upTo: '5000', rate: '0.5' }, { upTo: '10000', rate: '0.6' }, { rate: '0.7' }],
  })]);
  it.each([
    ['1000', '0.00'], ['6000', '2500.00'], ['11000', '5500.00'], ['12000', '6200.00'],
  ])('base %s pays %s', (total, want) => expect(amounts(run(p, fees(total))).basic).toBe(want));

  it('reads in the trace with absolute edges', () => {
    expect(run(p, fees('12000')).layers[0].trace).toContain('分段 1000–6000 元 50%，6000–11000 元 60%，11000 元以上 70%');
  });
});

describe('yearly accumulation', () => {
  const p = pack([layer({ accumulate: 'year', deductible: '1000', bands: [{ rate: '0.5' }] })]);
  it('pays the increase of the year function', () => {
    expect(amounts(run(p, { ...fees('600'), ytd: { basic: { base: '600' } } })).basic).toBe('100.00');
    expect(amounts(run(p, { ...fees('500'), ytd: { basic: { base: '1500' } } })).basic).toBe('250.00');
  });

  it('crosses the yearly deductible on the third visit, settling one by one', () => {
    let book: YtdBook | undefined;
    const paid: string[] = [];
    for (const total of ['400', '400', '400']) {
      const r = run(p, { ...fees(total), ytd: ytdFor(book, 2020).ytd, ytdYear: 2020 });
      paid.push(amounts(r).basic);
      book = applyYtd(book, r);
    }
    expect(paid).toEqual(['0.00', '0.00', '100.00']);
    expect(book!.ytd.basic.base.toFixed(2)).toBe('1200.00');
    expect(book!.ytd.basic.paid.toFixed(2)).toBe('100.00');
    expect(book!.ytd.basic.burden.toFixed(2)).toBe('1100.00');
  });

  it('starts a new calendar year from zero', () => {
    const zibo = shippedPack('zibo-2020');
    const o = { ...fees('320.00', '0', '20.00'), visit: { type: 'outpatient' as const, facilityLevel: 'village' as const } };
    const full = { basicOutpatient: { base: '5000', paid: '900', burden: '0' } };
    expect(amounts(run(zibo, { ...o, ytd: full, ytdYear: 2020 })).basic).toBe('0.00');
    expect(amounts(run(zibo, { ...o, ytd: full, ytdYear: 2019 })).basic).toBe('125.00');
    const book: YtdBook = { year: 2019, ytd: { basicOutpatient: { base: dec('5000'), paid: dec('900'), burden: dec('0') } }, yearBurden: { inpatient: dec('0'), chronic: dec('0') } };
    expect(ytdFor(book, 2020).ytd).toEqual({});
  });
});

describe('caps', () => {
  const perVisit = pack([layer({ cap: { amount: '500', per: 'visit' } })]);
  it.each([['499.99', '499.99'], ['500', '500.00'], ['800', '500.00']])('per visit: base %s pays %s', (total, want) => {
    expect(amounts(run(perVisit, fees(total))).basic).toBe(want);
  });
  it('says so in the trace when the cap bites', () => {
    expect(run(perVisit, fees('800')).layers[0].trace).toContain('已达封顶');
    expect(run(perVisit, fees('400')).layers[0].trace).not.toContain('已达封顶');
  });

  const perYear = pack([layer({ cap: { amount: '1000', per: 'year' } })]);
  it.each([
    ['999.99', '0.01'], ['995', '5.00'], ['1000', '0.00'], ['1200', '0.00'], ['0', '10.00'],
  ])('per year with %s already paid pays %s of 10', (paid, want) => {
    expect(amounts(run(perYear, { ...fees('10'), ytd: { basic: { paid } } })).basic).toBe(want);
  });

  it('is reached exactly across visits and never exceeded', () => {
    let book: YtdBook | undefined;
    const paid = ['600', '400', '100'].map((total) => {
      const r = run(perYear, { ...fees(total), ytd: ytdFor(book, 2020).ytd });
      book = applyYtd(book, r);
      return amounts(r).basic;
    });
    expect(paid).toEqual(['600.00', '400.00', '0.00']);
    expect(book!.ytd.basic.paid.toFixed(2)).toBe('1000.00');
  });

  it('two keys sharing one ytdKey share its yearly cap within a visit', () => {
    const p = pack([
      layer({ key: 'a', ytdKey: 'shared', bands: [{ rate: '0.8' }], cap: { amount: '1000', per: 'year' } }),
      layer({ key: 'b', ytdKey: 'shared', cap: { amount: '1000', per: 'year' } }),
    ]);
    expect(amounts(run(p, fees('1000')))).toEqual({ a: '800.00', b: '200.00', cash: '0.00' });
  });
});

describe('baseCap', () => {
  it('limits the base counted for one visit', () => {
    const p = pack([layer({ baseCap: '1000', bands: [{ rate: '0.5' }] })]);
    expect(amounts(run(p, fees('3000'))).basic).toBe('500.00');
    expect(run(p, fees('3000')).layers[0].trace).toContain('计算基数以 1000 元为限');
  });
});

describe('burden layers', () => {
  it('per year: pays what keeps the yearly burden within the amount', () => {
    const p = pack([layer({ key: 'burdenCap', bands: undefined, burden: { amount: '3000', per: 'year' } })]);
    expect(amounts(run(p, { ...fees('1000'), ytd: { burdenCap: { burden: '2500' } } })).burdenCap).toBe('500.00');
    expect(amounts(run(p, { ...fees('1000'), ytd: { burdenCap: { burden: '3500' } } })).burdenCap).toBe('1000.00');
    expect(amounts(run(p, fees('2999.99'))).burdenCap).toBe('0.00');
    expect(amounts(run(p, fees('3000.01'))).burdenCap).toBe('0.01');
  });

  it('per visit: keeps the burden within a ratio of the in-scope cost at the start', () => {
    const p = pack([
      layer({ bands: [{ rate: '0.5' }] }),
      layer({ key: 'burdenCap', bands: undefined, burden: { ratioOfInScope: '0.10', per: 'visit' } }),
    ]);
    // inScope 1200 (60 pre-self-paid aside): basic 600, burden limit 120, cap pays 480.
    expect(amounts(run(p, fees('1260', '60')))).toEqual({ basic: '600.00', burdenCap: '480.00', cash: '180.00' });
    expect(run(p, fees('1260', '60')).layers[1].trace).toContain('10%（120.00 元）');
  });

  it('Anhui 351: a poor county inpatient pays at most 3000 in the year', () => {
    const anhui = shippedPack('anhui-2020');
    const r = run(anhui, { ...fees('42000.00', '1500.00', '2500.00'), visit: { facilityLevel: 'county' }, person: { identities: ['poverty'] }, ytd: { burdenCap: { burden: '2000' } } });
    // In-scope left after assistance is 2293.20; 1000 of burden room left: the 351 layer pays 1293.20.
    expect(amounts(r).burdenCap).toBe('1293.20');
  });
});

describe('variants by key', () => {
  const p = pack([
    layer({ name: '基本医保（贫困人口）', when: { identitiesAny: ['poverty'] }, bands: [{ rate: '0.9' }] }),
    layer({ key: 'critical', name: '大病', when: { identitiesAny: [] }, bands: [{ rate: '1' }] }),
    layer({ name: '基本医保（职工）', when: { insuranceType: ['employee'] }, bands: [{ rate: '0.8' }] }),
    layer({ name: '基本医保', when: { enrolledAny: ['x'] }, bands: [{ rate: '0.5' }] }),
    layer({ key: 'inclusive', name: '惠民保', when: { enrolledAny: ['qihuibao'], visit: ['inpatient'] }, bands: [{ rate: '0.1' }] }),
  ]);
  it('takes the first variant whose when matches, at the position of the key', () => {
    expect(amounts(run(p, { ...fees('100'), person: { identities: ['poverty'] } }))).toEqual({ basic: '90.00', cash: '10.00' });
    expect(run(p, { ...fees('100'), person: { identities: ['poverty'] } }).layers[0].name).toBe('基本医保（贫困人口）');
    expect(amounts(run(p, { ...fees('100'), person: { insuranceType: 'employee', identities: ['lowIncome'] } })).basic).toBe('80.00');
    expect(amounts(run(p, { ...fees('100'), person: { enrolled: ['x', 'qihuibao'] } }))).toEqual({ basic: '50.00', inclusive: '5.00', cash: '45.00' });
  });
  it('an empty list never matches; a key with no matching variant is not listed', () => {
    const r = run(p, fees('100'));
    expect(r.layers.map((l) => l.key)).toEqual([]);
    expect(amounts(r).cash).toBe('100.00');
    expect(run(p, { ...fees('100'), person: { enrolled: ['qihuibao'] }, visit: { type: 'outpatient' } }).layers).toEqual([]);
  });
});

describe('facility level tables', () => {
  const p = pack([layer({
    deductible: { byLevel: { township: '100', county: '300' } },
    bands: [{ rate: { byLevel: { township: '0.85', county: '0.75' } } }],
  })]);
  it('resolves by the visit facility level', () => {
    expect(amounts(run(p, { ...fees('1100'), visit: { facilityLevel: 'township' } })).basic).toBe('850.00');
    expect(amounts(run(p, { ...fees('1100'), visit: { facilityLevel: 'county' } })).basic).toBe('600.00');
    expect(run(p, { ...fees('1100'), visit: { facilityLevel: 'county' } }).layers[0].trace).toContain('按县级医疗机构标准');
  });
  it('refuses a level the table lacks, naming the field', () => {
    const r = settle(input(p, { ...fees('1100'), visit: { facilityLevel: 'city' } }));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.field).toBe('layers[0].deductible.byLevel');
      expect(r.error.message).toContain('facilityLevel');
    }
  });
  it('a missing level does not matter when that layer does not apply', () => {
    const q = pack([layer({ when: { visit: ['outpatient'] }, deductible: { byLevel: { village: '1' } } })]);
    expect(run(q, { ...fees('10'), visit: { facilityLevel: 'city' } }).layers).toEqual([]);
  });
});

describe('the Zibo pack', () => {
  const zibo = shippedPack('zibo-2020');
  const poor = { person: { identities: ['poverty'] } };
  it('zero bill: every applied layer pays 0.00 and cash is 0', () => {
    const r = run(zibo, { ...poor, ...fees('0') });
    expect(r.layers.length).toBeGreaterThan(0);
    for (const l of r.layers) expect(l.amount.isZero()).toBe(true);
    expect(r.cash.isZero()).toBe(true);
  });
  it('all self-paid: only the layers on self-paid parts pay', () => {
    expect(amounts(run(zibo, { ...poor, ...fees('1000', '0', '1000') }))).toEqual({
      basic: '0.00', critical: '0.00', assistance: '0.00', reduction: '100.00', special: '810.00', reassistance: '0.00', cash: '90.00',
    });
  });
  it('the destitute get full assistance at a township center', () => {
    const r = run(zibo, { person: { identities: ['destitute'] }, ...fees('8600.00', '240.00', '360.00') });
    expect(amounts(r)).toMatchObject({ basic: '6715.00', assistance: '1285.00' });
  });
});

describe('fee lines', () => {
  it('rounds class-B self-pay line by line', () => {
    const p = pack([layer({ bands: [{ rate: '0' }] })]);
    const lines = [
      { code: 'b1', amount: '0.05', class: 'B' as const, selfPayRatio: '0.10' }, // 0.005 -> 0.01
      { code: 'b2', amount: '0.05', class: 'B' as const, selfPayRatio: '0.10' }, // 0.005 -> 0.01
      { code: 'a', amount: '10', class: 'A' as const },
      { code: 'c', amount: '3.30', class: 'C' as const },
    ];
    const r = run(p, { lines });
    expect(r.fees.total.toFixed(2)).toBe('13.40');
    expect(r.fees.preSelfPay.toFixed(2)).toBe('0.02'); // not round(0.01) = 0.01
    expect(r.fees.fullSelfPay.toFixed(2)).toBe('3.30');
    expect(r.fees.inScope.toFixed(2)).toBe('10.08');
  });
  it('refuses a class-B line without selfPayRatio, naming it', () => {
    const r = settle(input(pack([layer({})]), { lines: [{ code: 'b', amount: '1', class: 'B' }] }));
    expect(!r.ok && r.error.field).toBe('lines[0].selfPayRatio');
  });
});

describe('warnings (Zibo thresholds)', () => {
  const zibo = shippedPack('zibo-2020');
  it('flags one inpatient stay at 30000 and the year at 50000', () => {
    const r = run(zibo, { ...fees('200000'), visit: { facilityLevel: 'city' }, yearBurden: { inpatient: '20000' } });
    expect(amounts(r)).toMatchObject({ basic: '139510.00', critical: '27294.00' });
    expect(r.compliantBurden.toFixed(2)).toBe('33196.00');
    expect(r.warnings.map((w) => [w.kind, w.crossed])).toEqual([['inpatientStay', true], ['inpatientYear', true]]);
    expect(r.yearBurden.inpatient.toFixed(2)).toBe('53196.00');
    expect(r.warnings[0].message).toContain('单次住院个人负担合规费用 33196.00 元');
    expect(r.trace.some((t) => t.startsWith('预警'))).toBe(true);
  });
  it('flags the chronic year at 10000, and says when it was already past', () => {
    const o = { ...fees('1000'), visit: { type: 'chronicOutpatient' as const } };
    const crossing = run(zibo, { ...o, yearBurden: { chronic: '9500' } });
    expect(crossing.compliantBurden.toFixed(2)).toBe('600.00');
    expect(crossing.warnings.map((w) => [w.kind, w.crossed])).toEqual([['chronicYear', true]]);
    expect(run(zibo, { ...o, yearBurden: { chronic: '10100' } }).warnings[0].crossed).toBe(false);
    expect(run(zibo, { ...o, yearBurden: { chronic: '9000' } }).warnings).toEqual([]);
  });
  it('raises nothing for a pack without thresholds, or for a burden from last year', () => {
    expect(run(shippedPack('anhui-2020'), { ...fees('200000'), visit: { facilityLevel: 'city' } }).warnings).toEqual([]);
    expect(run(zibo, { ...fees('1000'), visit: { type: 'chronicOutpatient' }, yearBurden: { chronic: '9500' }, ytdYear: 2019 }).warnings).toEqual([]);
  });
});

describe('input refused with the field named', () => {
  const p = pack([layer({})]);
  it.each([
    [{ visit: { date: '2021-01-01' } }, 'visit.date'],
    [{ visit: { date: '2020-02-30' } }, 'visit.date'],
    [{ visit: { facilityLevel: 'hospital' as never } }, 'visit.facilityLevel'],
    [{ visit: { type: 'emergency' as never } }, 'visit.type'],
    [{ fees: { total: '-1' } }, 'fees.total'],
    [{ fees: { total: '10', preSelfPay: '6', fullSelfPay: '5' } }, 'fees.total'],
    [{ fees: { total: '1e3' } }, 'fees.total'],
    [{ fees: { total: '10' }, ytd: { basic: { paid: '-1' } } }, 'ytd.basic.paid'],
    [{ fees: { total: '10' }, lines: [] }, 'lines'],
  ])('%j -> %s', (o, field) => {
    const r = settle(input(p, o as never));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.field).toBe(field);
      expect(r.error.message).toContain(field);
    }
  });
});
