// Day-end reconciliation with the network: 3201 totals per (insurance type, clearing type,
// clearing institution) as the network stored them with each settlement, and 3202 details per
// clearing institution, of every record the network confirmed in the date range (cancellations
// count negative). Mismatches
// are listed and stored with the run: records only one side has, amounts that disagree, totals
// out of balance, settlements still unsent, and the recorded local/network differences.
import { maskNumber } from '../../core/mask';
import { chinaDate } from '../../core/time';
import { isNetworkError, type NetworkClient, type ReconcileDetailRow } from '../client';
import type { Db } from '../../store/db';
import type { AppLogger } from '../../platform/logger';
import type { ConfirmedAmounts, NetworkRecord, SettlementNetworkRepo } from '../../store/settlement-network';
import type { NetworkConfirmed } from '../forwarder';
import { DAY_SPAN, dayKey, type SettlementHead, type SettlementsRepo } from '../../store/settlements';
import type { MismatchRecord, ReconcileRepo, ReconcileTotalsFen } from '../../store/reconcile';
import type { DifferencesRepo } from '../../store/differences';
import type { InstitutionSetup } from '../../api/contract';
import { yuan } from '../../core/money';

export interface ReconcilerDeps {
  db: Db;
  /** The settle area's repositories this needs (a SettleRepos fits). */
  repos: { settlements: SettlementsRepo; network: SettlementNetworkRepo; differences: DifferencesRepo; reconcile: ReconcileRepo };
  client: () => NetworkClient | undefined;
  now: () => Date;
  log: AppLogger;
  institution: () => InstitutionSetup;
}

interface Booked {
  /** The document's own fields (its lines and trace are not needed here, and not unpacked). */
  doc: SettlementHead;
  net: NetworkRecord;
  c: ConfirmedAmounts;
}

export const MISMATCH_NAMES: Record<string, string> = {
  unsent: '本地已结算，尚未上传医保',
  totals: '总账不平',
  missingLocally: '医保有、本地无',
  missingAtNetwork: '本地有、医保无',
  amount: '金额不符',
  detail: '明细不符',
  difference: '本地与医保结算金额差异',
  error: '对账失败',
};

/** Records read between turns of the event loop: each unpacks a confirmed record (~0.1-0.3 ms), so a turn every ~10 ms. */
const YIELD_EVERY = 50;

const fundOf = (c: ConfirmedAmounts) => c.fundsFen - (c.layers.reduction ?? 0);

export class Reconciler {
  constructor(private readonly deps: ReconcilerDeps) {}

  /**
   * Records the network confirmed, dated (network's day) within [from, to]: that range of the day
   * index, not every record ever confirmed. Gives the event loop a turn every YIELD_EVERY
   * records, so that the requests that follow (3201, 3202) leave on a live connection.
   */
  private async booked(from: string, to: string): Promise<Booked[]> {
    const out: Booked[] = [];
    const ids = this.deps.repos.network.bookedOn(from, to);
    for (let i = 0; i < ids.length; i++) {
      if (i > 0 && i % YIELD_EVERY === 0) await new Promise((r) => setImmediate(r));
      const net = this.deps.repos.network.get(ids[i]);
      const doc = this.deps.repos.settlements.head(ids[i]);
      if (net?.confirmed && doc) out.push({ doc, net, c: net.confirmed });
    }
    return out;
  }

  private unsent(from: string, to: string): MismatchRecord[] {
    // The days' documents are one key range (doc_key = day x 10^7 + sequence).
    const lo = dayKey(from) ?? Number.MIN_SAFE_INTEGER;
    const hi = (dayKey(to) ?? Number.MAX_SAFE_INTEGER - DAY_SPAN) + DAY_SPAN;
    const rows = this.deps.db
      .prepare(
        `SELECT s.id FROM settlements s LEFT JOIN settlement_network n ON n.settlement_id = s.id
         WHERE COALESCE(n.state, 'pending') IN ('pending', 'dead') AND s.business_date >= ? AND s.business_date <= ?
         AND s.doc_key >= ? AND s.doc_key < ?`,
      )
      .all(from, to, lo, hi) as { id: string }[];
    return rows.map(({ id }) => {
      const doc = this.deps.repos.settlements.head(id)!;
      const state = this.deps.repos.network.get(id)?.state;
      return {
        kind: 'unsent', settlementId: id, personNo: doc.person.personNo, localFen: doc.totalFen,
        memo: `${doc.receiptNo} ${state === 'dead' ? '医保拒绝，在待上传队列的失败列表中处理' : '等待上传'}`,
      };
    });
  }

  private differences(from: string, to: string): MismatchRecord[] {
    return this.deps.repos.differences.list({ from, to }).map((d) => ({
      kind: 'difference', settlementId: d.settlementId, personNo: d.personNo, localFen: d.items.find((i) => i.item === 'cash')?.localFen,
      networkFen: d.items.find((i) => i.item === 'cash')?.networkFen,
      memo: d.items.map((i) => `${i.item}: 本地 ${yuan(i.localFen)} / 医保 ${yuan(i.networkFen)}`).join('；'),
    }));
  }

