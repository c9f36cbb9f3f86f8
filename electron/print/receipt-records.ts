// The receipt records of the receipts service: a receipt's stored data, its list item (masked,
// with what the queue knows of an offline settlement's confirmation), and the check of a scanned
// QR text against the archive.
import { AppFailure } from '../core/result';
import { maskName } from '../core/mask';
import { fromFen, fmt } from '../core/money';
import { checkPayload, chinaDateTime, isReceiptNo, type CheckSigner, type ReceiptData } from '../core/receipt';
import type { ReceiptsRepo } from './repo';
import type { ReceiptListItem } from './service-types';

export interface ReceiptRecordsDeps {
  repo: ReceiptsRepo;
  sign: CheckSigner;
  log: { warn(m: string): void };
  /** When the network confirmed an offline settlement (from the settle area), if it has. */
  confirmation?: (settlementId: string) => Date | undefined;
}

function notFound(receiptNo: string): AppFailure {
  return new AppFailure({ code: 'RECEIPT_NOT_FOUND', message: `没有找到结算单 ${receiptNo}`, detail: `no receipt ${receiptNo}`, field: 'receiptNo' });
}

export function createReceiptRecords(deps: ReceiptRecordsDeps) {
  const { repo } = deps;

  /** The stored data of a receipt, when the number is one and it is stored. */
  const find = (receiptNo: string): ReceiptData | undefined => (isReceiptNo(receiptNo) ? repo.data(receiptNo) : undefined);

  function load(receiptNo: string): ReceiptData {
    const data = find(receiptNo);
    if (!data) throw notFound(receiptNo);
    return data;
  }

  /** An offline receipt not yet marked confirmed: ask the settle area whether it is by now. */
  function refreshConfirmation(data: Pick<ReceiptData, 'offline' | 'settlementId' | 'receiptNo'>, confirmedAt: string | undefined): void {
    if (!data.offline || confirmedAt || !deps.confirmation) return;
    try {
      const at = deps.confirmation(data.settlementId);
      if (at) repo.markConfirmed(data.settlementId, chinaDateTime(at));
    } catch (err) {
      deps.log.warn(`receipt ${data.receiptNo}: confirmation lookup failed: ${(err as Error).message}`);
    }
  }

  function listItem(receiptNo: string): ReceiptListItem {
    let r = repo.get(receiptNo);
    if (!r) throw notFound(receiptNo);
    // The search shows what the queue knows: an offline settlement drained since reads as confirmed.
    if (r.offline && !r.confirmedAt) {
      refreshConfirmation({ offline: true, settlementId: r.settlementId, receiptNo }, undefined);
      r = repo.get(receiptNo)!;
    }
    return {
      receiptNo: r.receiptNo, settlementId: r.settlementId, kind: r.kind, settledAt: r.settledAt,
      patientName: maskName(r.patientName), idMasked: r.idMasked, total: fmt(fromFen(r.totalFen)), cash: fmt(fromFen(r.cashFen)),
      offline: r.offline, confirmed: !!r.confirmedAt, printCount: r.printCount, reprintCount: r.reprintCount,
    };
  }

  /** Checks a scanned QR text against the archive: the receipt exists and its check value matches. */
  function verify(qrText: string): { ok: boolean; receiptNo?: string; message: string } {
    const m = /^YBJS\|([^|]{1,60})\|([A-Z][A-Z0-9-]{3,39})\|([0-9A-F]{8})$/.exec(qrText.trim());
    if (!m) return { ok: false, message: '不是本系统结算单的二维码' };
    const data = repo.data(m[2]);
    if (!data || data.settlementId !== m[1]) return { ok: false, message: '本机没有该结算单' };
    const ok = deps.sign(checkPayload(data)) === m[3] && data.qr.check === m[3];
    return ok ? { ok, receiptNo: m[2], message: '核验通过：结算单与存档一致' } : { ok, receiptNo: m[2], message: '校验码不符：结算单可能被改动' };
  }

  return {
    find,
    load,
    listItem,
    refreshConfirmation,
    verify,
    /** When the receipt was marked confirmed (China time), if it was. */
    confirmedAt: (receiptNo: string) => repo.get(receiptNo)?.confirmedAt,
  };
}
