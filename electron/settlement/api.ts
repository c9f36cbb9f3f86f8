// settlement.* calls: the offline limits. Settling and cancelling have no raw calls: the window
// (window.* calls) settles only the stored HIS visit's lines or village lines priced from the
// catalog, and every cancellation goes through the operator's password and ownership check.
import type { AppContext } from '../platform/context';
import type { Dispatcher, CallContext } from '../api/dispatch';
import { money, none, obj, oneOf } from '../api/validate';
import { AppFailure } from '../core/result';
import { readLimits, writeLimits } from './limits';

export function operatorOf(c: CallContext): string {
  if (!c.session) throw new AppFailure({ code: 'NOT_LOGGED_IN', message: '请先登录', detail: 'no session' });
  return c.session.operatorId;
}

export function registerSettlementApi(ctx: AppContext, d: Dispatcher): void {
  d.register('settlement.offlineLimits.get', { role: 'cashier', input: none(), run: () => readLimits(ctx.settings) });
  d.register('settlement.offlineLimits.set', {
    role: 'technician',
    input: obj({ perVisit: money({ max: '100000' }), perPersonDay: money({ max: '100000' }), differencePolicy: oneOf(['institution', 'patient'] as const) }),
    audit: (i) => `脱机限额：每次 ${i.perVisit} 元，每人每日 ${i.perPersonDay} 元；差额由${i.differencePolicy === 'institution' ? '机构' : '患者'}承担`,
    run: (i) => writeLimits(ctx.settings, i),
  });
}
