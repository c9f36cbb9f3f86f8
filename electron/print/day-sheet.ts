// The operator's day sheet (日结单) on A4 (a busy day runs on to more pages): the day's counts and
// totals, what each layer paid, what came in by each payment method, the cash to hand in (with
// capital numerals), every settlement of the day (names and ID numbers masked), signature lines.
// Pure: the caller passes the day's figures and the time it was printed.
import { dec, fmt, sum, toChineseCapital } from '../core/money';
import { chinaDateTime } from '../core/time';
import { paymentLabel } from '../core/receipt';
import type { DailySummaryView, WindowSettlementRow } from '../api/contract';
import { esc } from './html';
import { CJK_FONT_STACK } from './html-style';

export interface DaySheetInput {
  institution: { name: string; code: string };
  summary: DailySummaryView;
  rows: readonly WindowSettlementRow[];
  printedAt: Date;
}

const CSS = `
@page { size: A4; margin: 12mm 14mm; }
* { box-sizing: border-box; }
html, body { margin: 0; background: #fff; color: #000; }
body { font-family: ${CJK_FONT_STACK}; font-size: 10pt; line-height: 1.3; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
h1 { font-size: 1.15em; text-align: center; margin: 0; font-weight: normal; }
h2 { font-size: 1.6em; text-align: center; margin: 0.1em 0 0.3em; letter-spacing: 0.2em; }
.meta { display: grid; grid-template-columns: repeat(4, auto); justify-content: space-between; border-top: 1.5pt solid #000; border-bottom: 0.6pt solid #000; padding: 0.25em 0; }
.sec { font-weight: bold; border-left: 3pt solid #000; padding-left: 0.35em; margin: 0.6em 0 0.2em; }
.cols { display: grid; grid-template-columns: 1fr 1fr; gap: 0 1.2em; }
table { width: 100%; border-collapse: collapse; }
th, td { border: 0.5pt solid #555; padding: 0.06em 0.35em; white-space: nowrap; }
th { font-weight: normal; background: #eee; text-align: left; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.sum td { font-weight: bold; border-top: 1pt solid #000; }
tr.cancelled td { color: #555; text-decoration: line-through; }
.hand { margin-top: 0.6em; border: 1.6pt solid #000; padding: 0.35em 0.6em; display: flex; justify-content: space-between; align-items: baseline; }
.hand .big { font-size: 1.6em; font-weight: bold; }
.sign { margin-top: 1.6em; display: grid; grid-template-columns: 1fr 1fr 1fr; gap: 1em; }
.sign div { border-bottom: 0.6pt solid #000; padding-bottom: 1.4em; }
.note { font-size: 0.9em; margin-top: 0.4em; }
`;

function kv(k: string, v: string): string {
  return `<div><span>${esc(k)}：</span>${esc(v)}</div>`;
}

function moneyRows(rows: [string, string][]): string {
  return rows.map(([k, v]) => `<tr><td>${esc(k)}</td><td class="n">${esc(v)}</td></tr>`).join('');
}

function totals(s: DailySummaryView): string {
  const counts = moneyRows([
    ['结算笔数', String(s.count)], ['撤销笔数', String(s.cancelledCount)], ['无卡结算笔数', String(s.cardFreeCount)],
    ['待上传（离线）笔数', String(s.queuedCount)], ['医疗费用总额', s.total],
  ]);
  const layers = moneyRows(s.layers.map((l) => [l.name, l.amount])) + `<tr class="sum"><td>合计</td><td class="n">${fmt(sum(s.layers.map((l) => dec(l.amount))))}</td></tr>`;
  return `<div class="cols"><div><div class="sec">一、笔数与金额</div><table><tbody>${counts}</tbody></table></div>
<div><div class="sec">二、各重保障支付</div><table><tbody>${layers}</tbody></table></div></div>`;
}

function methods(s: DailySummaryView): string {
  const rows = moneyRows([['现金收款（已扣退款）', s.cash], ...s.mobile.map((m): [string, string] => [paymentLabel(m.method), m.amount]), ['个人账户', s.account]]);
  return `<div class="sec">三、收款方式</div><table><tbody>${rows}</tbody></table>
<div class="hand"><div><b>应交现金</b>　大写：${esc(toChineseCapital(dec(s.cashToHandIn)))}</div><div class="big">${esc(s.cashToHandIn)} 元</div></div>`;
}

function list(rows: readonly WindowSettlementRow[]): string {
  if (!rows.length) return '<div class="sec">四、当日结算明细</div><p>当日没有结算。</p>';
  const body = rows
    .map((r, i) => `<tr${r.cancelled ? ' class="cancelled"' : ''}><td class="n">${i + 1}</td><td>${esc(chinaDateTime(new Date(r.at)).slice(11))}</td><td>${esc(r.receiptNo)}</td><td>${esc(r.nameMasked)}</td><td>${esc(r.idMasked)}</td><td>${esc(r.visitTypeName)}${r.cardFree ? '（无卡）' : ''}</td><td class="n">${esc(r.total)}</td><td class="n">${esc(r.cashDue)}</td><td>${r.cancelled ? '已撤销' : esc(r.state)}</td></tr>`)
    .join('');
  return `<div class="sec">四、当日结算明细（共 ${rows.length} 笔）</div>
<table><thead><tr><th class="n">序</th><th>时间</th><th>收据号</th><th>姓名</th><th>身份证号</th><th>类别</th><th class="n">费用总额</th><th class="n">个人支付</th><th>状态</th></tr></thead><tbody>${body}</tbody></table>`;
}

/** The day sheet's whole page. */
export function renderDaySheetHtml(input: DaySheetInput): string {
  const s = input.summary;
  const meta = kv('日期', s.date) + kv('收款员', `${s.operatorName}（${s.operatorId}）`) + kv('机构编码', input.institution.code) + kv('打印时间', chinaDateTime(input.printedAt));
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>日结单 ${esc(s.date)} ${esc(s.operatorName)}</title><style>${CSS}</style></head>
<body><h1>${esc(input.institution.name)}</h1><h2>收费员日结单</h2><div class="meta">${meta}</div>
${totals(s)}${methods(s)}${list(input.rows)}
<p class="note">已撤销的结算划线显示，其退款已从现金收款中扣除；待上传的结算以医保中心确认为准。</p>
${s.audit ? `<p class="note">审计日志：共 ${s.audit.count} 条，末条校验值 ${esc(s.audit.head)}（技术人员核对审计日志用）</p>` : ''}
<div class="sign"><div>收款员签字：</div><div>财务签收：</div><div>日期：</div></div></body></html>`;
}
