// Outpatient visits end to end with raw envelopes: 2201-2208, 5203; the platform's own catalog
// truth (where it differs from the site's table), employees' accounts, remote patients, chronic
// visits, and the state rules that refuse what the platform cannot accept.
import { afterAll, describe, expect, it } from 'vitest';
import { closeSims, feeRows, identities, LINES, person, registration, signedIn, startSim, visitInfo, visitWithFees, type Json } from './helpers';

afterAll(closeSims);

const ID = { poor: '370303195803120316', ordinary: '37030319850115061X', employee: '370303197902280728', anhui: '341122197006010918', destitute: '37030319450920053X' };

describe('priced by the platform\'s own catalog truth', () => {
  it('differs from the site table where the platform does: class, ratio, price cap', async () => {
    const sim = await startSim();
    const r = await signedIn(sim);
    const p = await person(r, ID.ordinary);
    const v = await visitWithFees(r, p, [LINES.atorvastatin, LINES.ultrasound, LINES.ct, LINES.coldPatch, LINES.consult]);
    const [ator, us, ct, patch, consult] = v.fee.result;
    expect(ator).toMatchObject({ chrgitm_lv: '01', selfpay_prop: '0.00', preselfpay_amt: '0.00', inscp_scp_amt: '4.55' });
    expect(us).toMatchObject({ chrgitm_lv: '02', selfpay_prop: '0.20', preselfpay_amt: '24.00', inscp_scp_amt: '96.00' });
    expect(ct).toMatchObject({ pric_uplmt_amt: '150.00', overlmt_amt: '30.00', preselfpay_amt: '30.00', inscp_scp_amt: '120.00' });
    expect(patch).toMatchObject({ chrgitm_lv: '03', selfpay_prop: '1.00', fulamt_ownpay_amt: '28.00', inscp_scp_amt: '0.00' });
    expect(consult).toMatchObject({ chrgitm_lv: '01', med_chrgitm_type: '12', pric_uplmt_amt: '10.00' });
    for (const line of v.fee.result) expect(Object.keys(line)).not.toContain('layer');
  });
});

