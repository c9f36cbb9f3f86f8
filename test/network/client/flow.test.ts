// The client against the real simulator on loopback: every transaction, parsed and validated.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNetworkSimulator, derivedEVoucherToken, type NetworkSimulator } from '../../../electron/network/sim';
import { BusinessRejectedError, type FeeLineInput } from '../../../electron/network/client';
import { demoPersonByKey } from '../../../electron/demo/persons';
import { LINE_A, LINE_B, LINE_C, NOW, makeClient, refOf } from './helpers';

let sim: NetworkSimulator;
beforeAll(async () => {
  sim = await startNetworkSimulator({ port: 0 });
});
afterAll(() => sim.close());

const poor = demoPersonByKey('poor')!;
const employee = demoPersonByKey('employee')!;

function lines(prefix: string, ...defs: Omit<FeeLineInput, 'lineNo' | 'time'>[]): FeeLineInput[] {
  return defs.map((d, i) => ({ ...d, lineNo: `${prefix}-${i + 1}`, time: NOW() }));
}

describe('network client against the simulator', () => {
  it('signs in automatically, keeps the sign_no and sends it on later calls', async () => {
    const { client, log } = makeClient(sim.url);
    expect(client.signNo).toBeUndefined();
    await client.personInfo({ cert: { type: 'idNumber', no: poor.idNumber } });
    expect(client.signNo).toMatch(/^\d+$/);
    const rows = log.recent(10).reverse();
    expect(rows.map((r) => r.infno)).toEqual(['9001', '1101']);
    const env = JSON.parse(rows[1].request) as Record<string, string>;
    expect(env.sign_no).toBe(client.signNo);
    for (const k of ['infno', 'msgid', 'mdtrtarea_admvs', 'insuplc_admdvs', 'recer_sys_code', 'infver', 'opter_type', 'opter', 'opter_name', 'inf_time', 'fixmedins_code', 'fixmedins_name', 'sign_no']) {
      expect(env[k], k).toBeTruthy();
    }
    expect(env.msgid).toMatch(/^H37030300123\d{14}01\d{2}$/);
  });

  it('looks a person up by ID number, social security card, e-voucher code and derived token', async () => {
    const { client } = makeClient(sim.url);
    const byId = (await client.personInfo({ cert: { type: 'idNumber', no: poor.idNumber.toLowerCase() } })).person;
    expect(byId).toMatchObject({ personNo: poor.personNo, name: poor.name, insutype: '390', insuranceType: 'resident', insuranceRegion: '370300' });
    expect(byId.identities).toEqual(['poverty']);
    expect(byId.enrolled).toEqual(['qihuibao']);
    expect(byId.chronic.map((c) => c.code)).toEqual(['I10', 'E11']);
    const byCard = (await client.personInfo({ cert: { type: 'ssCard', no: poor.card.cardNumber, cardSn: poor.card.cardId } })).person;
    expect(byCard.personNo).toBe(poor.personNo);
    const byCode = (await client.personInfo({ cert: { type: 'eVoucher', no: poor.eVoucherCode } })).person;
    expect(byCode.personNo).toBe(poor.personNo);
    const byToken = (await client.personInfo({ cert: { type: 'eVoucher', no: derivedEVoucherToken(employee.eVoucherCode) } })).person;
    expect(byToken).toMatchObject({ personNo: employee.personNo, insutype: '310', insuranceType: 'employee', accountBalance: '1260.50' });
    sim.registerToken('A'.repeat(40), 'destitute');
    const byRegistered = (await client.personInfo({ cert: { type: 'eVoucher', no: 'A'.repeat(40) } })).person;
    expect(byRegistered.identities).toEqual(['destitute']);
  });

  it('maps identity codes through the setup map', async () => {
    const { client } = makeClient(sim.url, { identityMap: { '210': 'atRisk' } });
    const p = (await client.personInfo({ cert: { type: 'idNumber', no: poor.idNumber } })).person;
    expect(p.identities).toEqual(['atRisk']);
    expect(p.identityRows[0].code).toBe('210');
  });

  it('rejects an unknown person with the network message', async () => {
    const { client } = makeClient(sim.url);
    const err = await client.personInfo({ cert: { type: 'idNumber', no: '110101199001011234' } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BusinessRejectedError);
    expect((err as BusinessRejectedError).errMsg).toContain('未查询到');
  });

  it('runs an outpatient visit: register, visit info, fee lines, pre-settle, settle, query, cancel', async () => {
    const { client } = makeClient(sim.url);
    const p = (await client.personInfo({ cert: { type: 'idNumber', no: poor.idNumber } })).person;
    const ref = refOf(p);
    const cert = { type: 'idNumber' as const, no: poor.idNumber };
    const reg = await client.register2201({ person: ref, cert, hisVisitNo: 'MZ-FLOW-1', begin: NOW() });
    expect(reg.visitId).toMatch(/^MZ/);
    expect(reg.hisVisitNo).toBe('MZ-FLOW-1');
    await client.visitInfo2203({ person: ref, visitId: reg.visitId, medType: 'outpatient', begin: NOW(), diagnoses: [{ code: 'J06.9', name: '急性上呼吸道感染' }] });
    const fees = await client.uploadFees2204({
      person: ref, visitId: reg.visitId, batchNo: 'B1', medType: 'outpatient',
      lines: lines('L', { ...LINE_A, quantity: '8' }, LINE_B, LINE_C),
    });
    // 80.00 + 74.10 + 4.00 (3 x 1.333 = 3.999 -> 4.00 to the fen)
    expect(fees.lines.map((l) => [l.class, l.amount])).toEqual([['A', '80.00'], ['B', '74.10'], ['C', '4.00']]);
    expect(fees.split).toEqual({ total: '158.10', fullSelfPay: '4.00', overLimit: '0.00', preSelfPay: '7.41', inScope: '146.69' });
    const base = { person: ref, cert, visitId: reg.visitId, medType: 'outpatient' as const, batchNo: 'B1', total: fees.split.total, useAccount: false };
    const pre = (await client.preSettle2206(base)).settlement;
    expect(pre.settlementId).toBe('');
    expect(pre.layers.basic).toBe('48.35'); // (146.69 - 50) x 0.50, half-up
    const settled = await client.settle2207({ ...base, split: fees.split });
    const s = settled.settlement;
    expect(s.settlementId).toMatch(/^JS/);
    expect(s.sourceMsgid).toBe(settled.meta.msgid);
    expect(s.layers).toEqual(pre.layers);
    expect(s.total).toBe('158.10');
    expect(s.cancelled).toBe(false);
    const q = (await client.querySettlement5203({ person: ref, visitId: reg.visitId })).settlement;
    expect(q?.settlementId).toBe(s.settlementId);
    expect(q?.cancelled).toBe(false);
    const again = await client.settle2207({ ...base, split: fees.split }).catch((e: unknown) => e);
    expect((again as BusinessRejectedError).errMsg).toContain('已结算');
    const cancel = (await client.cancel2208({ person: ref, visitId: reg.visitId, settlementId: s.settlementId })).settlement;
    expect(cancel.total).toBe('-158.10');
    expect(cancel.cancelled).toBe(true);
    expect(cancel.settlementId).not.toBe(s.settlementId);
    const q2 = (await client.querySettlement5203({ person: ref, settlementId: s.settlementId })).settlement;
    expect(q2?.cancelled).toBe(true);
  });

  it('pays from the employee personal account when asked, and restores it on cancel', async () => {
    const { client } = makeClient(sim.url);
    const p = (await client.personInfo({ cert: { type: 'idNumber', no: employee.idNumber } })).person;
    const ref = refOf(p);
    const cert = { type: 'idNumber' as const, no: employee.idNumber };
    const reg = await client.register2201({ person: ref, cert, hisVisitNo: 'MZ-EMP-1', begin: NOW() });
    const fees = await client.uploadFees2204({ person: ref, visitId: reg.visitId, batchNo: 'E1', medType: 'outpatient', lines: lines('E', LINE_A) });
    const s = (await client.settle2207({ person: ref, cert, visitId: reg.visitId, medType: 'outpatient', batchNo: 'E1', total: fees.split.total, useAccount: true, split: fees.split })).settlement;
    expect(s.account).toBe('10.00');
    expect(s.cash).toBe('0.00');
    expect(s.balance).toBe(p.accountBalance === '1260.50' ? '1250.50' : s.balance);
    expect(s.details.some((d) => d.fundType === '310200')).toBe(true);
    await client.cancel2208({ person: ref, visitId: reg.visitId, settlementId: s.settlementId });
    const after = (await client.personInfo({ cert })).person;
    expect(after.accountBalance).toBe(p.accountBalance);
  });

  it('runs an inpatient stay: admission, fee lines, pre-settle, discharge, settle, cancel', async () => {
    const { client } = makeClient(sim.url);
    const p = (await client.personInfo({ cert: { type: 'idNumber', no: poor.idNumber } })).person;
    const ref = refOf(p);
    const cert = { type: 'idNumber' as const, no: poor.idNumber };
    const adm = await client.admit2401({ person: ref, cert, hisVisitNo: 'ZY-1', begin: NOW(), diagnoses: [{ code: 'J18.9', name: '肺炎' }] });
    expect(adm.visitId).toMatch(/^ZY/);
    const fees = await client.uploadFees2301({
      person: ref, visitId: adm.visitId, batchNo: '', medType: 'inpatient',
      lines: lines('Z', { listCode: '001103000010000', hospCode: 'CW0001', quantity: '5', unitPrice: '30.00' }, { ...LINE_B, quantity: '100' }),
    });
    expect(fees.split.total).toBe('1385.00');
    const base = { person: ref, cert, visitId: adm.visitId, medType: 'inpatient' as const, batchNo: '', total: fees.split.total, useAccount: false };
    const pre = (await client.preSettle2303(base)).settlement;
    await client.discharge2402({ person: ref, visitId: adm.visitId, end: NOW(), diagnoses: [{ code: 'J18.9', name: '肺炎' }] });
    const s = (await client.settle2304({ ...base, split: fees.split })).settlement;
    expect(s.layers).toEqual(pre.layers);
    expect(Number(s.layers.basic)).toBeGreaterThan(0);
    const c = (await client.cancel2305({ person: ref, visitId: adm.visitId, settlementId: s.settlementId })).settlement;
    expect(c.total).toBe('-1385.00');
  });

  it('reverses a settlement with 2601: the network no longer has it, and a redo with a new msgid settles once', async () => {
    const { client } = makeClient(sim.url);
    const p = (await client.personInfo({ cert: { type: 'idNumber', no: poor.idNumber } })).person;
    const ref = refOf(p);
    const cert = { type: 'idNumber' as const, no: poor.idNumber };
    const reg = await client.register2201({ person: ref, cert, hisVisitNo: 'MZ-REV-1', begin: NOW() });
    const fees = await client.uploadFees2204({ person: ref, visitId: reg.visitId, batchNo: 'R1', medType: 'outpatient', lines: lines('R', LINE_A) });
    const input = { person: ref, cert, visitId: reg.visitId, medType: 'outpatient' as const, batchNo: 'R1', total: fees.split.total, useAccount: false, split: fees.split };
    const first = await client.settle2207(input);
    await client.reverse2601({ person: ref, originalMsgid: first.meta.msgid, originalInfno: '2207' });
    expect((await client.querySettlement5203({ person: ref, visitId: reg.visitId })).settlement).toBeNull();
    // reversing again is harmless
    await client.reverse2601({ person: ref, originalMsgid: first.meta.msgid, originalInfno: '2207' });
    const redo = await client.settle2207(input);
    expect(redo.meta.msgid).not.toBe(first.meta.msgid);
    expect(sim.ledger().validByVisit[reg.visitId]).toBe(1);
  });

  it('reconciles totals (net) and details', async () => {
    const { client } = makeClient(sim.url, { institutionCode: 'H37030300456', institutionName: '中埠镇西村卫生室', terminalNo: '02' });
    const p = (await client.personInfo({ cert: { type: 'idNumber', no: poor.idNumber } })).person;
    const ref = refOf(p);
    const cert = { type: 'idNumber' as const, no: poor.idNumber };
    const settleOne = async (no: string) => {
      const reg = await client.register2201({ person: ref, cert, hisVisitNo: no, begin: NOW() });
      const fees = await client.uploadFees2204({ person: ref, visitId: reg.visitId, batchNo: no, medType: 'outpatient', lines: lines(no, LINE_A, LINE_B) });
      return (await client.settle2207({ person: ref, cert, visitId: reg.visitId, medType: 'outpatient', batchNo: no, total: fees.split.total, useAccount: false, split: fees.split })).settlement;
    };
    const a = await settleOne('REC-1');
    const b = await settleOne('REC-2');
    const cb = (await client.cancel2208({ person: ref, visitId: b.visitId, settlementId: b.settlementId })).settlement;
    const today = NOW().slice(0, 10);
    const totals = { insutype: '390', clearingType: '', clearingAgency: '370300', begin: today, end: today, accountTotal: '0.00' };
    const good = await client.reconcileTotals3201({ ...totals, medfeeTotal: a.total, fundTotal: a.fundTotal, count: 1 });
    expect(good.balanced).toBe(true);
    const bad = await client.reconcileTotals3201({ ...totals, medfeeTotal: '84.10', fundTotal: a.fundTotal, count: 3 });
    expect(bad).toMatchObject({ balanced: false, code: '1' });
    expect(bad.description).toContain('不平');
    const row = (s: typeof a, refund: boolean) => ({ settlementId: s.settlementId, visitId: s.visitId, personNo: s.personNo, medfeeTotal: s.total, fundTotal: s.fundTotal, accountTotal: s.account, refund });
    const det = await client.reconcileDetails3202({
      clearingAgency: '370300', begin: today, end: today, medfeeTotal: a.total, fundTotal: a.fundTotal, cashTotal: a.cash, count: 1,
      rows: [row(a, false), row(b, false), { ...row(cb, true), medfeeTotal: '-1.00' }],
    });
    const byId = Object.fromEntries(det.rows.map((r) => [r.settlementId, r]));
    expect(byId[a.settlementId]).toMatchObject({ balanced: true, code: '0' });
    expect(byId[b.settlementId].balanced).toBe(true);
    expect(byId[cb.settlementId]).toMatchObject({ balanced: false, refund: true, memo: '金额不符' });
    expect(byId[a.settlementId].msgid).toMatch(/^H37030300456/);
  });

  it('signs out and forgets the sign_no', async () => {
    const { client } = makeClient(sim.url);
    await client.signIn();
    const out = await client.signOut();
    expect(out.signTime).toMatch(/^\d{4}-\d{2}-\d{2}/);
    expect(client.signNo).toBeUndefined();
  });
});
