// Inpatient stays (2401-2405, 2301-2305) and the real-shaped 2304 sample of NETWORK-SPEC §14.3(a):
// its rows (330101 large amount, 999996 hospital part, 310201 account) read into the right places
// with nothing left over, and the simulator answers a retired employee's stay in the same shape.
import { afterAll, describe, expect, it } from 'vitest';
import { Dec } from '../../../electron/core/money';
import { chinaDateTime } from '../../../electron/core/time';
import { closeSims, feeRows, identities, LINES, signedIn, startSim, type Json, type Raw } from './helpers';

afterAll(closeSims);

/** NETWORK-SPEC §14.3(a), the output of a real-shaped 2304 answer (values invented, shape real). */
const SAMPLE_2304: Json = {
  setlinfo: {
    setl_time: '2026-05-14 10:30:22', mdtrt_id: 'ZY500112260510000021', setl_id: 'JS500112260514000087', psn_no: '50000011301120004567', psn_name: '陈德明',
    psn_cert_type: '01', certno: '500112195201189999', gend: '1', naty: '01', brdy: '1952-01-18', age: 74.3, insutype: '310', psn_type: '1201', cvlserv_flag: '0',
    mdtrt_cert_type: '03', med_type: '21', medfee_sumamt: 12860.4, fulamt_ownpay_amt: 1210.3, overlmt_selfpay: 640.0, preselfpay_amt: 415.7, inscp_scp_amt: 10594.4,
    act_pay_dedc: 0, hifp_pay: 0, pool_prop_selfpay: 0.0, cvlserv_pay: 0, hifes_pay: 0, hifmi_pay: 0, hifob_pay: 9870.15, maf_pay: 0, oth_pay: 0.0,
    fund_pay_sumamt: 9870.15, psn_part_amt: 2722.0, acct_pay: 95.6, psn_cash_pay: 2626.4, hosp_part_amt: 268.25, balc: 0.0, acct_mulaid_pay: 0,
    medins_setl_id: 'H50011200123202605141030220417', clr_optins: '500112', clr_way: '3', clr_type: '21',
  },
  setldetail: [
    { fund_pay_type: '330101', fund_payamt: 9870.15, inscp_scp_amt: 10594.4 },
    { fund_pay_type: '999996', fund_payamt: 268.25, inscp_scp_amt: 10594.4 },
    { fund_pay_type: '310201', fund_payamt: 95.6, inscp_scp_amt: 10594.4 },
  ],
};

/** Places fund rows by family (the spec's §12.2 reading): layers, hospital part, account; unplaced rows. */
function place(out: Json) {
  const family = (t: string) => (t.startsWith('3102') ? 'account' : t.startsWith('9999') ? 'hospital' : t.startsWith('3301') ? 'large' : t.startsWith('3101') || t.startsWith('3901') ? 'pool' : t.startsWith('6101') ? 'assist' : t.startsWith('3201') ? 'civil' : 'unplaced');
  const sums: Record<string, Dec> = {};
  for (const r of out.setldetail as Json[]) {
    const f = family(String(r.fund_pay_type));
    sums[f] = (sums[f] ?? new Dec(0)).plus(String(r.fund_payamt));
  }
  const i = out.setlinfo;
  const layers = Object.entries(sums).filter(([k]) => !['account', 'unplaced'].includes(k)).reduce((s, [, v]) => s.plus(v), new Dec(0));
  const remainder = new Dec(String(i.medfee_sumamt)).minus(layers).minus(String(i.acct_pay)).minus(String(i.psn_cash_pay));
  return { sums: Object.fromEntries(Object.entries(sums).map(([k, v]) => [k, v.toFixed(2)])), remainder: remainder.toFixed(2) };
}

