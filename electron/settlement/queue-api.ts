// queue.* (the outbox as the queue screen shows it), reconcile.* and warnings.* calls.
import type { AppContext } from '../platform/context';
import type { Dispatcher } from '../api/dispatch';
import type { DeadLetterView, QueueItemView, QueueStatusView, WarningView } from '../api/contract';
import { int, none, obj, optional, str } from '../api/validate';
import { AppFailure } from '../core/result';
import { maskName } from '../core/mask';
import { isUndoStep, STEP_NAMES } from '../network/forwarder';
import { runCsv, runView, toCsv } from '../network/reconcile';
import type { OutboxMessage, OutboxState } from '../store/outbox';
import type { SettlementDoc } from '../store/settlements';
import type { SettleCore } from './core';
import { differenceView } from './views';
import { yuan } from '../core/money';
import { operatorOf } from './api';
import { authorizeCancel, type CancelAuthority } from './authorize';
import { deadLetterFix } from './dead-hint';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const QUEUE_STATE_NAMES: Record<OutboxState, string> = {
  queued: '等待发送',
  sending: '发送中',
  unknown: '结果未知，正在核实（查询/冲正）',
  held: '等待失败项处理',
  dead: '医保拒绝',
  done: '已完成',
  cancelled: '已取消',
};

function docCache(core: SettleCore): (id: string) => SettlementDoc | undefined {
  const cache = new Map<string, SettlementDoc | undefined>();
  return (id) => {
    if (!cache.has(id)) cache.set(id, core.repos.settlements.get(id));
    return cache.get(id);
  };
}

function itemView(m: OutboxMessage, doc: SettlementDoc | undefined): QueueItemView {
  return {
    id: m.id,
    settlementId: m.settlementId,
    receiptNo: doc?.receiptNo ?? '',
    nameMasked: doc ? maskName(doc.person.name) : '',
    step: m.step,
    stepName: STEP_NAMES[m.step],
    infno: m.infno,
    state: m.state,
    stateName: QUEUE_STATE_NAMES[m.state],
    attempts: m.attempts,
    nextAttemptAt: m.nextAttemptAt > 0 ? new Date(m.nextAttemptAt).toISOString() : undefined,
    lastError: m.lastError,
    createdAt: m.createdAt,
  };
}

export function queueStatus(core: SettleCore): QueueStatusView {
  return core.forwarder.status();
}

function deadLetters(core: SettleCore): DeadLetterView[] {
  const get = docCache(core);
  return core.repos.outbox.deadLetters().map((d) => {
    const doc = get(d.settlementId);
    const m = core.repos.outbox.get(d.outboxId);
    return {
      id: d.id, outboxId: d.outboxId, settlementId: d.settlementId, receiptNo: doc?.receiptNo ?? '',
      nameMasked: doc ? maskName(doc.person.name) : '', total: doc ? yuan(doc.totalFen) : '0.00',
      stepName: m ? STEP_NAMES[m.step] : '', infno: m?.infno ?? '', code: d.code, message: d.message, createdAt: d.createdAt,
      fix: deadLetterFix(m?.infno ?? '', d.message),
      kind: doc?.kind !== 'cancellation' ? 'settlement' : m && isUndoStep(m.step) ? 'undo' : 'cancellation',
    };
  });
}

function warnings(core: SettleCore, from?: string, to?: string): WarningView[] {
  const get = docCache(core);
  return core.repos.warnings.list({ from, to }).map((w) => {
    const doc = get(w.settlementId);
    return {
      id: w.id, settlementId: w.settlementId, receiptNo: doc?.receiptNo ?? '', nameMasked: doc ? maskName(doc.person.name) : '',
      kind: w.kind, threshold: yuan(w.thresholdFen), amount: yuan(w.amountFen), message: w.message, createdAt: w.createdAt,
    };
  });
}

