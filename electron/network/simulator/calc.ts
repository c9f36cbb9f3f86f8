// The platform's settlement arithmetic: from the priced fee lines (2204/2301 results), the
// person's insurance row and identities, the facility level and the year-to-date books, the fund
// rows, the hospital part, the account and the cash. Every amount is rounded half-up to the fen;
// the pooled amount is rounded per line (the platform's rounding step), the cash is what is left,
// so the spec's identities hold exactly by construction.
import { Dec, ZERO, maxDec, minDec, roundFen, sum } from '../../core/money';
import { KIND_BIZ, atLevel, type Band, type Kind, type Level, type Pool, type RegionRules } from './rules';

export interface PricedLine {
  det: Dec;
  fulamt: Dec;
  overlmt: Dec;
  preselfpay: Dec;
  inscp: Dec;
}

export interface CalcInput {
  rules: RegionRules;
  employee: boolean;
  retired: boolean;
  /** The person holds an insurance row of this type (330 large amount, 320 civil servant). */
  hasInsutype: (insutype: string) => boolean;
  cvlserv: boolean;
  identities: string[];
  kind: Kind;
  level: Level;
  lines: PricedLine[];
  acctUsed: boolean;
  /** Account balance before the settlement; undefined = no account. */
  balance?: Dec;
  /** Year-to-date amount of a cum_type_code for this person, year and insurance group. */
  ytd: (code: string) => Dec;
}

export interface FundRow {
  type: string;
  amount: Dec;
  /** Remaining yearly limit before this settlement, when the fund has one. */
  limit?: Dec;
  info: string;
}

export interface CalcResult {
  medfee: Dec;
  fulamt: Dec;
  overlmt: Dec;
  preselfpay: Dec;
  inscp: Dec;
  dedc: Dec;
  ratio: string;
  funds: FundRow[];
  named: { hifp: Dec; cvlserv: Dec; hifes: Dec; hifmi: Dec; hifob: Dec; maf: Dec; oth: Dec };
  fundSum: Dec;
  hosp: Dec;
  psnPart: Dec;
  acct: Dec;
  cash: Dec;
  balanceAfter?: Dec;
  /** Year-to-date increments this settlement adds (cum_type_code → amount). */
  ytd: Record<string, Dec>;
}

const pct = (r: string) => `${new Dec(r).times(100).toString()}%`;
const yuan = (d: Dec) => `${roundFen(d).toFixed(2)}元`;

function poolRule(i: CalcInput): Pool {
  const g = i.employee ? i.rules.employee : i.rules.resident;
  return g[i.kind];
}

function poolRatio(i: CalcInput, p: Pool): string {
  if (i.employee && i.retired && p.retiredRatio) return p.retiredRatio;
  if (p.identityRatio && i.identities.some((c) => p.identityRatio!.codes.includes(c))) return p.identityRatio.ratio;
  return atLevel(p.ratio, i.level);
}

/** Basic pooling, deductible consumed line by line and each line's share rounded to the fen. */
function pooling(i: CalcInput, fund: string) {
  const p = poolRule(i);
  const ratio = poolRatio(i, p);
  const biz = KIND_BIZ[i.kind];
  const dedStd = new Dec(atLevel(p.deductible, i.level));
  let dedLeft = p.per === 'year' ? maxDec(ZERO, dedStd.minus(i.ytd(`Q0000_BIZ${biz}`))) : dedStd;
  let need = ZERO;
  let dedc = ZERO;
  for (const l of i.lines) {
    const d = minDec(maxDec(l.inscp, ZERO), dedLeft);
    dedLeft = dedLeft.minus(d);
    dedc = dedc.plus(d);
    need = need.plus(roundFen(l.inscp.minus(d).times(ratio)));
  }
  need = maxDec(need, ZERO);
  const limit = maxDec(ZERO, new Dec(p.capYear).minus(i.ytd(`D${fund}_BIZ${biz}`)));
  const paid = minDec(need, limit);
  const info = `起付标准${yuan(dedStd)}，本次起付${yuan(dedc)}，支付比例${pct(ratio)}，年度限额${yuan(new Dec(p.capYear))}`;
  return { ratio, dedc, need, paid, limit, info };
}

/** Pays `amount` of burden that sits between `before` and `before + amount` on cumulative bands. */
function banded(bands: Band[], threshold: Dec, before: Dec, amount: Dec): Dec {
  let pay = ZERO;
  let lo = threshold;
  const from = maxDec(before, threshold);
  const to = before.plus(amount);
  for (const b of bands) {
    const hi = b.upTo ? new Dec(b.upTo) : undefined;
    const a = maxDec(from, lo);
    const z = hi ? minDec(to, hi) : to;
    if (z.greaterThan(a)) pay = pay.plus(z.minus(a).times(b.rate));
    if (hi) lo = hi;
  }
  return roundFen(pay);
}

function critical(i: CalcInput, burden: Dec): FundRow | undefined {
  if (i.employee || i.kind === 'op' || burden.lte(0)) return undefined;
  const c = i.rules.resident.critical;
  const special = i.identities.some((x) => c.identity.codes.includes(x));
  const threshold = new Dec(special ? c.identity.deductible : c.deductible);
  const limit = maxDec(ZERO, new Dec(c.capYear).minus(i.ytd('D390201')));
  const pay = minDec(banded(special ? c.identity.bands : c.bands, threshold, i.ytd('TS390201'), burden), limit);
  return { type: '390201', amount: pay, limit, info: `大病起付标准${yuan(threshold)}，本年累计个人负担${yuan(i.ytd('TS390201').plus(burden))}` };
}