function admission(r: Raw, psnNo: string, certno: string, insutype: string, iptNo: string): Json {
  const now = chinaDateTime(r.now());
  return {
    mdtrtinfo: {
      psn_no: psnNo, insutype, begntime: now, mdtrt_cert_type: '02', mdtrt_cert_no: certno, med_type: '21', ipt_no: iptNo, atddr_no: 'D370303000123',
      chfpdr_name: '李医生', adm_diag_dscr: '肺炎', adm_dept_codg: '0301', adm_dept_name: '内科', adm_bed: '12', dscg_maindiag_code: 'J18.900', dscg_maindiag_name: '肺炎',
    },
    diseinfo: [{ psn_no: psnNo, diag_type: '1', maindiag_flag: '1', diag_srt_no: 1, diag_code: 'J18.900', diag_name: '肺炎', diag_dept: '内科', dise_dor_no: 'D370303000123', dise_dor_name: '李医生', diag_time: now }],
  };
}

async function stay(r: Raw, key: { psn_no: string; certno: string }, insutype: string, insuplc = '370300') {
  r.insuplc = insuplc;
  const iptNo = `ZY${Date.now()}${Math.floor(Math.random() * 1000)}`;
  const adm = await r.ok('2401', admission(r, key.psn_no, key.certno, insutype, iptNo));
  const id = adm.result.mdtrt_id as string;
  const p = { psn_no: key.psn_no, certno: key.certno, insutype, insuplc };
  const rows = feeRows(p, id, 'IP', [LINES.bed, LINES.albumin, LINES.ct, LINES.coldPatch, LINES.ambroxol], r).map(({ chrg_bchno: _b, rx_circ_flag: _x, ...x }) => ({ ...x, med_type: '21' }));
  const fee = await r.ok('2301', { feedetail: rows });
  const total = fee.result.reduce((s: Dec, x: Json) => s.plus(x.det_item_fee_sumamt), new Dec(0)).toFixed(2);
  const data = { psn_no: key.psn_no, mdtrt_cert_type: '02', mdtrt_cert_no: key.certno, medfee_sumamt: total, psn_setlway: '01', mdtrt_id: id, insutype, mid_setl_flag: '0', acct_used_flag: '1' };
  return { id, data, iptNo };
}

function discharge(id: string, psnNo: string, r: Raw, over: Json = {}): Json {
  const now = chinaDateTime(new Date(r.now().getTime() + 1000));
  return {
    dscginfo: { mdtrt_id: id, psn_no: psnNo, insutype: '390', endtime: now, dscg_dept_codg: '0301', dscg_dept_name: '内科', dscg_way: '1', ...over },
    diseinfo: [{ psn_no: psnNo, diag_type: '1', maindiag_flag: '1', diag_srt_no: 1, diag_code: 'J18.900', diag_name: '肺炎', diag_dept: '内科', dise_dor_no: 'D370303000123', dise_dor_name: '李医生', diag_time: now }],
  };
}

describe('the real-shaped 2304 sample', () => {
  it('satisfies every identity and reads into large amount, hospital part and account with no remainder', () => {
    expect(identities({ setlinfo: Object.fromEntries(Object.entries(SAMPLE_2304.setlinfo).map(([k, v]) => [k, typeof v === 'number' ? v.toFixed(2) : v])), setldetail: SAMPLE_2304.setldetail })).toEqual([]);
    expect(place(SAMPLE_2304)).toEqual({ sums: { large: '9870.15', hospital: '268.25', account: '95.60' }, remainder: '0.00' });
  });

  it('is the shape the simulator answers for a retired employee whose pooling cap is spent', async () => {
    const sim = await startSim();
    const r = await signedIn(sim);
    const retired = sim.persons().find((p) => p.key === 'retired')!;
    const s = await stay(r, retired, '310');
    expect(await r.refused('2304', { data: s.data })).toContain('请先办理出院(2402)');
    await r.ok('2402', discharge(s.id, retired.psn_no, r, { insutype: '310' }));
    const pre = await r.ok('2303', { data: s.data });
    expect(identities(pre)).toEqual([]);
    const out = await r.ok('2304', { data: s.data });
    expect(identities(out)).toEqual([]);
    expect(out.setldetail.map((x: Json) => x.fund_pay_type)).toEqual(['330101', '999996', '310201']);
    expect(Object.keys(out.setlinfo).sort()).toEqual(Object.keys(SAMPLE_2304.setlinfo).sort());
    for (const row of out.setldetail) expect(Object.keys(row)).toEqual(expect.arrayContaining(Object.keys(SAMPLE_2304.setldetail[0])));
    expect(out.setlinfo).toMatchObject({ hifp_pay: '0.00', acct_pay: '95.60', balc: '0.00', clr_type: '21', insutype: '310', psn_type: '1201' });
    expect(out.setlinfo.hifob_pay).toBe(out.setlinfo.fund_pay_sumamt);
    const placed = place(out);
    expect(placed.remainder).toBe('0.00');
    expect(placed.sums).toEqual({ large: out.setlinfo.hifob_pay, hospital: out.setlinfo.hosp_part_amt, account: '95.60' });
    const c = await r.ok('2305', { data: { mdtrt_id: s.id, setl_id: out.setlinfo.setl_id, psn_no: retired.psn_no } });
    expect(identities(c, 'pdn_cash_pay')).toEqual([]);
    expect(c.setlinfo.balc).toBe('95.60');
  });
});

