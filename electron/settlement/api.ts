// settlement.* calls: person lookup, pre-settle, settle, cancel, reads, daily summary, offline limits.
import type { AppContext } from '../app/context';
import type { Dispatcher, CallContext } from '../api/dispatch';
import { array, bool, money, none, obj, oneOf, optional, str, int } from '../api/validate';
import { AppFailure } from '../core/result';
import { chinaDate } from '../core/receipt';
import type { SettleCore } from './core';
import { dailySummary } from './summary';
import { readLimits, writeLimits } from './limits';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DECIMAL = /^(0|[1-9]\d*)(\.\d{1,6})?$/;
const certType = oneOf(['ssCard', 'eVoucher', 'idNumber'] as const);

const line = obj({
  lineNo: optional(str({ min: 1, max: 50 })),
  code: str({ min: 1, max: 60 }),
  name: optional(str({ max: 200 })),
  hospCode: optional(str({ max: 150 })),
  quantity: optional(str({ pattern: DECIMAL, max: 20 })),
  unitPrice: optional(str({ pattern: DECIMAL, max: 20 })),
  amount: money(),
  class: oneOf(['A', 'B', 'C'] as const),
  selfPayRatio: optional(str({ pattern: /^(0(\.\d{1,4})?|1(\.0{1,4})?)$/ })),
  category: optional(str({ pattern: /^\d{2}$/ })),
  time: optional(str({ pattern: /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/ })),
});

const personRef = obj({ personNo: str({ min: 1, max: 30 }), certType, certNo: str({ min: 1, max: 100 }) });
const visit = obj({
  ref: str({ min: 1, max: 64, pattern: /^[A-Za-z0-9_.-]+$/ }),
  source: optional(oneOf(['his', 'manual'] as const)),
  type: oneOf(['outpatient', 'chronicOutpatient', 'inpatient'] as const),
  date: str({ pattern: DATE }),
  lines: optional(array(line, { max: 2000 })),
  fees: optional(obj({ total: money(), preSelfPay: optional(money()), fullSelfPay: optional(money()) })),
});

export const preInput = obj({ person: personRef, visit, useAccount: optional(bool()) });

export const settleInputValidator = obj({
  person: personRef,
  visit,
  useAccount: optional(bool()),
  payment: obj({
    method: oneOf(['cash', 'wechat', 'alipay', 'unionpay', 'other'] as const),
    reference: optional(str({ max: 100 })),
    tendered: optional(money()),
  }),
  cardFree: optional(bool()),
});

export function operatorOf(c: CallContext): string {
  if (!c.session) throw new AppFailure({ code: 'NOT_LOGGED_IN', message: '请先登录', detail: 'no session' });
  return c.session.operatorId;
}

export function registerSettlementApi(ctx: AppContext, d: Dispatcher, core: SettleCore): void {
  const s = core.service;
  d.register('settlement.lookupPerson', {
    role: 'cashier',
    input: obj({ certType, certNo: str({ min: 1, max: 100 }), name: optional(str({ max: 50 })) }),
    run: (i) => s.lookupPerson(i),
  });
  d.register('settlement.preSettle', { role: 'cashier', input: preInput, run: (i) => s.preSettle(i) });
  d.register('settlement.settle', {
    role: 'cashier',
    input: settleInputValidator,
    audit: (_i, o) => `settled ${o.id} receipt ${o.receiptNo} total ${o.fees.total} funds ${o.funds} account ${o.account} cash ${o.cashDue} ${o.mode} ${o.network.state}${o.cardFree ? ' CARD-FREE' : ''}`,
    run: (i, c) => s.settle({ ...i, operatorId: operatorOf(c) }),
  });
  d.register('settlement.cancel', {
    role: 'cashier',
    input: obj({ settlementId: str({ min: 1, max: 64 }), reason: str({ min: 2, max: 200 }) }),
    audit: (i, o) => `cancelled ${i.settlementId} by ${o.id} (${o.network.state}) refund ${o.cashDue}: ${i.reason}`,
    run: (i, c) => s.cancel(i.settlementId, i.reason, operatorOf(c)),
  });
  d.register('settlement.get', { role: 'cashier', input: obj({ settlementId: str({ min: 1, max: 64 }) }), run: (i) => s.get(i.settlementId) });
  d.register('settlement.search', {
    role: 'cashier',
    input: obj({
      personNo: optional(str({ max: 30 })), visitRef: optional(str({ max: 64 })), from: optional(str({ pattern: DATE })),
      to: optional(str({ pattern: DATE })), operatorId: optional(str({ max: 64 })), limit: optional(int({ min: 1, max: 5000 })),
    }),
    run: (i) => s.search(i),
  });
  d.register('settlement.dailySummary', {
    role: 'cashier',
    input: obj({ operatorId: optional(str({ max: 64 })), date: optional(str({ pattern: DATE })) }),
    run: (i, c) => {
      const me = operatorOf(c);
      const who = i.operatorId ?? me;
      if (who !== me && c.session?.role === 'cashier') {
        throw new AppFailure({ code: 'FORBIDDEN', message: '收款员只能查看本人的日结', detail: 'cashier asked for another operator' });
      }
      return dailySummary(core.repos, who, i.date ?? chinaDate(ctx.now()));
    },
  });
  d.register('settlement.offlineLimits.get', { role: 'cashier', input: none(), run: () => readLimits(ctx.settings) });
  d.register('settlement.offlineLimits.set', {
    role: 'technician',
    input: obj({ perVisit: money(), perPersonDay: money(), differencePolicy: oneOf(['institution', 'patient'] as const) }),
    audit: (i) => `offline limits set: per visit ${i.perVisit}, per person per day ${i.perPersonDay}, differences ${i.differencePolicy}`,
    run: (i) => writeLimits(ctx.settings, i),
  });
}
