// 1101 (three nodes only; e-voucher token, ID card, social security card with card_sn), 2001
// entitlement (paused coverage), 5301 chronic registrations, 5206 year-to-date (cuminfo).
import { afterAll, describe, expect, it } from 'vitest';
import { closeSims, LINES, person, signedIn, startSim, testClock, visitWithFees, type Json } from './helpers';

afterAll(closeSims);

const POOR_ID = '370303195803120316';

describe('1101', () => {
  it('answers baseinfo, insuinfo and idetinfo only, by ID card, card + card_sn, or an issued e-voucher token', async () => {
    const sim = await startSim();
    const r = await signedIn(sim);
    const byId = await r.ok('1101', { data: { mdtrt_cert_type: '02', mdtrt_cert_no: POOR_ID } });
    expect(Object.keys(byId).sort()).toEqual(['baseinfo', 'idetinfo', 'insuinfo']);
    expect(Object.keys(byId.baseinfo).sort()).toEqual(['age', 'brdy', 'certno', 'gend', 'naty', 'psn_cert_type', 'psn_name', 'psn_no']);
    expect(byId.idetinfo).toEqual([{ psn_idet_type: '2303', psn_type_lv: null, memo: null, begntime: '2016-01-01 00:00:00', endtime: null }]);
    expect(byId.insuinfo[0]).toMatchObject({ insutype: '390', psn_insu_stas: '1', insuplc_admdvs: '370300', balc: '0.00' });
    const poor = sim.persons().find((p) => p.key === 'poor')!;
    expect(await r.refused('1101', { data: { mdtrt_cert_type: '03', mdtrt_cert_no: poor.cardNo } })).toBe('【1101】data：卡识别码(card_sn)不能为空');
    expect(await r.refused('1101', { data: { mdtrt_cert_type: '03', mdtrt_cert_no: poor.cardNo, card_sn: 'WRONG' } })).toContain('(card_sn)与社会保障卡卡号不符');
    const byCard = await r.ok('1101', { data: { mdtrt_cert_type: '03', mdtrt_cert_no: poor.cardNo, card_sn: poor.cardSn } });
    expect(byCard.baseinfo.psn_no).toBe(byId.baseinfo.psn_no);
    expect(await r.refused('1101', { data: { mdtrt_cert_type: '01', mdtrt_cert_no: 'NOT-A-TOKEN' } })).toContain('电子凭证令牌无效或已过期');
    const token = sim.issueToken('poor');
    expect((await r.ok('1101', { data: { mdtrt_cert_type: '01', mdtrt_cert_no: token } })).baseinfo.psn_no).toBe(byId.baseinfo.psn_no);
    sim.registerToken('QR-TOKEN-1', 'employee');
    expect((await r.ok('1101', { data: { mdtrt_cert_type: '01', mdtrt_cert_no: 'QR-TOKEN-1' } })).baseinfo.psn_name).toBe('刘芳');
    expect(await r.refused('1101', { data: { mdtrt_cert_type: '02', mdtrt_cert_no: '110101199001011234' } })).toBe('未查询到人员信息');
  });

  it('expires e-voucher tokens', async () => {
    let clock = testClock();
    const sim = await startSim({ now: () => clock, tokenTtlMs: 60_000 });
    const r = await signedIn(sim, () => clock);
    const token = sim.issueToken('ordinary');
    clock = new Date(clock.getTime() + 61_000);
    expect(await r.refused('1101', { data: { mdtrt_cert_type: '01', mdtrt_cert_no: token } })).toContain('电子凭证令牌无效或已过期');
  });

  it('gives several insurance rows, the account balance and rows of another region', async () => {
    const sim = await startSim();
    const r = await signedIn(sim);
    const emp = await r.ok('1101', { data: { mdtrt_cert_type: '02', mdtrt_cert_no: '370303197902280728' } });
    expect(emp.insuinfo.map((x: Json) => x.insutype)).toEqual(['310', '330', '510']);
    expect(emp.insuinfo[0].balc).toBe('1260.50');
    const civil = sim.persons().find((p) => p.key === 'civil')!;
    const c = await r.ok('1101', { data: { mdtrt_cert_type: '02', mdtrt_cert_no: civil.certno } });
    expect(c.insuinfo.map((x: Json) => [x.insutype, x.psn_insu_stas, x.insuplc_admdvs])).toEqual([['310', '1', '370300'], ['320', '1', '370300'], ['330', '1', '370300'], ['390', '3', '341100']]);
    const remote = await r.ok('1101', { data: { mdtrt_cert_type: '02', mdtrt_cert_no: '341122197006010918' } });
    expect(remote.insuinfo[0].insuplc_admdvs).toBe('341100');
  });
});

