// The day's summary of one operator: counts, totals by layer, by payment method, and the cash to
// hand in (cash taken minus cash refunded). Cancellations count negative.
import type { SettlementDailySummary } from '../api/contract';
import type { SettleRepos } from './repos';
import { yuan } from '../core/money';

export function dailySummary(repos: SettleRepos, operatorId: string, date: string): SettlementDailySummary {
  const docs = repos.settlements.search({ operatorId, dateFrom: date, dateTo: date, limit: 1_000_000 });
  let count = 0, cancelled = 0, offline = 0, pending = 0, total = 0, funds = 0, account = 0, cash = 0, handIn = 0;
  const layers = new Map<string, { name: string; fen: number }>();
  const methods = new Map<string, number>();
  for (const d of docs) {
    if (d.kind === 'settlement') count += 1;
    else cancelled += 1;
    if (d.kind === 'settlement' && d.mode === 'offline') offline += 1;
    if (repos.network.get(d.id)?.state === 'pending') pending += 1;
    total += d.totalFen;
    funds += d.fundsFen;
    account += d.accountFen;
    const due = d.cashFen + d.adjustmentFen;
    cash += due;
    methods.set(d.payment.method, (methods.get(d.payment.method) ?? 0) + due);
    if (d.payment.method === 'cash') handIn += due;
    for (const l of d.layers) {
      const cur = layers.get(l.key) ?? { name: l.name, fen: 0 };
      cur.fen += l.amountFen;
      layers.set(l.key, cur);
    }
  }
  return {
    date,
    operatorId,
    count,
    cancelledCount: cancelled,
    offlineCount: offline,
    pendingCount: pending,
    total: yuan(total),
    funds: yuan(funds),
    account: yuan(account),
    cash: yuan(cash),
    layers: [...layers].map(([key, v]) => ({ key, name: v.name, amount: yuan(v.fen) })),
    byMethod: [...methods].map(([method, fen]) => ({ method, amount: yuan(fen) })),
    cashToHandIn: yuan(handIn),
  };
}
