// Builds the receipt model from a settlement, the institution and the person; and the reversal
// receipt of a cancelled settlement. Pure: time and the QR check signer are passed in.
import { fmt, sum, toChineseCapital, dec } from '../money';
import { maskIdNumber } from '../mask';
import { fail, ok, type Result } from '../result';
import { categoryTable, d, deductibleCounted, detailLines, ytdLines, ytdPaidByLayer } from './figures';
import { INSURANCE_NAMES, identityLabel, levelLabel, schemeLabel, visitLabel } from './labels';
import { receiptPayment } from './payment';
import { chinaDateTime } from './time';
import {
  RECEIPT_MODEL_VERSION, type CheckSigner, type ReceiptData, type ReceiptInstitution, type ReceiptPerson,
  type ReceiptSource,
} from './types';

export const RECEIPT_TITLE = '医疗费用一站式结算单';
export const REVERSAL_TITLE = '医疗费用一站式结算撤销单';

/** The text the QR check value covers: kind, institution, settlement, receipt and the three totals. */
export function checkPayload(r: Pick<ReceiptData, 'kind' | 'institution' | 'settlementId' | 'receiptNo' | 'fees' | 'fundTotal' | 'cashPaid'>): string {
  return ['YBJS1', r.kind, r.institution.code, r.settlementId, r.receiptNo, r.fees.total, r.fundTotal, r.cashPaid].join('|');
}

/** What the QR code carries: the settlement id, the receipt number and the check value. */
export function qrText(settlementId: string, receiptNo: string, check: string): string {
  return `YBJS|${settlementId}|${receiptNo}|${check}`;
}

function displayTime(t: Date | string): string {
  return typeof t === 'string' ? t : chinaDateTime(t);
}

function body(src: ReceiptSource, inst: ReceiptInstitution, person: ReceiptPerson): Omit<ReceiptData, 'qr'> {
  const r = src.result;
  const ytdPaid = ytdPaidByLayer(r);
  const layers = r.layers.map((l) => {
    const out: ReceiptData['layers'][number] = { key: l.key, name: l.name, amount: fmt(d(l.amount)) };
    const y = ytdPaid.get(l.key);
    if (y !== undefined) out.ytdPaid = y;
    return out;
  });
  const fundTotal = sum(r.layers.map((l) => d(l.amount)));
  const accountPaid = src.accountPaid === undefined ? dec('0') : d(src.accountPaid);
  const cashPaid = d(r.cash).minus(accountPaid);
  if (cashPaid.isNegative()) throw new Error('account paid is above the cash part of the settlement');
  const total = d(r.fees.total);
  const table = src.lines?.length ? categoryTable(src.lines) : undefined;
  const deductible = deductibleCounted(r, src.pack, src.visit.facilityLevel);
  const data: Omit<ReceiptData, 'qr'> = {
    model: RECEIPT_MODEL_VERSION,
    kind: 'settlement',
    title: RECEIPT_TITLE,
    institution: { name: inst.name, code: inst.code },
    receiptNo: src.receiptNo,
    settlementId: src.settlementId,
    settledAt: displayTime(src.settledAt),
    operator: src.operatorName,
    patient: {
      name: person.name,
      idMasked: maskIdNumber(person.idNumber),
      insuranceType: INSURANCE_NAMES[person.insuranceType] ?? person.insuranceType,
      identities: (person.identities ?? []).map(identityLabel),
      enrolled: (person.enrolled ?? []).map(schemeLabel),
    },
    visit: { type: visitLabel(src.visit.type), facilityLevel: levelLabel(src.visit.facilityLevel), date: src.visit.date },
    fees: { total: fmt(total), inScope: fmt(d(r.fees.inScope)), preSelfPay: fmt(d(r.fees.preSelfPay)), fullSelfPay: fmt(d(r.fees.fullSelfPay)) },
    categories: table?.rows ?? [],
    layers,
    fundTotal: fmt(fundTotal),
    accountPaid: fmt(accountPaid),
    cashPaid: fmt(cashPaid),
    capital: { total: toChineseCapital(total), fundTotal: toChineseCapital(fundTotal), cashPaid: toChineseCapital(cashPaid) },
    ytd: ytdLines(r),
    policy: { id: r.packId, hash: r.packHash },
    offline: src.offline,
    warnings: r.warnings.map((w) => w.message),
  };
  const adjustment = src.adjustment === undefined ? undefined : d(src.adjustment);
  if (adjustment && !adjustment.isZero()) {
    const collected = cashPaid.plus(adjustment);
    data.adjustment = { amount: fmt(adjustment), collected: fmt(collected), capitalCollected: toChineseCapital(collected) };
  }
  if (src.payment) data.payment = receiptPayment(src.payment);
  if (table) data.classTotals = table.classTotals;
  if (src.lines?.length) data.details = detailLines(src.lines);
  if (deductible) data.deductible = fmt(deductible);
  if (src.accountBalance !== undefined) data.accountBalance = fmt(d(src.accountBalance));
  if (src.pack) data.policy.name = src.pack.name;
  return data;
}