describe('inpatient stay', () => {
  it('admits, takes fees and refunds, discharges with the required fields, settles, cancels, undoes', async () => {
    const sim = await startSim();
    const r = await signedIn(sim);
    const poor = sim.persons().find((p) => p.key === 'poor')!;
    const s = await stay(r, poor, '390');
    const refund = feeRows({ psn_no: poor.psn_no, certno: poor.certno, insutype: '390', insuplc: '370300' }, s.id, 'IP', [{ ...LINES.bed, cnt: '-1' }], r)
      .map(({ chrg_bchno: _b, rx_circ_flag: _x, ...x }) => ({ ...x, feedetl_sn: 'R-1', med_type: '21' }));
    expect(await r.refused('2301', { feedetail: refund })).toContain('原费用流水号(init_feedetl_sn)');
    await r.ok('2301', { feedetail: [{ ...refund[0], init_feedetl_sn: 'IP-1' }] });
    const d = discharge(s.id, poor.psn_no, r);
    expect(await r.refused('2402', { ...d, dscginfo: { ...d.dscginfo, dscg_way: '' } })).toBe('【2402】dscginfo：离院方式(dscg_way)不能为空');
    expect(await r.refused('2402', { ...d, dscginfo: { ...d.dscginfo, dscg_dept_codg: '' } })).toContain('(dscg_dept_codg)不能为空');
    expect(await r.refused('2402', { ...d, diseinfo: [] })).toBe('【2402】节点(diseinfo)不能为空');
    await r.ok('2402', d);
    const total = new Dec(s.data.medfee_sumamt).minus('25.00').toFixed(2);
    const data = { ...s.data, medfee_sumamt: total };
    const out = await r.ok('2304', { data });
    expect(identities(out)).toEqual([]);
    expect(out.setldetail.map((x: Json) => x.fund_pay_type)).toEqual(expect.arrayContaining(['390101', '999996']));
    expect(await r.refused('2405', { data: { mdtrt_id: s.id, psn_no: poor.psn_no } })).toContain('请先撤销结算');
    await r.ok('2305', { data: { mdtrt_id: s.id, setl_id: out.setlinfo.setl_id, psn_no: poor.psn_no } });
    await r.ok('2405', { data: { mdtrt_id: s.id, psn_no: poor.psn_no } });
    await r.ok('2302', { data: { feedetl_sn: '0000', mdtrt_id: s.id, psn_no: poor.psn_no } });
    await r.ok('2404', { data: { mdtrt_id: s.id, psn_no: poor.psn_no } });
    expect(sim.ledger().visits.find((v) => v.visitId === s.id)!.state).toBe('cancelled');
  });

  it('pays the civil-servant subsidy (320101) for a civil servant', async () => {
    const sim = await startSim();
    const r = await signedIn(sim);
    const civil = sim.persons().find((p) => p.key === 'civil')!;
    const s = await stay(r, civil, '310');
    await r.ok('2402', discharge(s.id, civil.psn_no, r, { insutype: '310' }));
    const out = await r.ok('2304', { data: { ...s.data, acct_used_flag: '0' } });
    expect(identities(out)).toEqual([]);
    expect(out.setldetail.map((x: Json) => x.fund_pay_type)).toEqual(['310101', '320101']);
    expect(new Dec(out.setlinfo.cvlserv_pay).isPositive()).toBe(true);
  });
});
