// Settlement documents as the API shows them: money as decimal strings, names masked in lists,
// ID numbers always masked, the network's state in words.
import { yuan } from '../core/money';
import { maskIdNumber, maskName } from '../core/mask';
import type {
  DifferenceView, FacilityLevel, SettlementListItem, SettlementNetworkState, SettlementView,
} from '../api/contract';
import type { SettlementDoc, SettlementHead } from '../store/settlements';
import type { NetworkRecord } from '../store/settlement-network';
import type { DifferenceRecord } from '../store/differences';

export const NETWORK_STATE_TEXT: Record<SettlementNetworkState, string> = {
  pending: '待上传（脱机，等待医保确认）',
  confirmed: '医保已确认',
  dead: '医保拒绝，待处理',
  cancelled: '已撤销',
  local: '本地撤销（未上传医保）',
};

const ITEM_NAMES: Record<string, string> = {
  total: '医疗费总额',
  account: '个人账户支付',
  cash: '个人现金支付',
  basic: '基本医保统筹',
  critical: '大病保险',
  assistance: '医疗救助',
  reduction: '医疗机构减免',
  burdenCap: '兜底保障',
  special: '扶贫特惠保险',
  reassistance: '再救助',
  inclusive: '惠民保',
  supplement: '补充医保',
};

function policyText(d: DifferenceRecord): string {
  if (d.policy === 'institution' || d.cashDiffFen === 0) return '机构承担';
  return d.cashDiffFen > 0 ? '下次就诊补收' : '下次就诊退还';
}

const DIFF_STATUS: Record<DifferenceRecord['status'], string> = { open: '待处理', borne: '机构已承担', collected: '已在后续结算中处理' };

export function differenceView(d: DifferenceRecord, doc: SettlementDoc | undefined): DifferenceView {
  return {
    settlementId: d.settlementId,
    receiptNo: doc?.receiptNo ?? '',
    nameMasked: doc ? maskName(doc.person.name) : '',
    items: d.items.map((i) => ({
      item: i.item,
      itemName: ITEM_NAMES[i.item] ?? i.item,
      local: yuan(i.localFen),
      network: yuan(i.networkFen),
      difference: yuan(i.networkFen - i.localFen),
    })),
    cashDifference: yuan(d.cashDiffFen),
    policy: d.policy,
    policyText: policyText(d),
    status: d.status,
    statusText: DIFF_STATUS[d.status],
    createdAt: d.createdAt,
  };
}

/** What the patient pays in cash with this document (a difference of an earlier one included). */
export function cashDueFen(doc: SettlementHead): number {
  return doc.cashFen + doc.adjustmentFen;
}

export function settlementView(
  doc: SettlementDoc,
  net: NetworkRecord | undefined,
  extra: { cancelledById?: string; difference?: DifferenceRecord; warnings: string[] },
): SettlementView {
  const p = doc.person;
  const state = net?.state ?? 'pending';
  const tendered = doc.payment.tenderedFen;
  const due = cashDueFen(doc);
  const c = net?.confirmed;
  return {
    id: doc.id,
    receiptNo: doc.receiptNo,
    kind: doc.kind,
    cancelsId: doc.cancelsId,
    cancelledById: extra.cancelledById,
    visitRef: doc.visitRef,
    visitSource: doc.visitSource,
    person: {
      personNo: p.personNo, name: p.name, idMasked: maskIdNumber(p.idNumber), insuranceType: p.insuranceType,
      insutype: p.insutype, identities: p.identities, enrolled: p.enrolled, region: p.region,
    },
    visitType: doc.visitType,
    facilityLevel: doc.facilityLevel as FacilityLevel,
    visitDate: doc.visitDate,
    packId: doc.packId,
    packHash: doc.packHash,
    fees: { total: yuan(doc.totalFen), inScope: yuan(doc.inScopeFen), preSelfPay: yuan(doc.preSelfPayFen), fullSelfPay: yuan(doc.fullSelfPayFen) },
    categories: {
      byCategory: Object.fromEntries(Object.entries(doc.categories.byCategory).map(([k, v]) => [k, yuan(v)])),
      byClass: Object.fromEntries(Object.entries(doc.categories.byClass).map(([k, v]) => [k, yuan(v)])),
    },
    lines: doc.lines.map((l) => ({
      lineNo: l.lineNo, code: l.code, name: l.name, quantity: l.quantity, unitPrice: l.unitPrice, amount: yuan(l.amountFen),
      class: l.class, category: l.category, time: l.time,
    })),
    layers: doc.layers.map((l) => ({ key: l.key, name: l.name, ytdKey: l.ytdKey, base: yuan(l.baseFen), amount: yuan(l.amountFen), trace: l.trace })),
    funds: yuan(doc.fundsFen),
    account: yuan(doc.accountFen),
    cash: yuan(doc.cashFen),
    adjustment: yuan(doc.adjustmentFen),
    cashDue: yuan(due),
    payment: {
      method: doc.payment.method,
      reference: doc.payment.reference,
      tendered: tendered === undefined ? undefined : yuan(tendered),
      change: tendered === undefined ? undefined : yuan(Math.max(0, tendered - due)),
    },
    operatorId: doc.operatorId,
    cardFree: doc.cardFree,
    mode: doc.mode,
    personFetchedAt: doc.personFetchedAt,
    reason: doc.reason,
    businessDate: doc.businessDate,
    createdAt: doc.createdAt,
    trace: doc.trace,
    warnings: extra.warnings,
    network: {
      state,
      stateText: NETWORK_STATE_TEXT[state],
      visitId: net?.visitId,
      netSettlementId: net?.netSettlementId,
      confirmed: c
        ? {
            total: yuan(c.totalFen), funds: yuan(c.fundsFen), account: yuan(c.accountFen), cash: yuan(c.cashFen),
            layers: Object.fromEntries(Object.entries(c.layers).map(([k, v]) => [k, yuan(v)])),
          }
        : undefined,
      confirmedAt: net?.confirmedAt,
    },
    difference: extra.difference ? differenceView(extra.difference, doc) : undefined,
  };
}

export function listItem(doc: SettlementHead, net: NetworkRecord | undefined, cancelled: boolean): SettlementListItem {
  return {
    id: doc.id,
    receiptNo: doc.receiptNo,
    kind: doc.kind,
    cancelsId: doc.cancelsId,
    cancelled,
    nameMasked: maskName(doc.person.name),
    idMasked: maskIdNumber(doc.person.idNumber),
    visitRef: doc.visitRef,
    visitType: doc.visitType,
    total: yuan(doc.totalFen),
    funds: yuan(doc.fundsFen),
    cashDue: yuan(cashDueFen(doc)),
    mode: doc.mode,
    networkState: net?.state ?? 'pending',
    createdAt: doc.createdAt,
    operatorId: doc.operatorId,
    cardFree: doc.cardFree,
  };
}
