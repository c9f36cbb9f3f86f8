// Reads each transaction's `output` into our domain types, validating what is used.
import { Dec, fmt, sum } from '../../core/money';
import { BadResponseError } from './errors';
import { Reader } from './parse';
import { layerOfDetail, wireToLayers } from './wire-layers';
import type {
  FeeLineResult, FeeUploadResult, Identity, InsuranceType, NetPerson, NetSettlement, NetYtd,
  ReconcileDetailResultRow, ReconcileTotalsResult,
} from './types';

const CLASS_OF: Record<string, 'A' | 'B' | 'C'> = { '01': 'A', '1': 'A', '02': 'B', '2': 'B', '03': 'C', '3': 'C' };

/** insutype -> our insurance type (31x..37x employee schemes, 39x resident). */
export function insuranceTypeOf(insutype: string): InsuranceType | undefined {
  if (/^39\d$/.test(insutype)) return 'resident';
  if (/^3[1-7]\d$/.test(insutype)) return 'employee';
  return undefined;
}

function pickInsurance(rows: Reader[]): Reader | undefined {
  const usable = rows.filter((r) => insuranceTypeOf(r.str('insutype')));
  const active = usable.filter((r) => !r.has('psn_insu_stas') || r.str('psn_insu_stas') === '1');
  const pool = active.length ? active : usable;
  const order = (r: Reader) => ['310', '390'].indexOf(r.str('insutype')) >>> 0;
  return [...pool].sort((a, b) => order(a) - order(b))[0];
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

/** cuminfo (extension, like 5206): rows of year, "<ytdKey>.<base|paid|burden>", cum. The latest year given wins. */
function parseYtd(out: Reader, today: string): NetYtd | undefined {
  if (!Array.isArray(out.node.cuminfo)) return undefined;
  const rows = out.list('cuminfo');
  const years = rows.map((r) => Number(r.str('year'))).filter((y) => Number.isInteger(y) && y > 0);
  const year = years.length ? Math.max(...years) : Number(today.slice(0, 4));
  const entries: NetYtd['entries'] = {};
  for (const r of rows) {
    if (r.str('year') && Number(r.str('year')) !== year) continue;
    const m = /^(.+)\.(base|paid|burden)$/.exec(r.str('cum_type_code'));
    if (!m) continue;
    const e = (entries[m[1]] ??= { base: '0.00', paid: '0.00', burden: '0.00' });
    e[m[2] as 'base' | 'paid' | 'burden'] = r.money('cum', true);
  }
  return { year, entries };
}

/** 1101 output -> NetPerson; `today` is yyyy-MM-dd (identity validity is checked against it). */
export function readPerson(output: unknown, identityMap: Record<string, Identity>, today: string, infno: string, msgid: string): NetPerson {
  const out = Reader.of(output, 'output', infno, msgid);
  const base = out.child('baseinfo', true);
  const insu = pickInsurance(out.list('insuinfo'));
  if (!insu) throw new BadResponseError(infno, msgid, 'output.insuinfo has no usable insurance row (insutype 31x/39x)');
  const insutype = insu.str('insutype');
  const identityRows = out.list('idetinfo').map((r) => ({
    code: r.str('psn_idet_type'), level: r.str('psn_type_lv'), begin: r.str('begntime'), end: r.str('endtime'),
  }));
  const identities = new Set<Identity>();
  for (const r of identityRows) {
    const mapped = identityMap[r.code];
    const from = r.begin.slice(0, 10);
    const to = r.end.slice(0, 10);
    if (mapped && (!from || from <= today) && (!to || today <= to)) identities.add(mapped);
  }
  return {
    personNo: base.str('psn_no', true),
    name: base.str('psn_name'),
    idNumber: base.str('certno'),
    idType: base.str('psn_cert_type'),
    gender: base.str('gend'),
    nation: base.str('naty'),
    birthDate: base.str('brdy'),
    insutype,
    insuranceType: insuranceTypeOf(insutype)!,
    insuranceRegion: insu.str('insuplc_admdvs', true),
    personType: insu.str('psn_type'),
    accountBalance: insu.money('balc'),
    identities: [...identities],
    identityRows,
    enrolled: parseEnrolled(base.node.exp_content),
    chronic: out.list('opspdiseinfo').map((r) => ({
      code: r.str('opsp_dise_code', true), name: r.str('opsp_dise_name'), clinic: r.str('fixmedins_code'),
      begin: r.str('begndate'), end: r.str('enddate'),
    })),
    ytd: parseYtd(out, today),
  };
}

export function readVisitId(output: unknown, node: string, infno: string, msgid: string): { visitId: string; personNo: string; hisVisitNo: string } {
  const d = Reader.of(output, 'output', infno, msgid).child(node, true);
  return { visitId: d.str('mdtrt_id', true), personNo: d.str('psn_no'), hisVisitNo: d.str('ipt_otp_no') || d.str('ipt_no') };
}

/** 2204 / 2301 result[] -> per-line splits and their sums; every uploaded line must come back. */
export function readFeeResult(output: unknown, sentLines: { lineNo: string; class?: 'A' | 'B' | 'C' }[], infno: string, msgid: string): FeeUploadResult {
  const out = Reader.of(output, 'output', infno, msgid);
  const rows = out.list('result');
  const lines: FeeLineResult[] = rows.map((r) => {
    const lv = r.str('chrgitm_lv');
    const lineNo = r.str('feedetl_sn', true);
    const sent = sentLines.find((s) => s.lineNo === lineNo);
    return {
      lineNo,
      amount: r.money('det_item_fee_sumamt', true),
      quantity: r.str('cnt'),
      unitPrice: r.str('pric'),
      class: CLASS_OF[lv] ?? sent?.class ?? 'A',
      selfPayRatio: r.str('selfpay_prop') || '0',
      fullSelfPay: r.money('fulamt_ownpay_amt'),
      overLimit: r.money('overlmt_amt'),
      preSelfPay: r.money('preselfpay_amt'),
      inScope: r.money('inscp_scp_amt'),
      itemType: r.str('med_chrgitm_type'),
    };
  });
  const missing = sentLines.filter((s) => !lines.some((l) => l.lineNo === s.lineNo));
  if (missing.length) {
    throw new BadResponseError(infno, msgid, `output.result lacks lines ${missing.map((m) => m.lineNo).join(', ')}`);
  }
  const total = (f: keyof FeeLineResult) => fmt(sum(lines.map((l) => new Dec(l[f]))));
  return {
    lines,
    split: { total: total('amount'), fullSelfPay: total('fullSelfPay'), overLimit: total('overLimit'), preSelfPay: total('preSelfPay'), inScope: total('inScope') },
  };
}

/** setlinfo (+ setldetail) -> NetSettlement. `needSettlementId` for real (not pre-) settlements. */
export function readSettlement(output: unknown, needSettlementId: boolean, infno: string, msgid: string): NetSettlement {
  const out = Reader.of(output, 'output', infno, msgid);
  const s = out.child('setlinfo', true);
  const details = out.list('setldetail');
  const account = s.money('acct_pay');
  const cash = s.money('psn_cash_pay');
  const personTotal = s.has('psn_part_amt') ? s.money('psn_part_amt') : fmt(new Dec(account).plus(cash));
  const fundTotal = s.money('fund_pay_sumamt');
  const refund = s.str('refd_setl_flag') === '1' || s.str('vali_flag') === '0';
  return {
    visitId: s.str('mdtrt_id', true),
    settlementId: s.str('setl_id', needSettlementId),
    personNo: s.str('psn_no'),
    sourceMsgid: s.str('medins_setl_id'),
    time: s.str('setl_time'),
    medType: s.str('med_type'),
    insutype: s.str('insutype'),
    total: s.money('medfee_sumamt', true),
    fullSelfPay: s.money('fulamt_ownpay_amt'),
    overLimit: s.money('overlmt_selfpay'),
    preSelfPay: s.money('preselfpay_amt'),
    inScope: s.money('inscp_scp_amt'),
    deductible: s.money('act_pay_dedc'),
    fundTotal,
    personTotal,
    account,
    cash,
    balance: s.money('balc'),
    layers: wireToLayers(s.node, details.map((d) => d.node)),
    details: details.map((d) => ({
      fundType: d.str('fund_pay_type', true),
      fundName: d.str('fund_pay_type_name'),
      amount: d.money('fund_payamt', true),
      layer: layerOfDetail(d.node),
    })),
    cancelled: refund,
  };
}

/** 5203: no setlinfo (or an empty one) means the network has no such settlement. */
export function readOptionalSettlement(output: unknown, infno: string, msgid: string): NetSettlement | null {
  const out = Reader.of(output, 'output', infno, msgid);
  const s = out.node.setlinfo;
  const node = Array.isArray(s) ? s[0] : s;
  if (!node || typeof node !== 'object' || !Object.keys(node).length) return null;
  return readSettlement(output, true, infno, msgid);
}

export function isBalancedCode(code: string): boolean {
  return /^0+$/.test(code);
}

export function readTotals(output: unknown, infno: string, msgid: string): ReconcileTotalsResult {
  const s = Reader.of(output, 'output', infno, msgid).child('stmtinfo', true);
  const code = s.str('stmt_rslt', true);
  return { balanced: isBalancedCode(code), code, description: s.str('stmt_rslt_dscr') };
}

/** The 3202 result file: tab-separated psn_no, mdtrt_id, setl_id, msgid, stmt_rslt, refd_setl_flag, memo. */
export function readDetailResultFile(text: string): ReconcileDetailResultRow[] {
  return text
    .split(/\r?\n/)
    .filter((l) => l.trim())
    .map((l) => {
      const [personNo = '', visitId = '', settlementId = '', msgid = '', code = '', refund = '', memo = ''] = l.split('\t');
      return { personNo, visitId, settlementId, msgid, code, balanced: isBalancedCode(code), refund: refund === '1', memo };
    });
}