function assistance(i: CalcInput, base: Dec): FundRow | undefined {
  const a = i.rules.resident.assistance;
  if (i.employee || !a.kinds.includes(i.kind) || base.lte(0)) return undefined;
  let best: { ratio: string; capYear: string; code: string } | undefined;
  for (const code of i.identities) {
    const r = a.byIdentity[code];
    if (!r) continue;
    const ratio = atLevel(r.ratio, i.level);
    if (!best || new Dec(ratio).greaterThan(best.ratio)) best = { ratio, capYear: r.capYear, code };
  }
  if (!best) return undefined;
  const limit = best.capYear ? maxDec(ZERO, new Dec(best.capYear).minus(i.ytd('D610101'))) : undefined;
  const pay = roundFen(base.times(best.ratio));
  return { type: '610101', amount: limit ? minDec(pay, limit) : pay, limit, info: `救助身份${best.code}，救助比例${pct(best.ratio)}` };
}

export function settle(i: CalcInput): CalcResult {
  const t = (f: keyof PricedLine) => sum(i.lines.map((l) => l[f]));
  const [medfee, fulamt, overlmt, preselfpay, inscp] = [t('det'), t('fulamt'), t('overlmt'), t('preselfpay'), t('inscp')];
  const poolFund = i.employee ? '310101' : '390101';
  const pool = pooling(i, poolFund);
  const funds: FundRow[] = [{ type: poolFund, amount: pool.paid, limit: pool.limit, info: pool.info }];
  let rest = inscp.minus(pool.paid);
  const add = (row: FundRow | undefined) => {
    if (!row || row.amount.lte(0)) return ZERO;
    row.amount = minDec(row.amount, maxDec(rest, ZERO));
    rest = rest.minus(row.amount);
    funds.push(row);
    return row.amount;
  };
  let hifob = ZERO;
  let cvl = ZERO;
  if (i.employee && i.kind !== 'op' && i.hasInsutype('330') && pool.need.greaterThan(pool.paid)) {
    const over = pool.need.minus(pool.paid).dividedBy(pool.ratio);
    const limit = maxDec(ZERO, new Dec(i.rules.employee.large.capYear).minus(i.ytd('D330101')));
    hifob = add({ type: '330101', amount: minDec(roundFen(over.times(i.rules.employee.large.ratio)), limit), limit, info: `统筹基金年度限额已用完，大额补助比例${pct(i.rules.employee.large.ratio)}` });
  }
  if (i.employee && i.cvlserv && i.hasInsutype('320')) {
    cvl = add({ type: '320101', amount: roundFen(maxDec(rest, ZERO).times(i.rules.employee.civil.ratio)), info: `公务员补助比例${pct(i.rules.employee.civil.ratio)}` });
  }
  const hifmi = add(critical(i, rest));
  const maf = add(assistance(i, rest));
  let oth = ZERO;
  const cap = i.rules.burdenCap;
  if (!i.employee && i.kind === 'chronic' && cap && i.identities.some((c) => cap.codes.includes(c))) {
    const allowed = roundFen(inscp.times(cap.ratioOfInscope));
    oth = add({ type: '640101', amount: maxDec(ZERO, rest.minus(allowed)), info: `个人负担不超过符合范围费用的${pct(cap.ratioOfInscope)}` });
  }
  const hp = i.rules.hospitalPart;
  const hosp = hp && i.kind === 'ip' && i.identities.some((c) => hp.codes.includes(c)) ? roundFen(fulamt.plus(preselfpay).times(hp.ratio)) : ZERO;
  const fundSum = sum(funds.map((f) => f.amount));
  const psnPart = medfee.minus(fundSum).minus(hosp);
  const acct = i.acctUsed && i.balance ? minDec(maxDec(i.balance, ZERO), maxDec(psnPart, ZERO)) : ZERO;
  const named = { hifp: pool.paid, cvlserv: cvl, hifes: ZERO, hifmi, hifob, maf, oth };
  return {
    medfee, fulamt, overlmt, preselfpay, inscp, dedc: pool.dedc, ratio: pool.ratio, funds, named, fundSum, hosp, psnPart, acct,
    cash: psnPart.minus(acct), balanceAfter: i.balance?.minus(acct), ytd: ytdDelta(i, medfee, pool.dedc, funds, inscp.minus(pool.paid)),
  };
}

function ytdDelta(i: CalcInput, medfee: Dec, dedc: Dec, funds: FundRow[], burden: Dec): Record<string, Dec> {
  const biz = KIND_BIZ[i.kind];
  const out: Record<string, Dec> = { C0000: new Dec(1), S0000: medfee, [`C0000_BIZ${biz}`]: new Dec(1), [`S0000_BIZ${biz}`]: medfee, Q0000: dedc, [`Q0000_BIZ${biz}`]: dedc };
  for (const f of funds) {
    out[`D${f.type}`] = (out[`D${f.type}`] ?? ZERO).plus(f.amount);
    out[`D${f.type}_BIZ${biz}`] = (out[`D${f.type}_BIZ${biz}`] ?? ZERO).plus(f.amount);
  }
  if (!i.employee && i.kind !== 'op') out.TS390201 = burden;
  return out;
}