describe('2001, 5301, 5206', () => {
  it('2001 says a paused coverage is not entitled, with the reason', async () => {
    const sim = await startSim();
    const r = await signedIn(sim);
    const paused = sim.persons().find((p) => p.key === 'paused')!;
    const input = (psn: string, medType = '11') => ({ data: { psn_no: psn, insutype: '390', fixmedins_code: r.inst, med_type: medType, begntime: '2026-05-14 09:00:00' } });
    const out = await r.ok('2001', input(paused.psn_no));
    expect(out.trtinfo.length).toBeGreaterThan(0);
    for (const t of out.trtinfo) expect(t).toMatchObject({ trt_enjymnt_flag: '0', trt_chk_type: '1', trt_chk_rslt: expect.stringContaining('中断缴费') });
    const poor = await r.ok('2001', input('37030000000000000001', '14'));
    expect(poor.trtinfo.map((t: Json) => [t.fund_pay_type, t.trt_enjymnt_flag])).toEqual([['390101', '0'], ['390201', '0'], ['610101', '0']]);
    expect(poor.trtinfo[0].trt_chk_rslt).toContain('门诊慢特病');
    const ok = await r.ok('2001', { data: { ...input('37030000000000000001', '14').data, dise_codg: 'M03900' } });
    expect(ok.trtinfo.every((t: Json) => t.trt_enjymnt_flag === '1')).toBe(true);
    expect(await r.refused('2001', { data: { ...input('37030000000000000001').data, insutype: '310' } })).toContain('人员无险种310的参保信息');
  });

  it('5301 lists registrations under the platform\'s 1309 codes', async () => {
    const sim = await startSim();
    const r = await signedIn(sim);
    const out = await r.ok('5301', { data: { psn_no: '37030000000000000001' } });
    expect(out.feedetail).toEqual([
      { opsp_dise_code: 'M03900', opsp_dise_name: '高血压', begndate: '2018-04-02', enddate: null },
      { opsp_dise_code: 'M01600', opsp_dise_name: '糖尿病', begndate: '2019-09-16', enddate: null },
    ]);
  });

  it('5206 gives cuminfo rows with cum_type_code, and they move with settlements', async () => {
    const sim = await startSim();
    const r = await signedIn(sim);
    const p = await person(r, '37030319850115061X');
    const before = await r.ok('5206', { data: { psn_no: p.psn_no } });
    expect(before.cuminfo.map((x: Json) => x.cum_type_code)).toEqual(['C0000', 'S0000']);
    const v = await visitWithFees(r, p, [LINES.consult, LINES.amoxicillin]);
    const s = await r.ok('2207', v.settle);
    const after = await r.ok('5206', { data: { psn_no: p.psn_no } });
    const cum = Object.fromEntries(after.cuminfo.map((x: Json) => [x.cum_type_code, x.cum]));
    expect(cum.C0000).toBe('1');
    expect(cum.S0000).toBe(s.setlinfo.medfee_sumamt);
    expect(cum.D390101).toBe(s.setlinfo.hifp_pay);
    expect(cum.Q0000_BIZ11).toBe(s.setlinfo.act_pay_dedc);
    expect(after.cuminfo[0]).toMatchObject({ insutype: '390', year: expect.stringMatching(/^\d{4}$/), cum_ym: expect.stringMatching(/^\d{6}$/) });
    expect(await r.refused('5206', { data: { psn_no: p.psn_no, cum_ym: '2026-05' } })).toContain('(cum_ym)');
  });
});
