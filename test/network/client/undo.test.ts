// Taking back what reached the network before a settlement did: 2205 / 2302 fee lines ("0000":
// every unsettled line), 2202 registration, 2404 admission. The client's request shapes, its
// validation, and the simulator's books (real simulator on loopback).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNetworkSimulator, type NetworkSimulator } from '../../../electron/network/sim';
import {
  ALL_UNSETTLED_LINES, BusinessRejectedError, type FeeLineInput, type NetworkClient, type PersonRef,
} from '../../../electron/network/client';
import { AppFailure } from '../../../electron/core/result';
import { demoPersonByKey } from '../../../electron/demo/persons';
import { LINE_A, LINE_B, NOW, makeClient, refOf } from './helpers';

let sim: NetworkSimulator;
beforeAll(async () => {
  sim = await startNetworkSimulator({ port: 0 });
});
afterAll(() => sim.close());

const poor = demoPersonByKey('poor')!;
const cert = { type: 'idNumber' as const, no: poor.idNumber };

function lines(prefix: string, ...defs: Omit<FeeLineInput, 'lineNo' | 'time'>[]): FeeLineInput[] {
  return defs.map((d, i) => ({ ...d, lineNo: `${prefix}-${i + 1}`, time: NOW() }));
}

/** The `input` node of the last logged request of `infno`. */
function lastInput(log: ReturnType<typeof makeClient>['log'], infno: string): Record<string, unknown> {
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

/** The AppFailure a call throws (before sending: synchronously, like every call's input check). */
async function failure(call: () => Promise<unknown>): Promise<AppFailure['error']> {
  try {
    await call();
  } catch (err) {
    expect(err).toBeInstanceOf(AppFailure);
    return (err as AppFailure).error;
  }
  throw new Error('the call did not fail');
}

async function outpatient(client: NetworkClient, hisNo: string, batchNo = hisNo) {
  const ref: PersonRef = refOf((await client.personInfo({ cert })).person);
  const reg = await client.register2201({ person: ref, cert, hisVisitNo: hisNo, begin: NOW() });
  const fees = await client.uploadFees2204({ person: ref, visitId: reg.visitId, batchNo, medType: 'outpatient', lines: lines(hisNo, LINE_A, LINE_B) });
  const settle = { person: ref, cert, visitId: reg.visitId, medType: 'outpatient' as const, batchNo, total: fees.split.total, useAccount: false, split: fees.split };
  return { ref, visitId: reg.visitId, settle };
}

async function inpatient(client: NetworkClient, hisNo: string) {
  const ref: PersonRef = refOf((await client.personInfo({ cert })).person);
  const adm = await client.admit2401({ person: ref, cert, hisVisitNo: hisNo, begin: NOW(), diagnoses: [{ code: 'J18.9', name: '肺炎' }] });
  const fees = await client.uploadFees2301({ person: ref, visitId: adm.visitId, batchNo: '', medType: 'inpatient', lines: lines(hisNo, LINE_A, LINE_B) });
  const settle = { person: ref, cert, visitId: adm.visitId, medType: 'inpatient' as const, batchNo: '', total: fees.split.total, useAccount: false, split: fees.split };
  return { ref, visitId: adm.visitId, settle };
}

describe('undo of an outpatient visit (2205, 2202)', () => {
  it('sends the reference shapes; the lines go, then the visit; a settle of it is refused', async () => {
    const { client, log } = makeClient(sim.url);
    const v = await outpatient(client, 'UNDO-MZ-1');
    expect(visitOf(v.visitId)).toMatchObject({ state: 'open', lines: 2 });

    // The registration is taken back only without open fee lines.
    const early = await rejection(client.cancelRegister2202({ person: v.ref, visitId: v.visitId, hisVisitNo: 'UNDO-MZ-1' }));
    expect(early.errMsg).toContain('请先撤销明细');

    const a = await client.cancelFees2205({ person: v.ref, visitId: v.visitId });
    expect(a.visitId).toBe(v.visitId);
    expect(lastInput(log, '2205')).toEqual({ data: { mdtrt_id: v.visitId, chrg_bchno: '0000', psn_no: poor.personNo } });
    expect(visitOf(v.visitId)).toMatchObject({ state: 'open', lines: 0 });
    expect((await rejection(client.preSettle2206(v.settle))).errMsg).toContain('没有待结算');

    const b = await client.cancelRegister2202({ person: v.ref, visitId: v.visitId, hisVisitNo: 'UNDO-MZ-1' });
    expect(b.meta.msgid).toMatch(/^H37030300123/);
    expect(lastInput(log, '2202')).toEqual({ data: { psn_no: poor.personNo, mdtrt_id: v.visitId, ipt_otp_no: 'UNDO-MZ-1' } });
    expect(visitOf(v.visitId).state).toBe('cancelled');

    expect((await rejection(client.settle2207(v.settle))).errMsg).toContain('已撤销');
    expect((await rejection(client.cancelRegister2202({ person: v.ref, visitId: v.visitId, hisVisitNo: 'UNDO-MZ-1' }))).errMsg).toContain('已撤销');
  });

  it('takes back one batch by its chrg_bchno; "0000" takes every unsettled line', async () => {
    const { client, log } = makeClient(sim.url);
    const v = await outpatient(client, 'UNDO-MZ-2', 'B1');
    await client.uploadFees2204({ person: v.ref, visitId: v.visitId, batchNo: 'B2', medType: 'outpatient', lines: lines('B2', LINE_A) });
    expect(visitOf(v.visitId).lines).toBe(3);
    await client.cancelFees2205({ person: v.ref, visitId: v.visitId, batchNo: 'B2' });
    expect(lastInput(log, '2205')).toMatchObject({ data: { chrg_bchno: 'B2' } });
    expect(visitOf(v.visitId).lines).toBe(2);
    await client.cancelFees2205({ person: v.ref, visitId: v.visitId, batchNo: ALL_UNSETTLED_LINES });
    expect(visitOf(v.visitId).lines).toBe(0);
  });

  it('refuses to take back the lines or the visit of a settled visit, with a clear message', async () => {
    const { client } = makeClient(sim.url);
    const v = await outpatient(client, 'UNDO-MZ-3');
    const s = (await client.settle2207(v.settle)).settlement;
    const fees = await rejection(client.cancelFees2205({ person: v.ref, visitId: v.visitId }));
    expect(fees.errMsg).toContain('已结算');
    expect(fees.errMsg).toContain('请先撤销结算');
    const reg = await rejection(client.cancelRegister2202({ person: v.ref, visitId: v.visitId, hisVisitNo: 'UNDO-MZ-3' }));
    expect(reg.errMsg).toContain('已结算，不能撤销挂号');
    expect(sim.ledger().validByVisit[v.visitId]).toBe(1);
    // Once the settlement is cancelled (2208), the visit can be taken back.
    await client.cancel2208({ person: v.ref, visitId: v.visitId, settlementId: s.settlementId });
    await client.cancelFees2205({ person: v.ref, visitId: v.visitId });
    await client.cancelRegister2202({ person: v.ref, visitId: v.visitId, hisVisitNo: 'UNDO-MZ-3' });
    expect(visitOf(v.visitId).state).toBe('cancelled');
  });

  it('is idempotent on msgid, and 2601 reverses it', async () => {
    const { client, msgids } = makeClient(sim.url);
    const v = await outpatient(client, 'UNDO-MZ-4');
    await client.cancelFees2205({ person: v.ref, visitId: v.visitId });
    const msgid = await msgids.next('2202');
    const first = await client.cancelRegister2202({ person: v.ref, visitId: v.visitId, hisVisitNo: 'UNDO-MZ-4' }, { msgid });
    const again = await client.cancelRegister2202({ person: v.ref, visitId: v.visitId, hisVisitNo: 'UNDO-MZ-4' }, { msgid });
    expect(again.meta.refMsgid).toBe(first.meta.refMsgid);
    expect(visitOf(v.visitId).state).toBe('cancelled');
    await client.reverse2601({ person: v.ref, originalMsgid: msgid, originalInfno: '2202' });
    expect(visitOf(v.visitId).state).toBe('open');
    const feeMsgid = [...sim.state.applied.values()].filter((e) => e.infno === '2205').pop()!.msgid;
    await client.reverse2601({ person: v.ref, originalMsgid: feeMsgid, originalInfno: '2205' });
    expect(visitOf(v.visitId).lines).toBe(2);
    expect((await client.settle2207(v.settle)).settlement.settlementId).toMatch(/^JS/);
  });

  it('validates before sending: no visit id, no HIS visit number', async () => {
    const { client, log } = makeClient(sim.url);
    const ref = refOf((await client.personInfo({ cert })).person);
    const before = log.recent(1)[0].id;
    expect(await failure(() => client.cancelFees2205({ person: ref, visitId: '' }))).toMatchObject({ code: 'VALIDATION', field: 'visitId' });
    expect(await failure(() => client.cancelFees2302({ person: ref, visitId: ' ' }))).toMatchObject({ code: 'VALIDATION', field: 'visitId' });
    expect(await failure(() => client.cancelRegister2202({ person: ref, visitId: 'MZ1', hisVisitNo: ' ' }))).toMatchObject({ code: 'VALIDATION', field: 'hisVisitNo' });
    expect(await failure(() => client.cancelAdmission2404({ person: ref, visitId: '', hisVisitNo: 'Z1' }))).toMatchObject({ code: 'VALIDATION', field: 'visitId' });
    expect(log.recent(1)[0].id).toBe(before);
  });
});

describe('undo of an inpatient stay (2302, 2404)', () => {
  it('sends the reference shapes; the lines go, then the admission; a settle of it is refused', async () => {
    const { client, log } = makeClient(sim.url);
    const v = await inpatient(client, 'UNDO-ZY-1');
    expect((await rejection(client.cancelAdmission2404({ person: v.ref, visitId: v.visitId, hisVisitNo: 'UNDO-ZY-1' }))).errMsg).toContain('请先撤销明细');
    await client.cancelFees2302({ person: v.ref, visitId: v.visitId, lineNo: 'UNDO-ZY-1-2' });
    expect(lastInput(log, '2302')).toEqual({ data: { feedetl_sn: 'UNDO-ZY-1-2', mdtrt_id: v.visitId, psn_no: poor.personNo } });
    expect(visitOf(v.visitId).lines).toBe(1);
    await client.cancelFees2302({ person: v.ref, visitId: v.visitId });
    expect(lastInput(log, '2302')).toMatchObject({ data: { feedetl_sn: '0000' } });
    expect(visitOf(v.visitId).lines).toBe(0);
    await client.cancelAdmission2404({ person: v.ref, visitId: v.visitId, hisVisitNo: 'UNDO-ZY-1' });
    expect(lastInput(log, '2404')).toEqual({ data: { mdtrt_id: v.visitId, psn_no: poor.personNo } });
    expect(visitOf(v.visitId).state).toBe('cancelled');
    expect((await rejection(client.settle2304(v.settle))).errMsg).toContain('已撤销');
    // An outpatient call on an inpatient visit is refused.
    expect((await rejection(client.cancelFees2205({ person: v.ref, visitId: v.visitId }))).errMsg).toContain('已撤销');
  });

  it('refuses to take back a settled stay; 2601 of 2404 restores the admission', async () => {
    const { client } = makeClient(sim.url);
    const v = await inpatient(client, 'UNDO-ZY-2');
    await client.settle2304(v.settle);
    expect((await rejection(client.cancelFees2302({ person: v.ref, visitId: v.visitId }))).errMsg).toContain('已结算');
    expect((await rejection(client.cancelAdmission2404({ person: v.ref, visitId: v.visitId, hisVisitNo: 'UNDO-ZY-2' }))).errMsg).toContain('已结算，不能撤销入院登记');

    const w = await inpatient(client, 'UNDO-ZY-3');
    await client.cancelFees2302({ person: w.ref, visitId: w.visitId });
    const undo = await client.cancelAdmission2404({ person: w.ref, visitId: w.visitId, hisVisitNo: 'UNDO-ZY-3' });
    await client.reverse2601({ person: w.ref, originalMsgid: undo.meta.msgid, originalInfno: '2404' });
    expect(visitOf(w.visitId).state).toBe('open');
  });
});
