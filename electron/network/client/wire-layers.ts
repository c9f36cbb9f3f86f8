// Our settlement layers on the wire, both ways. Pure: the simulator answers with it, the client
// decodes answers with it, reconciliation compares with it.
//
//   basic       -> hifp_pay   + setldetail 390100 (resident) / 310100 (employee)
//   critical    -> hifmi_pay  + setldetail 390200 (resident);
//                  hifob_pay  + setldetail 330100 (employee: large-amount subsidy)
//   assistance  -> maf_pay    + setldetail 610100
//   burdenCap   -> oth_pay share + setldetail 640100 (government burden cap)
//   reduction   -> hosp_part_amt (the institution bears it; not a fund, no setldetail row)
//   any other   -> oth_pay share + one setldetail row each, code from OTHER_LAYER_FUNDS
//                  (unknown keys: 999999), setl_proc_info "layer=<key>" naming the layer
//
// fund_pay_sumamt = hifp + hifmi + hifob + maf + oth (reduction is not a fund payment).
import Decimal from 'decimal.js';
import { Dec, ZERO, fmt, isDecimalString } from '../../core/money';
import type { InsuranceType, Money } from './types';

export interface WireDetailRow {
  fund_pay_type: string;
  fund_pay_type_name: string;
  inscp_scp_amt: string;
  crt_payb_lmt_amt: string;
  fund_payamt: string;
  setl_proc_info: string;
}

export interface WireLayers {
  hifp_pay: string;
  hifmi_pay: string;
  hifob_pay: string;
  maf_pay: string;
  oth_pay: string;
  hosp_part_amt: string;
  fund_pay_sumamt: string;
  setldetail: WireDetailRow[];
}

export const FUND_NAMES: Record<string, string> = {
  '310100': '职工基本医疗保险统筹基金',
  '310200': '职工基本医疗保险个人账户基金',
  '330100': '大额医疗费用补助基金',
  '390100': '城乡居民基本医疗保险基金',
  '390200': '城乡居民大病医疗保险基金',
  '610100': '医疗救助基金',
  '640100': '政府兜底基金',
  '999999': '其他基金',
};

/** Fund codes of the layers paid as oth_pay (burdenCap and the regions' extra layers). */
export const OTHER_LAYER_FUNDS: Record<string, { code: string; name: string }> = {
  burdenCap: { code: '640100', name: '政府兜底基金' },
  outpatientGap: { code: '390300', name: '门诊费用补充报销' },
  special: { code: '620100', name: '扶贫特惠保险' },
  reassistance: { code: '610200', name: '重特大疾病再救助' },
  inclusive: { code: '999900', name: '惠民保（商业补充保险）' },
  supplement: { code: '390400', name: '慢性病补充医保' },
};

const UNKNOWN_OTHER_CODE = '999999';
const NAMED_WIRE_LAYERS = new Set(['basic', 'critical', 'assistance', 'reduction']);

export function basicFundCode(insuranceType: InsuranceType): string {
  return insuranceType === 'employee' ? '310100' : '390100';
}

function toDec(v: Money | Decimal | undefined): Decimal {
  if (v === undefined) return ZERO;
  return typeof v === 'string' ? new Dec(v) : v;
}

function row(code: string, name: string, amount: Decimal, layer: string): WireDetailRow {
  const a = fmt(amount);
  return { fund_pay_type: code, fund_pay_type_name: name, inscp_scp_amt: a, crt_payb_lmt_amt: '0.00', fund_payamt: a, setl_proc_info: `layer=${layer}` };
}

