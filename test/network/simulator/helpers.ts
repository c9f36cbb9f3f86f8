// Raw envelopes over HTTP for the platform simulator's tests (no use of the app's client): a tiny
// caller that builds spec-shaped envelopes, signs in, and posts to 127.0.0.1.
import { Dec } from '../../../electron/core/money';
import { chinaDateTime, chinaStamp, fromChina } from '../../../electron/core/time';
import { startPlatformSimulator, type PlatformSimulator, type PlatformSimulatorOptions } from '../../../electron/network/simulator';

export const INST = 'H37030300123';
export const REGION = '370303';
export const LOCAL = '370300';

/** Small catalogs keep the tests quick; the catalog tests use the full size. */
export const SMALL = { sizes: { drugs: 600, services: 300, consumables: 100, herbs: 60 } };

/**
 * The tests' clock: a China working day that moves with real time, so no test straddles the
 * China-day change (which ends sign-ins) whatever the host's date, hour or time zone.
 */
const BASE = fromChina('2026-05-14 10:00:00').getTime();
const START = Date.now();
export const testClock = (): Date => new Date(BASE + (Date.now() - START));

const sims: PlatformSimulator[] = [];
export async function startSim(o: PlatformSimulatorOptions = {}): Promise<PlatformSimulator> {
  const s = await startPlatformSimulator({ catalog: SMALL, now: testClock, ...o });
  sims.push(s);
  return s;
}
export async function closeSims(): Promise<void> {
  while (sims.length) await sims.pop()!.close();
}

export type Json = Record<string, any>;

let seq = 0;

export class Raw {
  signNo = '';
  insuplc = LOCAL;
  constructor(readonly url: string, readonly now: () => Date = testClock, readonly inst = INST) {}

  msgid(): string {
    seq = (seq + 1) % 10000;
    return `${this.inst}${chinaStamp(this.now())}${String(seq).padStart(4, '0')}`;
  }

  env(infno: string, input: unknown, over: Json = {}): Json {
    return {
      infno, msgid: this.msgid(), mdtrtarea_admvs: REGION, insuplc_admdvs: this.insuplc, recer_sys_code: 'YBXT', dev_no: '', dev_safe_info: '',
      cainfo: '', signtype: '', infver: 'V1.0', opter_type: '1', opter: '0007', opter_name: '收费员甲', inf_time: chinaDateTime(this.now()),
      fixmedins_code: this.inst, fixmedins_name: '淄博市张店区中埠镇卫生院', sign_no: this.signNo, input, ...over,
    };
  }

