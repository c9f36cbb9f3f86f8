// Requests complete per the spec: a required value missing is refused by the client before
// anything leaves (no msgid, nothing logged), with a Chinese message naming the field; the
// certificates go as the spec says (01 e-voucher token, 02 ID number, 03 card number + card_sn).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlatformSimulator } from '../../../electron/network/simulator';
import { RequestIncompleteError, type NetworkClient } from '../../../electron/network/client';
import { demoPersonByKey } from '../../../electron/demo/persons';
import { CATY, DEPT, DIAGNOSIS, DOCTOR, LINE_A, NOW, closeSims, feeLines, refOf, simClient, startSim } from './helpers';

let sim: PlatformSimulator;
beforeAll(async () => {
  sim = await startSim();
});
afterAll(closeSims);

const poor = demoPersonByKey('poor')!;
const lowIncome = demoPersonByKey('lowIncome')!;

async function refused(p: Promise<unknown>): Promise<RequestIncompleteError> {
  const err = await p.catch((e: unknown) => e);
  expect(err).toBeInstanceOf(RequestIncompleteError);
  return err as RequestIncompleteError;
}

async function visit(client: NetworkClient, key = 'poor') {
  const d = demoPersonByKey(key)!;
  const p = (await client.personRecord({ cert: { type: 'idNumber', no: d.idNumber } })).person;
  const ref = refOf(p);
  const cert = { type: 'idNumber' as const, no: d.idNumber };
  const reg = await client.register2201({ person: ref, cert, hisVisitNo: `REQ-${key}-${Date.now()}`, begin: NOW(), doctor: DOCTOR, dept: DEPT, caty: CATY });
  return { p, ref, cert, visitId: reg.visitId };
}

