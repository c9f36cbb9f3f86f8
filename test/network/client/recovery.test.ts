// The client's side of safe recovery against the strict simulator: sign-in at the first call of
// each China day and again when the platform ends it (the refused call sent again under a new
// msgid), sign-out at close, a gateway's own answer read as a refusal with its words (never
// "offline"), 2601's explicit outcomes, and 9102 read as the zip file it is.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlatformSimulator } from '../../../electron/network/simulator';
import { fromChina } from '../../../electron/core/time';
import {
  BadResponseError, BusinessRejectedError, GatewayRefusalError, SignInEndedError, retryAs,
} from '../../../electron/network/client';
import { demoPersonByKey } from '../../../electron/demo/persons';
import { CATY, DEPT, DIAGNOSIS, DOCTOR, LINE_A, NOW, closeSims, feeLines, refOf, simClient, startSim, tempDb } from './helpers';


let sim: PlatformSimulator;
beforeAll(async () => {
  sim = await startSim();
});
afterAll(closeSims);

const poor = demoPersonByKey('poor')!;
const byId = { cert: { type: 'idNumber' as const, no: poor.idNumber } };

/** A clock that can be moved (both the platform and the window follow it). */
function movable(start: string) {
  let at = fromChina(start).getTime();
  const base = Date.now();
  return { now: () => new Date(at + (Date.now() - base)), move: (ms: number) => (at += ms) };
}

describe('sign-in', () => {
  it('signs in again at the first call of a new China business day', async () => {
    const clock = movable('2026-05-14 23:59:00');
    const own = await startSim({ now: clock.now });
    const { client, log } = simClient(own, {}, { db: tempDb(), now: clock.now });
    await client.personInfo(byId);
    const first = client.signNo;
    clock.move(90_000); // 00:00:30 the next day: the platform ended yesterday's sign-in
    await client.personInfo(byId);
    expect(client.signNo).not.toBe(first);
    expect(log.recent(10).reverse().map((r) => [r.infno, r.outcome])).toEqual([['9001', 'ok'], ['1101', 'ok'], ['9001', 'ok'], ['1101', 'ok']]);
  });

  it('a call refused because the platform ended the sign-in is signed in again and sent under a new msgid', async () => {
    const { client, log } = simClient(sim);
    await client.personInfo(byId);
    const first = client.signNo;
    expect(sim.endSignIns()).toBeGreaterThan(0);
    const a = await client.personInfo(byId);
    expect(client.signNo).not.toBe(first);
    const rows = log.recent(10).reverse().slice(2);
    expect(rows.map((r) => [r.infno, r.outcome])).toEqual([['1101', 'rejected'], ['9001', 'ok'], ['1101', 'ok']]);
    expect(rows[0].err_msg).toContain('签到');
    expect(rows[2].msgid).toBe(a.meta.msgid);
    expect(rows[2].msgid).not.toBe(rows[0].msgid);
  });

  it('with a caller\'s msgid, the new one comes from renewMsgid (stored first); without it: SignInEndedError, signed in again', async () => {
    const { client, msgids } = simClient(sim);
    await client.signIn();
    sim.endSignIns();
    const renewed: string[] = [];
    const own = await msgids.next('1101');
    const a = await client.personInfo(byId, { msgid: own, renewMsgid: async (infno) => { const m = await msgids.next(infno); renewed.push(m); return m; } });
    expect(renewed).toHaveLength(1);
    expect(a.meta.msgid).toBe(renewed[0]);
    sim.endSignIns();
    const err = await client.personInfo(byId, { msgid: await msgids.next('1101') }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SignInEndedError);
    expect((err as SignInEndedError).needsNewMsgid).toBe(true);
    // Signed in again already: the next call goes through at once.
    await client.personInfo(byId);
  });

  it('refused again after signing in anew (the platform ends that sign-in too): SignInEndedError, never a refusal to show', async () => {
    const own = await startSim({ faults: 'signin-end=1,only=1101' });
    const { client } = simClient(own, {}, { db: tempDb() });
    const err = await client.personInfo(byId).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SignInEndedError);
    expect(retryAs(err)).toBe('resendSameMsgid');
    expect(own.stats().byInfno['1101']).toBe(2);
    own.setFaults('');
    expect((await client.personInfo(byId)).person.personNo).toBe(poor.personNo);
  });

  it('a reachability probe does not end the sign-in other calls use (1901 while signed in, 9001 before)', async () => {
    const own = await startSim();
    const { client, log } = simClient(own, {}, { db: tempDb() });
    await client.ping();
    const no = client.signNo;
    expect(no).toBeTruthy();
    await client.ping();
    await client.ping();
    expect(client.signNo).toBe(no);
    expect(log.recent(3).reverse().map((r) => r.infno)).toEqual(['9001', '1901', '1901']);
    expect(own.ledger().signIns).toEqual({ active: 1, ended: 0 });
  });

  it('signs out (9002) at close; the platform then refuses that sign_no', async () => {
    const { client, log } = simClient(sim);
    await client.personInfo(byId);
    const no = client.signNo;
    expect(await client.close()).toEqual({ signedOut: true });
    expect(client.signNo).toBeUndefined();
    expect(log.recent(1)[0].infno).toBe('9002');
    expect(sim.ledger().signIns.ended).toBeGreaterThan(0);
    expect(await client.close()).toEqual({ signedOut: false });
    expect(no).toBeTruthy();
  });
});