function sealed(data: Omit<ReceiptData, 'qr'>, sign: CheckSigner): ReceiptData {
  const check = sign(checkPayload(data));
  return { ...data, qr: { text: qrText(data.settlementId, data.receiptNo, check), check } };
}

/** The receipt of a settlement. Fails (never throws) on malformed amounts in the source. */
export function buildReceiptData(
  source: ReceiptSource,
  institution: ReceiptInstitution,
  person: ReceiptPerson,
  sign: CheckSigner,
): Result<ReceiptData> {
  try {
    return ok(sealed(body(source, institution, person), sign));
  } catch (err) {
    return fail('RECEIPT_INVALID', '结算数据不完整，无法生成结算单', `receipt build failed: ${(err as Error).message}`);
  }
}

function neg(s: string): string {
  const v = dec(s);
  return v.isZero() ? fmt(v.abs()) : fmt(v.negated());
}

export interface ReversalInfo {
  /** The settlement id of the cancellation itself (the network's new setl_id, or the local one). */
  settlementId: string;
  receiptNo: string;
  settledAt: Date | string;
  operatorName: string;
  offline: boolean;
}

/** The sheet of a cancelled settlement: the original's figures negated, pointing at the original. */
export function buildReversalReceipt(original: ReceiptData, rev: ReversalInfo, sign: CheckSigner): ReceiptData {
  const total = neg(original.fees.total);
  const fundTotal = neg(original.fundTotal);
  const cashPaid = neg(original.cashPaid);
  const data: Omit<ReceiptData, 'qr'> = {
    ...original,
    kind: 'reversal',
    title: REVERSAL_TITLE,
    receiptNo: rev.receiptNo,
    settlementId: rev.settlementId,
    settledAt: displayTime(rev.settledAt),
    operator: rev.operatorName,
    offline: rev.offline,
    fees: { total, inScope: neg(original.fees.inScope), preSelfPay: neg(original.fees.preSelfPay), fullSelfPay: neg(original.fees.fullSelfPay) },
    categories: original.categories.map((c) => ({ ...c, total: neg(c.total), classA: neg(c.classA), classB: neg(c.classB), classC: neg(c.classC) })),
    layers: original.layers.map((l) => ({ key: l.key, name: l.name, amount: neg(l.amount) })),
    fundTotal,
    accountPaid: neg(original.accountPaid),
    cashPaid,
    capital: { total: toChineseCapital(dec(total)), fundTotal: toChineseCapital(dec(fundTotal)), cashPaid: toChineseCapital(dec(cashPaid)) },
    ytd: [],
    warnings: [],
    reverses: { settlementId: original.settlementId, receiptNo: original.receiptNo, settledAt: original.settledAt },
  };
  delete data.accountBalance;
  delete data.details;
  if (original.classTotals) {
    data.classTotals = { classA: neg(original.classTotals.classA), classB: neg(original.classTotals.classB), classC: neg(original.classTotals.classC) };
  }
  if (original.deductible) data.deductible = neg(original.deductible);
  return sealed(data, sign);
}
