// High-cost warnings (the seeds, Zibo): flag a person whose compliant personal burden reaches
// the pack's thresholds: one inpatient stay, the year's inpatient stays, the year's chronic
// outpatient visits. Thresholds come from the pack's optional `warnings`.
import type Decimal from 'decimal.js';
import { fmt } from '../money';
import type { VisitType } from '../policy/types';
import type { CompiledPack } from './compile';
import type { SettlementWarning, WarningKind, YearBurden } from './types';

const TEXT: Record<WarningKind, string> = {
  inpatientStay: '单次住院个人负担合规费用',
  inpatientYear: '本年度住院个人负担合规费用累计',
  chronicYear: '本年度门诊慢性病个人负担合规费用累计',
};

function warning(kind: WarningKind, threshold: Decimal, amount: Decimal, crossed: boolean): SettlementWarning {
  const when = crossed ? '达到' : '已超过';
  return {
    kind,
    threshold,
    amount,
    crossed,
    message: `${TEXT[kind]} ${fmt(amount)} 元，${when}预警线 ${fmt(threshold)} 元，请列入医保预警人群重点标注`,
  };
}

/** The year's burden after this visit, and the warnings it raises. */
export function checkWarnings(
  pack: CompiledPack,
  visitType: VisitType,
  burden: Decimal,
  before: YearBurden,
): { after: YearBurden; warnings: SettlementWarning[] } {
  const w = pack.warnings;
  const out: SettlementWarning[] = [];
  if (visitType === 'inpatient') {
    const after = before.inpatient.plus(burden);
    if (w.inpatientStay && burden.greaterThanOrEqualTo(w.inpatientStay)) out.push(warning('inpatientStay', w.inpatientStay, burden, true));
    if (w.inpatientYear && after.greaterThanOrEqualTo(w.inpatientYear)) {
      out.push(warning('inpatientYear', w.inpatientYear, after, before.inpatient.lessThan(w.inpatientYear)));
    }
    return { after: { inpatient: after, chronic: before.chronic }, warnings: out };
  }
  if (visitType === 'chronicOutpatient') {
    const after = before.chronic.plus(burden);
    if (w.chronicYear && after.greaterThanOrEqualTo(w.chronicYear)) {
      out.push(warning('chronicYear', w.chronicYear, after, before.chronic.lessThan(w.chronicYear)));
    }
    return { after: { inpatient: before.inpatient, chronic: after }, warnings: out };
  }
  return { after: before, warnings: out };
}
