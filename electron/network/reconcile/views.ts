// Reconciliation runs as the API shows them, and their CSV export.
import type { CsvExportView, ReconcileMismatchView, ReconcileRunView } from '../../api/contract';
import type { MismatchRecord, ReconcileRunRecord } from '../../store/reconcile';
import type { SettlementsRepo } from '../../store/settlements';
import { yuan } from '../../core/money';
import { MISMATCH_NAMES, maskedPersonNo } from './reconcile';
import { toCsv } from './csv';

export function mismatchView(m: MismatchRecord, settlements: SettlementsRepo): ReconcileMismatchView {
  return {
    kind: m.kind,
    kindName: MISMATCH_NAMES[m.kind] ?? m.kind,
    settlementId: m.settlementId,
    receiptNo: m.settlementId ? settlements.head(m.settlementId)?.receiptNo : undefined,
    personNoMasked: maskedPersonNo(m.personNo),
    visitId: m.visitId,
    netSettlementId: m.netSettlementId,
    local: m.localFen === undefined ? undefined : yuan(m.localFen),
    network: m.networkFen === undefined ? undefined : yuan(m.networkFen),
    code: m.code,
    memo: m.memo,
  };
}

export function runView(r: ReconcileRunRecord, mismatches: MismatchRecord[], settlements: SettlementsRepo): ReconcileRunView {
  return {
    id: r.id,
    from: r.from,
    to: r.to,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    local: { count: r.local.count, medfee: yuan(r.local.medfeeFen), funds: yuan(r.local.fundFen), account: yuan(r.local.accountFen), cash: yuan(r.local.cashFen) },
    totalsBalanced: r.totalsBalanced,
    totalsCode: r.totalsCode,
    totalsMessage: r.totalsMessage,
    mismatchCount: r.mismatchCount,
    unsentCount: r.unsentCount,
    error: r.error,
    mismatches: mismatches.map((m) => mismatchView(m, settlements)),
  };
}

export function runCsv(v: ReconcileRunView): CsvExportView {
  const header = ['类型', '结算单号', '本地结算ID', '人员编号', '医保就诊ID', '医保结算ID', '本地金额', '医保金额', '代码', '说明'];
  const rows: unknown[][] = [
    ['汇总', '', '', '', '', '', v.local.medfee, '', v.totalsCode ?? '',
      `对账 ${v.from} 至 ${v.to}；本地 ${v.local.count} 笔，医疗费 ${v.local.medfee}，基金 ${v.local.funds}，个人账户 ${v.local.account}；${v.totalsMessage ?? v.error ?? ''}`],
    ...v.mismatches.map((m) => [m.kindName, m.receiptNo, m.settlementId, m.personNoMasked, m.visitId, m.netSettlementId, m.local, m.network, m.code, m.memo]),
  ];
  return { filename: `对账-${v.from}-${v.to}-${v.id}.csv`, csv: toCsv(header, rows) };
}
