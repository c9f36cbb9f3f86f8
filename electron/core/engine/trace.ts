// The trace: for each layer one line a cashier can read (rule, base, deductible, bands, rate,
// cap, amount), plus the bill and the cash.
import type Decimal from 'decimal.js';
import { fmt, ZERO } from '../money';
import { LEVEL_NAMES, PART_NAMES, VISIT_NAMES, type Layer, type LevelValue } from '../policy/types';
import type { AbsBand, CompiledEntry } from './compile';
import type { LayerWork } from './layer';
import type { FeeBreakdown, VisitInput } from './types';

/** A rule figure: "100", "0.50" (whole yuan without decimals). */
function figure(d: Decimal): string {
  return d.isInteger() ? d.toFixed(0) : d.toFixed(2);
}

function inYuan(d: Decimal): string {
  return `${fmt(d)} 元`;
}

function pct(rate: Decimal): string {
  return `${rate.times(100).toFixed()}%`;
}

function bandsText(bands: readonly AbsBand[]): string {
  const live = bands.filter((b) => !b.hi || b.hi.greaterThan(b.lo));
  if (live.length === 1 && !live[0].hi) return `报销比例 ${pct(live[0].rate)}`;
  const parts = live.map((b) =>
    b.hi ? `${figure(b.lo)}–${figure(b.hi)} 元 ${pct(b.rate)}` : `${figure(b.lo)} 元以上 ${pct(b.rate)}`);
  return `分段 ${parts.join('，')}`;
}

function usesByLevel(layer: Layer): boolean {
  const vals: (LevelValue | undefined)[] = [layer.baseCap, layer.deductible, layer.cap?.amount];
  for (const b of layer.bands ?? []) vals.push(b.upTo, b.rate);
  if (layer.burden) vals.push('amount' in layer.burden ? layer.burden.amount : layer.burden.ratioOfInScope);
  return vals.some((v) => v !== undefined && typeof v !== 'string');
}

function baseText(e: CompiledEntry, w: LayerWork, fees: FeeBreakdown): string {
  const names = e.base.map((p) => PART_NAMES[p]).join('+');
  let start = ZERO;
  for (const p of e.base) start = start.plus(fees[p]);
  const label = w.uncapped.lessThan(start) ? `${names}（前几层报销后剩余）` : names;
  let text = `${label} ${inYuan(w.uncapped)}`;
  if (e.baseCap && w.base.lessThan(w.uncapped)) text += `，计算基数以 ${figure(e.baseCap)} 元为限`;
  if (e.bands && e.accumulate === 'year') text += `，年度累计 ${inYuan(w.ytdBase)} + 本次 ${inYuan(w.base)}`;
  return text;
}

function ruleText(e: CompiledEntry, w: LayerWork): string[] {
  const out: string[] = [];
  if (e.bands) {
    if (!e.deductible.isZero()) out.push(`${e.accumulate === 'year' ? '年度' : ''}起付线 ${figure(e.deductible)} 元`);
    out.push(bandsText(e.bands));
  } else if (e.burden && e.burden.per === 'year') {
    out.push(`个人年度负担封顶 ${figure(e.burden.amount)} 元，本次可负担 ${inYuan(w.limit!)}，超出部分由本层支付`);
  } else if (e.burden) {
    out.push(`个人负担不超过本次政策范围内费用的 ${pct(e.burden.ratio)}（${inYuan(w.limit!)}），超出部分由本层支付`);
  }
  if (e.cap) {
    const capped = w.capLeft !== undefined && w.capLeft.lessThan(w.raw);
    const left = e.cap.per === 'year' ? `年度封顶 ${figure(e.cap.amount)} 元（本年剩余 ${inYuan(w.capLeft!)}）` : `单次封顶 ${figure(e.cap.amount)} 元`;
    out.push(capped ? `${left}，已达封顶` : left);
  }
  return out;
}

/** One readable line for a layer. */
export function layerTrace(e: CompiledEntry, layer: Layer, w: LayerWork, visit: VisitInput, fees: FeeBreakdown): string {
  const parts = [baseText(e, w, fees), ...ruleText(e, w)];
  if (usesByLevel(layer)) parts.unshift(`按${LEVEL_NAMES[visit.facilityLevel]}医疗机构标准`);
  return `${e.name}：${parts.join('；')}；支付 ${inYuan(w.pay)}`;
}

export function feeTrace(fees: FeeBreakdown, visit: VisitInput, packName: string): string {
  return `${packName}｜${VISIT_NAMES[visit.type]}，${LEVEL_NAMES[visit.facilityLevel]}医疗机构，${visit.date}：` +
    `总费用 ${inYuan(fees.total)}，其中政策范围内 ${inYuan(fees.inScope)}，先行自付 ${inYuan(fees.preSelfPay)}，全自费 ${inYuan(fees.fullSelfPay)}`;
}

export function cashTrace(fees: FeeBreakdown, paid: Decimal, cash: Decimal): string {
  return `各项报销合计 ${inYuan(paid)}；个人现金支付 = 总费用 ${inYuan(fees.total)} − 报销合计 ${inYuan(paid)} = ${inYuan(cash)}`;
}
