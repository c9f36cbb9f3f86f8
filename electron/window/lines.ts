// Fee lines for the settlement port: from a HIS visit (mapped by the HIS bridge) or from
// hand-entered items (the village price list, classes from the catalog mapping).
import crypto from 'node:crypto';
import type { HisVisitsService, HisVisit } from '../his';
import type { CatalogStore } from '../his/catalog';
import type { ManualLineInput, WindowVisitType } from '../api/contract';
import { Dec, roundFen } from '../core/money';
import { AppFailure } from '../core/result';
import { chinaDate } from '../core/time';
import { priceByCode } from './prices';
import type { PortLine, PortVisit } from './port';
import type { TermsLookup } from '../catalog/terms';

export function visitDate(v: HisVisit, now: Date): string {
  return v.dischargeDate ?? v.visitTime?.slice(0, 10) ?? chinaDate(now);
}

export function hisVisitLines(his: HisVisitsService, visitId: string, now: Date, terms?: TermsLookup): PortVisit {
  const v = his.get(visitId);
  if (!v) throw new AppFailure({ code: 'HIS_VISIT_NOT_FOUND', message: `没有找到 HIS 就诊记录 ${visitId}`, field: 'visitId' });
  if (v.state === 'settled' || v.state === 'cancelled') {
    throw new AppFailure({ code: 'HIS_VISIT_CLOSED', message: `该就诊已${v.state === 'settled' ? '结算' : '撤销'}，不能再结算`, field: 'visitId' });
  }
  const mapped = his.mappedLines(visitId);
  if (!mapped.ok) throw new AppFailure(mapped.error);
  const lines: PortLine[] = mapped.value.lines.map((l, i) => ({
    lineNo: String(i + 1),
    code: l.code,
    name: l.name,
    hospCode: l.hisCode,
    quantity: l.quantity,
    unitPrice: l.unitPrice,
    amount: l.amount,
    class: l.class,
    selfPayRatio: l.selfPayRatio,
    category: l.category,
    time: v.lines[i]?.time,
  }));
  const date = visitDate(v, now);
  return {
    ref: visitId,
    source: 'his',
    type: mapped.value.visitType,
    date,
    lines: withTerms(lines, date, terms),
    diagnoses: v.diagnoses.map((d) => ({ code: d.code, name: d.name ?? d.code })),
    department: v.department.name,
    doctor: v.doctor.name,
    hisRevision: mapped.value.revision,
  };
}

export function manualVisitLines(input: ManualLineInput[], type: WindowVisitType, catalog: CatalogStore | undefined, now: Date, terms?: TermsLookup): PortVisit {
  if (!input.length) throw new AppFailure({ code: 'VALIDATION', message: '请先录入至少一条费用', field: 'lines' });
  const mapping = catalog?.lookup(input.map((l) => l.code)) ?? new Map();
  const date = chinaDate(now);
  const time = `${date} ${now.toTimeString().slice(0, 8)}`;
  const lines = input.map((l, i): PortLine => {
    const item = priceByCode(l.code);
    if (!item) throw new AppFailure({ code: 'VALIDATION', message: `目录中没有项目 ${l.code}`, field: `lines[${i}].code` });
    const qty = new Dec(l.quantity);
    if (qty.lessThanOrEqualTo(0)) throw new AppFailure({ code: 'VALIDATION', message: `${item.name} 的数量应大于 0`, field: `lines[${i}].quantity` });
    const m = mapping.get(l.code);
    const cls = m?.class ?? 'C';
    return {
      lineNo: String(i + 1),
      code: m && !m.selfPay ? m.catalogCode : l.code,
      name: item.name,
      hospCode: l.code,
      quantity: l.quantity,
      unitPrice: item.price,
      amount: roundFen(qty.times(item.price)).toFixed(2),
      class: cls,
      selfPayRatio: cls === 'B' ? m?.selfPayRatio : undefined,
      category: m?.category,
      time,
    };
  });
  return { ref: `MAN${date.replace(/-/g, '')}${crypto.randomBytes(5).toString('hex').toUpperCase()}`, source: 'manual', type, date, lines: withTerms(lines, date, terms) };
}

/**
 * Each line's class and self-pay ratio as the downloaded national catalog has them in force on the
 * visit's date (1312 class, 1319 ratio); a code the catalog has no class for on that day, or a
 * class-B code without a ratio, keeps the HIS mapping's.
 */
export function withTerms(lines: PortLine[], date: string, terms: TermsLookup | undefined): PortLine[] {
  if (!terms) return lines;
  return lines.map((l) => {
    const t = terms(l.code, date);
    if (!t || t.selfPayRatio === undefined) return l;
    return { ...l, class: t.class, selfPayRatio: t.class === 'B' || l.selfPayRatio !== undefined ? t.selfPayRatio : undefined };
  });
}

/**
 * What a pre-settlement priced, independent of when it was built: the visit type and date and each
 * line's item, quantity, price, amount, class, self-pay ratio and category (not the hand entry's
 * made-up reference or times). Settling checks it again: a HIS change or a remapped item after the
 * pre-settlement changes it.
 */
export function visitFingerprint(v: PortVisit): string {
  const lines = v.lines.map((l) => [l.code, l.hospCode, l.name, l.quantity, l.unitPrice, l.amount, l.class, l.selfPayRatio ?? '', l.category ?? '']);
  return crypto.createHash('sha256').update(JSON.stringify([v.source, v.type, v.date, lines])).digest('hex');
}
