// The client against the strict platform simulator on loopback: every transaction of an
// outpatient and an inpatient visit carries every field the spec requires and is accepted; the
// answers are read by the spec (the network's split, its own fund rows).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlatformSimulator } from '../../../electron/network/simulator';
import { BusinessRejectedError, type NetPerson } from '../../../electron/network/client';
import { demoPersonByKey } from '../../../electron/demo/persons';
import { CATY, DEPT, DIAGNOSIS, DOCTOR, LINE_A, LINE_B, LINE_C, NOW, closeSims, feeLines, refOf, simClient, startSim } from './helpers';

let sim: PlatformSimulator;
beforeAll(async () => {
  sim = await startSim();
});
afterAll(closeSims);

const poor = demoPersonByKey('poor')!;
const ordinary = demoPersonByKey('ordinary')!;
const byId = (no: string) => ({ cert: { type: 'idNumber' as const, no } });

describe('network client against the strict simulator', () => {
  it('signs in first, keeps the sign_no and fills every envelope field', async () => {
    const { client, log } = simClient(sim);
    await client.personInfo(byId(poor.idNumber));
    const rows = log.recent(10).reverse();
    expect(rows.map((r) => r.infno)).toEqual(['9001', '1101']);
    const env = JSON.parse(rows[1].request) as Record<string, string>;
    expect(env.sign_no).toBe(client.signNo);
    for (const k of ['infno', 'msgid', 'mdtrtarea_admvs', 'insuplc_admdvs', 'recer_sys_code', 'infver', 'opter_type', 'opter', 'opter_name', 'inf_time', 'fixmedins_code', 'fixmedins_name', 'sign_no']) {
      expect(env[k], k).toBeTruthy();
    }
    expect(env.msgid).toMatch(/^H37030300123\d{14}01\d{2}$/);
  });

  it('runs an outpatient visit: 2201, 2203 with the diagnosis, 2204, 2206, 2207, 5203, 2208', async () => {
    const { client, log } = simClient(sim);
    const p = (await client.personInfo(byId(poor.idNumber))).person;
    const ref = refOf(p);
    const cert = { type: 'idNumber' as const, no: poor.idNumber };
    const reg = await client.register2201({ person: ref, cert, hisVisitNo: `MZ-FLOW-${Date.now()}`, begin: NOW(), doctor: DOCTOR, dept: DEPT, caty: CATY });
    expect(reg.visitId).toMatch(/^M370303/);
    await client.visitInfo2203({ person: ref, visitId: reg.visitId, medType: 'outpatient', begin: NOW(), diagnoses: [DIAGNOSIS], dept: DEPT, doctor: DOCTOR });
    const sent2203 = JSON.parse(log.recent(1)[0].request).input;
    expect(sent2203.diseinfo[0]).toMatchObject({ diag_code: 'J06.900', diag_srt_no: 1, diag_dept: '全科门诊', dise_dor_no: 'D0007', dise_dor_name: '刘建华', vali_flag: '1' });
    const fees = await client.uploadFees2204({ person: ref, visitId: reg.visitId, batchNo: 'B1', medType: 'outpatient', lines: feeLines('L', { ...LINE_A, quantity: '2' }, LINE_B, LINE_C) });
    // The network classes the lines by its own catalog: 甲, 乙 with its ratio, 丙 paid by the patient.
    expect(fees.lines.map((l) => [l.class, l.amount])).toEqual([['A', '20.00'], ['B', '120.00'], ['C', '4.00']]);
    expect(fees.split).toMatchObject({ total: '144.00', fullSelfPay: '4.00', preSelfPay: '24.00', inScope: '116.00' });
    const sent2204 = JSON.parse(log.recent(1)[0].request).input.feedetail[0];
    for (const k of ['chrgitm_lv', 'selfpay_prop', 'med_chrgitm_type', 'medins_list_name']) expect(sent2204, k).not.toHaveProperty(k);
    expect(sent2204).toMatchObject({ bilg_dr_codg: 'D0007', bilg_dept_codg: 'MZ01', rx_circ_flag: '0', hosp_appr_flag: '0' });
    const base = { person: ref, cert, visitId: reg.visitId, medType: 'outpatient' as const, batchNo: 'B1', total: fees.split.total, useAccount: false };
    const pre = (await client.preSettle2206(base)).settlement;
    expect(pre.settlementId).toBe('');
    const s = (await client.settle2207({ ...base, split: fees.split })).settlement;
    expect(s).toMatchObject({ total: '144.00', visitId: reg.visitId, imbalance: '0.00', unplaced: [], cancelled: false });
    expect(s.cash).toBe(pre.cash);
    expect(s.clearing).toEqual({ type: '11', way: '1', institution: '370300' });
    expect(s.layers.basic).toBe(s.named.hifp_pay);
    const q = (await client.querySettlement5203({ person: ref, visitId: reg.visitId, settlementId: s.settlementId })).settlement;
    expect(q).toMatchObject({ settlementId: s.settlementId, total: s.total, cash: s.cash, fundTotal: s.fundTotal, cancelled: false });
    expect(q.sent.setlinfo).toHaveProperty('cash_payamt');
    const c = (await client.cancel2208({ person: ref, visitId: reg.visitId, settlementId: s.settlementId })).settlement;
    // 2208 names the cash field pdn_cash_pay (the spec's table): read all the same.
    expect(c.sent.setlinfo).toHaveProperty('pdn_cash_pay');
    expect(c).toMatchObject({ total: '-144.00', cash: `-${s.cash}`, cancelled: true });
    const again = (await client.querySettlement5203({ person: ref, visitId: reg.visitId, settlementId: c.settlementId })).settlement;
    expect(again.cancelled).toBe(true);
  });

  it('runs an inpatient stay: 2401 with the admission diagnosis and bed, 2301, 2402, 2303, 2304, 2305', async () => {
    const { client, log } = simClient(sim);
    const p: NetPerson = (await client.personInfo(byId(ordinary.idNumber))).person;
    const ref = refOf(p);
    const cert = { type: 'idNumber' as const, no: ordinary.idNumber };
    const dx = [{ code: 'J18.900', name: '肺炎' }, { code: 'I10.x00', name: '特发性（原发性）高血压' }];
    const adm = await client.admit2401({ person: ref, cert, hisVisitNo: `ZY-${Date.now()}`, begin: NOW(), diagnoses: dx, dept: DEPT, doctor: DOCTOR, bed: '12' });
    const sent = JSON.parse(log.recent(1)[0].request).input;
    expect(sent.mdtrtinfo).toMatchObject({ adm_bed: '12', adm_diag_dscr: '肺炎', dscg_maindiag_code: 'J18.900', atddr_no: 'D0007', chfpdr_name: '刘建华' });
    expect(sent.diseinfo.map((d: { maindiag_flag: string }) => d.maindiag_flag)).toEqual(['1', '0']);
    const fees = await client.uploadFees2301({ person: ref, visitId: adm.visitId, batchNo: '', medType: 'inpatient', lines: feeLines('I', { listCode: '001103000010000', hospCode: 'CW0001', quantity: '3', unitPrice: '30.00' }) });
    await client.discharge2402({ person: ref, visitId: adm.visitId, end: NOW(), diagnoses: dx, dept: DEPT, doctor: DOCTOR, bed: '12', dischargeWay: '1' });
    expect(JSON.parse(log.recent(1)[0].request).input.dscginfo).toMatchObject({ dscg_bed: '12', dscg_way: '1', dscg_dept_codg: 'MZ01' });
    expect(JSON.parse(log.recent(1)[0].request).input.dscginfo).not.toHaveProperty('dscg_sickbed');
    const base = { person: ref, cert, visitId: adm.visitId, medType: 'inpatient' as const, batchNo: '', total: fees.split.total, useAccount: false, split: fees.split };
    await client.preSettle2303(base);
    const s = (await client.settle2304(base)).settlement;
    expect(s).toMatchObject({ total: '90.00', imbalance: '0.00', unplaced: [] });
    expect(s.clearing.type).toBe('21');
    const c = (await client.cancel2305({ person: ref, visitId: adm.visitId, settlementId: s.settlementId })).settlement;
    expect(c.total).toBe('-90.00');
  });

  it('rejects an unknown person with the network message', async () => {
    const { client } = simClient(sim);
    const err = await client.personInfo(byId('110101199001011237')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BusinessRejectedError);
    expect((err as BusinessRejectedError).errMsg).toContain('未查询到');
  });

  it('a fee line the network refuses comes back with its words, naming the field', async () => {
    const { client } = simClient(sim);
    const p = (await client.personInfo(byId(poor.idNumber))).person;
    const ref = refOf(p);
    const reg = await client.register2201({ person: ref, cert: { type: 'idNumber', no: poor.idNumber }, hisVisitNo: `MZ-BAD-${Date.now()}`, begin: NOW(), doctor: DOCTOR, dept: DEPT, caty: CATY });
    await client.visitInfo2203({ person: ref, visitId: reg.visitId, medType: 'outpatient', begin: NOW(), diagnoses: [DIAGNOSIS], dept: DEPT, doctor: DOCTOR });
    const err = await client.uploadFees2204({ person: ref, visitId: reg.visitId, batchNo: 'B1', medType: 'outpatient', lines: feeLines('X', { ...LINE_A, listCode: 'NOT-A-CODE' }) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BusinessRejectedError);
    expect((err as BusinessRejectedError).errMsg).toMatch(/医疗目录编码\(med_list_codg\)/);
  });
});
