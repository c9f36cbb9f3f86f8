// The receipt as one HTML page for one A5 (or A4) sheet: rendered to PDF by Chromium or Electron,
// printed by Electron or the browser. Self-contained (inline CSS and SVG), no scripts.
import { mobilePayment, personalPartLabel, personalPartShort, type ReceiptData } from '../core/receipt';
import { receiptCss, type SheetPaper } from './html-style';
import { qrSvg } from './qr';

export interface HtmlOptions {
  paper: SheetPaper;
  /** 0 for the original; N marks the sheet "重打 N". */
  reprintNo?: number;
  /** An offline settlement the network has since confirmed: when. */
  confirmedAt?: string;
  /** Tighter type and spacing, for a sheet that runs over its paper otherwise (fit.ts). */
  dense?: boolean;
  /** Attach the detail list (every fee line) on the pages after the sheet, when the receipt has one. */
  details?: boolean;
}

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESC[c]);
}

function kv(k: string, v: string, cls = ''): string {
  return `<div${cls ? ` class="${cls}"` : ''}><span class="k">${esc(k)}：</span>${esc(v)}</div>`;
}

function banners(r: ReceiptData, confirmedAt: string | undefined): string {
  let out = '';
  if (r.kind === 'reversal' && r.reverses) {
    out += `<div class="banner">结算已撤销（冲销）<small>原结算单号 ${esc(r.reverses.receiptNo)}，原结算编号 ${esc(r.reverses.settlementId)}，原结算时间 ${esc(r.reverses.settledAt)}；以下金额为退回金额</small></div>`;
  }
  if (r.offline && confirmedAt) {
    out += `<div class="banner">脱机结算，已于 ${esc(confirmedAt)} 经医保中心确认</div>`;
  } else if (r.offline) {
    out += '<div class="banner">脱机结算，待医保中心确认<small>本单为网络中断时的本地结算，联网后自动上传确认；如有差异，以医保中心确认结果为准</small></div>';
  }
  return out;
}

function header(r: ReceiptData, reprintNo: number): string {
  const stamp = reprintNo > 0 ? `<div class="stamp">重打 ${reprintNo}</div>` : '';
  return `${stamp}<h1>${esc(r.institution.name)}</h1><h2>${esc(r.title)}</h2>
<div class="meta">${kv('机构编码', r.institution.code)}${kv('结算单号', r.receiptNo)}${kv('结算时间', r.settledAt)}${kv('结算编号', r.settlementId)}${kv('收费员', r.operator)}${kv('就诊日期', r.visit.date)}</div>`;
}

function patient(r: ReceiptData): string {
  const p = r.patient;
  const ids = p.identities.length ? p.identities.join('、') : '普通参保人员';
  const extra = p.enrolled.length ? `；另参加 ${p.enrolled.join('、')}` : '';
  return `<div class="patient">${kv('姓名', p.name)}${kv('身份证号', p.idMasked)}${kv('参保类型', p.insuranceType)}${kv('就诊类型', `${r.visit.type}（${r.visit.facilityLevel}）`)}${kv('人员身份', ids + extra, 'wide')}</div>`;
}

function fees(r: ReceiptData): string {
  let table = '';
  if (r.categories.length) {
    const rows = r.categories
      .map((c) => `<tr><td>${esc(c.name)}</td><td class="n">${c.total}</td><td class="n">${c.classA}</td><td class="n">${c.classB}</td><td class="n">${c.classC}</td></tr>`)
      .join('');
    const t = r.classTotals;
    const sumRow = t ? `<tr class="sum"><td>合计</td><td class="n">${r.fees.total}</td><td class="n">${t.classA}</td><td class="n">${t.classB}</td><td class="n">${t.classC}</td></tr>` : '';
    table = `<table><thead><tr><th>收费类别</th><th class="n">金额</th><th class="n">甲类</th><th class="n">乙类</th><th class="n">丙类（自费）</th></tr></thead><tbody>${rows}${sumRow}</tbody></table>`;
  }
  const ded = r.deductible !== undefined ? kv('起付线（本次计入）', r.deductible) : '';
  return `<section><div class="sec">一、医疗费用</div>
<div><b>医疗费用总额：${r.fees.total} 元</b>　<span class="cap">大写：${esc(r.capital.total)}</span></div>${table}
<div class="parts">${kv('政策范围内', r.fees.inScope)}${kv('先行自付', r.fees.preSelfPay)}${kv('全自费', r.fees.fullSelfPay)}${ded}</div></section>`;
}

function layers(r: ReceiptData): string {
  const hasYtd = r.layers.some((l) => l.ytdPaid !== undefined);
  const rows = r.layers
    .map((l, i) => `<tr><td class="n">${i + 1}</td><td>${esc(l.name)}</td><td class="n">${l.amount}</td>${hasYtd ? `<td class="n">${l.ytdPaid ?? '—'}</td>` : ''}</tr>`)
    .join('');
  const ytdHead = hasYtd ? '<th class="n">本年累计支付</th>' : '';
  const sumRow = `<tr class="sum"><td></td><td>报销合计（大写：${esc(r.capital.fundTotal)}）</td><td class="n">${r.fundTotal}</td>${hasYtd ? '<td></td>' : ''}</tr>`;
  return `<section><div class="sec">二、各项报销（按政策顺序）</div>
<table><thead><tr><th class="n">序</th><th>报销项目</th><th class="n">本次支付</th>${ytdHead}</tr></thead><tbody>${rows}${sumRow}</tbody></table></section>`;
}

