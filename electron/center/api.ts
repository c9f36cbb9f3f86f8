// The center's calls: its status (any operator; the status bar), and for the administrator the
// windows of the center, the center-wide reconciliation and the offline limits for all windows.
import type { AppContext } from '../platform/context';
import type { Dispatcher } from '../api/dispatch';
import type { CenterReconcileView, CenterStatusView, CenterWindowView } from '../api/contract';
import { bool, money, none, obj, optional, str } from '../api/validate';
import { AppFailure } from '../core/result';
import { chinaDate } from '../core/time';
import { dec, fmt, yuan } from '../core/money';
import { getInstitution } from '../platform/institution';
import type { NetworkClient } from '../network/client';
import type { CenterLink } from './link';
import { listWindows } from './windows';
import { reconcileCenter, type CenterReconcileResult } from './reconcile';

export function centerStatus(link: CenterLink | undefined): CenterStatusView {
  if (!link) return { configured: false, unsent: 0, message: '单机运行（未连接集中库）' };
  const unsent = link.local.unsent();
  const message = link.reachable
    ? `已连接集中库，本窗口号 ${link.terminalNo ?? '—'}${unsent ? `，待同步 ${unsent} 条` : ''}`
    : `集中库暂不可达：本窗口按自身累计和脱机限额结算${unsent ? `，待同步 ${unsent} 条` : ''}，恢复后自动补传`;
  return {
    configured: true, url: link.url, reachable: link.reachable, windowId: link.local.link()?.windowId, terminalNo: link.terminalNo,
    unsent, lastContactAt: link.lastContactAt?.toISOString() ?? link.local.link()?.lastContactAt, message,
  };
}

function need(link: CenterLink | undefined): CenterLink {
  if (!link) throw new AppFailure({ code: 'NO_CENTER', message: '本窗口未连接集中库（启动参数 --center）', detail: 'no --center' });
  return link;
}

function unreachable(err: unknown): never {
  throw new AppFailure({ code: 'CENTER_UNREACHABLE', message: '集中库暂不可达，请稍后重试', detail: err instanceof Error ? err.message : String(err) });
}

export function reconcileView(r: CenterReconcileResult): CenterReconcileView {
  return {
    runId: r.runId, day: r.day, balanced: r.balanced, records: r.records,
    groups: r.groups.map((g) => ({
      insutype: g.insutype, clearingType: g.clearingType, clearingAgency: g.clearingAgency, count: g.count, medfeeTotal: yuan(g.medfeeFen),
      fundTotal: yuan(g.fundFen), balanced: g.balanced, description: g.description,
      byWindow: g.byWindow.map((w) => ({ terminalNo: w.terminalNo, count: w.count, medfeeTotal: yuan(w.medfeeFen) })),
    })),
    mismatches: r.mismatches.map((m) => ({ kind: m.kind, terminalNo: m.terminalNo, settlementId: m.settlementId, personNo: m.personNo, memo: m.memo })),
  };
}

export function registerCenterApi(ctx: AppContext, d: Dispatcher, o: { link: CenterLink | undefined; client: NetworkClient }): void {
  d.register('center.status', { role: 'any', input: none(), run: () => centerStatus(o.link) });
  d.register('center.windows', {
    role: 'administrator',
    input: none(),
    run: async (): Promise<CenterWindowView[]> => {
      const rows = await listWindows(need(o.link).pool, chinaDate(ctx.now())).catch(unreachable);
      return rows.map(({ todayFen, ...w }) => ({ ...w, todayTotal: yuan(todayFen) }));
    },
  });
  d.register('center.reconcile', {
    role: 'administrator',
    input: obj({ day: optional(str({ pattern: /^\d{4}-\d{2}-\d{2}$/ })) }),
    audit: (i, out) => `集中库对账 ${i.day ?? '今日'}：${out.balanced ? '平' : '不平'}`,
    run: async (i) => {
      const link = need(o.link);
      // What this window still holds goes first; the other windows' leftovers are listed per window.
      await link.drain(5000).catch(() => undefined);
      const inst = getInstitution(ctx);
      const r = await reconcileCenter(link.pool, o.client, { institutionCode: inst.code, region: inst.region, day: i.day ?? chinaDate(ctx.now()) }).catch(unreachable);
      return reconcileView(r);
    },
  });
  d.register('center.limits.set', {
    role: 'administrator',
    input: obj({ perVisit: money({ max: '1000000' }), perPersonDay: money({ max: '1000000' }) }),
    audit: (i) => `集中库脱机限额：单次 ${i.perVisit} 元，每人每日 ${i.perPersonDay} 元`,
    run: async (i) => {
      const v = { perVisit: fmt(dec(i.perVisit)), perPersonDay: fmt(dec(i.perPersonDay)) };
      await need(o.link).setConfig('offlineLimits', v).catch(unreachable);
      return v;
    },
  });
  d.register('center.cardFree.set', {
    role: 'administrator',
    input: obj({ poverty: bool(), lowIncome: bool(), destitute: bool() }),
    audit: (i) => `集中库免卡规则：脱贫人口 ${i.poverty ? '是' : '否'}，低保 ${i.lowIncome ? '是' : '否'}，特困 ${i.destitute ? '是' : '否'}`,
    run: async (i) => {
      const rules = { poverty: i.poverty, lowIncome: i.lowIncome, destitute: i.destitute };
      await need(o.link).setConfig('cardFreeRules', rules).catch(unreachable);
      return rules;
    },
  });
}