export function registerQueueApi(ctx: AppContext, d: Dispatcher, core: SettleCore, confirmPassword: CancelAuthority['confirmPassword']): void {
  const { outbox, network } = core.repos;
  const authority: CancelAuthority = { confirmPassword, settlements: core.repos.settlements };
  d.register('queue.status', { role: 'any', input: none(), run: () => queueStatus(core) });
  d.register('queue.list', {
    role: 'cashier',
    input: obj({ limit: optional(int({ min: 1, max: 5000 })) }),
    run: (i) => {
      const get = docCache(core);
      return outbox.listOpen(i.limit ?? 500).map((m) => itemView(m, get(m.settlementId)));
    },
  });
  d.register('queue.deadLetters', { role: 'cashier', input: none(), run: () => deadLetters(core) });
  d.register('queue.retry', {
    role: 'cashier',
    input: obj({ deadLetterId: int({ min: 1 }) }),
    audit: (i) => `重试失败项 ${i.deadLetterId}`,
    run: (i, c) => {
      const dl = outbox.deadLetter(i.deadLetterId);
      if (!dl || dl.resolvedAt) throw new AppFailure({ code: 'NOT_FOUND', message: '该失败项不存在或已处理', field: 'deadLetterId' });
      ctx.db.transaction(() => {
        outbox.retryDead(dl.id, operatorOf(c));
        network.setState(dl.settlementId, 'pending');
      })();
      core.forwarder.kick();
      return queueStatus(core);
    },
  });
  d.register('queue.cancelDead', {
    role: 'cashier',
    input: obj({ deadLetterId: int({ min: 1 }), reason: str({ min: 2, max: 200 }), password: str({ min: 1, max: 128 }) }),
    audit: (i, o) => `撤销失败项 ${i.deadLetterId} 的结算（撤销单 ${o.id}）：${i.reason}`,
    run: async (i, c) => {
      const dl = outbox.deadLetter(i.deadLetterId);
      if (!dl || dl.resolvedAt) throw new AppFailure({ code: 'NOT_FOUND', message: '该失败项不存在或已处理', field: 'deadLetterId' });
      const doc = core.repos.settlements.get(dl.settlementId);
      if (doc?.kind === 'cancellation') {
        throw new AppFailure({ code: 'NOT_CANCELLABLE', message: '这是撤销单的上传失败，只能修正后重试', field: 'deadLetterId' });
      }
      await authorizeCancel(authority, c.session, dl.settlementId, i.password);
      const cancelled = await core.service.cancel(dl.settlementId, i.reason, operatorOf(c));
      // The reversal receipt now, as the window's own cancel does (else the start's recovery issues it).
      await core.afterCancel?.(cancelled.id).catch((err: unknown) => ctx.log.error(`reversal receipt of ${cancelled.id} not issued now: ${err instanceof Error ? err.message : String(err)}`));
      return cancelled;
    },
  });
  d.register('queue.abandonUndo', {
    role: 'cashier',
    input: obj({ deadLetterId: int({ min: 1 }), reason: str({ min: 2, max: 200 }) }),
    audit: (i) => `放弃失败项 ${i.deadLetterId}（未结算就诊的回退）：${i.reason}`,
    run: (i, c) => {
      core.service.abandonUndo(i.deadLetterId, i.reason, operatorOf(c));
      return queueStatus(core);
    },
  });
  d.register('queue.drainNow', {
    role: 'cashier',
    input: none(),
    run: async () => {
      core.forwarder.drainNow();
      if (core.forwarder.networkOnline !== true) await core.forwarder.probe(2000);
      return queueStatus(core);
    },
  });
  d.register('reconcile.run', {
    role: 'cashier',
    input: obj({ from: str({ pattern: DATE }), to: str({ pattern: DATE }) }),
    audit: (i, o) => `对账 ${i.from} 至 ${i.to}：不一致 ${o.mismatchCount} 笔，总额${o.totalsBalanced ? '平衡' : '不平'}`,
    run: async (i, c) => {
      if (i.to < i.from) throw new AppFailure({ code: 'VALIDATION', message: '结束日期不能早于开始日期', field: 'to' });
      const id = await core.reconciler.run(i.from, i.to, operatorOf(c));
      return runView(core.repos.reconcile.get(id)!, core.repos.reconcile.mismatches(id), core.repos.settlements);
    },
  });
  d.register('reconcile.list', {
    role: 'cashier',
    input: obj({ limit: optional(int({ min: 1, max: 500 })) }),
    run: (i) => core.repos.reconcile.list(i.limit ?? 30).map((r) => runView(r, core.repos.reconcile.mismatches(r.id), core.repos.settlements)),
  });
  d.register('reconcile.differences', {
    role: 'cashier',
    input: obj({ from: optional(str({ pattern: DATE })), to: optional(str({ pattern: DATE })) }),
    run: (i) => core.repos.differences.list({ from: i.from, to: i.to }).map((x) => differenceView(x, core.repos.settlements.get(x.settlementId))),
  });
  d.register('reconcile.export', {
    role: 'cashier',
    input: obj({ runId: int({ min: 1 }) }),
    run: (i) => {
      const r = core.repos.reconcile.get(i.runId);
      if (!r) throw new AppFailure({ code: 'NOT_FOUND', message: '没有找到该对账记录', field: 'runId' });
      return runCsv(runView(r, core.repos.reconcile.mismatches(r.id), core.repos.settlements));
    },
  });
  d.register('warnings.list', {
    role: 'cashier',
    input: obj({ from: optional(str({ pattern: DATE })), to: optional(str({ pattern: DATE })) }),
    run: (i) => warnings(core, i.from, i.to),
  });
  d.register('warnings.export', {
    role: 'cashier',
    input: obj({ from: optional(str({ pattern: DATE })), to: optional(str({ pattern: DATE })) }),
    run: (i) => {
      const rows = warnings(core, i.from, i.to).map((w) => [w.createdAt, w.receiptNo, w.nameMasked, w.kind, w.threshold, w.amount, w.message]);
      return { filename: `医保预警-${i.from ?? '全部'}-${i.to ?? ''}.csv`, csv: toCsv(['时间', '结算单号', '姓名', '预警类型', '预警线', '金额', '说明'], rows) };
    },
  });
}