function payment(r: ReceiptData): string {
  const acct = r.accountPaid !== '0.00' || r.accountBalance !== undefined;
  const acctLine = acct ? `<div>个人账户支付：<b>${r.accountPaid}</b> 元${r.accountBalance !== undefined ? `（余额 ${r.accountBalance} 元）` : ''}</div><div></div>` : '';
  const eq = `医疗费用总额 ${r.fees.total} = 报销合计 ${r.fundTotal}${acct ? ` + 个人账户 ${r.accountPaid}` : ''} + ${personalPartShort(r)} ${r.cashPaid}`;
  // A reversal shows the refund as a positive amount under "退还"; the equation keeps the signs.
  const refund = r.kind === 'reversal';
  const shown = refund ? r.cashPaid.replace(/^-/, '') : r.cashPaid;
  const capital = refund ? r.capital.cashPaid.replace(/^负/, '') : r.capital.cashPaid;
  const m = mobilePayment(r);
  const method = m ? `<span class="method">支付方式：${esc(m.name)}${m.reference ? `　交易单号：<span class="ref">${esc(m.reference)}</span>` : ''}</span><br>` : '';
  return `<section><div class="sec">三、个人支付</div><div class="pay">${acctLine}
<div><b>${esc(personalPartLabel(r))}</b><br>${method}<span class="cap">大写：${esc(capital)}</span></div><div class="big">${shown} 元</div>
<div class="eq">${esc(eq)}</div>${adjustmentLines(r)}</div></section>`;
}

/** An earlier settlement's difference collected or refunded with this visit, and the net cash. */
function adjustmentLines(r: ReceiptData): string {
  if (!r.adjustment) return '';
  const a = r.adjustment;
  const refund = a.amount.startsWith('-');
  const label = refund ? '退还以前结算差额' : '补收以前结算差额';
  return `<div>${label}（医保确认金额与本地结算不同）</div><div class="n">${a.amount.replace(/^-/, '')} 元</div>
<div><b>本次实收现金</b><br><span class="cap">大写：${esc(a.capitalCollected)}</span></div><div class="big">${a.collected} 元</div>`;
}

function footer(r: ReceiptData): string {
  const ytd = r.ytd.map((y) => `${esc(y.label)} ${y.amount} 元`).join('；');
  const warns = r.warnings.map((w) => `<p class="warn">提示：${esc(w)}</p>`).join('');
  const policy = `${r.policy.name ? esc(r.policy.name) + '，' : ''}${esc(r.policy.id)}（${esc(r.policy.hash.replace(/^sha256:/, '').slice(0, 12))}）`;
  const t = r.traceCodes;
  const trace = t ? `<p class="trace">药品追溯码：已扫 ${t.codes} 个${t.withoutCodes ? `；未扫码药品 ${t.withoutCodes} 条（已登记原因）` : ''}</p>` : '';
  return `${warns}${trace}<div class="foot"><div>${qrSvg(r.qr.text, 19)}</div><div>
${ytd ? `<p>${ytd}（含本次）</p>` : ''}<p>校验码：${esc(r.qr.check)}　扫码可核验结算编号与金额</p>
<p>结算政策：${policy}</p><p>本单为医保一站式结算凭证，请妥善保管；如有疑问请到收费窗口咨询。</p></div></div>`;
}

const CLASS_NAMES = { A: '甲类', B: '乙类', C: '丙类' } as const;

/** The attached detail list (费用明细清单): every fee line, from a new page on; the sheet stays whole. */
function detailList(r: ReceiptData): string {
  const lines = r.details ?? [];
  const rows = lines
    .map((l, i) => `<tr><td class="n">${i + 1}</td><td>${esc(l.code)}</td><td>${esc(l.name)}</td><td>${esc(l.category)}</td><td>${CLASS_NAMES[l.class]}</td><td class="n">${esc(l.quantity ?? '')}</td><td class="n">${esc(l.unitPrice ?? '')}</td><td class="n">${l.amount}</td></tr>`)
    .join('');
  return `<div class="details"><h2>费用明细清单（附页）</h2>
<div class="meta">${kv('结算单号', r.receiptNo)}${kv('结算编号', r.settlementId)}${kv('姓名', r.patient.name)}${kv('就诊日期', r.visit.date)}</div>
<table><thead><tr><th class="n">序</th><th>项目编码</th><th>项目名称</th><th>类别</th><th>甲乙丙</th><th class="n">数量</th><th class="n">单价</th><th class="n">金额</th></tr></thead>
<tbody>${rows}<tr class="sum"><td></td><td colspan="6">合计（共 ${lines.length} 项）</td><td class="n">${r.fees.total}</td></tr></tbody></table></div>`;
}

/** The whole page. */
export function renderReceiptHtml(r: ReceiptData, opts: HtmlOptions): string {
  const reprintNo = opts.reprintNo ?? 0;
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${esc(r.title)} ${esc(r.receiptNo)}</title><style>${receiptCss(opts.paper, opts.dense)}</style></head>
<body><div class="sheet">${header(r, reprintNo)}${banners(r, opts.confirmedAt)}${patient(r)}${fees(r)}${layers(r)}${payment(r)}${footer(r)}</div>${opts.details && r.details?.length ? detailList(r) : ''}</body></html>`;
}
