// Simulated reconciliation: 3201 totals, 9101 upload / 3202 details / 9102 download.
// Totals are net: a cancellation record counts negative (amounts and count); reversed records
// count nothing. Records are those of the calling institution, dated within the range.
import type Decimal from 'decimal.js';
import { Dec, ZERO, fmt } from '../../core/money';
import { amount, node, text, type Handler, type HandlerCtx } from './context';
import { SimReject, type SimSettlement } from './state';

function inRange(c: HandlerCtx, d: Record<string, unknown>): SimSettlement[] {
  const from = text(d, 'stmt_begndate', true).slice(0, 10);
  const to = text(d, 'stmt_enddate', true).slice(0, 10);
  return [...c.state.settlements.values()].filter(
    (s) => s.institution === c.institution && s.status !== 'reversed' && s.date >= from && s.date <= to,
  );
}

export const NET_SIGN = (s: SimSettlement) => (s.cancels ? -1 : 1);

export const totals3201: Handler = (c) => {
  const d = node(c.input, 'data');
  const insutype = text(d, 'insutype');
  const clrType = text(d, 'clr_type');
  const rows = inRange(c, d).filter((s) => (!insutype || s.insutype === insutype) && (!clrType || s.clrType === clrType));
  let medfee: Decimal = ZERO, fund: Decimal = ZERO, acct: Decimal = ZERO, count = 0;
  for (const s of rows) {
    medfee = medfee.plus(s.medfee);
    fund = fund.plus(s.fund);
    acct = acct.plus(s.account);
    count += NET_SIGN(s);
  }
  const diffs: string[] = [];
  if (!new Dec(amount(d, 'medfee_sumamt')).equals(medfee)) diffs.push(`医疗费总额中心为 ${fmt(medfee)}`);
  if (!new Dec(amount(d, 'fund_pay_sumamt')).equals(fund)) diffs.push(`基金支付总额中心为 ${fmt(fund)}`);
  if (!new Dec(amount(d, 'acct_pay')).equals(acct)) diffs.push(`个人账户支出中心为 ${fmt(acct)}`);
  if (Number(text(d, 'fixmedins_setl_cnt') || '0') !== count) diffs.push(`结算笔数中心为 ${count}`);
  return {
    stmtinfo: {
      setl_optins: text(d, 'setl_optins'),
      stmt_rslt: diffs.length ? '1' : '0',
      stmt_rslt_dscr: diffs.length ? `对账不平：${diffs.join('；')}` : '对账平衡',
    },
  };
};

export const upload9101: Handler = (c) => {
  const n = node(c.input, 'fsUploadIn');
  const raw = n.in;
  const content = Array.isArray(raw) ? Buffer.from(raw as number[]).toString('utf8') : Buffer.from(text(n, 'in'), 'base64').toString('utf8');
  const no = c.state.nextId('F', c.stamp);
  c.state.files.set(no, { filename: text(n, 'filename') || `${no}.txt`, content });
  return { file_qury_no: no, filename: text(n, 'filename'), dld_endtime: c.time };
};

function money2(s: string | undefined): string {
  return s && /^-?\d+(\.\d+)?$/.test(s) ? fmt(new Dec(s)) : 'x';
}

export const details3202: Handler = (c) => {
  const d = node(c.input, 'data');
  const file = c.state.files.get(text(d, 'file_qury_no', true));
  if (!file) throw new SimReject('对账明细文件不存在，请先上传（9101）');
  const uploaded = new Map<string, string[]>();
  for (const line of file.content.split(/\r?\n/).filter((l) => l.trim())) {
    const cols = line.split('\t');
    uploaded.set(cols[0], cols);
  }
  const out: string[] = [];
  for (const s of inRange(c, d)) {
    const u = uploaded.get(s.settlementId);
    uploaded.delete(s.settlementId);
    const refund = s.cancels ? '1' : '0';
    let memo = '';
    if (!u) memo = '医药机构无此结算';
    else if (money2(u[3]) !== fmt(s.medfee) || money2(u[4]) !== fmt(s.fund) || money2(u[5]) !== fmt(s.account)) memo = '金额不符';
    else if ((u[6] ?? '0') !== refund) memo = '退费标志不符';
    out.push([s.personNo, s.visitId, s.settlementId, s.msgid, memo ? '1' : '0', refund, memo].join('\t'));
  }
  for (const [setlId, u] of uploaded) out.push([u[2] ?? '', u[1] ?? '', setlId, '', '1', u[6] ?? '0', '中心无此结算'].join('\t'));
  const no = c.state.nextId('R', c.stamp);
  c.state.files.set(no, { filename: `${no}.txt`, content: out.join('\n') });
  return { fileinfo: { file_qury_no: no, filename: `${no}.txt`, dld_endtime: c.time } };
};

export const download9102: Handler = (c) => {
  const n = node(c.input, 'fsDownloadIn');
  const file = c.state.files.get(text(n, 'file_qury_no', true));
  if (!file) throw new SimReject('文件不存在');
  return { filename: file.filename, content: Buffer.from(file.content, 'utf8').toString('base64') };
};
