// Reconciliation (3201 per insutype / clr_type / clr_optins, 3202 with a 9101 detail file and a
// 9102 result file) and drug traceability (3505 / 3505A / 3506 / 3513).
import { afterAll, describe, expect, it } from 'vitest';
import { Dec } from '../../../electron/core/money';
import { chinaDate, chinaDateTime } from '../../../electron/core/time';
import { readZip, writeZip } from '../../../electron/network/simulator/zip';
import { closeSims, LINES, person, signedIn, startSim, visitWithFees, type Json, type Raw } from './helpers';

afterAll(closeSims);

async function settled(r: Raw, certno: string, lines = [LINES.consult, LINES.amoxicillin]) {
  const p = await person(r, certno);
  const v = await visitWithFees(r, p, lines);
  const s = await r.ok('2207', v.settle);
  return { p, v, s };
}

describe('3201 / 3202', () => {
  it('3201 balances per (insutype, clr_type, setl_optins), cancellations netted, and says what differs', async () => {
    const sim = await startSim();
    const r = await signedIn(sim);
    const day = chinaDate(r.now());
    const a = await settled(r, '370303195803120316');
    const b = await settled(r, '37030319850115061X');
    await r.ok('2208', { data: { psn_no: b.p.psn_no, setl_id: b.s.setlinfo.setl_id, mdtrt_id: b.v.mdtrtId } });
    await settled(r, '341122197006010918');
    const input = (over: Json) => ({ data: { insutype: '390', clr_type: '11', setl_optins: '370300', stmt_begndate: day, stmt_enddate: day, medfee_sumamt: a.s.setlinfo.medfee_sumamt, fund_pay_sumamt: a.s.setlinfo.fund_pay_sumamt, acct_pay: '0.00', fixmedins_setl_cnt: '1', ...over } });
    expect((await r.ok('3201', input({}))).stmtinfo).toEqual({ setl_optins: '370300', stmt_rslt: '0', stmt_rslt_dscr: '平' });
    const off = await r.ok('3201', input({ fixmedins_setl_cnt: '2', medfee_sumamt: '1.00' }));
    expect(off.stmtinfo.stmt_rslt).toBe('1');
    expect(off.stmtinfo.stmt_rslt_dscr).toContain('结算笔数：中心1，机构2');
    expect(off.stmtinfo.stmt_rslt_dscr).toContain('医疗费总额');
    const originals = new Dec(a.s.setlinfo.medfee_sumamt).plus(b.s.setlinfo.medfee_sumamt).toFixed(2);
    const fund = new Dec(a.s.setlinfo.fund_pay_sumamt).plus(b.s.setlinfo.fund_pay_sumamt).toFixed(2);
    expect((await r.ok('3201', input({ refd_setl_flag: '0', medfee_sumamt: originals, fund_pay_sumamt: fund, fixmedins_setl_cnt: '2' }))).stmtinfo.stmt_rslt).toBe('0');
    expect((await r.ok('3201', input({ setl_optins: '341100', fixmedins_setl_cnt: '1' }))).stmtinfo.stmt_rslt).toBe('1');
    expect(await r.refused('3201', input({ stmt_begndate: '2026-12-31', stmt_enddate: '2026-01-01' }))).toContain('晚于');
  });

  it('3202 compares a 9101-uploaded detail file and answers a result file fetched with 9102', async () => {
    const sim = await startSim();
    const r = await signedIn(sim);
    const day = chinaDate(r.now());
    const a = await settled(r, '370303195803120316');
    const b = await settled(r, '37030319850115061X');
    const line = (s: Json, medfee = s.setlinfo.medfee_sumamt) => [s.setlinfo.setl_id, s.setlinfo.mdtrt_id, s.setlinfo.psn_no, medfee, s.setlinfo.fund_pay_sumamt, s.setlinfo.acct_pay, '0'].join('\t');
    const text = `${line(a.s)}\n${line(b.s, '0.01')}\nS-NOT-THERE\tM1\tP1\t1.00\t0.00\t0.00\t0\n`;
    const zip = writeZip([{ name: '对账明细.txt', data: Buffer.from(text) }]);
    const up = await r.ok('9101', { fsUploadIn: { in: zip.toString('base64'), filename: '对账明细.zip', fixmedins_code: r.inst } });
    expect(Object.keys(up).sort()).toEqual(['dld_endtime', 'file_qury_no', 'filename', 'fixmedins_code']);
    const asBytes = await r.ok('9101', { fsUploadIn: { in: [...zip].map((x) => (x > 127 ? x - 256 : x)), filename: 'b.zip', fixmedins_code: r.inst } });
    expect(asBytes.file_qury_no).not.toBe(up.file_qury_no);
    const out = await r.ok('3202', { data: { setl_optins: '370300', file_qury_no: up.file_qury_no, stmt_begndate: day, stmt_enddate: day, medfee_sumamt: '0', fund_pay_sumamt: '0', cash_payamt: '0', fixmedins_setl_cnt: '3' } });
    const res = await r.post(r.env('9102', { fsDownloadIn: { file_qury_no: out.fileinfo.file_qury_no, filename: out.fileinfo.filename, fixmedins_code: r.inst } }));
    const [entry] = readZip(res.bytes);
    expect(entry.name).toBe('result.txt');
    const rows = entry.data.toString('utf8').trim().split('\n').map((l) => l.split('\t'));
    expect(rows.every((x) => x.length === 10)).toBe(true);
    const by = new Map(rows.map((x) => [x[2], x]));
    expect(by.get(a.s.setlinfo.setl_id)!.slice(3, 7)).toEqual([a.s.setlinfo.medins_setl_id, '0', '0', 'null']);
    expect(by.get(b.s.setlinfo.setl_id)![4]).toBe('1');
    expect(by.get(b.s.setlinfo.setl_id)![6]).toContain('医疗费总额不符');
    expect(by.get('S-NOT-THERE')![4]).toBe('1');
    expect(await r.refused('3202', { data: { setl_optins: '370300', file_qury_no: 'fsi/plc/nope', stmt_begndate: day, stmt_enddate: day, medfee_sumamt: '0', fund_pay_sumamt: '0', cash_payamt: '0', fixmedins_setl_cnt: '0' } })).toContain('文件不存在或已过期');
  });
});