  async post(body: unknown, path = ''): Promise<{ status: number; text: string; bytes: Buffer; type: string }> {
    const url = path ? this.url.replace(/\/fsi\/.*$/, path) : this.url;
    const r = await fetch(url, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    const bytes = Buffer.from(await r.arrayBuffer());
    return { status: r.status, text: bytes.toString('utf8'), bytes, type: r.headers.get('content-type') ?? '' };
  }

  async call(infno: string, input: unknown, over: Json = {}): Promise<Json> {
    return JSON.parse((await this.post(this.env(infno, input, over))).text) as Json;
  }

  /** The output of a call that must succeed. */
  async ok(infno: string, input: unknown, over: Json = {}): Promise<Json> {
    const a = await this.call(infno, input, over);
    if (a.infcode !== 0) throw new Error(`${infno} refused: ${a.err_msg}`);
    return a.output as Json;
  }

  /** The err_msg of a call that must be refused. */
  async refused(infno: string, input: unknown, over: Json = {}): Promise<string> {
    const a = await this.call(infno, input, over);
    if (a.infcode !== -1) throw new Error(`${infno} was not refused: ${JSON.stringify(a).slice(0, 300)}`);
    if ('output' in a) throw new Error(`${infno} refusal carries an output`);
    return String(a.err_msg);
  }

  async signIn(): Promise<string> {
    const out = await this.ok('9001', { signIn: { opter_no: '0007', mac: '00-1A-2B-3C-4D-5E', ip: '10.8.0.21' } });
    this.signNo = out.signinoutb.sign_no;
    return this.signNo;
  }
}

export async function signedIn(sim: PlatformSimulator, now: () => Date = testClock, inst = INST): Promise<Raw> {
  const r = new Raw(sim.url, now, inst);
  await r.signIn();
  return r;
}

export interface DemoPerson {
  psn_no: string;
  certno: string;
  insutype: string;
  insuplc: string;
}

export async function person(r: Raw, certno: string): Promise<DemoPerson> {
  const out = await r.ok('1101', { data: { mdtrt_cert_type: '02', mdtrt_cert_no: certno } });
  const row = out.insuinfo.find((x: Json) => x.psn_insu_stas === '1' && ['310', '390'].includes(x.insutype)) ?? out.insuinfo[0];
  return { psn_no: out.baseinfo.psn_no, certno, insutype: row.insutype, insuplc: row.insuplc_admdvs };
}

let visitNo = 0;

export function registration(p: DemoPerson, r: Raw, over: Json = {}): Json {
  return {
    data: {
      psn_no: p.psn_no, insutype: p.insutype, begntime: chinaDateTime(r.now()), mdtrt_cert_type: '02', mdtrt_cert_no: p.certno,
      ipt_otp_no: `MZ${Date.now()}${++visitNo}`, atddr_no: 'D370303000123', dr_name: '李医生', dept_code: '0201', dept_name: '全科门诊', caty: 'A02', ...over,
    },
  };
}

export function visitInfo(p: DemoPerson, mdtrtId: string, r: Raw, over: Json = {}, diag: Json = {}): Json {
  return {
    mdtrtinfo: { mdtrt_id: mdtrtId, psn_no: p.psn_no, med_type: '11', begntime: chinaDateTime(r.now()), main_cond_dscr: '咳嗽三天', ...over },
    diseinfo: [{
      diag_type: '1', diag_srt_no: 1, diag_code: 'J06.900', diag_name: '急性上呼吸道感染', diag_dept: '全科门诊', dise_dor_no: 'D370303000123',
      dise_dor_name: '李医生', diag_time: chinaDateTime(r.now()), vali_flag: '1', ...diag,
    }],
  };
}

export interface FeeLine {
  code: string;
  his: string;
  cnt: string;
  pric: string;
}

export function feeRows(p: DemoPerson, mdtrtId: string, batch: string, lines: FeeLine[], r: Raw, over: Json = {}): Json[] {
  return lines.map((l, i) => ({
    feedetl_sn: `${batch}-${i + 1}`, mdtrt_id: mdtrtId, psn_no: p.psn_no, chrg_bchno: batch, rx_circ_flag: '0', fee_ocur_time: chinaDateTime(r.now()),
    med_list_codg: l.code, medins_list_codg: l.his, det_item_fee_sumamt: new Dec(l.cnt).times(l.pric).toDecimalPlaces(2, Dec.ROUND_HALF_UP).toFixed(2),
    cnt: l.cnt, pric: l.pric, bilg_dept_codg: '0201', bilg_dept_name: '全科门诊', bilg_dr_codg: 'D370303000123', bilg_dr_name: '李医生', hosp_appr_flag: '0', ...over,
  }));
}

export const LINES: Record<string, FeeLine> = {
  consult: { code: '001101000010000', his: 'ZC0002', cnt: '1', pric: '10.00' },
  amoxicillin: { code: 'XJ01CAA046E001010100213', his: 'YP0005', cnt: '24', pric: '0.1250' },
  atorvastatin: { code: 'XC10AAA199A001010101234', his: 'YP0012', cnt: '7', pric: '0.6500' },
  ultrasound: { code: '002202010030000', his: 'JC0003', cnt: '1', pric: '120.00' },
  ct: { code: '002101020010000', his: 'JC0004', cnt: '1', pric: '180.00' },
  ambroxol: { code: 'XR05CBA063B002010100111', his: 'YP0004', cnt: '2', pric: '1.9500' },
  coldPatch: { code: 'CL0003', his: 'CL0003', cnt: '1', pric: '28.00' },
  albumin: { code: 'XB05AAR001B001010101111', his: 'YP0016', cnt: '2', pric: '368.00' },
  bed: { code: '001103000010000', his: 'CW0001', cnt: '5', pric: '25.00' },
};

/** Registers, uploads the visit information and the lines; returns what 2206/2207 need. */
export async function visitWithFees(r: Raw, p: DemoPerson, lines: FeeLine[], opts: { medType?: string; dise?: string } = {}) {
  r.insuplc = p.insuplc;
  const reg = await r.ok('2201', registration(p, r));
  const mdtrtId = reg.data.mdtrt_id as string;
  await r.ok('2203', visitInfo(p, mdtrtId, r, opts.medType ? { med_type: opts.medType, dise_codg: opts.dise ?? '', dise_name: '高血压' } : {}));
  const batch = `B${Date.now()}${++visitNo}`;
  const fee = await r.ok('2204', { feedetail: feeRows(p, mdtrtId, batch, lines, r, opts.dise ? { dise_codg: opts.dise } : {}) });
  const sum = (f: string) => fee.result.reduce((s: Dec, x: Json) => s.plus(x[f]), new Dec(0)).toFixed(2);
  const data = {
    psn_no: p.psn_no, mdtrt_cert_type: '02', mdtrt_cert_no: p.certno, med_type: opts.medType ?? '11', medfee_sumamt: sum('det_item_fee_sumamt'),
    psn_setlway: '01', mdtrt_id: mdtrtId, chrg_bchno: batch, acct_used_flag: '0', insutype: p.insutype,
  };
  const settle = { ...data, fulamt_ownpay_amt: sum('fulamt_ownpay_amt'), overlmt_selfpay: sum('overlmt_amt'), preselfpay_amt: sum('preselfpay_amt'), inscp_scp_amt: sum('inscp_scp_amt') };
  return { mdtrtId, batch, fee, pre: { data }, settle: { data: settle } };
}

/** The spec's identities on a settlement answer (setlinfo + setldetail), exactly, with decimal.js. */
export function identities(out: Json, cashField = 'psn_cash_pay'): string[] {
  const i = out.setlinfo;
  const d = (k: string) => new Dec(String(i[k] ?? '0'));
  const bad: string[] = [];
  const eq = (what: string, a: Dec, b: Dec) => {
    if (!a.equals(b)) bad.push(`${what}: ${a.toFixed(2)} != ${b.toFixed(2)}`);
  };
  eq('split', d('medfee_sumamt'), d('fulamt_ownpay_amt').plus(d('overlmt_selfpay')).plus(d('preselfpay_amt')).plus(d('inscp_scp_amt')));
  eq('payers', d('medfee_sumamt'), d('fund_pay_sumamt').plus(d('acct_pay')).plus(d('hosp_part_amt')).plus(d(cashField)));
  const rows = out.setldetail as Json[];
  const fundRows = rows.filter((r) => !['310201', '310200', '999996'].includes(String(r.fund_pay_type)));
  eq('fund rows', d('fund_pay_sumamt'), fundRows.reduce<Dec>((s, r) => s.plus(r.fund_payamt), new Dec(0)));
  eq('named', d('fund_pay_sumamt'), ['hifp_pay', 'cvlserv_pay', 'hifes_pay', 'hifmi_pay', 'hifob_pay', 'maf_pay', 'oth_pay'].reduce<Dec>((s, k) => s.plus(d(k)), new Dec(0)));
  eq('account row', d('acct_pay'), rows.filter((r) => ['310201', '310200'].includes(String(r.fund_pay_type))).reduce<Dec>((s, r) => s.plus(r.fund_payamt), new Dec(0)));
  eq('hospital row', d('hosp_part_amt'), rows.filter((r) => String(r.fund_pay_type) === '999996').reduce<Dec>((s, r) => s.plus(r.fund_payamt), new Dec(0)));
  if (i.psn_part_amt !== undefined && i.psn_part_amt !== null) eq('personal part', d('psn_part_amt'), d('acct_pay').plus(d(cashField)));
  const amounts = ['medfee_sumamt', 'fund_pay_sumamt', 'acct_pay', cashField, 'hosp_part_amt', 'inscp_scp_amt'];
  for (const k of amounts) if (!/^-?\d+\.\d{2}$/.test(String(i[k]))) bad.push(`${k} is not a two-decimal string: ${String(i[k])}`);
  return bad;
}
