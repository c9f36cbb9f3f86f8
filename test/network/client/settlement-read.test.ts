// Settlement answers read by the spec (NETWORK-SPEC §12, samples of §14): fund rows placed by
// family, the hospital part counted once, the account not a layer, the named fields only when no
// row is usable, field-name variants, and what cannot be placed reported — never guessed.
import { describe, expect, it } from 'vitest';
import { placeFund, readSettlement, settlementProblems } from '../../../electron/network/client';

const read = (output: unknown, o: { cancellation?: boolean; funds?: Record<string, string> } = {}) =>
  readSettlement(output, { needSettlementId: true, ...o }, '2304', 'H37030300123202605141030220417');

/** NETWORK-SPEC §14.3 (a): rows 330101, 999996, 310201 (Chongqing shape). */
const SAMPLE_2304 = {
  setlinfo: {
    setl_time: '2026-05-14 10:30:22', mdtrt_id: 'ZY500112260510000021', setl_id: 'JS500112260514000087', psn_no: '50000011301120004567',
    psn_name: '陈德明', psn_cert_type: '01', certno: '500112195201189999', gend: '1', naty: '01', brdy: '1952-01-18', age: 74.3,
    insutype: '310', psn_type: '1201', cvlserv_flag: '0', mdtrt_cert_type: '03', med_type: '21', medfee_sumamt: 12860.40,
    fulamt_ownpay_amt: 1210.30, overlmt_selfpay: 640.00, preselfpay_amt: 415.70, inscp_scp_amt: 10594.40, act_pay_dedc: 0, hifp_pay: 0,
    pool_prop_selfpay: 0.0, cvlserv_pay: 0, hifes_pay: 0, hifmi_pay: 0, hifob_pay: 9870.15, maf_pay: 0, oth_pay: 0.0, fund_pay_sumamt: 9870.15,
    psn_part_amt: 2722.00, acct_pay: 95.60, psn_cash_pay: 2626.40, hosp_part_amt: 268.25, balc: 0.0, acct_mulaid_pay: 0,
    medins_setl_id: 'H50011200123202605141030220417', clr_optins: '500112', clr_way: '3', clr_type: '21',
  },
  setldetail: [
    { fund_pay_type: '330101', fund_payamt: 9870.15, inscp_scp_amt: 10594.40 },
    { fund_pay_type: '999996', fund_payamt: 268.25, inscp_scp_amt: 10594.40 },
    { fund_pay_type: '310201', fund_payamt: 95.60, inscp_scp_amt: 10594.40 },
  ],
};

/** NETWORK-SPEC §14.3 (b): one all-empty row (Hunan); the figures only in the named fields. */
const HUNAN_2304 = {
  setlinfo: {
    setl_time: '2026-05-12 16:05:40', mdtrt_id: '17650001', setl_id: '11008811', med_type: '2101', insutype: '310', psn_type: '11', mdtrt_cert_type: '02',
    naty: '', brdy: '1961-09-02', medfee_sumamt: 3250.00, fulamt_ownpay_amt: 180.40, overlmt_selfpay: 0, preselfpay_amt: 296.10, inscp_scp_amt: 2773.50,
    act_pay_dedc: 400, hifp_pay: 1794.56, pool_prop_selfpay: 0, cvlserv_pay: 0, hifes_pay: 0, hifmi_pay: 0, hifob_pay: 0, maf_pay: 0, oth_pay: 0,
    fund_pay_sumamt: 1794.56, psn_part_amt: 1455.44, acct_pay: 0, psn_cash_pay: 1455.44, hosp_part_amt: 0, balc: 2310.75, acct_mulaid_pay: 0,
    medins_setl_id: 'H43052100031202605121605390012', clr_optins: '430521', clr_way: '01', clr_type: '9902',
  },
  setldetail: [{ fund_pay_type: '', fund_payamt: '', setl_proc_info: '', crt_payb_lmt_amt: '', inscp_scp_amt: 2773.50, fund_pay_type_name: '' }],
};

