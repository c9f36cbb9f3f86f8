// The center-wide day-end reconciliation: for one institution and one network day, 3201 per
// clearing group (insurance type x clearing type x clearing institution) with the sum of every
// window's confirmed records, and 3202 per clearing institution with all their rows; each
// difference the network reports is traced to the window (terminal) that holds the record, and
// what the windows have not yet brought to the network or to the center is listed per window.
import { yuan } from '../core/money';
import type { NetworkClient, ReconcileDetailRow } from '../network/client';
import { isNetworkError } from '../network/client';
import type { CenterPool } from './pg';

export interface CenterRecord {
  windowId: string;
  terminalNo: string;
  settlementId: string;
  kind: 'settlement' | 'cancellation';
  personNo: string;
  netSettlementId: string;
  visitId: string;
  totalFen: number;
  fundFen: number;
  accountFen: number;
  cashFen: number;
  insutype: string;
  clearingType: string;
  clearingAgency: string;
}

export interface CenterMismatch {
  kind: 'totals' | 'missingAtCenter' | 'missingAtNetwork' | 'amount' | 'detail' | 'unsent' | 'unreplicated' | 'error';
  terminalNo?: string;
  settlementId?: string;
  netSettlementId?: string;
  personNo?: string;
  memo: string;
}

export interface CenterGroupResult {
  insutype: string;
  clearingType: string;
  clearingAgency: string;
  count: number;
  medfeeFen: number;
  fundFen: number;
  accountFen: number;
  balanced: boolean;
  description: string;
  /** The group's records per window (terminal): count and medical fee total. */
  byWindow: { terminalNo: string; count: number; medfeeFen: number }[];
}

export interface CenterReconcileResult {
  runId?: number;
  institutionCode: string;
  day: string;
  balanced: boolean;
  groups: CenterGroupResult[];
  mismatches: CenterMismatch[];
  records: number;
  elapsedMs: number;
}

/** Every window's records of the institution the network confirmed with that network day. */
export async function centerRecords(pool: CenterPool, institutionCode: string, day: string, region: string): Promise<CenterRecord[]> {
  const r = await pool.query(
    `SELECT n.window_id, w.terminal_no, n.settlement_id, s.kind, s.person_no, n.net_settlement_id,
       COALESCE(n.visit_id, o.visit_id, '') AS visit_id, n.total_fen, n.fund_fen, n.account_fen, n.cash_fen,
       COALESCE(n.insutype, s.doc->'person'->>'insutype', '') AS insutype, COALESCE(n.clearing_type, '') AS clearing_type,
       COALESCE(NULLIF(n.clearing_agency, ''), $3) AS clearing_agency
     FROM settlement_network n
     JOIN windows w ON w.window_id = n.window_id
     JOIN settlements s ON s.window_id = n.window_id AND s.settlement_id = n.settlement_id
     LEFT JOIN settlement_network o ON o.window_id = s.window_id AND o.settlement_id = s.cancels_id
     WHERE n.net_day = $2 AND w.institution_code = $1 AND n.total_fen IS NOT NULL AND n.net_settlement_id IS NOT NULL`,
    [institutionCode, day, region],
  );
  return r.rows.map((x) => ({
    windowId: x.window_id, terminalNo: x.terminal_no, settlementId: x.settlement_id, kind: x.kind, personNo: x.person_no,
    netSettlementId: x.net_settlement_id, visitId: x.visit_id, totalFen: Number(x.total_fen), fundFen: Number(x.fund_fen),
    accountFen: Number(x.account_fen), cashFen: Number(x.cash_fen), insutype: x.insutype, clearingType: x.clearing_type, clearingAgency: x.clearing_agency,
  }));
}

/** What the windows have of the day that is not (yet) at the network, or not yet at the center. */
async function pending(pool: CenterPool, institutionCode: string, day: string): Promise<CenterMismatch[]> {
  const r = await pool.query<{ terminal_no: string; settlement_id: string; person_no: string; state: string | null }>(
    `SELECT w.terminal_no, s.settlement_id, s.person_no, n.state FROM settlements s
     JOIN windows w ON w.window_id = s.window_id
     LEFT JOIN settlement_network n ON n.window_id = s.window_id AND n.settlement_id = s.settlement_id
     WHERE s.business_date = $2 AND w.institution_code = $1 AND COALESCE(n.state, 'pending') IN ('pending', 'dead')`,
    [institutionCode, day],
  );
  const out: CenterMismatch[] = r.rows.map((x) => ({
    kind: 'unsent', terminalNo: x.terminal_no, settlementId: x.settlement_id, personNo: x.person_no,
    memo: `窗口 ${x.terminal_no}：${x.state === 'dead' ? '医保拒绝，在该窗口的失败列表中处理' : '本地已结算，尚未上传医保'}`,
  }));
  const w = await pool.query<{ terminal_no: string; unsent_center: number }>(
    'SELECT terminal_no, unsent_center FROM windows WHERE institution_code = $1 AND unsent_center > 0', [institutionCode],
  );
  for (const x of w.rows) out.push({ kind: 'unreplicated', terminalNo: x.terminal_no, memo: `窗口 ${x.terminal_no}：尚有 ${x.unsent_center} 条记录未同步到集中库` });
  return out;
}