/** Our layers (key -> amount) as the wire's setlinfo fund fields and setldetail rows. */
export function layersToWire(
  layers: Record<string, Money | Decimal> | readonly { key: string; amount: Money | Decimal }[],
  insuranceType: InsuranceType,
): WireLayers {
  const byKey = new Map<string, Decimal>();
  const list = Array.isArray(layers) ? layers : Object.entries(layers).map(([key, amount]) => ({ key, amount }));
  for (const l of list as { key: string; amount: Money | Decimal }[]) {
    byKey.set(l.key, (byKey.get(l.key) ?? ZERO).plus(toDec(l.amount)));
  }
  const get = (k: string) => byKey.get(k) ?? ZERO;
  const employee = insuranceType === 'employee';
  const details: WireDetailRow[] = [];
  const basic = get('basic');
  if (!basic.isZero()) details.push(row(basicFundCode(insuranceType), FUND_NAMES[basicFundCode(insuranceType)], basic, 'basic'));
  const critical = get('critical');
  if (!critical.isZero()) {
    const code = employee ? '330100' : '390200';
    details.push(row(code, FUND_NAMES[code], critical, 'critical'));
  }
  const assistance = get('assistance');
  if (!assistance.isZero()) details.push(row('610100', FUND_NAMES['610100'], assistance, 'assistance'));
  let other = ZERO;
  for (const [key, amount] of byKey) {
    if (NAMED_WIRE_LAYERS.has(key) || amount.isZero()) continue;
    const fund = OTHER_LAYER_FUNDS[key] ?? { code: UNKNOWN_OTHER_CODE, name: FUND_NAMES[UNKNOWN_OTHER_CODE] };
    details.push(row(fund.code, fund.name, amount, key));
    other = other.plus(amount);
  }
  const hifmi = employee ? ZERO : critical;
  const hifob = employee ? critical : ZERO;
  const fundSum = basic.plus(hifmi).plus(hifob).plus(assistance).plus(other);
  return {
    hifp_pay: fmt(basic),
    hifmi_pay: fmt(hifmi),
    hifob_pay: fmt(hifob),
    maf_pay: fmt(assistance),
    oth_pay: fmt(other),
    hosp_part_amt: fmt(get('reduction')),
    fund_pay_sumamt: fmt(fundSum),
    setldetail: details,
  };
}

function wireDec(v: unknown): Decimal {
  if (typeof v === 'number' && Number.isFinite(v)) return new Dec(String(v));
  if (typeof v === 'string' && isDecimalString(v.trim())) return new Dec(v.trim());
  return ZERO;
}

const CODE_TO_OTHER_LAYER: Record<string, string> = Object.fromEntries(
  Object.entries(OTHER_LAYER_FUNDS).map(([k, v]) => [v.code, k]),
);
const NAMED_FUND_CODES = new Set(['310100', '390100', '390200', '330100', '610100', '310200']);

/** The layer a setldetail row stands for: setl_proc_info "layer=<key>" first, then the fund code. */
export function layerOfDetail(d: { fund_pay_type?: unknown; setl_proc_info?: unknown }): string | undefined {
  const info = typeof d.setl_proc_info === 'string' ? /(?:^|[;\s])layer=([A-Za-z][\w]*)/.exec(d.setl_proc_info) : null;
  if (info) return info[1];
  const code = String(d.fund_pay_type ?? '');
  if (code === '390100' || code === '310100') return 'basic';
  if (code === '390200' || code === '330100') return 'critical';
  if (code === '610100') return 'assistance';
  if (code === '310200') return undefined; // personal account: not a layer
  return CODE_TO_OTHER_LAYER[code];
}

/**
 * Our layers from a settlement answer (setlinfo + setldetail). Amounts are two-decimal strings;
 * only non-zero layers are listed. oth_pay not explained by setldetail rows becomes `other`.
 */
export function wireToLayers(setlinfo: Record<string, unknown>, setldetail: readonly Record<string, unknown>[] = []): Record<string, Money> {
  const out = new Map<string, Decimal>();
  const add = (k: string, v: Decimal) => {
    if (!v.isZero()) out.set(k, (out.get(k) ?? ZERO).plus(v));
  };
  add('basic', wireDec(setlinfo.hifp_pay));
  add('critical', wireDec(setlinfo.hifmi_pay).plus(wireDec(setlinfo.hifob_pay)));
  add('assistance', wireDec(setlinfo.maf_pay));
  add('reduction', wireDec(setlinfo.hosp_part_amt));
  let explained = ZERO;
  for (const d of setldetail) {
    const layer = layerOfDetail(d);
    const code = String(d.fund_pay_type ?? '');
    if (NAMED_FUND_CODES.has(code) || (layer && NAMED_WIRE_LAYERS.has(layer))) continue;
    const amount = wireDec(d.fund_payamt);
    add(layer ?? `other.${code}`, amount);
    explained = explained.plus(amount);
  }
  add('other', wireDec(setlinfo.oth_pay).minus(explained));
  return Object.fromEntries([...out].map(([k, v]) => [k, fmt(v)]));
}

export interface LayerDifference {
  layer: string;
  local: Money;
  network: Money;
  /** network - local */
  difference: Money;
}

/** Layer-by-layer differences (missing = 0); empty when both agree to the fen. */
export function compareLayers(local: Record<string, Money | Decimal>, network: Record<string, Money | Decimal>): LayerDifference[] {
  const keys = [...new Set([...Object.keys(local), ...Object.keys(network)])].sort();
  const out: LayerDifference[] = [];
  for (const k of keys) {
    const a = toDec(local[k]);
    const b = toDec(network[k]);
    if (!a.equals(b)) out.push({ layer: k, local: fmt(a), network: fmt(b), difference: fmt(b.minus(a)) });
  }
  return out;
}
