// Reconciliation: 3201 totals per (insutype, clr_type, setl_optins) over days, 3202 detail
// reconciliation of a 9101-uploaded file, answered with a result file fetched by 9102.
import { Dec, ZERO, fmt, isDecimalString } from '../../core/money';
import { addDays } from '../../core/time';
import { one, type Ctx, type Handler } from './context';
import { refuse, TEXT, where } from './errors';
import { newFileRef } from './handlers-session';
import type { Settlement, Totals } from './state';
import { readZip, writeZip } from './zip';

function days(c: Ctx, from: string, to: string): string[] {
  const at = where(c.infno, 'data');
  if (from > to) refuse(`${at}对账开始日期(stmt_begndate)晚于对账结束日期(stmt_enddate)`);
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    out.push(d);
    if (out.length > 366) refuse(`${at}对账期间不能超过一年`);
  }
  return out;
}

function totalsFor(c: Ctx, insutype: string, clrType: string, optins: string, from: string, to: string, refd: string): Totals {
  const t: Totals = { cnt: 0, medfee: ZERO, fund: ZERO, acct: ZERO, cash: ZERO };
  for (const day of days(c, from, to)) {
    const pair = c.books.dayTotals.get(`${c.institution.code}|${insutype}|${clrType}|${optins}|${day}`);
    if (!pair) continue;
    const parts = refd === '0' ? [pair[0]] : refd === '1' ? [pair[1]] : pair;
    for (const [i, b] of parts.entries()) {
      const cancelBucket = refd === '1' || (refd === '' && i === 1);
      t.cnt += cancelBucket && refd === '' ? -b.cnt : b.cnt;
      t.medfee = t.medfee.plus(b.medfee);
      t.fund = t.fund.plus(b.fund);
      t.acct = t.acct.plus(b.acct);
      t.cash = t.cash.plus(b.cash);
    }
  }
  return t;
}

export const totalReconcile: Handler = (c) => {
  const d = one(c, 'data');
  const t = totalsFor(c, d.insutype, d.clr_type, d.setl_optins, d.stmt_begndate, d.stmt_enddate, d.refd_setl_flag);
  const diffs: string[] = [];
  const cmp = (label: string, mine: Dec, theirs: string) => {
    if (!mine.equals(new Dec(theirs))) diffs.push(`${label}：中心${fmt(mine)}，机构${fmt(new Dec(theirs))}`);
  };
  cmp('医疗费总额', t.medfee, d.medfee_sumamt);
  cmp('基金支付总额', t.fund, d.fund_pay_sumamt);
  cmp('个人账户支付金额', t.acct, d.acct_pay);
  if (t.cnt !== Number(d.fixmedins_setl_cnt)) diffs.push(`结算笔数：中心${t.cnt}，机构${d.fixmedins_setl_cnt}`);
  return {
    stmtinfo: { setl_optins: d.setl_optins, stmt_rslt: diffs.length ? '1' : '0', stmt_rslt_dscr: diffs.length ? `不平：${diffs.join('；')}` : '平' },
  };
};

interface FileRow {
  setlId: string;
  mdtrtId: string;
  psnNo: string;
  medfee: string;
  fund: string;
  acct: string;
  refd: string;
}

