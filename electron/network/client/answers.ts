// Reads each transaction's `output` into our domain types, validating what is used. Settlement
// answers are read by ./settlement-read.ts.
import { Dec, fmt, sum } from '../../core/money';
import { BadResponseError } from './errors';
import { Reader } from './parse';
import type {
  EntitlementResult, FeeLineResult, FeeUploadResult, Identity, InsuranceType, NetChronicRegistration, NetInsurance, NetPerson,
  NetYearToDateRow, ReconcileDetailResultRow, ReconcileTotalsResult, DrugSaleResult,
} from './types';

const CLASS_OF: Record<string, 'A' | 'B' | 'C'> = { '01': 'A', '1': 'A', '02': 'B', '2': 'B', '03': 'C', '3': 'C' };

/** Insurance types a visit is registered under (the supplementary ones — 320, 330, 370, 392, 510 — ride along). */
const BASIC_INSUTYPES = ['310', '390', '391', '340', '350', '360', '399'];

/** insutype -> our insurance type (31x..37x employee schemes, 39x resident). */
export function insuranceTypeOf(insutype: string): InsuranceType | undefined {
  if (/^39\d$/.test(insutype)) return 'resident';
  if (/^3[1-7]\d$/.test(insutype)) return 'employee';
  return undefined;
}

function insuranceOf(r: Reader): NetInsurance {
  return {
    insutype: r.str('insutype'), personType: r.str('psn_type'), status: r.str('psn_insu_stas'), since: r.str('psn_insu_date'),
    pausedSince: r.str('paus_insu_date'), civilServant: r.str('cvlserv_flag') === '1', region: r.str('insuplc_admdvs'),
    employer: r.str('emp_name'), balance: r.money('balc'),
  };
}

/**
 * The insurance a visit is registered under: a basic scheme's row, an active one (psn_insu_stas
 * 1) before a paused or ended one, the local region's before another's, employee before resident.
 */
export function pickInsurance(rows: NetInsurance[], localRegion?: string): NetInsurance | undefined {
  const basic = rows.filter((r) => BASIC_INSUTYPES.includes(r.insutype));
  const score = (r: NetInsurance) =>
    (r.status === '1' ? 0 : 100) + (localRegion && r.region.slice(0, 4) === localRegion.slice(0, 4) ? 0 : 10) + (r.insutype === '310' ? 0 : r.insutype === '390' ? 1 : 2);
  return [...basic].sort((a, b) => score(a) - score(b))[0];
}

function parseEnrolled(v: unknown): string[] {
  let x = v;
  if (typeof x === 'string' && x.trim().startsWith('{')) {
    try {
      x = JSON.parse(x);
    } catch {
      return [];
    }
  }
  const list = x && typeof x === 'object' ? (x as { enrolled?: unknown }).enrolled : undefined;
  return Array.isArray(list) ? list.filter((s): s is string => typeof s === 'string') : [];
}

/**
 * 1101 output (baseinfo, insuinfo, idetinfo) -> NetPerson. `today` is yyyy-MM-dd: identity rows
 * valid on it are mapped through the setup's map (codes of the region's PSN_IDET_TYPE dictionary);
 * a code the map does not name is kept in identityRows only.
 */
export function readPerson(output: unknown, identityMap: Record<string, Identity>, today: string, localRegion: string, infno: string, msgid: string): NetPerson {
  const out = Reader.of(output, 'output', infno, msgid);
  const base = out.child('baseinfo', true);
  const insurances = out.list('insuinfo').map(insuranceOf);
  const insu = pickInsurance(insurances, localRegion);
  if (!insu) throw new BadResponseError(infno, msgid, 'output.insuinfo has no basic insurance row (310/39x …)');
  const identityRows = out.list('idetinfo').map((r) => ({ code: r.str('psn_idet_type'), level: r.str('psn_type_lv'), begin: r.str('begntime'), end: r.str('endtime') }));
  const identities = new Set<Identity>();
  for (const r of identityRows) {
    const mapped = Object.prototype.hasOwnProperty.call(identityMap, r.code) ? identityMap[r.code] : undefined;
    const from = r.begin.slice(0, 10);
    const to = r.end.slice(0, 10);
    if (mapped && (!from || from <= today) && (!to || today <= to)) identities.add(mapped);
  }
  if (!insu.region) throw new BadResponseError(infno, msgid, 'output.insuinfo.insuplc_admdvs is missing');
  return {
    personNo: base.str('psn_no', true), name: base.str('psn_name'), idNumber: base.str('certno'), idType: base.str('psn_cert_type'),
    gender: base.str('gend'), nation: base.str('naty'), birthDate: base.str('brdy'),
    insutype: insu.insutype, insuranceType: insuranceTypeOf(insu.insutype) ?? 'resident', insuranceRegion: insu.region,
    personType: insu.personType, insuranceStatus: insu.status, insurances,
    accountBalance: insurances.find((r) => r.insutype === '310' && r.region === insu.region)?.balance ?? insu.balance,
    identities: [...identities], identityRows, enrolled: parseEnrolled(base.node.exp_content), chronic: [],
  };
}

/** 5301 feedetail -> registrations; codes through the setup's chronic map (network code -> pack code). */
export function readChronic(output: unknown, chronicMap: Record<string, string>, infno: string, msgid: string): NetChronicRegistration[] {
  return Reader.of(output, 'output', infno, msgid).list('feedetail').map((r) => {
    const networkCode = r.str('opsp_dise_code', true);
    return {
      code: chronicMap[networkCode] ?? networkCode, networkCode, name: r.str('opsp_dise_name'), clinic: r.str('fixmedins_code'),
      begin: r.str('begndate'), end: r.str('enddate'),
    };
  });
}