describe('a visit', () => {
  it('settles in the spec\'s shapes: 2206 stores nothing, 2207 books, 5203 reads, 2208 answers the negative record', async () => {
    const sim = await startSim();
    const r = await signedIn(sim);
    const p = await person(r, ID.poor);
    const v = await visitWithFees(r, p, [LINES.consult, LINES.amoxicillin, LINES.ambroxol]);
    const pre = await r.ok('2206', v.pre);
    expect(pre.setlinfo).toMatchObject({ setl_id: null, setl_time: null, clr_way: null, clr_optins: null, clr_type: '11' });
    expect(identities(pre)).toEqual([]);
    expect(sim.ledger().settlements).toHaveLength(0);
    const s = await r.ok('2207', v.settle);
    expect(identities(s)).toEqual([]);
    expect(s.setlinfo).toMatchObject({ clr_type: '11', clr_way: '1', clr_optins: '370300', medfee_sumamt: pre.setlinfo.medfee_sumamt, hifp_pay: pre.setlinfo.hifp_pay });
    expect(s.setlinfo.medins_setl_id).toMatch(/^H37030300123\d{18}$/);
    for (const row of s.setldetail) expect(String(row.setl_proc_info ?? '')).not.toMatch(/layer=/);
    expect(await r.refused('2207', v.settle)).toContain('已结算');
    const q = await r.ok('5203', { data: { psn_no: p.psn_no, setl_id: s.setlinfo.setl_id, mdtrt_id: v.mdtrtId } });
    expect(q.setlinfo).toMatchObject({ psn_pay: s.setlinfo.psn_part_amt, cash_payamt: s.setlinfo.psn_cash_pay, refd_setl_flag: '0', clr_type: '11' });
    expect(Object.keys(q.setlinfo)).not.toContain('vali_flag');
    const c = await r.ok('2208', { data: { psn_no: p.psn_no, setl_id: s.setlinfo.setl_id, mdtrt_id: v.mdtrtId } });
    expect(c.setlinfo.pdn_cash_pay).toBe(`-${s.setlinfo.psn_cash_pay}`);
    expect(c.setlinfo).not.toHaveProperty('psn_cash_pay');
    expect(c.setlinfo.setl_id).not.toBe(s.setlinfo.setl_id);
    expect(identities(c, 'pdn_cash_pay')).toEqual([]);
    const qc = await r.ok('5203', { data: { psn_no: p.psn_no, setl_id: c.setlinfo.setl_id, mdtrt_id: v.mdtrtId } });
    expect(qc.setlinfo).toMatchObject({ refd_setl_flag: '1', cash_payamt: `-${s.setlinfo.psn_cash_pay}` });
    expect(await r.refused('2208', { data: { psn_no: p.psn_no, setl_id: s.setlinfo.setl_id, mdtrt_id: v.mdtrtId } })).toContain('已撤销');
    expect(sim.ledger().settlements.map((x) => x.status).sort()).toEqual(['cancelled', 'valid']);
  });

  it('pays an employee from the account (310201 row, balance after) and keeps it across visits', async () => {
    const sim = await startSim();
    const r = await signedIn(sim);
    const p = await person(r, ID.employee);
    const v = await visitWithFees(r, p, [LINES.consult, LINES.ultrasound]);
    const s = await r.ok('2207', { data: { ...v.settle.data, acct_used_flag: '1' } });
    expect(identities(s)).toEqual([]);
    expect(s.setldetail.map((x: Json) => x.fund_pay_type)).toEqual(['310101', '310201']);
    expect(s.setlinfo.psn_cash_pay).toBe('0.00');
    expect(s.setlinfo.balc).toBe((1260.5 - Number(s.setlinfo.acct_pay)).toFixed(2));
    const again = await r.ok('1101', { data: { mdtrt_cert_type: '02', mdtrt_cert_no: ID.employee } });
    expect(again.insuinfo[0].balc).toBe(s.setlinfo.balc);
  });

  it('clears a remote patient through the insured region (clr_optins) with that region\'s rules', async () => {
    const sim = await startSim();
    const r = await signedIn(sim);
    const p = await person(r, ID.anhui);
    expect(p.insuplc).toBe('341100');
    const v = await visitWithFees(r, p, [LINES.consult, LINES.amoxicillin]);
    const s = await r.ok('2207', v.settle);
    expect(s.setlinfo).toMatchObject({ clr_optins: '341100', pool_prop_selfpay: '0.55', act_pay_dedc: '0.00' });
    expect(identities(s)).toEqual([]);
  });

  it('chronic visits need a registered disease code in 2203 and on every line', async () => {
    const sim = await startSim();
    const r = await signedIn(sim);
    const p = await person(r, ID.poor);
    const reg = await r.ok('2201', registration(p, r));
    const id = reg.data.mdtrt_id;
    expect(await r.refused('2203', visitInfo(p, id, r, { med_type: '14' }))).toContain('(dise_codg)不能为空');
    expect(await r.refused('2203', visitInfo(p, id, r, { med_type: '14', dise_codg: 'M02300' }))).toContain('未办理该门诊慢特病备案');
    await r.ok('2203', visitInfo(p, id, r, { med_type: '14', dise_codg: 'M03900', dise_name: '高血压' }));
    expect(await r.refused('2204', { feedetail: feeRows(p, id, 'C1', [LINES.amoxicillin], r) })).toContain('病种编码(dise_codg)(空)');
    const v = await visitWithFees(r, p, [LINES.amoxicillin, LINES.consult], { medType: '14', dise: 'M03900' });
    const s = await r.ok('2207', { data: { ...v.settle.data } });
    expect(s.setlinfo.clr_type).toBe('14');
    // Below the yearly chronic deductible (200.00) pooling pays nothing: assistance and the burden cap do.
    expect(s.setlinfo.act_pay_dedc).toBe(s.setlinfo.inscp_scp_amt);
    expect(s.setldetail.map((x: Json) => x.fund_pay_type)).toEqual(['610101', '640101']);
    expect(identities(s)).toEqual([]);
  });
});