function readDetailFile(c: Ctx, fileQuryNo: string): FileRow[] {
  const at = where(c.infno, 'data');
  const f = c.books.files.get(fileQuryNo);
  if (!f || !f.bytes || f.institution !== c.institution.code || f.expiresMs < c.atMs) refuse(`${at}文件查询号(file_qury_no)${fileQuryNo}：${TEXT.fileMissing}`);
  let text: string;
  try {
    const entry = readZip(f.bytes).find((e) => /\.txt$/i.test(e.name));
    if (!entry) throw new Error('no txt');
    text = entry.data.toString('utf8');
  } catch {
    return refuse(`${at}文件查询号(file_qury_no)${fileQuryNo}：对账明细文件不是含txt文件的zip`);
  }
  return text.split(/\r?\n/).filter((l) => l.trim()).map((line, i) => {
    const p = line.split('\t').map((x) => (x === 'null' ? '' : x.trim()));
    const [setlId, mdtrtId, psnNo, medfee, fund, acct, refd] = p;
    if (p.length < 7 || !setlId || ![medfee, fund, acct].every(isDecimalString) || !['0', '1'].includes(refd)) {
      refuse(`${at}对账明细文件第${i + 1}行格式错误（应为7列：setl_id、mdtrt_id、psn_no、medfee_sumamt、fund_pay_sumamt、acct_pay、refd_setl_flag）`);
    }
    return { setlId, mdtrtId, psnNo, medfee, fund, acct, refd };
  });
}

function resultLine(s: Settlement | undefined, r: FileRow | undefined, memo: string): string {
  const cols = [
    s?.psnNo ?? r!.psnNo, s?.mdtrtId ?? r!.mdtrtId, s?.setlId ?? r!.setlId, s?.msgid ?? 'null', memo ? '1' : '0', s ? (s.cancels ? '1' : '0') : r!.refd,
    memo || 'null', fmt(s?.sums.medfee ?? new Dec(r!.medfee)), fmt(s?.sums.fund ?? new Dec(r!.fund)), fmt(s?.sums.acct ?? new Dec(r!.acct)),
  ];
  return cols.join('\t');
}

function compareRow(s: Settlement, r: FileRow): string {
  const diffs: string[] = [];
  if (!s.sums.medfee.equals(new Dec(r.medfee))) diffs.push('医疗费总额不符');
  if (!s.sums.fund.equals(new Dec(r.fund))) diffs.push('基金支付总额不符');
  if (!s.sums.acct.equals(new Dec(r.acct))) diffs.push('个人账户支付不符');
  if ((s.cancels ? '1' : '0') !== r.refd) diffs.push('退费结算标志不符');
  if (s.mdtrtId !== r.mdtrtId || s.psnNo !== r.psnNo) diffs.push('就诊ID或人员编号不符');
  return diffs.join('；');
}

export const detailReconcile: Handler = (c) => {
  const d = one(c, 'data');
  const rowsIn = readDetailFile(c, d.file_qury_no);
  const mine = new Map<string, Settlement>();
  for (const day of days(c, d.stmt_begndate, d.stmt_enddate)) {
    for (const id of c.books.dayIndex.get(`${c.institution.code}|${d.setl_optins}|${day}`) ?? []) {
      const s = c.books.settlements.get(id)!;
      if ((!d.clr_type || s.clr.clrType === d.clr_type) && (!d.refd_setl_flag || (s.cancels ? '1' : '0') === d.refd_setl_flag)) mine.set(id, s);
    }
  }
  const lines: string[] = [];
  const seen = new Set<string>();
  for (const r of rowsIn) {
    seen.add(r.setlId);
    const s = mine.get(r.setlId);
    lines.push(s ? resultLine(s, r, compareRow(s, r)) : resultLine(undefined, r, '中心无此结算或不在对账范围内'));
  }
  for (const s of mine.values()) if (!seen.has(s.setlId)) lines.push(resultLine(s, undefined, '医药机构无此结算'));
  const ref = newFileRef(c, `3202|${d.file_qury_no}`);
  const bytes = writeZip([{ name: 'result.txt', data: Buffer.from(lines.length ? `${lines.join('\n')}\n` : '', 'utf8') }]);
  const expiresMs = c.atMs + c.cfg.fileTtlMs;
  c.books.putFile(ref.no, { filename: ref.filename, expiresMs, institution: c.institution.code, bytes }, c.atMs);
  return { fileinfo: { file_qury_no: ref.no, filename: ref.filename, dld_endtime: `${addDays(c.day, 1)} 23:59:59` } };
};
