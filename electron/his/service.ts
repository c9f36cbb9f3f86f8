// The `his.visits` service: what the window and settlement areas use (documented in index.ts).
import type { Db } from '../store/db';
import { Dec } from '../core/money';
import { fail, ok, type Result } from '../core/result';
import type { CallbackOutbox } from './callback';
import type { CatalogStore } from './catalog';
import type { UpsertOutcome, VisitStore } from './visit-store';
import { CHARGE_CATEGORIES, type HisVisit, type HisVisitInput, type HisVisitSummary, type SettlementLayer, type VisitState } from './types';

/** One fee line in the engine's format (docs/POLICY-FORMAT.md "lines"), with what the window shows. */
export interface MappedLine {
  code: string;
  name: string;
  amount: string;
  class: 'A' | 'B' | 'C';
  selfPayRatio: string;
  hisCode: string;
  hisName: string;
  quantity: string;
  unitPrice: string;
  category: string;
  selfPay: boolean;
}

export interface MappedLines {
  hisVisitId: string;
  revision: number;
  visitType: HisVisit['visitType'];
  lines: MappedLine[];
  totals: {
    total: string;
    byClass: { A: string; B: string; C: string };
    byCategory: { category: string; name: string; amount: string }[];
  };
}

export interface SettledInput {
  settlementId: string;
  receiptNo: string;
  layers: SettlementLayer[];
  cash: string;
  /** When given, refused if the HIS changed the visit since (its lines were pre-settled at this revision). */
  revision?: number;
}

export interface CancelledInput {
  reason?: string;
  cancellationId?: string;
}

export interface HisVisitChange {
  hisVisitId: string;
  state: VisitState;
  kind: 'received' | 'replaced' | 'pre-settled' | 'waiting' | 'settled' | 'cancelled' | 'cancel-requested';
}

export type HisVisitListener = (change: HisVisitChange) => void;

export interface HisVisitsService {
  listWaiting(): HisVisitSummary[];
  get(hisVisitId: string): HisVisit | undefined;
  mappedLines(hisVisitId: string): Result<MappedLines>;
  markPreSettled(hisVisitId: string): Result<{ state: VisitState }>;
  markWaiting(hisVisitId: string): Result<{ state: VisitState }>;
  markSettled(hisVisitId: string, result: SettledInput): Result<{ state: VisitState }>;
  markCancelled(hisVisitId: string, info?: CancelledInput): Result<{ state: VisitState }>;
  onChange(listener: HisVisitListener): () => void;
}

const notFound = (id: string) => fail<never>('HIS_VISIT_NOT_FOUND', `没有找到 HIS 就诊记录 ${id}`, `his visit ${id} not found`, 'hisVisitId');

export class HisVisits implements HisVisitsService {
  private readonly listeners = new Set<HisVisitListener>();

  constructor(
    private readonly db: Db,
    readonly visits: VisitStore,
    private readonly catalog: CatalogStore,
    private readonly callbacks: CallbackOutbox,
    private readonly now: () => Date,
  ) {}

  private queue: { v: HisVisitInput; source: 'api' | 'drop'; resolve: (o: UpsertOutcome) => void; reject: (e: unknown) => void }[] = [];