/** NETWORK-SPEC §14.2: the 2207 answer (resident, basic + assistance) and its 2208 record (strings, nulls). */
const SAMPLE_2207 = {
  setlinfo: {
    mdtrt_id: 'M430421260514000311', setl_id: 'S430421260514000052', psn_no: '43000011304210000123', insutype: '390', med_type: '11',
    medfee_sumamt: 30.6, fulamt_ownpay_amt: 8.0, overlmt_selfpay: 0, preselfpay_amt: 1.26, inscp_scp_amt: 21.34, act_pay_dedc: 0, hifp_pay: 10.67,
    cvlserv_pay: 0, hifes_pay: 0, hifmi_pay: 0, hifob_pay: 0, maf_pay: 5.0, oth_pay: 0, fund_pay_sumamt: 15.67, psn_part_amt: 14.93, acct_pay: 0,
    psn_cash_pay: 14.93, hosp_part_amt: 0, balc: 0.0, acct_mulaid_pay: 0, medins_setl_id: 'H43042100017202605140931040003', clr_optins: '430421', clr_way: '1', clr_type: '11',
  },
  setldetail: [
    { fund_pay_type: '390101', inscp_scp_amt: 21.34, crt_payb_lmt_amt: null, fund_payamt: 10.67, fund_pay_type_name: '城乡居民基本医疗保险基金', setl_proc_info: null },
    { fund_pay_type: '610101', inscp_scp_amt: 21.34, crt_payb_lmt_amt: null, fund_payamt: 5.0, fund_pay_type_name: '医疗救助基金', setl_proc_info: null },
  ],
};

