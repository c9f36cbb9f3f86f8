// The platform's own benefit rules per insured region (its truth, kept apart from the window's
// policy packs on purpose). Amounts are yuan, ratios decimals, all as strings for decimal.js.
// Where these differ from the window's demo packs is listed in docs/SIMULATOR.md.

export type Level = 'village' | 'township' | 'county' | 'city' | 'province';
export type Kind = 'op' | 'chronic' | 'ip';
export type ByLevel = Record<Level, string>;

export interface Pool {
  deductible: string | ByLevel;
  /** Deductible counted per year (op, chronic) or per stay (ip). */
  per: 'year' | 'stay';
  ratio: string | ByLevel;
  /** Ratio for retired employees (psn_type 12xx), when different. */
  retiredRatio?: string;
  /** Ratio for holders of these identity codes, when higher. */
  identityRatio?: { codes: string[]; ratio: string };
  capYear: string;
}

export interface Band {
  upTo?: string;
  rate: string;
}

export interface Critical {
  deductible: string;
  bands: Band[];
  identity: { codes: string[]; deductible: string; bands: Band[] };
  capYear: string;
}

export interface Assistance {
  kinds: Kind[];
  /** Identity code → ratio (or ratio by level) and yearly cap ('' = none). */
  byIdentity: Record<string, { ratio: string | ByLevel; capYear: string }>;
}

export interface RegionRules {
  region: string;
  name: string;
  resident: { op: Pool; chronic: Pool; ip: Pool; critical: Critical; assistance: Assistance };
  employee: { op: Pool; chronic: Pool; ip: Pool; large: { ratio: string; capYear: string }; civil: { ratio: string } };
  /** The hospital bears a share of the self-paid part for these identities (inpatient). */
  hospitalPart?: { codes: string[]; ratio: string };
  /** Poverty chronic visits: personal in-scope burden capped at a share of the in-scope amount. */
  burdenCap?: { codes: string[]; ratioOfInscope: string };
}

const lv = (village: string, township: string, county: string, city: string, province: string): ByLevel => ({ village, township, county, city, province });

const POOR = ['2301', '2302', '2303'];

const EMPLOYEE: RegionRules['employee'] = {
  op: { deductible: '200', per: 'year', ratio: '0.60', retiredRatio: '0.70', capYear: '2000' },
  chronic: { deductible: '200', per: 'year', ratio: '0.70', retiredRatio: '0.75', capYear: '10000' },
  ip: { deductible: lv('300', '300', '600', '800', '1000'), per: 'stay', ratio: '0.90', retiredRatio: '0.92', capYear: '150000' },
  large: { ratio: '0.85', capYear: '400000' },
  civil: { ratio: '0.50' },
};

export const REGION_RULES: Record<string, RegionRules> = {
  '370300': {
    region: '370300',
    name: '淄博市',
    resident: {
      op: { deductible: '50', per: 'year', ratio: lv('0.50', '0.50', '0.45', '0.40', '0.40'), capYear: '900' },
      chronic: { deductible: '200', per: 'year', ratio: '0.50', identityRatio: { codes: POOR, ratio: '0.60' }, capYear: '8000' },
      ip: { deductible: lv('100', '100', '300', '700', '1000'), per: 'stay', ratio: lv('0.85', '0.85', '0.75', '0.70', '0.60'), capYear: '200000' },
      critical: {
        deductible: '15000',
        bands: [{ upTo: '100000', rate: '0.60' }, { upTo: '200000', rate: '0.65' }, { rate: '0.75' }],
        identity: { codes: POOR, deductible: '5000', bands: [{ upTo: '100000', rate: '0.70' }, { upTo: '200000', rate: '0.75' }, { rate: '0.85' }] },
        capYear: '400000',
      },
      assistance: {
        kinds: ['ip', 'chronic'],
        byIdentity: {
          '2302': { ratio: lv('1', '1', '1', '0.70', '0.70'), capYear: '' },
          '2301': { ratio: '0.70', capYear: '10000' },
          '2303': { ratio: '0.70', capYear: '10000' },
        },
      },
    },
    employee: EMPLOYEE,
    hospitalPart: { codes: ['2301', '2302', '2303', '2304'], ratio: '0.10' },
    burdenCap: { codes: ['2303'], ratioOfInscope: '0.10' },
  },
  '341100': {
    region: '341100',
    name: '滁州市',
    resident: {
      op: { deductible: '0', per: 'year', ratio: '0.55', capYear: '500' },
      chronic: { deductible: '0', per: 'year', ratio: '0.65', capYear: '6000' },
      ip: { deductible: lv('200', '200', '500', '800', '1200'), per: 'stay', ratio: lv('0.80', '0.80', '0.75', '0.65', '0.55'), capYear: '150000' },
      critical: {
        deductible: '12000',
        bands: [{ upTo: '100000', rate: '0.60' }, { rate: '0.70' }],
        identity: { codes: ['2303'], deductible: '6000', bands: [{ rate: '0.70' }] },
        capYear: '300000',
      },
      assistance: { kinds: ['ip', 'chronic'], byIdentity: { '2303': { ratio: '0.60', capYear: '8000' } } },
    },
    employee: EMPLOYEE,
  },
};

/** The pooling region of an insured area: the city (first four digits + "00"). */
export function poolRegion(admdvs: string): string {
  return `${admdvs.slice(0, 4)}00`;
}

export function rulesFor(insuplc: string): RegionRules {
  return REGION_RULES[poolRegion(insuplc)] ?? REGION_RULES['370300'];
}

export function kindOf(medType: string): Kind {
  if (medType === '14' || medType === '9901') return 'chronic';
  if (['21', '22', '23', '24', '52', '92', '9902'].includes(medType)) return 'ip';
  return 'op';
}

/** The business code a kind's year-to-date figures are kept under (cum_type_code suffix _BIZ…). */
export const KIND_BIZ: Record<Kind, string> = { op: '11', chronic: '14', ip: '21' };

export function atLevel(v: string | ByLevel, level: Level): string {
  return typeof v === 'string' ? v : v[level];
}
