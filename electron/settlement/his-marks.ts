// The HIS visit's state follows the money inside the same SQLite transaction (the HIS bridge's
// tables live in the same database): a settlement of a HIS visit marks the visit settled, and is
// refused with it when the HIS changed the visit since its lines were pre-settled or closed it; a
// cancellation marks it cancelled. A crash can no longer leave a paid visit waiting at the HIS.
import { AppFailure } from '../core/result';
import type { AppLogger } from '../platform/logger';
import type { HisVisitsService } from '../his';
import type { SettlementDoc } from '../store/settlements';
import { cashDueFen } from './views';
import { yuan } from '../core/money';

export type HisMarks = Pick<HisVisitsService, 'markSettled' | 'markCancelled'>;

/** Inside the settle transaction: throws (rolling the settlement back) unless the HIS visit takes it. */
export function markHisSettled(his: HisMarks | undefined, doc: SettlementDoc, revision: number | undefined): void {
  if (doc.visitSource !== 'his') return;
  if (!his) throw new AppFailure({ code: 'SERVICE_MISSING', message: 'HIS 接口未启用，不能结算 HIS 就诊，请联系技术人员', detail: `no his.visits for ${doc.visitRef}` });
  const r = his.markSettled(doc.visitRef, {
    settlementId: doc.id,
    receiptNo: doc.receiptNo,
    layers: doc.layers.map((l) => ({ key: l.key, name: l.name, amount: yuan(l.amountFen) })),
    cash: yuan(cashDueFen(doc)),
    revision,
  });
  if (!r.ok) throw new AppFailure(r.error);
}

/** Inside the cancellation's transaction: the HIS visit is cancelled; a visit the HIS no longer has does not hold the money back. */
export function markHisCancelled(his: HisMarks | undefined, original: SettlementDoc, cancellation: SettlementDoc, log: AppLogger): void {
  if (original.visitSource !== 'his') return;
  const r = his?.markCancelled(original.visitRef, { reason: cancellation.reason, cancellationId: cancellation.id });
  if (!r) log.error(`cancellation ${cancellation.id}: no his.visits to mark ${original.visitRef} cancelled`);
  else if (!r.ok) log.error(`his markCancelled ${original.visitRef} failed: ${r.error.detail ?? r.error.code}`);
}
