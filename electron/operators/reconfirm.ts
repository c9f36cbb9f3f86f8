// The one way other areas re-check the logged-in operator's password before an irreversible step
// (a cancellation): failures count toward the same lockout as logins.
import type { Session } from '../api/dispatch';
import { AppFailure } from '../core/result';
import type { OperatorService } from './service';

/**
 * Verifies `password` for the session's operator, counting a failure; throws an AppFailure
 * (BAD_CONFIRMATION, or OPERATOR_LOCKED after too many) and does nothing else on a wrong one.
 */
export async function verifySessionPassword(ops: OperatorService, session: Session | undefined, password: string): Promise<void> {
  if (!session) {
    throw new AppFailure({ code: 'BAD_CONFIRMATION', message: '密码不正确，未执行', detail: 'no session to confirm', field: 'password' });
  }
  await ops.confirm(session.operatorId, password);
}