describe('required fields', () => {
  it('refuses 2201 without the doctor or the 科别, naming the field in Chinese; nothing is sent', async () => {
    const { client, log } = simClient(sim);
    const p = (await client.personInfo({ cert: { type: 'idNumber', no: poor.idNumber } })).person;
    const before = log.recent(100).length;
    const sims = sim.stats().byInfno['2201'] ?? 0;
    const base = { person: refOf(p), cert: { type: 'idNumber' as const, no: poor.idNumber }, hisVisitNo: 'REQ-1', begin: NOW(), dept: DEPT, caty: CATY };
    const e = await refused(client.register2201({ ...base, doctor: { code: '', name: '刘建华' } }));
    expect(e.error).toMatchObject({ code: 'NETWORK_REQUEST_INCOMPLETE', field: 'data.atddr_no' });
    expect(e.error.message).toBe('医保交易2201 门诊挂号的「医师编码」不能为空，请补全后再试（未发送）');
    expect(e.error.detail).toMatch(/atddr_no \(医师编码\) is required/);
    const c = await refused(client.register2201({ ...base, doctor: DOCTOR, caty: ' ' }));
    expect(c.error.message).toContain('「科别」');
    expect(log.recent(100).length).toBe(before);
    expect(sim.stats().byInfno['2201'] ?? 0).toBe(sims);
  });

  it('refuses 2203 without a diagnosis, or a diagnosis without its doctor', async () => {
    const { client } = simClient(sim);
    const v = await visit(client);
    const base = { person: v.ref, visitId: v.visitId, medType: 'outpatient' as const, begin: NOW(), dept: DEPT, doctor: DOCTOR };
    expect((await refused(client.visitInfo2203({ ...base, diagnoses: [] }))).error.message).toContain('「诊断信息」至少要有一条');
    const e = await refused(client.visitInfo2203({ ...base, diagnoses: [{ ...DIAGNOSIS, doctor: { code: '', name: '' } }], doctor: { code: '', name: '' } }));
    expect(e.error.field).toBe('diseinfo[0].dise_dor_no');
    expect(e.error.message).toContain('「诊断医生编码」不能为空（第 1 条）');
  });

  it('a chronic visit needs its registered disease in 2203 and on every 2204 line; the network checks it against 5301', async () => {
    const { client, log } = simClient(sim);
    const v = await visit(client, 'lowIncome');
    const base = { person: v.ref, visitId: v.visitId, medType: 'chronicOutpatient' as const, begin: NOW(), diagnoses: [{ code: 'I10.x00', name: '特发性（原发性）高血压' }], dept: DEPT, doctor: DOCTOR };
    expect((await refused(client.visitInfo2203(base))).error.message).toContain('「病种编码」不能为空（门诊慢特病');
    const reg = v.p.chronic[0];
    expect(reg).toMatchObject({ code: 'I10', networkCode: 'M03900', name: '高血压' });
    const disease = { code: reg.networkCode, name: reg.name };
    await client.visitInfo2203({ ...base, disease });
    expect(JSON.parse(log.recent(1)[0].request).input.mdtrtinfo).toMatchObject({ dise_codg: 'M03900', med_type: '14' });
    await refused(client.uploadFees2204({ person: v.ref, visitId: v.visitId, batchNo: 'C1', medType: 'chronicOutpatient', lines: feeLines('C', LINE_A) }));
    const fees = await client.uploadFees2204({ person: v.ref, visitId: v.visitId, batchNo: 'C1', medType: 'chronicOutpatient', disease, lines: feeLines('C', LINE_A) });
    expect(JSON.parse(log.recent(1)[0].request).input.feedetail[0].dise_codg).toBe('M03900');
    const s = await client.settle2207({ person: v.ref, cert: v.cert, visitId: v.visitId, medType: 'chronicOutpatient', batchNo: 'C1', total: fees.split.total, useAccount: false, split: fees.split });
    expect(s.settlement.clearing.type).toBe('14');
  });

  it('refuses an outside prescription without its number, 5203 without setl_id, 3201 without clr_type', async () => {
    const { client } = simClient(sim);
    const v = await visit(client);
    const line = { ...feeLines('R', LINE_A)[0], outsidePrescription: true };
    expect((await refused(client.uploadFees2204({ person: v.ref, visitId: v.visitId, batchNo: 'R1', medType: 'outpatient', lines: [line] }))).error.field).toBe('feedetail[0].rxno');
    expect((await refused(client.querySettlement5203({ person: v.ref, visitId: v.visitId, settlementId: '' }))).error.message).toContain('「结算ID」');
    const t = { insutype: '390', clearingType: '', clearingAgency: '370300', begin: '2026-01-01', end: '2026-01-01', medfeeTotal: '0.00', fundTotal: '0.00', accountTotal: '0.00', count: 0 };
    expect((await refused(client.reconcileTotals3201(t))).error.message).toContain('「清算类别」');
  });

  it('carries the certificates as the spec says: 01 the e-voucher token, 02 the ID number, 03 the card number with card_sn', async () => {
    const { client, log } = simClient(sim);
    const token = sim.issueToken('poor');
    const byToken = (await client.personInfo({ cert: { type: 'eVoucher', no: token } })).person;
    expect(byToken.personNo).toBe(poor.personNo);
    // (the log masks certificate numbers; the platform accepted its own token)
    expect(JSON.parse(log.recent(1)[0].request).input.data).toMatchObject({ mdtrt_cert_type: '01' });
    await client.personInfo({ cert: { type: 'idNumber', no: lowIncome.idNumber } });
    expect(JSON.parse(log.recent(1)[0].request).input.data).toMatchObject({ mdtrt_cert_type: '02', psn_cert_type: '01' });
    const card = { type: 'ssCard' as const, no: poor.card.cardNumber, cardSn: poor.card.cardId };
    expect((await client.personInfo({ cert: card })).person.personNo).toBe(poor.personNo);
    const sent = JSON.parse(log.recent(1)[0].request).input.data;
    expect(sent.mdtrt_cert_type).toBe('03');
    expect(sent.card_sn).toBeTruthy();
    const e = await refused(client.personInfo({ cert: { type: 'ssCard', no: poor.card.cardNumber } }));
    expect(e.error).toMatchObject({ field: 'data.card_sn' });
    expect(e.error.message).toContain('「卡识别码」');
  });
});