const count = (rows: CenterRecord[]) => rows.reduce((a, b) => a + (b.kind === 'cancellation' ? -1 : 1), 0);
const sum = (rows: CenterRecord[], f: (r: CenterRecord) => number) => rows.reduce((a, b) => a + f(b), 0);

function groupBy(rows: CenterRecord[], key: (r: CenterRecord) => string): Map<string, CenterRecord[]> {
  const out = new Map<string, CenterRecord[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

async function totals(client: NetworkClient, day: string, records: CenterRecord[]): Promise<CenterGroupResult[]> {
  const out: CenterGroupResult[] = [];
  for (const rows of groupBy(records, (r) => JSON.stringify([r.insutype, r.clearingType, r.clearingAgency])).values()) {
    const g = rows[0];
    const res = await client.reconcileTotals3201({
      insutype: g.insutype, clearingType: g.clearingType, clearingAgency: g.clearingAgency, begin: day, end: day,
      medfeeTotal: yuan(sum(rows, (r) => r.totalFen)), fundTotal: yuan(sum(rows, (r) => r.fundFen)), accountTotal: yuan(sum(rows, (r) => r.accountFen)),
      count: count(rows),
    });
    const byWindow = [...groupBy(rows, (r) => r.terminalNo)].map(([terminalNo, w]) => ({ terminalNo, count: count(w), medfeeFen: sum(w, (r) => r.totalFen) }));
    out.push({
      insutype: g.insutype, clearingType: g.clearingType, clearingAgency: g.clearingAgency, count: count(rows),
      medfeeFen: sum(rows, (r) => r.totalFen), fundFen: sum(rows, (r) => r.fundFen), accountFen: sum(rows, (r) => r.accountFen),
      balanced: res.balanced, description: res.description, byWindow: byWindow.sort((a, b) => a.terminalNo.localeCompare(b.terminalNo)),
    });
  }
  return out;
}

async function details(client: NetworkClient, day: string, records: CenterRecord[]): Promise<CenterMismatch[]> {
  const out: CenterMismatch[] = [];
  for (const [agency, rows] of groupBy(records, (r) => r.clearingAgency)) {
    const detailRows: ReconcileDetailRow[] = rows.map((r) => ({
      settlementId: r.netSettlementId, visitId: r.visitId, personNo: r.personNo, medfeeTotal: yuan(r.totalFen), fundTotal: yuan(r.fundFen),
      accountTotal: yuan(r.accountFen), refund: r.kind === 'cancellation',
    }));
    const res = await client.reconcileDetails3202({
      clearingAgency: agency, begin: day, end: day, medfeeTotal: yuan(sum(rows, (r) => r.totalFen)), fundTotal: yuan(sum(rows, (r) => r.fundFen)),
      cashTotal: yuan(sum(rows, (r) => r.cashFen)), count: count(rows), rows: detailRows,
    });
    const byNetId = new Map(rows.map((r) => [r.netSettlementId, r]));
    for (const row of res.rows.filter((x) => !x.balanced)) {
      const rec = byNetId.get(row.settlementId);
      const kind = row.memo.includes('医药机构无') ? 'missingAtCenter' : row.memo.includes('中心无') ? 'missingAtNetwork' : /金额|总额|支付/.test(row.memo) ? 'amount' : 'detail';
      out.push({
        kind, terminalNo: rec?.terminalNo, settlementId: rec?.settlementId, netSettlementId: row.settlementId, personNo: row.personNo || rec?.personNo,
        memo: rec ? `窗口 ${rec.terminalNo}：${row.memo}` : `各窗口均无此记录：${row.memo}`,
      });
    }
  }
  return out;
}

/** Runs the center-wide reconciliation of one institution's network day and stores the run. */
export async function reconcileCenter(
  pool: CenterPool, client: NetworkClient | undefined, o: { institutionCode: string; region: string; day: string },
): Promise<CenterReconcileResult> {
  const started = Date.now();
  const records = await centerRecords(pool, o.institutionCode, o.day, o.region);
  const mismatches = await pending(pool, o.institutionCode, o.day);
  let groups: CenterGroupResult[] = [];
  try {
    if (!client) throw new Error('医保网络未设置');
    groups = await totals(client, o.day, records);
    for (const g of groups.filter((x) => !x.balanced)) mismatches.push({ kind: 'totals', memo: `${g.insutype}/${g.clearingType}/${g.clearingAgency}：${g.description}` });
    mismatches.push(...(await details(client, o.day, records)));
  } catch (err) {
    const msg = isNetworkError(err) ? `${err.message}（${err.detail ?? ''}）` : (err as Error).message;
    mismatches.push({ kind: 'error', memo: `对账未完成：${msg}` });
  }
  const balanced = !mismatches.some((m) => m.kind !== 'unsent' && m.kind !== 'unreplicated') && groups.every((g) => g.balanced);
  const result: CenterReconcileResult = { institutionCode: o.institutionCode, day: o.day, balanced, groups, mismatches, records: records.length, elapsedMs: Date.now() - started };
  const run = await pool.query<{ id: string }>(
    'INSERT INTO reconcile_runs (institution_code, day, balanced, result) VALUES ($1, $2, $3, $4) RETURNING id',
    [o.institutionCode, o.day, balanced, JSON.stringify(result)],
  );
  return { ...result, runId: Number(run.rows[0].id) };
}
