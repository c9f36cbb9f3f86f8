// The pharmacy's daily report: each drug line sold that business day with its codes (or why it has
// none), the upload of its sale record; totals; a CSV export (UTF-8 with BOM, for Excel).
import type { TraceReceiptCounts, TraceReportLineView, TraceReportView, TraceUploadView } from '../api/views/trace';
import { NO_CODE_REASONS, type NoCodeReason } from './rules';
import type { TraceRepo, SaleRow } from './repo';
import type { Upload, UploadQueue, UploadState } from './queue-repo';

export const UPLOAD_STATE_NAMES: Record<UploadState, string> = { waiting: '待上传', sending: '上传中', done: '已上传', rejected: '被拒绝', void: '无需上传' };

const reasonName = (r?: string) => (r ? NO_CODE_REASONS[r as NoCodeReason] ?? r : undefined);

function lineOf(s: SaleRow, up: Upload | undefined): TraceReportLineView {
  return {
    settlementId: s.settlementId, lineNo: s.lineNo, name: s.name, listCode: s.listCode, quantity: s.quantity, split: s.split,
    codes: s.codes.map((c) => c.code), reasonName: reasonName(s.reason), returned: s.returned,
    upload: up ? UPLOAD_STATE_NAMES[up.state] : '无', uploadMessage: up?.message,
  };
}

export function dailyReport(repo: TraceRepo, queue: UploadQueue, date: string): TraceReportView {
  const sales = repo.salesOn(date);
  const ups = new Map<string, Upload>();
  for (const id of new Set(sales.map((s) => s.settlementId))) {
    for (const u of queue.forSettlement(id)) if (u.infno === '3505') ups.set(`${u.settlementId}/${u.lineNo}`, u);
  }
  const lines = sales.map((s) => lineOf(s, ups.get(`${s.settlementId}/${s.lineNo}`)));
  const reasons = new Map<string, number>();
  for (const l of lines) if (l.reasonName) reasons.set(l.reasonName, (reasons.get(l.reasonName) ?? 0) + 1);
  const state = (s: SaleRow) => ups.get(`${s.settlementId}/${s.lineNo}`)?.state;
  return {
    date,
    lines,
    totals: {
      drugLines: lines.length,
      withCodes: sales.filter((s) => s.codes.length).length,
      withoutCodes: sales.filter((s) => !s.codes.length).length,
      codes: sales.reduce((n, s) => n + s.codes.length, 0),
      uploaded: sales.filter((s) => state(s) === 'done').length,
      pending: sales.filter((s) => state(s) === 'waiting' || state(s) === 'sending').length,
      rejected: sales.filter((s) => state(s) === 'rejected').length,
      returned: sales.filter((s) => s.returned).length,
    },
    reasons: [...reasons].map(([name, count]) => ({ name, count })),
  };
}

const cell = (v: string) => (/[",\r\n]/.test(v) || /^[=+\-@]/.test(v) ? `"${v.replace(/^([=+\-@])/, "'$1").replace(/"/g, '""')}"` : v);

export function reportCsv(r: TraceReportView): string {
  const head = ['结算单号', '行号', '药品名称', '医保目录编码', '数量', '拆零', '追溯码', '追溯码个数', '未扫码原因', '已退货', '上传状态', '平台反馈'];
  const rows = r.lines.map((l) => [
    l.settlementId, l.lineNo, l.name, l.listCode, l.quantity, l.split ? '是' : '否', l.codes.join(' '), String(l.codes.length),
    l.reasonName ?? '', l.returned ? '是' : '否', l.upload, l.uploadMessage ?? '',
  ]);
  const t = r.totals;
  const sum = [`合计（${r.date}）`, '', `药品 ${t.drugLines} 条`, '', '', '', `有码 ${t.withCodes} 条，无码 ${t.withoutCodes} 条`, String(t.codes), '',
    String(t.returned), `已上传 ${t.uploaded}，待上传 ${t.pending}，被拒绝 ${t.rejected}`, ''];
  return `\ufeff${[head, ...rows, sum].map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}

/** What the receipt of a settlement shows: its codes and the drug lines without. */
export function receiptCounts(repo: TraceRepo, settlementId: string): TraceReceiptCounts | undefined {
  const sales = repo.sales(settlementId);
  if (!sales.length) return undefined;
  return { codes: sales.reduce((n, s) => n + s.codes.length, 0), drugLines: sales.length, withoutCodes: sales.filter((s) => !s.codes.length).length };
}

export function uploadView(u: Upload, sale: SaleRow | undefined): TraceUploadView {
  return {
    id: u.id, settlementId: u.settlementId, lineNo: u.lineNo, infno: u.infno, state: u.state, stateName: UPLOAD_STATE_NAMES[u.state],
    name: sale?.name ?? '', codes: sale?.codes.map((c) => c.code) ?? [], msgid: u.msgid, attempts: u.attempts, message: u.message, updatedAt: u.updatedAt,
  };
}