  /**
   * Group commit for the HTTP API: visits arriving together are stored in one transaction (one
   * fsync), and each request is answered only after that commit.
   */
  receiveQueued(v: HisVisitInput, source: 'api' | 'drop'): Promise<UpsertOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ v, source, resolve, reject });
      if (this.queue.length === 1) setImmediate(() => this.flushQueue());
    });
  }

  private flushQueue(): void {
    const batch = this.queue;
    this.queue = [];
    let outs: UpsertOutcome[];
    try {
      outs = this.db.transaction(() => batch.map((q) => this.visits.upsert(q.v, q.source, this.now())))();
    } catch (err) {
      for (const q of batch) q.reject(err);
      return;
    }
    batch.forEach((q, i) => {
      const out = outs[i];
      if (out.ok && out.outcome !== 'unchanged') this.emit({ hisVisitId: q.v.hisVisitId, state: out.state, kind: out.outcome === 'created' ? 'received' : 'replaced' });
      q.resolve(out);
    });
  }

  /** Stores a visit from the HIS (API or file drop) and tells the listeners. */
  receive(v: HisVisitInput, source: 'api' | 'drop'): UpsertOutcome {
    const out = this.visits.upsert(v, source, this.now());
    if (out.ok && out.outcome !== 'unchanged') this.emit({ hisVisitId: v.hisVisitId, state: out.state, kind: out.outcome === 'created' ? 'received' : 'replaced' });
    return out;
  }

  /**
   * Stores several visits all or nothing (a dropped file): when one is refused (settled or
   * cancelled) nothing is written. `alsoInTransaction` runs inside the same transaction.
   */
  receiveAll(list: HisVisitInput[], source: 'api' | 'drop', alsoInTransaction?: () => void): Result<UpsertOutcome[]> {
    const refused = new Error('refused');
    let refusal: Result<UpsertOutcome[]> | undefined;
    let outs: UpsertOutcome[] = [];
    try {
      this.db.transaction(() => {
        outs = list.map((v) => this.visits.upsert(v, source, this.now()));
        const bad = outs.findIndex((o) => !o.ok);
        if (bad >= 0) {
          const o = outs[bad] as Extract<UpsertOutcome, { ok: false }>;
          const id = list[bad].hisVisitId;
          refusal = fail(o.code, `就诊 ${id} ${o.code === 'VISIT_SETTLED' ? '已结算' : '已撤销'}，不能再修改；整个文件未导入`, `visit ${id} is ${o.state}`, 'hisVisitId');
          throw refused;
        }
        alsoInTransaction?.();
      })();
    } catch (err) {
      if (err === refused && refusal) return refusal;
      throw err;
    }
    outs.forEach((o, i) => {
      if (o.ok && o.outcome !== 'unchanged') this.emit({ hisVisitId: list[i].hisVisitId, state: o.state, kind: o.outcome === 'created' ? 'received' : 'replaced' });
    });
    return ok(outs);
  }

  /** Items of a visit that have no catalog mapping yet (code and name, once each). */
  unmappedItems(v: HisVisitInput): { itemCode: string; itemName: string }[] {
    const map = this.catalog.lookup(v.lines.map((l) => l.itemCode));
    const out = new Map<string, string>();
    for (const l of v.lines) if (!map.has(l.itemCode) && !out.has(l.itemCode)) out.set(l.itemCode, l.itemName);
    return [...out.entries()].map(([itemCode, itemName]) => ({ itemCode, itemName }));
  }

  requestCancel(hisVisitId: string, reason?: string): Result<{ state: VisitState }> {
    const head = this.visits.state(hisVisitId);
    if (!head) return notFound(hisVisitId);
    if (head.state !== 'cancelled') {
      this.visits.requestCancel(hisVisitId, reason, this.now());
      this.emit({ hisVisitId, state: head.state, kind: 'cancel-requested' });
    }
    return ok({ state: head.state });
  }

  listWaiting(): HisVisitSummary[] {
    return this.visits.listOpen();
  }

  get(hisVisitId: string): HisVisit | undefined {
    return this.visits.get(hisVisitId);
  }

  mappedLines(hisVisitId: string): Result<MappedLines> {
    const v = this.visits.get(hisVisitId);
    if (!v) return notFound(hisVisitId);
    const map = this.catalog.lookup(v.lines.map((l) => l.itemCode));
    const missing = [...new Map(v.lines.filter((l) => !map.has(l.itemCode)).map((l) => [l.itemCode, l.itemName])).entries()];
    if (missing.length) {
      const names = missing.slice(0, 10).map(([code, name]) => `${name}（${code}）`).join('、');
      return fail(
        'HIS_ITEMS_UNMAPPED',
        `有 ${missing.length} 个收费项目尚未对照医保目录，暂不能结算：${names}${missing.length > 10 ? ' 等' : ''}。请技术人员在“系统设置 → HIS 目录对照”中对照或标为自费。`,
        `visit ${hisVisitId} has ${missing.length} unmapped items: ${missing.map(([c]) => c).join(', ')}`,
        'lines',
      );
    }
    const lines: MappedLine[] = v.lines.map((l) => {
      const m = map.get(l.itemCode)!;
      return {
        code: m.catalogCode, name: m.catalogName, amount: l.amount, class: m.class, selfPayRatio: m.selfPayRatio,
        hisCode: l.itemCode, hisName: l.itemName, quantity: l.quantity, unitPrice: l.unitPrice, category: m.category, selfPay: m.selfPay,
      };
    });
    return ok({ hisVisitId, revision: v.revision, visitType: v.visitType, lines, totals: totals(lines) });
  }

  markPreSettled(hisVisitId: string): Result<{ state: VisitState }> {
    return this.transition(hisVisitId, ['waiting', 'pre-settled'], 'pre-settled', undefined);
  }

  markWaiting(hisVisitId: string): Result<{ state: VisitState }> {
    return this.transition(hisVisitId, ['waiting', 'pre-settled'], 'waiting', undefined);
  }

  markSettled(hisVisitId: string, r: SettledInput): Result<{ state: VisitState }> {
    const v = this.visits.get(hisVisitId);
    if (!v) return notFound(hisVisitId);
    if (v.state === 'settled') {
      return v.settlement?.settlementId === r.settlementId
        ? ok({ state: v.state })
        : fail('HIS_VISIT_SETTLED', '该就诊已结算', `visit ${hisVisitId} already settled as ${v.settlement?.settlementId}`);
    }
    if (r.revision !== undefined && r.revision !== v.revision) {
      return fail('HIS_VISIT_CHANGED', 'HIS 已修改该就诊的费用明细，请重新预结算', `revision ${r.revision} != ${v.revision}`, 'revision');
    }
    const settlement = { settlementId: r.settlementId, receiptNo: r.receiptNo, layers: r.layers, cash: new Dec(r.cash).toFixed(2), settledAt: this.now().toISOString() };
    return this.transition(hisVisitId, ['waiting', 'pre-settled'], 'settled', { settlement });
  }

  markCancelled(hisVisitId: string, info: CancelledInput = {}): Result<{ state: VisitState }> {
    const v = this.visits.get(hisVisitId);
    if (!v) return notFound(hisVisitId);
    if (v.state === 'cancelled') return ok({ state: v.state });
    const cancellation = { cancelledAt: this.now().toISOString(), ...info };
    return this.transition(hisVisitId, ['waiting', 'pre-settled', 'settled'], 'cancelled', { settlement: v.settlement, cancellation });
  }

  onChange(listener: HisVisitListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  private transition(id: string, from: VisitState[], to: VisitState, result: Parameters<VisitStore['setState']>[2]): Result<{ state: VisitState }> {
    const out = this.db.transaction((): Result<{ state: VisitState }> => {
      const head = this.visits.state(id);
      if (!head) return notFound(id);
      if (!from.includes(head.state)) {
        return fail('HIS_VISIT_STATE', `该就诊当前状态为“${STATE_NAMES[head.state]}”，不能改为“${STATE_NAMES[to]}”`, `visit ${id}: ${head.state} -> ${to} not allowed`, 'state');
      }
      const keep = to === 'pre-settled' || to === 'waiting' ? this.visits.get(id) : undefined;
      this.visits.setState(id, to, result ?? (keep ? { settlement: keep.settlement, cancellation: keep.cancellation } : undefined), this.now());
      if (to === 'settled' || to === 'cancelled') this.callbacks.enqueue(id, to, hisView(this.visits.get(id)!));
      return ok({ state: to });
    })();
    if (out.ok) this.emit({ hisVisitId: id, state: to, kind: to });
    return out;
  }

  private emit(change: HisVisitChange): void {
    for (const fn of [...this.listeners]) {
      try {
        fn(change);
      } catch {
        // a listener's failure never breaks the bridge
      }
    }
  }
}

