// Fund rows (setldetail fund_pay_type) placed into settlement layers, by the families of
// NETWORK-SPEC §11.4: a setup override for the exact code first, then the codes the spec names
// one by one, then — for codes ending 00 or 01, twins in every region seen — the family of the
// first four digits. A code none of these place is unplaced: reported, never guessed.
// Pure: no I/O.

/** Where a fund row goes: a layer key, the personal account, or the hospital's part. */
export type FundPlace = { kind: 'layer'; key: string } | { kind: 'account' } | { kind: 'hospital' };

/** The layer keys the families stand for (the hospital part is the `reduction` layer). */
export const FUND_LAYERS = {
  basic: '基本医疗保险统筹基金',
  civilServant: '公务员医疗补助',
  critical: '大病/大额医疗保险',
  enterprise: '企业补充医疗保险',
  assistance: '医疗救助',
  reassistance: '医疗再救助',
  special: '扶贫专项基金',
  burdenCap: '政府兜底保障',
  reduction: '医院负担',
} as const;

/** The hospital part as a layer: one amount (hosp_part_amt), whatever rows stand for it. */
export const HOSPITAL_LAYER = 'reduction';

/** A setup's own placements: code -> layer key, or "account" / "hospital". */
export type FundMap = Record<string, string>;

const layer = (key: string): FundPlace => ({ kind: 'layer', key });

/** Families by the first four digits (codes ending 00 or 01). */
const FAMILIES: Record<string, FundPlace> = {
  '3101': layer('basic'),
  '3901': layer('basic'),
  '3102': { kind: 'account' },
  '3201': layer('civilServant'),
  '3301': layer('critical'),
  '3902': layer('critical'),
  '3701': layer('enterprise'),
  '6101': layer('assistance'),
  '6401': layer('burdenCap'),
};

/** Codes the spec places one by one (they do not follow the 00/01 rule). */
const EXACT: Record<string, FundPlace> = {
  '390102': layer('basic'),
  '610102': layer('reassistance'),
  '610103': layer('special'),
  '610104': layer('special'),
  '999901': layer('civilServant'),
  '999996': { kind: 'hospital' },
};

function fromSetup(v: string): FundPlace {
  if (v === 'account') return { kind: 'account' };
  if (v === 'hospital') return { kind: 'hospital' };
  return layer(v);
}

/**
 * The place of a fund code, or undefined when nothing places it. `hospitalRow` is the code the
 * answer's own field names as hospital-borne (999997 beside `ownpay_hosp_part`, Chongqing).
 */
export function placeFund(code: string, setup: FundMap = {}, hospitalRow?: string): FundPlace | undefined {
  if (Object.prototype.hasOwnProperty.call(setup, code)) return fromSetup(setup[code]);
  if (code === hospitalRow) return { kind: 'hospital' };
  if (EXACT[code]) return EXACT[code];
  if (/^\d{6}$/.test(code) && /(00|01)$/.test(code)) return FAMILIES[code.slice(0, 4)];
  return undefined;
}

/** Checks a setup map: six-digit codes, each placed as a known layer key, "account" or "hospital". */
export function fundMapProblem(map: FundMap): string | undefined {
  for (const [code, to] of Object.entries(map)) {
    if (!/^\d{6}$/.test(code)) return `基金支付类型 ${code} 应为 6 位数字`;
    if (to !== 'account' && to !== 'hospital' && !/^[A-Za-z][\w.]{0,39}$/.test(to)) return `基金支付类型 ${code} 的归属 ${to} 不正确`;
  }
  return undefined;
}

/** The named setlinfo fields a settlement falls back on when it has no usable fund rows (§12.2 step 7). */
export const NAMED_FUND_FIELDS: readonly { field: string; key: string }[] = [
  { field: 'hifp_pay', key: 'basic' },
  { field: 'cvlserv_pay', key: 'civilServant' },
  { field: 'hifes_pay', key: 'enterprise' },
  { field: 'hifmi_pay', key: 'critical' },
  { field: 'hifob_pay', key: 'critical' },
  { field: 'maf_pay', key: 'assistance' },
];
