// The operator's day: today's settlements (masked) and the daily summary — counts, totals by
// layer, payment methods, and the cash to hand in (cash taken minus cash refunded).
import type { Db } from '../store/db';
import type { DailySummaryView, WindowSettlementRow } from '../api/contract';
import { SettlementsRepo, type SettlementDoc } from '../store/settlements';
import { yuan } from '../core/money';
import { maskIdNumber, maskName } from '../core/mask';
import { chinaHour } from '../core/time';
import { VISIT_NAMES } from './visit-names';

export const STATE_NAMES: Record<string, string> = {
  pending: '待上传',
  confirmed: '已确认',
  dead: '被拒绝',
  cancelled: '已撤销',
  local: '本地',
  queued: '待上传',
};

/** One name per layer key for the day's totals (a key's variants differ by visit type and identity). */
const LAYER_NAMES: Record<string, string> = {
  basic: '基本医保统筹基金',
  outpatientGap: '门诊费用补充报销',
  critical: '大病保险',
  assistance: '医疗救助',
  reduction: '医疗机构减免',
  special: '扶贫特惠保险',
  burdenCap: '个人负担封顶',
  reassistance: '再救助',
  inclusive: '惠民保',
};

export class DayBook {
  private readonly repo: SettlementsRepo;

  constructor(db: Db, private readonly networkState: (id: string) => string | undefined) {
    this.repo = new SettlementsRepo(db);
  }

  document(id: string): SettlementDoc | undefined {
    return this.repo.get(id);
  }

  private docs(date: string, operatorId: string): SettlementDoc[] {
    return this.repo.search({ dateFrom: date, dateTo: date, operatorId, limit: 5000 });
  }

  rows(date: string, operatorId: string): WindowSettlementRow[] {
    const docs = this.docs(date, operatorId);
    const cancelled = new Set(docs.filter((d) => d.kind === 'cancellation').map((d) => d.cancelsId));
    return docs
      .filter((d) => d.kind === 'settlement')
      .map((d) => {
        const isCancelled = cancelled.has(d.id) || !!this.repo.cancellationOf(d.id);
        return {
          settlementId: d.id,
          receiptNo: d.receiptNo,
          at: d.createdAt,
          nameMasked: maskName(d.person.name),
          idMasked: maskIdNumber(d.person.idNumber),
          visitTypeName: VISIT_NAMES[d.visitType],
          total: yuan(d.totalFen),
          cashDue: yuan(d.cashFen),
          state: STATE_NAMES[this.networkState(d.id) ?? 'local'] ?? '—',
          cancelled: isCancelled,
          cardFree: d.cardFree,
          receiptUrl: `/receipts/${d.receiptNo}.pdf`,
        };
      })
      .sort((a, b) => b.at.localeCompare(a.at));
  }

  summary(date: string, operator: { id: string; name: string }): DailySummaryView {
    const docs = this.docs(date, operator.id);
    const layers = new Map<string, { name: string; fen: number }>();
    const mobile = new Map<string, number>();
    let count = 0, cancelledCount = 0, cardFree = 0, queued = 0, total = 0, account = 0, cash = 0;
    const byHour = new Map<number, { count: number; fen: number }>();
    for (const d of docs) {
      const sign = d.kind === 'cancellation' ? -1 : 1;
      if (sign > 0) {
        count++;
        if (d.cardFree) cardFree++;
        if (this.networkState(d.id) === 'pending') queued++;
        const h = chinaHour(new Date(d.createdAt));
        const slot = byHour.get(h) ?? { count: 0, fen: 0 };
        byHour.set(h, { count: slot.count + 1, fen: slot.fen + d.totalFen });
      } else cancelledCount++;
      total += sign * Math.abs(d.totalFen);
      account += sign * Math.abs(d.accountFen);
      for (const l of d.layers) {
        const cur = layers.get(l.key) ?? { name: LAYER_NAMES[l.key] ?? l.name.replace(/（.*?）$/, ''), fen: 0 };
        cur.fen += sign * Math.abs(l.amountFen);
        layers.set(l.key, cur);
      }
      // Cash actually taken: the patient's part plus earlier differences collected (or refunded).
      const paid = sign * Math.abs(d.cashFen + d.adjustmentFen);
      if (d.payment.method === 'cash') cash += paid;
      else mobile.set(d.payment.method, (mobile.get(d.payment.method) ?? 0) + paid);
    }
    return {
      date,
      operatorId: operator.id,
      operatorName: operator.name,
      count,
      cancelledCount,
      cardFreeCount: cardFree,
      queuedCount: queued,
      total: yuan(total),
      layers: [...layers.entries()].map(([key, v]) => ({ key, name: v.name, amount: yuan(v.fen) })),
      account: yuan(account),
      cash: yuan(cash),
      mobile: [...mobile.entries()].map(([method, fen]) => ({ method, amount: yuan(fen) })),
      cashToHandIn: yuan(cash),
      byHour: [...byHour.entries()].sort((a, b) => a[0] - b[0]).map(([hour, v]) => ({ hour, count: v.count, total: yuan(v.fen) })),
    };
  }
}