/** 5206 cuminfo rows, as sent. */
export function readYearToDate(output: unknown, infno: string, msgid: string): NetYearToDateRow[] {
  return Reader.of(output, 'output', infno, msgid).list('cuminfo').map((r) => ({
    insutype: r.str('insutype'), year: r.str('year'), month: r.str('cum_ym'), code: r.str('cum_type_code', true),
    amount: r.str('cum_type_code').startsWith('C') ? r.str('cum') : r.money('cum'),
  }));
}

/** 2001 trtinfo -> the funds enjoyed or not, with the network's reasons. */
export function readEntitlement(output: unknown, infno: string, msgid: string): EntitlementResult {
  const rows = Reader.of(output, 'output', infno, msgid).list('trtinfo').map((r) => ({
    fundType: r.str('fund_pay_type'), checkType: r.str('trt_chk_type'), entitled: r.str('trt_enjymnt_flag') === '1',
    begin: r.str('begndate'), end: r.str('enddate'), reason: r.str('trt_chk_rslt'),
  }));
  const pooling = rows.filter((r) => /^(3101|3901)/.test(r.fundType));
  const entitled = rows.length > 0 && (pooling.length ? pooling.every((r) => r.entitled) : rows.some((r) => r.entitled));
  const problems = [...new Set(rows.filter((r) => !r.entitled).map((r) => r.reason || `基金 ${r.fundType} 不享受待遇`))];
  return { rows, entitled, problems };
}

export function readVisitId(output: unknown, node: string, infno: string, msgid: string): { visitId: string; personNo: string; hisVisitNo: string } {
  const d = Reader.of(output, 'output', infno, msgid).child(node, true);
  return { visitId: d.str('mdtrt_id', true), personNo: d.str('psn_no'), hisVisitNo: d.str('ipt_otp_no') || d.str('ipt_no') };
}

/** 2204 / 2301 result[] -> per-line splits and their sums; every uploaded line must come back. */
export function readFeeResult(output: unknown, sentLines: { lineNo: string }[], infno: string, msgid: string): FeeUploadResult {
  const rows = Reader.of(output, 'output', infno, msgid).list('result');
  const lines: FeeLineResult[] = rows.map((r) => {
    const lv = r.str('chrgitm_lv');
    const lineNo = r.str('feedetl_sn', true);
    if (!CLASS_OF[lv]) throw new BadResponseError(infno, msgid, `output.result ${lineNo}: chrgitm_lv ${JSON.stringify(lv)} is not 01/02/03`);
    return {
      lineNo, amount: r.money('det_item_fee_sumamt', true), quantity: r.str('cnt'), unitPrice: r.str('pric'), class: CLASS_OF[lv],
      selfPayRatio: r.str('selfpay_prop') || '0', fullSelfPay: r.money('fulamt_ownpay_amt'), overLimit: r.money('overlmt_amt'),
      preSelfPay: r.money('preselfpay_amt'), inScope: r.money('inscp_scp_amt'), itemType: r.str('med_chrgitm_type'),
      priceCap: r.str('pric_uplmt_amt'), memo: r.str('memo'),
    };
  });
  const missing = sentLines.filter((s) => !lines.some((l) => l.lineNo === s.lineNo));
  if (missing.length) throw new BadResponseError(infno, msgid, `output.result lacks lines ${missing.map((m) => m.lineNo).join(', ')}`);
  const total = (f: 'amount' | 'fullSelfPay' | 'overLimit' | 'preSelfPay' | 'inScope') => fmt(sum(lines.map((l) => new Dec(l[f]))));
  return {
    lines,
    split: { total: total('amount'), fullSelfPay: total('fullSelfPay'), overLimit: total('overLimit'), preSelfPay: total('preSelfPay'), inScope: total('inScope') },
  };
}

export function isBalancedCode(code: string): boolean {
  return /^0+$/.test(code);
}

export function readTotals(output: unknown, infno: string, msgid: string): ReconcileTotalsResult {
  const s = Reader.of(output, 'output', infno, msgid).child('stmtinfo', true);
  const code = s.str('stmt_rslt', true);
  return { balanced: isBalancedCode(code), code, description: s.str('stmt_rslt_dscr') };
}

/** The 3202 result file: tab-separated psn_no, mdtrt_id, setl_id, msgid, stmt_rslt, refd_setl_flag, memo, … ("null" = empty). */
export function readDetailResultFile(text: string): ReconcileDetailResultRow[] {
  return text
    .split(/\r?\n/)
    .filter((l) => l.trim())
    .map((l) => l.split('\t').map((c) => (c === 'null' ? '' : c.trim())))
    .map(([personNo = '', visitId = '', settlementId = '', msgid = '', code = '', refund = '', memo = '']) => ({
      personNo, visitId, settlementId, msgid, code, balanced: isBalancedCode(code), refund: refund === '1', memo,
    }));
}

/** 3505/3506: result {retRslt, msgRslt}; the older spec answered with no output at all (success). */
export function readSale(output: unknown, infno: string, msgid: string): DrugSaleResult {
  const out = Reader.of(output, 'output', infno, msgid);
  const r = out.child('result');
  if (!Object.keys(r.node).length) return { ok: true, message: '' };
  const rslt = r.str('retRslt') || r.str('ret_rslt');
  return { ok: rslt === '' || rslt === '1', message: r.str('msgRslt') || r.str('msg_rslt') };
}

/** 3202 fileinfo: the result file to fetch by 9102. */
export function fileInfoOf(output: unknown, infno: string, msgid: string): { fileQueryNo: string; filename: string } {
  const f = Reader.of(output, 'output', infno, msgid).child('fileinfo', true);
  return { fileQueryNo: f.str('file_qury_no', true), filename: f.str('filename', true) };
}
