// Building settlement documents: a settlement from the engine's result, and the cancellation of
// a settlement (a new document with every amount negated, linked to the original).
import { receiptNumber } from '../core/receipt';
import type { NetPerson } from '../network/client';
import type { SettlementDoc, SettleMode, StoredLayer, StoredLine, StoredPerson, VisitSource, YtdDelta } from '../store/settlements';
import { categoriesOf, type Computed, type VisitType } from './compute';

/** Receipt number and settlement id from the window's daily sequence (R/S + terminal + day + seq). */
export function documentNumbers(terminalNo: string, businessDate: string, seq: number): { id: string; receiptNo: string } {
  const receiptNo = seq <= 9999
    ? receiptNumber(terminalNo, businessDate, seq)
    : `R${terminalNo}${businessDate.replace(/-/g, '')}${String(seq)}`;
  return { id: `S${receiptNo.slice(1)}`, receiptNo };
}

export function storedPerson(p: NetPerson, cert: { certType: string; certNo: string }): StoredPerson {
  return {
    personNo: p.personNo,
    name: p.name,
    idNumber: p.idNumber,
    insuranceType: p.insuranceType,
    insutype: p.insutype,
    insuranceRegion: p.insuranceRegion,
    identities: [...p.identities],
    enrolled: [...p.enrolled],
    region: p.insuranceRegion,
    certType: cert.certType,
    certNo: cert.certNo,
  };
}

export interface NewSettlement {
  numbers: { id: string; receiptNo: string };
  person: StoredPerson;
  visit: { ref: string; source: VisitSource; type: VisitType; facilityLevel: string; date: string; chronicCode?: string };
  /** An employee's personal account balance after this settlement (the network's balc online), for the receipt. */
  accountBalanceAfterFen?: number;
  computed: Computed;
  adjustmentFen: number;
  payment: { method: string; reference?: string; tenderedFen?: number };
  operatorId: string;
  cardFree: boolean;
  mode: SettleMode;
  personFetchedAt: string;
  businessDate: string;
  createdAt: string;
}

/** What a settlement document says of itself, whoever computed its figures (the local engine or the network). */
function settlementHead(n: Pick<NewSettlement, 'numbers' | 'visit' | 'person' | 'accountBalanceAfterFen'>) {
  return {
    id: n.numbers.id,
    receiptNo: n.numbers.receiptNo,
    kind: 'settlement' as const,
    visitRef: n.visit.ref,
    visitSource: n.visit.source,
    person: n.person,
    visitType: n.visit.type,
    facilityLevel: n.visit.facilityLevel,
    visitDate: n.visit.date,
    ...(n.visit.chronicCode ? { chronicCode: n.visit.chronicCode } : {}),
    ...(n.accountBalanceAfterFen !== undefined ? { accountBalanceAfterFen: n.accountBalanceAfterFen } : {}),
  };
}

export function settlementDoc(n: NewSettlement): SettlementDoc {
  const r = n.computed.result;
  const fees = n.computed.fees;
  return {
    ...settlementHead(n),
    packId: r.packId,
    packHash: r.packHash,
    totalFen: fees.totalFen,
    inScopeFen: fees.inScopeFen,
    preSelfPayFen: fees.preSelfPayFen,
    fullSelfPayFen: fees.fullSelfPayFen,
    fundsFen: n.computed.fundsFen,
    accountFen: n.computed.accountFen,
    cashFen: n.computed.cashFen,
    adjustmentFen: n.adjustmentFen,
    categories: n.computed.categories,
    lines: n.computed.lines,
    trace: r.trace,
    ytdDelta: n.computed.ytdDelta,
    payment: n.payment,
    operatorId: n.operatorId,
    cardFree: n.cardFree,
    mode: n.mode,
    personFetchedAt: n.personFetchedAt,
    businessDate: n.businessDate,
    createdAt: n.createdAt,
    layers: n.computed.layers,
  };
}

/** A settlement the network decided: its figures (2207 / 2304), the local engine's pack and trace beside. */
export interface NewNetworkSettlement extends Omit<NewSettlement, 'computed' | 'mode'> {
  local?: Computed;
  /** The stored lines, classed as the network classed them. */
  lines: StoredLine[];
  fees: { totalFen: number; inScopeFen: number; preSelfPayFen: number; fullSelfPayFen: number };
  layers: StoredLayer[];
  fundsFen: number;
  accountFen: number;
  cashFen: number;
  ytdDelta: YtdDelta;
  trace: string[];
}

export function networkSettlementDoc(n: NewNetworkSettlement): SettlementDoc {
  return {
    ...settlementHead(n),
    packId: n.local?.result.packId ?? '',
    packHash: n.local?.result.packHash ?? '',
    totalFen: n.fees.totalFen,
    inScopeFen: n.fees.inScopeFen,
    preSelfPayFen: n.fees.preSelfPayFen,
    fullSelfPayFen: n.fees.fullSelfPayFen,
    fundsFen: n.fundsFen,
    accountFen: n.accountFen,
    cashFen: n.cashFen,
    adjustmentFen: n.adjustmentFen,
    categories: categoriesOf(n.lines),
    lines: n.lines,
    trace: n.trace,
    ytdDelta: n.ytdDelta,
    payment: n.payment,
    operatorId: n.operatorId,
    cardFree: n.cardFree,
    mode: 'online',
    personFetchedAt: n.personFetchedAt,
    businessDate: n.businessDate,
    createdAt: n.createdAt,
    layers: n.layers,
  };
}

/** The cancellation of `orig`: every amount negated, the year-to-date delta negated. */
export function cancellationDoc(
  orig: SettlementDoc,
  o: { numbers: { id: string; receiptNo: string }; reason: string; operatorId: string; mode: SettleMode; businessDate: string; createdAt: string },
): SettlementDoc {
  const negKeys: SettlementDoc['ytdDelta']['keys'] = {};
  for (const [k, d] of Object.entries(orig.ytdDelta.keys)) negKeys[k] = { baseFen: -d.baseFen, paidFen: -d.paidFen, burdenFen: -d.burdenFen };
  const negMap = (m: Record<string, number>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, -v]));
  return {
    ...orig,
    id: o.numbers.id,
    receiptNo: o.numbers.receiptNo,
    kind: 'cancellation',
    cancelsId: orig.id,
    totalFen: -orig.totalFen,
    inScopeFen: -orig.inScopeFen,
    preSelfPayFen: -orig.preSelfPayFen,
    fullSelfPayFen: -orig.fullSelfPayFen,
    fundsFen: -orig.fundsFen,
    accountFen: -orig.accountFen,
    cashFen: -orig.cashFen,
    adjustmentFen: -orig.adjustmentFen,
    categories: { byCategory: negMap(orig.categories.byCategory), byClass: negMap(orig.categories.byClass) },
    lines: orig.lines.map((l) => ({ ...l, amountFen: -l.amountFen })),
    trace: [`撤销结算 ${orig.receiptNo}：${o.reason}`],
    ytdDelta: { year: orig.ytdDelta.year, keys: negKeys, burden: { inpatientFen: -orig.ytdDelta.burden.inpatientFen, chronicFen: -orig.ytdDelta.burden.chronicFen } },
    payment: { method: orig.payment.method, reference: orig.payment.reference },
    operatorId: o.operatorId,
    mode: o.mode,
    reason: o.reason,
    businessDate: o.businessDate,
    createdAt: o.createdAt,
    layers: orig.layers.map((l) => ({ ...l, baseFen: -l.baseFen, amountFen: -l.amountFen })),
  };
}