describe('state rules', () => {
  it('2201 refuses a paused coverage, a bad department, a repeated visit number, a certificate of someone else', async () => {
    const sim = await startSim();
    const r = await signedIn(sim);
    const paused = sim.persons().find((p) => p.key === 'paused')!;
    const pp = { psn_no: paused.psn_no, certno: paused.certno, insutype: '390', insuplc: '370300' };
    expect(await r.refused('2201', registration(pp, r))).toContain('中断缴费');
    const p = await person(r, ID.ordinary);
    expect(await r.refused('2201', registration(p, r, { caty: '0201' }))).toContain('不在字典DEPT中');
    expect(await r.refused('2201', registration(p, r, { mdtrt_cert_no: ID.poor }))).toContain('就诊凭证编号(mdtrt_cert_no)与人员编号');
    expect(await r.refused('2201', registration(p, r, { insutype: '330' }))).toContain('不能作为就诊险种');
    const first = registration(p, r, { ipt_otp_no: 'MZ-DUP-1' });
    await r.ok('2201', first);
    expect(await r.refused('2201', registration(p, r, { ipt_otp_no: 'MZ-DUP-1' }))).toContain('(ipt_otp_no)MZ-DUP-1已存在');
  });

  it('2203/2204/2205/2206/2207 refuse what does not fit the visit', async () => {
    const sim = await startSim();
    const r = await signedIn(sim);
    const p = await person(r, ID.ordinary);
    const id = (await r.ok('2201', registration(p, r))).data.mdtrt_id;
    expect(await r.refused('2204', { feedetail: feeRows(p, id, 'B1', [LINES.consult], r) })).toContain('请先上传就诊信息及诊断(2203)');
    expect(await r.refused('2203', visitInfo(p, id, r, {}, { diag_code: 'J06.9' }))).toContain('诊断代码(diag_code)J06.9不在疾病诊断目录中');
    expect(await r.refused('2203', visitInfo(p, id, r, {}, { diag_srt_no: 2 }))).toContain('主诊断');
    await r.ok('2203', visitInfo(p, id, r));
    const rows = feeRows(p, id, 'B1', [LINES.consult, LINES.amoxicillin], r);
    expect(await r.refused('2204', { feedetail: [rows[0], { ...rows[1], det_item_fee_sumamt: '3.01' }] })).toBe('【2204】feedetail第2条：明细项目费用总额(det_item_fee_sumamt)3.01与数量×单价(3.00)不符');
    expect(await r.refused('2204', { feedetail: [{ ...rows[0], med_list_codg: 'XNOSUCHCODE' }] })).toContain('不在医保目录中');
    expect(await r.refused('2204', { feedetail: [rows[0], { ...rows[1], feedetl_sn: rows[0].feedetl_sn }] })).toContain('重复');
    expect(await r.refused('2204', { feedetail: [{ ...rows[0], rx_circ_flag: '1' }] })).toContain('(rxno)');
    await r.ok('2204', { feedetail: rows });
    const data = { psn_no: p.psn_no, mdtrt_cert_type: '02', mdtrt_cert_no: p.certno, med_type: '11', medfee_sumamt: '13.00', psn_setlway: '01', mdtrt_id: id, chrg_bchno: 'B1', acct_used_flag: '0', insutype: '390' };
    expect(await r.refused('2206', { data: { ...data, medfee_sumamt: '13.01' } })).toContain('医疗费总额(medfee_sumamt)13.01与费用明细合计13.00不符');
    expect(await r.refused('2206', { data: { ...data, med_type: '13' } })).toContain('(med_type)13与就诊信息的11不一致');
    expect(await r.refused('2206', { data: { ...data, chrg_bchno: 'B9' } })).toContain('无可结算的费用明细');
    const pre = await r.ok('2206', { data });
    const split = { fulamt_ownpay_amt: pre.setlinfo.fulamt_ownpay_amt, overlmt_selfpay: pre.setlinfo.overlmt_selfpay, preselfpay_amt: pre.setlinfo.preselfpay_amt, inscp_scp_amt: pre.setlinfo.inscp_scp_amt };
    expect(await r.refused('2207', { data: { ...data, ...split, inscp_scp_amt: '0.01' } })).toContain('符合政策范围金额(inscp_scp_amt)0.01与明细分割结果');
    await r.ok('2205', { data: { mdtrt_id: id, chrg_bchno: 'B1', psn_no: p.psn_no } });
    expect(await r.refused('2206', { data })).toContain('无可结算的费用明细');
    expect(await r.refused('2202', { data: { psn_no: p.psn_no, mdtrt_id: id, ipt_otp_no: 'other' } })).toContain('(ipt_otp_no)');
  });

  it('2202 refuses a visit with a valid settlement; 2205 refuses a settled batch', async () => {
    const sim = await startSim();
    const r = await signedIn(sim);
    const p = await person(r, ID.destitute);
    const v = await visitWithFees(r, p, [LINES.consult]);
    const s = await r.ok('2207', v.settle);
    const visit = sim.ledger().visits.find((x) => x.visitId === v.mdtrtId)!;
    expect(await r.refused('2202', { data: { psn_no: p.psn_no, mdtrt_id: v.mdtrtId, ipt_otp_no: visit.hisVisitNo } })).toContain('存在有效结算');
    expect(await r.refused('2205', { data: { mdtrt_id: v.mdtrtId, chrg_bchno: v.batch, psn_no: p.psn_no } })).toContain('已结算');
    expect(await r.refused('2204', { feedetail: feeRows(p, v.mdtrtId, v.batch, [LINES.amoxicillin], r).map((x) => ({ ...x, feedetl_sn: 'NEW-1' })) })).toContain('已结算');
    await r.ok('2208', { data: { psn_no: p.psn_no, setl_id: s.setlinfo.setl_id, mdtrt_id: v.mdtrtId } });
    await r.ok('2205', { data: { mdtrt_id: v.mdtrtId, chrg_bchno: '0000', psn_no: p.psn_no } });
    await r.ok('2202', { data: { psn_no: p.psn_no, mdtrt_id: v.mdtrtId, ipt_otp_no: visit.hisVisitNo } });
  });
});
