// Taking back what reached the network before a settlement did: 2205 / 2302 fee lines ("0000":
// every unsettled line), 2202 registration, 2404 admission. The client's request shapes, its
// checks, and the strict simulator's books (on loopback).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlatformSimulator } from '../../../electron/network/simulator';
import { ALL_UNSETTLED_LINES, BusinessRejectedError, RequestIncompleteError, type NetworkClient, type PersonRef } from '../../../electron/network/client';
import { demoPersonByKey } from '../../../electron/demo/persons';
import { CATY, DEPT, DIAGNOSIS, DOCTOR, LINE_A, LINE_B, NOW, closeSims, feeLines, refOf, simClient, startSim } from './helpers';

let sim: PlatformSimulator;
beforeAll(async () => {
  sim = await startSim();
});
afterAll(closeSims);

const poor = demoPersonByKey('poor')!;
const cert = { type: 'idNumber' as const, no: poor.idNumber };
const run = `${Date.now()}`;

/** The `input` node of the last logged request of `infno`. */
function lastInput(log: ReturnType<typeof simClient>['log'], infno: string): Record<string, unknown> {
  const row = log.recent(50).find((r) => r.infno === infno);
  if (!row) throw new Error(`no ${infno} in the message log`);
  return (JSON.parse(row.request) as { input: Record<string, unknown> }).input;
}

const visitOf = (visitId: string) => sim.ledger().visits.find((v) => v.visitId === visitId)!;

async function rejection(p: Promise<unknown>): Promise<BusinessRejectedError> {
  const err = await p.catch((e: unknown) => e);
  expect(err).toBeInstanceOf(BusinessRejectedError);
  return err as BusinessRejectedError;
}

async function outpatient(client: NetworkClient, hisNo: string, batchNo = hisNo) {
  const ref: PersonRef = refOf((await client.personInfo({ cert })).person);
  const reg = await client.register2201({ person: ref, cert, hisVisitNo: hisNo, begin: NOW(), doctor: DOCTOR, dept: DEPT, caty: CATY });
  await client.visitInfo2203({ person: ref, visitId: reg.visitId, medType: 'outpatient', begin: NOW(), diagnoses: [DIAGNOSIS], dept: DEPT, doctor: DOCTOR });
  const fees = await client.uploadFees2204({ person: ref, visitId: reg.visitId, batchNo, medType: 'outpatient', lines: feeLines(hisNo, LINE_A, LINE_B) });
  const settle = { person: ref, cert, visitId: reg.visitId, medType: 'outpatient' as const, batchNo, total: fees.split.total, useAccount: false, split: fees.split };
  return { ref, visitId: reg.visitId, settle };
}

async function inpatient(client: NetworkClient, hisNo: string) {
  const ref: PersonRef = refOf((await client.personInfo({ cert })).person);
  const adm = await client.admit2401({ person: ref, cert, hisVisitNo: hisNo, begin: NOW(), diagnoses: [{ code: 'J18.900', name: '肺炎' }], dept: DEPT, doctor: DOCTOR, bed: '3' });
  const fees = await client.uploadFees2301({ person: ref, visitId: adm.visitId, batchNo: '', medType: 'inpatient', lines: feeLines(hisNo, LINE_A, LINE_B) });
  const settle = { person: ref, cert, visitId: adm.visitId, medType: 'inpatient' as const, batchNo: '', total: fees.split.total, useAccount: false, split: fees.split };
  return { ref, visitId: adm.visitId, settle };
}