  async run(from: string, to: string, operatorId?: string): Promise<number> {
    const startedAt = this.deps.now().toISOString();
    const runId = this.deps.repos.reconcile.start(from, to, startedAt, operatorId);
    const booked = await this.booked(from, to);
    const local: ReconcileTotalsFen = { count: 0, medfeeFen: 0, fundFen: 0, accountFen: 0, cashFen: 0 };
    for (const b of booked) {
      local.count += b.doc.kind === 'cancellation' ? -1 : 1;
      local.medfeeFen += b.c.totalFen;
      local.fundFen += fundOf(b.c);
      local.accountFen += b.c.accountFen;
      local.cashFen += b.c.cashFen;
    }
    const mismatches = [...this.unsent(from, to), ...this.differences(from, to)];
    let balanced: boolean | undefined;
    let code: string | undefined;
    let message: string | undefined;
    let error: string | undefined;
    const client = this.deps.client();
    try {
      if (!client) throw new Error('医保网络未设置');
      const t = await this.totals(client, from, to, booked);
      balanced = t.balanced;
      code = t.code;
      message = t.message;
      if (!t.balanced) mismatches.push({ kind: 'totals', code: t.code, memo: t.message });
      mismatches.push(...(await this.details(client, from, to, booked)));
    } catch (err) {
      error = isNetworkError(err) ? `${err.message}（${err.detail ?? ''}）` : (err as Error).message;
      mismatches.push({ kind: 'error', memo: `对账未完成：${error}` });
      this.deps.log.warn(`reconcile ${from}..${to} failed: ${error}`);
    }
    this.deps.repos.reconcile.finish(runId, {
      local, balanced, code, message, mismatches, unsent: mismatches.filter((m) => m.kind === 'unsent').length, error,
      at: this.deps.now().toISOString(),
    });
    return runId;
  }

  /** The clearing group of a record as the network stored it (legacy records: its insutype, no clearing type). */
  private group(b: Booked): { insutype: string; clearingType: string; clearingAgency: string } {
    const n = b.c as NetworkConfirmed;
    return { insutype: n.insutype || b.doc.person.insutype, clearingType: n.clearing?.type ?? '', clearingAgency: n.clearing?.institution || this.deps.institution().region };
  }

  private groups(booked: Booked[], key: (g: ReturnType<Reconciler['group']>) => string): Map<string, Booked[]> {
    const out = new Map<string, Booked[]>();
    for (const b of booked) {
      const k = key(this.group(b));
      out.set(k, [...(out.get(k) ?? []), b]);
    }
    return out;
  }

  private async totals(client: NetworkClient, from: string, to: string, booked: Booked[]) {
    const groups = this.groups(booked, (g) => JSON.stringify(g));
    const notes: string[] = [];
    let allBalanced = true;
    let lastCode = '';
    for (const [key, rows] of groups) {
      const g = JSON.parse(key) as ReturnType<Reconciler['group']>;
      const sum = (f: (b: Booked) => number) => yuan(rows.reduce((a, b) => a + f(b), 0));
      const r = await client.reconcileTotals3201({
        ...g, begin: from, end: to,
        medfeeTotal: sum((b) => b.c.totalFen), fundTotal: sum((b) => fundOf(b.c)), accountTotal: sum((b) => b.c.accountFen),
        count: rows.reduce((a, b) => a + (b.doc.kind === 'cancellation' ? -1 : 1), 0),
      });
      lastCode = r.code;
      if (!r.balanced) allBalanced = false;
      notes.push(`${g.insutype}/${g.clearingType}/${g.clearingAgency}：${r.description}`);
    }
    if (!groups.size) notes.push('本期间无医保已确认的结算');
    return { balanced: allBalanced, code: lastCode, message: notes.join('；') };
  }

  private async details(client: NetworkClient, from: string, to: string, booked: Booked[]): Promise<MismatchRecord[]> {
    const out: MismatchRecord[] = [];
    for (const [agency, group] of this.groups(booked, (g) => g.clearingAgency)) out.push(...(await this.detailsOf(client, from, to, agency, group)));
    return out;
  }

  private async detailsOf(client: NetworkClient, from: string, to: string, agency: string, booked: Booked[]): Promise<MismatchRecord[]> {
    const rows: ReconcileDetailRow[] = booked.map((b) => ({
      // A cancellation record belongs to its original's visit.
      settlementId: b.net.netSettlementId!, visitId: b.net.visitId ?? (b.doc.cancelsId ? this.deps.repos.network.get(b.doc.cancelsId)?.visitId : undefined) ?? '', personNo: b.doc.person.personNo,
      medfeeTotal: yuan(b.c.totalFen), fundTotal: yuan(fundOf(b.c)), accountTotal: yuan(b.c.accountFen), refund: b.doc.kind === 'cancellation',
    }));
    const total = (f: (b: Booked) => number) => yuan(booked.reduce((a, b) => a + f(b), 0));
    const r = await client.reconcileDetails3202({
      clearingAgency: agency, begin: from, end: to, medfeeTotal: total((b) => b.c.totalFen), fundTotal: total((b) => fundOf(b.c)),
      cashTotal: total((b) => b.c.cashFen), count: booked.reduce((a, b) => a + (b.doc.kind === 'cancellation' ? -1 : 1), 0), rows,
    });
    const byNetId = new Map(booked.map((b) => [b.net.netSettlementId!, b]));
    return r.rows
      .filter((row) => !row.balanced)
      .map((row) => {
        const b = byNetId.get(row.settlementId);
        const kind = row.memo.includes('医药机构无') ? 'missingLocally' : row.memo.includes('中心无') ? 'missingAtNetwork' : row.memo.includes('金额') ? 'amount' : 'detail';
        return {
          kind, settlementId: b?.doc.id, personNo: row.personNo || b?.doc.person.personNo, visitId: row.visitId,
          netSettlementId: row.settlementId, localFen: b?.c.totalFen, code: row.code, memo: row.memo || MISMATCH_NAMES[kind],
        };
      });
  }

  /** Default range: the network's day today. */
  today(): string {
    return chinaDate(this.deps.now());
  }
}

export function maskedPersonNo(personNo: string | undefined): string | undefined {
  return personNo ? maskNumber(personNo) : undefined;
}
