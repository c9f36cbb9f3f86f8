// 2601: only the transactions the spec lists; "original not found" for an unknown omsgid (and for
// one that was refused, or of another person); reversing 2207 leaves the visit unsettled and takes
// the year-to-date figures and the account back; reversing 2208 restores the settlement; a second
// 2601 is "already reversed".
import { afterAll, describe, expect, it } from 'vitest';
import { PLATFORM_TEXT } from '../../../electron/network/simulator';
import { closeSims, identities, LINES, person, signedIn, startSim, visitWithFees, type Json } from './helpers';

afterAll(closeSims);

describe('2601', () => {
  it('accepts only the spec\'s reversible transactions and tells "original not found" apart', async () => {
    const sim = await startSim();
    const r = await signedIn(sim);
    const p = await person(r, '37030319850115061X');
    for (const oinfno of ['2201', '2203', '2204', '2206', '3505']) {
      expect(await r.refused('2601', { data: { psn_no: p.psn_no, omsgid: r.msgid(), oinfno } })).toBe(`【2601】data：原交易编号(oinfno)${oinfno}：${PLATFORM_TEXT.notReversible}`);
    }
    expect(await r.refused('2601', { data: { psn_no: p.psn_no, omsgid: r.msgid(), oinfno: '2207' } })).toBe(PLATFORM_TEXT.originalNotFound);
    const v = await visitWithFees(r, p, [LINES.consult]);
    const bad = r.env('2207', { data: { ...v.settle.data, inscp_scp_amt: '0.01' } });
    expect(JSON.parse((await r.post(bad)).text).infcode).toBe(-1);
    expect(await r.refused('2601', { data: { psn_no: p.psn_no, omsgid: bad.msgid, oinfno: '2207' } })).toBe(PLATFORM_TEXT.originalNotFound);
    const good = r.env('2207', v.settle);
    expect(JSON.parse((await r.post(good)).text).infcode).toBe(0);
    expect(await r.refused('2601', { data: { psn_no: p.psn_no, omsgid: good.msgid, oinfno: '2208' } })).toBe(PLATFORM_TEXT.originalNotFound);
    expect(await r.refused('2601', { data: { psn_no: '37030000000000000001', omsgid: good.msgid, oinfno: '2207' } }, { insuplc_admdvs: '370300' })).toBe(PLATFORM_TEXT.originalNotFound);
  });

  it('reverses a settlement as if it never happened, then says "already reversed"', async () => {
    const sim = await startSim();
    const r = await signedIn(sim);
    const p = await person(r, '370303197902280728');
    const v = await visitWithFees(r, p, [LINES.consult, LINES.ultrasound]);
    const env = r.env('2207', { data: { ...v.settle.data, acct_used_flag: '1' } });
    const s = JSON.parse((await r.post(env)).text).output as Json;
    expect(identities(s)).toEqual([]);
    const ytd = async () => Object.fromEntries((await r.ok('5206', { data: { psn_no: p.psn_no } })).cuminfo.map((x: Json) => [x.cum_type_code, x.cum]));
    expect((await ytd()).C0000).toBe('1');
    await r.ok('2601', { data: { psn_no: p.psn_no, omsgid: env.msgid, oinfno: '2207' } });
    expect(await r.refused('2601', { data: { psn_no: p.psn_no, omsgid: env.msgid, oinfno: '2207' } })).toBe(PLATFORM_TEXT.alreadyReversed);
    expect(sim.ledger().reversedMsgids).toEqual([env.msgid]);
    expect(sim.ledger().validByVisit[v.mdtrtId]).toBeUndefined();
    expect((await ytd()).C0000).toBe('0');
    expect((await r.ok('1101', { data: { mdtrt_cert_type: '02', mdtrt_cert_no: p.certno } })).insuinfo[0].balc).toBe('1260.50');
    expect(await r.refused('5203', { data: { psn_no: p.psn_no, setl_id: s.setlinfo.setl_id, mdtrt_id: v.mdtrtId } })).toContain('未查询到结算信息');
    const again = await r.ok('2207', { data: { ...v.settle.data, acct_used_flag: '1' } });
    expect(again.setlinfo.medfee_sumamt).toBe(s.setlinfo.medfee_sumamt);
    expect(sim.ledger().validByVisit[v.mdtrtId]).toBe(1);
  });

  it('reverses a cancellation: the settlement is valid again', async () => {
    const sim = await startSim();
    const r = await signedIn(sim);
    const p = await person(r, '370303195803120316');
    const v = await visitWithFees(r, p, [LINES.consult]);
    const s = await r.ok('2207', v.settle);
    const cancel = r.env('2208', { data: { psn_no: p.psn_no, setl_id: s.setlinfo.setl_id, mdtrt_id: v.mdtrtId } });
    const c = JSON.parse((await r.post(cancel)).text);
    expect(c.infcode).toBe(0);
    expect(sim.ledger().validByVisit[v.mdtrtId]).toBeUndefined();
    expect(await r.refused('2601', { data: { psn_no: p.psn_no, omsgid: sim.ledger().settlements.find((x) => x.settlementId === s.setlinfo.setl_id)!.msgid, oinfno: '2207' } })).toContain('请先冲正撤销交易');
    await r.ok('2601', { data: { psn_no: p.psn_no, omsgid: cancel.msgid, oinfno: '2208' } });
    expect(sim.ledger().validByVisit[v.mdtrtId]).toBe(1);
    const q = await r.ok('5203', { data: { psn_no: p.psn_no, setl_id: s.setlinfo.setl_id, mdtrt_id: v.mdtrtId } });
    expect(q.setlinfo.refd_setl_flag).toBe('0');
    expect(await r.refused('5203', { data: { psn_no: p.psn_no, setl_id: c.output.setlinfo.setl_id, mdtrt_id: v.mdtrtId } })).toContain('未查询到结算信息');
  });

  it('reverses an admission (2401) without fees', async () => {
    const sim = await startSim();
    const r = await signedIn(sim);
    const p = await person(r, '37030319850115061X');
    const now = '2026-05-14 09:00:00';
    const env = r.env('2401', {
      mdtrtinfo: { psn_no: p.psn_no, insutype: '390', begntime: now, mdtrt_cert_type: '02', mdtrt_cert_no: p.certno, med_type: '21', ipt_no: 'ZY-R-1', atddr_no: 'D1', chfpdr_name: '李医生', adm_diag_dscr: '肺炎', adm_dept_codg: '0301', adm_dept_name: '内科', adm_bed: '3', dscg_maindiag_code: 'J18.900', dscg_maindiag_name: '肺炎' },
      diseinfo: [{ psn_no: p.psn_no, diag_type: '1', maindiag_flag: '1', diag_srt_no: 1, diag_code: 'J18.900', diag_name: '肺炎', diag_dept: '内科', dise_dor_no: 'D1', dise_dor_name: '李医生', diag_time: now }],
    });
    const a = JSON.parse((await r.post(env)).text);
    expect(a.output.result.mdtrt_id).toMatch(/^Z370303/);
    await r.ok('2601', { data: { psn_no: p.psn_no, omsgid: env.msgid, oinfno: '2401' } });
    expect(sim.ledger().visits.find((v) => v.visitId === a.output.result.mdtrt_id)!.state).toBe('cancelled');
  });
});