describe('undo of an outpatient visit (2205, 2202)', () => {
  it('sends the spec shapes; the lines go, then the visit; a settle of it is refused', async () => {
    const { client, log } = simClient(sim);
    const his = `UNDO-MZ-1-${run}`;
    const v = await outpatient(client, his);
    expect(visitOf(v.visitId)).toMatchObject({ state: 'open', lines: 2 });
    const a = await client.cancelFees2205({ person: v.ref, visitId: v.visitId });
    expect(a.visitId).toBe(v.visitId);
    expect(lastInput(log, '2205')).toEqual({ data: { mdtrt_id: v.visitId, chrg_bchno: '0000', psn_no: poor.personNo } });
    expect(visitOf(v.visitId)).toMatchObject({ state: 'open', lines: 0 });
    await client.cancelRegister2202({ person: v.ref, visitId: v.visitId, hisVisitNo: his });
    expect(lastInput(log, '2202')).toEqual({ data: { psn_no: poor.personNo, mdtrt_id: v.visitId, ipt_otp_no: his } });
    expect(visitOf(v.visitId).state).toBe('cancelled');
    expect((await rejection(client.settle2207(v.settle))).errMsg).toContain('已撤销');
  });

  it('takes back one batch by its chrg_bchno; "0000" takes every unsettled line', async () => {
    const { client, log } = simClient(sim);
    const v = await outpatient(client, `UNDO-MZ-2-${run}`, 'B1');
    await client.uploadFees2204({ person: v.ref, visitId: v.visitId, batchNo: 'B2', medType: 'outpatient', lines: feeLines(`B2-${run}`, LINE_A) });
    expect(visitOf(v.visitId).lines).toBe(3);
    await client.cancelFees2205({ person: v.ref, visitId: v.visitId, batchNo: 'B2' });
    expect(lastInput(log, '2205')).toMatchObject({ data: { chrg_bchno: 'B2' } });
    expect(visitOf(v.visitId).lines).toBe(2);
    await client.cancelFees2205({ person: v.ref, visitId: v.visitId, batchNo: ALL_UNSETTLED_LINES });
    expect(visitOf(v.visitId).lines).toBe(0);
  });

  it('refuses to take back the lines or the visit of a settled visit; after 2208 it may', async () => {
    const { client } = simClient(sim);
    const his = `UNDO-MZ-3-${run}`;
    const v = await outpatient(client, his);
    const s = (await client.settle2207(v.settle)).settlement;
    expect((await rejection(client.cancelFees2205({ person: v.ref, visitId: v.visitId }))).errMsg).toMatch(/已结算|无可撤销/);
    expect((await rejection(client.cancelRegister2202({ person: v.ref, visitId: v.visitId, hisVisitNo: his }))).errMsg).toContain('有效结算');
    expect(sim.ledger().validByVisit[v.visitId]).toBe(1);
    await client.cancel2208({ person: v.ref, visitId: v.visitId, settlementId: s.settlementId });
    await client.cancelFees2205({ person: v.ref, visitId: v.visitId });
    await client.cancelRegister2202({ person: v.ref, visitId: v.visitId, hisVisitNo: his });
    expect(visitOf(v.visitId).state).toBe('cancelled');
  });

  it('the same msgid is answered as the first time; 2202 is not reversible by 2601 (refused, thrown)', async () => {
    const { client, msgids } = simClient(sim);
    const his = `UNDO-MZ-4-${run}`;
    const v = await outpatient(client, his);
    await client.cancelFees2205({ person: v.ref, visitId: v.visitId });
    const msgid = await msgids.next('2202');
    const first = await client.cancelRegister2202({ person: v.ref, visitId: v.visitId, hisVisitNo: his }, { msgid });
    const again = await client.cancelRegister2202({ person: v.ref, visitId: v.visitId, hisVisitNo: his }, { msgid });
    expect(again.meta.refMsgid).toBe(first.meta.refMsgid);
    const r = await rejection(client.reverse2601({ person: v.ref, originalMsgid: msgid, originalInfno: '2202' }));
    expect(r.errMsg).toContain('不允许冲正');
  });

  it('refuses to send without a visit id or the HIS visit number, before anything leaves', async () => {
    const { client, log } = simClient(sim);
    const ref = refOf((await client.personInfo({ cert })).person);
    const before = log.recent(1)[0].id;
    const incomplete = async (p: Promise<unknown>) => {
      const e = await p.catch((x: unknown) => x);
      expect(e).toBeInstanceOf(RequestIncompleteError);
      return (e as RequestIncompleteError).error.field;
    };
    expect(await incomplete(client.cancelFees2205({ person: ref, visitId: '' }))).toBe('data.mdtrt_id');
    expect(await incomplete(client.cancelFees2302({ person: ref, visitId: ' ' }))).toBe('data.mdtrt_id');
    expect(await incomplete(client.cancelRegister2202({ person: ref, visitId: 'M1', hisVisitNo: ' ' }))).toBe('data.ipt_otp_no');
    expect(await incomplete(client.cancelAdmission2404({ person: ref, visitId: '', hisVisitNo: 'Z1' }))).toBe('data.mdtrt_id');
    expect(log.recent(1)[0].id).toBe(before);
  });
});

describe('undo of an inpatient stay (2302, 2404)', () => {
  it('sends the spec shapes; the lines go, then the admission; a settle of it is refused', async () => {
    const { client, log } = simClient(sim);
    const his = `UNDO-ZY-1-${run}`;
    const v = await inpatient(client, his);
    await client.cancelFees2302({ person: v.ref, visitId: v.visitId, lineNo: `${his}-2` });
    expect(lastInput(log, '2302')).toEqual({ data: { feedetl_sn: `${his}-2`, mdtrt_id: v.visitId, psn_no: poor.personNo } });
    expect(visitOf(v.visitId).lines).toBe(1);
    await client.cancelFees2302({ person: v.ref, visitId: v.visitId });
    expect(lastInput(log, '2302')).toMatchObject({ data: { feedetl_sn: '0000' } });
    expect(visitOf(v.visitId).lines).toBe(0);
    await client.cancelAdmission2404({ person: v.ref, visitId: v.visitId, hisVisitNo: his });
    expect(lastInput(log, '2404')).toEqual({ data: { mdtrt_id: v.visitId, psn_no: poor.personNo } });
    expect(visitOf(v.visitId).state).toBe('cancelled');
    expect((await rejection(client.settle2304({ ...v.settle, midSettlement: true }))).errMsg).toContain('已撤销');
  });

  it('refuses to take back a settled stay; 2601 of 2401 takes back an admission without fees', async () => {
    const { client } = simClient(sim);
    const v = await inpatient(client, `UNDO-ZY-2-${run}`);
    await client.settle2304({ ...v.settle, midSettlement: true });
    expect((await rejection(client.cancelFees2302({ person: v.ref, visitId: v.visitId }))).errMsg).toContain('已结算');
    expect((await rejection(client.cancelAdmission2404({ person: v.ref, visitId: v.visitId, hisVisitNo: 'x' }))).errMsg).toContain('结算');
    const ref = v.ref;
    const adm = await client.admit2401({ person: ref, cert, hisVisitNo: `UNDO-ZY-3-${run}`, begin: NOW(), diagnoses: [{ code: 'J18.900', name: '肺炎' }], dept: DEPT, doctor: DOCTOR, bed: '4' });
    const r = await client.reverse2601({ person: ref, originalMsgid: adm.meta.msgid, originalInfno: '2401' });
    expect(r.outcome).toBe('reversed');
    expect(visitOf(adm.visitId).state).toBe('cancelled');
  });
});