describe('answers outside the envelope', () => {
  it('a gateway\'s {code, message} is a refusal with its words, not "offline"; a 502 HTML page is an unusable answer', async () => {
    const own = await startSim();
    const { client, log } = simClient(own, {}, { db: tempDb() });
    await client.signIn();
    own.setFaults('gateway=1,only=1101');
    const seen: unknown[] = [];
    for (let i = 0; i < 2; i++) seen.push(await client.personInfo(byId).catch((e: unknown) => e));
    expect(seen[0]).toBeInstanceOf(GatewayRefusalError);
    expect(seen[0]).toBeInstanceOf(BusinessRejectedError);
    expect((seen[0] as GatewayRefusalError).errMsg).toBe('医保网关服务异常，请稍后重试');
    expect((seen[1] as GatewayRefusalError).errMsg).toBe('医保前置服务不可用');
    expect((seen[1] as GatewayRefusalError).httpStatus).toBe(500);
    expect(retryAs(seen[0])).toBe('deadLetter');
    expect(client.lastSeenOnline?.online).toBe(true);
    expect(log.recent(1)[0].outcome).toBe('rejected');
    own.setFaults('5xx=1,only=1101');
    const html = await client.personInfo(byId).catch((e: unknown) => e);
    expect(html).toBeInstanceOf(BadResponseError);
    expect(retryAs(html)).toBe('resolveThenRedo');
  });
});

/** A visit settled at the network (2201, 2203, 2204, 2207). */
async function settled(client: ReturnType<typeof simClient>['client']) {
  const p = (await client.personInfo(byId)).person;
  const ref = refOf(p);
  const cert = byId.cert;
  const reg = await client.register2201({ person: ref, cert, hisVisitNo: `REV-${Date.now()}`, begin: NOW(), doctor: DOCTOR, dept: DEPT, caty: CATY });
  await client.visitInfo2203({ person: ref, visitId: reg.visitId, medType: 'outpatient', begin: NOW(), diagnoses: [DIAGNOSIS], dept: DEPT, doctor: DOCTOR });
  const fees = await client.uploadFees2204({ person: ref, visitId: reg.visitId, batchNo: 'B', medType: 'outpatient', lines: feeLines(`REV${Date.now()}`, LINE_A) });
  const s = await client.settle2207({ person: ref, cert, visitId: reg.visitId, medType: 'outpatient', batchNo: 'B', total: fees.split.total, useAccount: false, split: fees.split });
  return { ref, reg, s };
}

describe('2601 outcomes and 9102 files', () => {
  it('2601: reversed, the explicit "not found", "already reversed"; another refusal is thrown with its words', async () => {
    const { client } = simClient(sim);
    const { ref, reg, s } = await settled(client);
    const r = (o: string, i = '2207') => client.reverse2601({ person: ref, originalMsgid: o, originalInfno: i });
    expect((await r(s.meta.msgid)).outcome).toBe('reversed');
    expect((await r(s.meta.msgid)).outcome).toBe('alreadyReversed');
    expect((await r(`H37030300123${'2'.repeat(14)}0199`)).outcome).toBe('notFound');
    const refused = await r(reg.meta.msgid, '2201').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(BusinessRejectedError);
    expect((refused as BusinessRejectedError).errMsg).toContain('不允许冲正');
  });

  it('9102 answers with the zip file: read into its entries (the 3202 result); a missing file is the platform\'s refusal', async () => {
    const { client } = simClient(sim);
    const today = NOW().slice(0, 10);
    const { s } = await settled(client);
    const x = s.settlement;
    const row = { settlementId: x.settlementId, visitId: x.visitId, personNo: x.personNo, medfeeTotal: x.total, fundTotal: x.fundTotal, accountTotal: x.account, refund: false };
    const d = await client.reconcileDetails3202({ clearingAgency: '370300', clearingType: '11', begin: today, end: today, medfeeTotal: x.total, fundTotal: x.fundTotal, cashTotal: x.cash, count: 1, rows: [row] });
    expect(d.fileQueryNo).toBeTruthy();
    // The result file (a zip, read by 9102) names this settlement with the msgid that made it.
    expect(d.rows.find((r) => r.settlementId === x.settlementId)).toMatchObject({ msgid: s.meta.msgid, personNo: x.personNo });
    const err = await client.download9102('fsi/plc/00000000000000000000000000000000', 'none.txt.zip').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BusinessRejectedError);
    expect(client.isRefusal(err, 'fileMissing')).toBe(true);
  });
});