export const STATE_NAMES: Record<VisitState, string> = { waiting: '待结算', 'pre-settled': '已预结算', settled: '已结算', cancelled: '已撤销' };

/** The visit as the HIS sees it (GET /his/v1/visits/{id} and the callback body). */
export function hisView(v: HisVisit) {
  return {
    hisVisitId: v.hisVisitId,
    state: v.state,
    revision: v.revision,
    total: v.total,
    receivedAt: v.receivedAt,
    updatedAt: v.updatedAt,
    cancelRequested: v.cancelRequested !== undefined,
    ...(v.settlement ? { settlement: v.settlement } : {}),
    ...(v.cancellation ? { cancellation: v.cancellation } : {}),
  };
}

function totals(lines: MappedLine[]): MappedLines['totals'] {
  const byClass = { A: new Dec(0), B: new Dec(0), C: new Dec(0) };
  const byCategory = new Map<string, Dec>();
  let total = new Dec(0);
  for (const l of lines) {
    total = total.plus(l.amount);
    byClass[l.class] = byClass[l.class].plus(l.amount);
    byCategory.set(l.category, (byCategory.get(l.category) ?? new Dec(0)).plus(l.amount));
  }
  return {
    total: total.toFixed(2),
    byClass: { A: byClass.A.toFixed(2), B: byClass.B.toFixed(2), C: byClass.C.toFixed(2) },
    byCategory: [...byCategory.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([category, amount]) => ({ category, name: CHARGE_CATEGORIES[category] ?? category, amount: amount.toFixed(2) })),
  };
}
