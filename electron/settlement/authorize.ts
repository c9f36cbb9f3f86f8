// Who may cancel a settlement, checked the same way on every cancel path (window.cancel,
// queue.cancelDead): the operator types the password again (a wrong one counts toward the login
// lockout: the operators area's verifySessionPassword, given by the composition root) and the
// settlement must be the operator's own.
import type { Session } from '../api/dispatch';
import { AppFailure } from '../core/result';
import type { SettlementsRepo } from '../store/settlements';

export interface CancelAuthority {
  /** Checks the session operator's password again, counting a failure (throws a Chinese refusal). */
  confirmPassword(session: Session | undefined, password: string): Promise<void>;
  settlements: SettlementsRepo;
}

/** Throws a Chinese refusal unless the session's operator may cancel the settlement; changes nothing. */
export async function authorizeCancel(a: CancelAuthority, session: Session | undefined, settlementId: string, password: string): Promise<void> {
  if (!session) throw new AppFailure({ code: 'NOT_LOGGED_IN', message: '请先登录', detail: 'no session' });
  await a.confirmPassword(session, password);
  const doc = a.settlements.get(settlementId);
  if (!doc) throw new AppFailure({ code: 'NOT_FOUND', message: '没有找到该结算记录', detail: `settlement ${settlementId} not found`, field: 'settlementId' });
  if (doc.operatorId !== session.operatorId) {
    throw new AppFailure({
      code: 'NOT_YOUR_SETTLEMENT', message: '只能撤销本人办理的结算，请由原收款员撤销',
      detail: `${session.operatorId} may not cancel ${settlementId} of ${doc.operatorId}`, field: 'settlementId',
    });
  }
}