const CODE = (n: number) => `8${String(1234567890123456789n + BigInt(n)).padStart(19, '0')}`;

function saleRow(r: Raw, s: Json, over: Json = {}): Json {
  return {
    med_list_codg: 'XJ01CAA046E001010100213', fixmedins_hilist_id: 'YP0005', fixmedins_hilist_name: '阿莫西林胶囊 0.25g', fixmedins_bchno: 'PC001',
    prsc_dr_name: '李医生', phar_name: '赵药师', phar_prac_cert_no: 'ZY370303001', hi_feesetl_type: '1', setl_id: s.setlinfo.setl_id, mdtrt_sn: 'MZ-1',
    psn_no: s.setlinfo.psn_no, psn_cert_type: '01', certno: s.setlinfo.certno, psn_name: s.setlinfo.psn_name, manu_lotnum: '240312', manu_date: '2024-03-12',
    expy_end: '2027-03-11', rx_flag: '1', trdn_flag: '0', finl_trns_pric: '3.00', rx_circ_flag: '0', rtal_docno: 'LS-1', sel_retn_cnt: '2',
    sel_retn_time: chinaDateTime(r.now()), sel_retn_opter_name: '收费员甲', mdtrt_setl_type: '1', drugtracinfo: [{ drug_trac_codg: CODE(1) }, { drug_trac_codg: CODE(2) }], ...over,
  };
}

describe('3505 / 3506 / 3513', () => {
  it('stores valid codes, refuses a bad format, a code twice in one sale, and a whole pack sold twice', async () => {
    const sim = await startSim();
    const r = await signedIn(sim);
    const { s } = await settled(r, '370303195803120316');
    expect(await r.refused('3505', { selinfo: saleRow(r, s, { drugtracinfo: [{ drug_trac_codg: '1234' }] }) })).toContain('追溯码(drug_trac_codg)1234格式错误');
    expect(await r.refused('3505', { selinfo: saleRow(r, s, { drugtracinfo: [{ drug_trac_codg: CODE(1) }, { drug_trac_codg: CODE(1) }] }) })).toContain('重复');
    expect(await r.refused('3505', { selinfo: saleRow(r, s, { setl_id: '' }) })).toContain('结算ID(setl_id)不能为空');
    expect((await r.ok('3505', { selinfo: saleRow(r, s) })).result).toEqual({ retRslt: '1', msgRslt: '成功' });
    const twice = await r.ok('3505', { selinfo: saleRow(r, s, { drugtracinfo: [{ drug_trac_codg: CODE(2) }] }) });
    expect(twice.result).toEqual({ retRslt: '0', msgRslt: `追溯码${CODE(2)}已销售` });
    expect((await r.ok('3505', { selinfo: saleRow(r, s, { drugtracinfo: undefined, drug_trac_codg: CODE(3) }) })).result.retRslt).toBe('1');
    const q = await r.ok('3513', { data: { fixmedins_code: r.inst, drug_trac_codg: CODE(1) } });
    expect(q.data).toHaveLength(1);
    expect(q.data[0]).toMatchObject({ drug_trac_codg: CODE(1), med_list_codg: 'XJ01CAA046E001010100213', fixmedins_code: r.inst, psn_no: s.setlinfo.psn_no });
    const back = await r.ok('3506', { selinfo: { ...saleRow(r, s, { drugtracinfo: [{ drug_trac_codg: CODE(1) }, { drug_trac_codg: CODE(2) }] }) } });
    expect(back.result.retRslt).toBe('1');
    expect((await r.ok('3505', { selinfo: saleRow(r, s, { drugtracinfo: [{ drug_trac_codg: CODE(2) }], sel_retn_cnt: '1' }) })).result.retRslt).toBe('1');
    expect((await r.ok('3506', { selinfo: saleRow(r, s, { fixmedins_bchno: 'NOPE' }) })).result).toEqual({ retRslt: '0', msgRslt: '未查询到对应的销售记录' });
  });

  it('lets a split-pack code serve several sales until its pack is used up (3505A batch)', async () => {
    const sim = await startSim();
    const r = await signedIn(sim);
    const { s } = await settled(r, '37030319850115061X');
    const split = (cnt: string) => saleRow(r, s, { trdn_flag: '1', sel_retn_cnt: cnt, drugtracinfo: [{ drug_trac_codg: CODE(9) }] });
    expect((await r.ok('3505A', { selinfoDetail: [split('10'), { ...split('10'), drugtracinfo: [{ drug_trac_codg: CODE(10) }] }] })).result.retRslt).toBe('1');
    expect((await r.ok('3505', { selinfo: split('14') })).result.retRslt).toBe('1');
    const over = await r.ok('3505', { selinfo: split('1') });
    expect(over.result).toEqual({ retRslt: '0', msgRslt: `追溯码${CODE(9)}拆零数量已用完` });
    const whole = await r.ok('3505', { selinfo: saleRow(r, s, { drugtracinfo: [{ drug_trac_codg: CODE(9) }] }) });
    expect(whole.result.retRslt).toBe('0');
    expect((sim.traceCode(CODE(9)) as { state: { units: number; pack: number } }).state).toMatchObject({ units: 24, pack: 24 });
  });
});