describe('reading a settlement answer', () => {
  it('the real-shaped 2304 answer (330101, 999996, 310201) reads into the right layers with no remainder', () => {
    const s = read(SAMPLE_2304);
    expect(s.layers).toEqual({ critical: '9870.15', reduction: '268.25' });
    expect(s).toMatchObject({ account: '95.60', cash: '2626.40', hospitalPart: '268.25', fundTotal: '9870.15', total: '12860.40', imbalance: '0.00', unplaced: [] });
    expect(s.layers).not.toHaveProperty('other');
    expect(s.details.map((d) => [d.fundType, d.place])).toEqual([['330101', 'critical'], ['999996', 'hospital'], ['310201', 'account']]);
    // Σ layers (the hospital part once) + account + cash = total.
    expect(settlementProblems(s)).toEqual([]);
    expect(s.clearing).toEqual({ type: '21', way: '3', institution: '500112' });
    expect(s.named.hifob_pay).toBe('9870.15');
    expect(s.sent.setlinfo.hosp_part_amt).toBe(268.25);
  });

  it('an empty Hunan-style row is dropped and the layers come from the named fields', () => {
    const s = read(HUNAN_2304);
    expect(s.layers).toEqual({ basic: '1794.56' });
    expect(s).toMatchObject({ cash: '1455.44', imbalance: '0.00', unplaced: [], balance: '2310.75' });
    expect(s.clearing).toEqual({ type: '9902', way: '01', institution: '430521' });
    expect(s.details).toEqual([]);
  });

  it('the 2207 sample: basic + assistance, cash is what the patient pays; its 2208 record with pdn_cash_pay and nulls', () => {
    const s = read(SAMPLE_2207);
    expect(s.layers).toEqual({ basic: '10.67', assistance: '5.00' });
    expect(s.layerList.map((l) => l.name)).toEqual(['城乡居民基本医疗保险基金', '医疗救助基金']);
    expect(s).toMatchObject({ cash: '14.93', personTotal: '14.93', imbalance: '0.00' });
    const neg = (v: unknown) => (typeof v === 'number' ? -v : v);
    const info = Object.fromEntries(Object.entries(SAMPLE_2207.setlinfo).map(([k, v]) => [k, neg(v)]));
    const { psn_cash_pay, ...rest } = info;
    const c = read({ setlinfo: { ...rest, pdn_cash_pay: String(psn_cash_pay), hosp_part_amt: null, psn_part_amt: null, acct_mulaid_pay: null }, setldetail: SAMPLE_2207.setldetail.map((r) => ({ ...r, fund_payamt: -r.fund_payamt })) }, { cancellation: true });
    expect(c).toMatchObject({ total: '-30.60', cash: '-14.93', hospitalPart: '0.00', cancelled: true, imbalance: '0.00' });
    expect(c.layers).toEqual({ basic: '-10.67', assistance: '-5.00' });
  });

  it('5203 spellings: psn_pay and cash_payamt; amounts as strings; refd_setl_flag marks a cancellation record', () => {
    const { psn_cash_pay, psn_part_amt, ...rest } = SAMPLE_2207.setlinfo;
    const s = read({ setlinfo: { ...rest, psn_pay: String(psn_part_amt), cash_payamt: `${psn_cash_pay}`, medfee_sumamt: '30.60', refd_setl_flag: '1' }, setldetail: SAMPLE_2207.setldetail });
    expect(s).toMatchObject({ cash: '14.93', personTotal: '14.93', total: '30.60', cancelled: true });
  });

  it('a row nothing places is reported as unplaced (the identity then fails), never summed into an invented layer', () => {
    const info = { ...SAMPLE_2207.setlinfo, fund_pay_sumamt: 18.67, psn_cash_pay: 11.93, psn_part_amt: 11.93, oth_pay: 3.0 };
    const s = read({ setlinfo: info, setldetail: [...SAMPLE_2207.setldetail, { fund_pay_type: '620101', fund_payamt: 3.0 }] });
    expect(s.unplaced).toEqual(['620101']);
    expect(s.layers).toEqual({ basic: '10.67', assistance: '5.00' });
    expect(s.imbalance).toBe('-3.00');
    expect(settlementProblems(s).join('；')).toContain('620101');
    // The setup places it: then it adds up.
    const placed = read({ setlinfo: info, setldetail: [...SAMPLE_2207.setldetail, { fund_pay_type: '620101', fund_payamt: 3.0 }] }, { funds: { '620101': 'special' } });
    expect(placed).toMatchObject({ unplaced: [], imbalance: '0.00' });
    expect(placed.layers.special).toBe('3.00');
  });

  it('the hospital part is one amount: hosp_part_amt even when a 999996 row says otherwise (reported, not added twice)', () => {
    const s = read({ ...SAMPLE_2304, setldetail: [...SAMPLE_2304.setldetail.slice(0, 1), { fund_pay_type: '999996', fund_payamt: 200.0 }, SAMPLE_2304.setldetail[2]] });
    expect(s.layers.reduction).toBe('268.25');
    expect(settlementProblems(s).join('；')).toContain('医院负担基金行合计 200.00 与医院负担金额 268.25 不符');
  });

  it('Chongqing 999997 beside ownpay_hosp_part is the hospital part', () => {
    const { hosp_part_amt, ...info } = SAMPLE_2304.setlinfo;
    const s = read({ setlinfo: { ...info, hosp_part_amt: null, ownpay_hosp_part: hosp_part_amt }, setldetail: SAMPLE_2304.setldetail.map((r) => (r.fund_pay_type === '999996' ? { ...r, fund_pay_type: '999997' } : r)) });
    expect(s.layers).toEqual({ critical: '9870.15', reduction: '268.25' });
    expect(s.imbalance).toBe('0.00');
  });
});

describe('fund families', () => {
  it('codes ending 00 or 01 alike, by the first four digits; the spec\'s single codes; the setup over all', () => {
    const place = (c: string, m?: Record<string, string>) => {
      const p = placeFund(c, m);
      return p ? (p.kind === 'layer' ? p.key : p.kind) : undefined;
    };
    expect(['310100', '310101', '390100', '390101', '390102'].map((c) => place(c))).toEqual(['basic', 'basic', 'basic', 'basic', 'basic']);
    expect(['320100', '320101', '330100', '330101', '390200', '390201'].map((c) => place(c))).toEqual(['civilServant', 'civilServant', 'critical', 'critical', 'critical', 'critical']);
    expect(['370100', '610100', '610101', '640101', '999996', '310200', '310201'].map((c) => place(c))).toEqual(['enterprise', 'assistance', 'assistance', 'burdenCap', 'hospital', 'account', 'account']);
    expect(['610102', '610103'].map((c) => place(c))).toEqual(['reassistance', 'special']);
    expect(['620101', '390300', '999997', '310103', '', '9999'].map((c) => place(c))).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
    expect(place('390300', { '390300': 'outpatientGap' })).toBe('outpatientGap');
    expect(place('310201', { '310201': 'basic' })).toBe('basic');
  });
});
