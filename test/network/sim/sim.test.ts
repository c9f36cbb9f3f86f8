// The simulator itself: msgid idempotency (byte-identical first answer), 2601 reversal, envelope
// checks, fault injection (seeded), the inspection endpoints.
import { afterEach, describe, expect, it } from 'vitest';
import { parseFaults, startNetworkSimulator, type NetworkSimulator } from '../../../electron/network/sim';
import {
  BadResponseError, NotSentError, UnknownOutcomeError, type NetworkClient, type PersonRef,
} from '../../../electron/network/client';
import { LINE_A, NOW, makeClient, refOf } from '../client/helpers';

const sims: NetworkSimulator[] = [];
afterEach(async () => {
  while (sims.length) await sims.pop()!.close();
});
async function sim(o: Parameters<typeof startNetworkSimulator>[0] = {}) {
  const s = await startNetworkSimulator(o);
  sims.push(s);
  return s;
}

let seq = 0;
function env(infno: string, input: unknown, msgid = `H37030300123${String(Date.now()).slice(-14).padStart(14, '0')}${String(++seq % 10000).padStart(4, '0')}`) {
  return {
    infno, msgid, mdtrtarea_admvs: '370303', insuplc_admdvs: '370300', recer_sys_code: 'MBS_LOCAL', dev_no: '', dev_safe_info: '',
    cainfo: '', signtype: '', infver: 'V1.0', opter_type: '1', opter: 'T1', opter_name: '测试', inf_time: '2026-01-01 00:00:00',
    fixmedins_code: 'H37030300123', fixmedins_name: '测试卫生院', sign_no: '1', input,
  };
}
async function post(url: string, body: unknown): Promise<{ status: number; text: string }> {
  const r = await fetch(url, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  return { status: r.status, text: await r.text() };
}

const ID = '370303195803120316';

async function visitReady(client: NetworkClient, hisNo: string) {
  const p = (await client.personInfo({ cert: { type: 'idNumber', no: ID } })).person;
  const ref = refOf(p);
  const cert = { type: 'idNumber' as const, no: ID };
  const reg = await client.register2201({ person: ref, cert, hisVisitNo: hisNo, begin: NOW() });
  const fees = await client.uploadFees2204({ person: ref, visitId: reg.visitId, batchNo: hisNo, medType: 'outpatient', lines: [{ ...LINE_A, lineNo: `${hisNo}-1`, time: NOW() }] });
  return { ref, visitId: reg.visitId, input: { person: ref, cert, visitId: reg.visitId, medType: 'outpatient' as const, batchNo: hisNo, total: fees.split.total, useAccount: false, split: fees.split } };
}

describe('idempotency on msgid', () => {
  it('a repeated msgid gets the first answer byte for byte, even with a different body', async () => {
    // The network's clock moves on between the two sends: a fresh answer would differ in its times.
    let clock = new Date();
    const s = await sim({ now: () => clock });
    const e = env('1101', { data: { mdtrt_cert_type: '02', mdtrt_cert_no: ID } });
    const a = await post(s.url, e);
    clock = new Date(clock.getTime() + 61_000);
    const b = await post(s.url, e);
    const c = await post(s.url, { ...e, input: { data: { mdtrt_cert_type: '02', mdtrt_cert_no: '37030319850115061X' } } });
    expect([a.status, b.status, c.status]).toEqual([200, 200, 200]);
    expect(JSON.parse(a.text).infcode).toBe(0);
    expect(b.text).toBe(a.text);
    expect(c.text).toBe(a.text);
    expect(s.stats().replayed).toBe(2);
  });

  it('a settlement resent with its msgid is applied once', async () => {
    const s = await sim();
    const { client } = makeClient(s.url);
    const v = await visitReady(client, 'IDEM-1');
    const first = await client.settle2207(v.input);
    const again = await client.settle2207(v.input, { msgid: first.meta.msgid });
    expect(again.settlement).toEqual(first.settlement);
    expect(s.ledger().validByVisit[v.visitId]).toBe(1);
    expect(s.ledger().settlements.filter((x) => x.visitId === v.visitId)).toHaveLength(1);
  });

  it('a business rejection is also answered the same way again', async () => {
    const s = await sim();
    const e = env('1101', { data: { mdtrt_cert_type: '02', mdtrt_cert_no: '110101199001011234' } });
    const a = await post(s.url, e);
    expect(a.status).toBe(200);
    expect(JSON.parse(a.text)).toMatchObject({ infcode: -1 });
    const again = await post(s.url, e);
    expect(again.status).toBe(200);
    expect(again.text).toBe(a.text);
  });
});

describe('envelope checks', () => {
  it('refuses empty required envelope fields, a foreign msgid and a missing sign_no', async () => {
    const s = await sim();
    const bad = [
      { ...env('1101', {}), recer_sys_code: '' },
      { ...env('1101', {}), fixmedins_name: null },
      { ...env('1101', {}), msgid: 'X1234' },
      { ...env('1101', {}), sign_no: '' },
    ];
    for (const b of bad) {
      const answer = await post(s.url, b);
      expect(answer.status).toBe(200); // the network answers a refusal in the envelope, not with HTTP
      const r = JSON.parse(answer.text) as { infcode: number; err_msg: string };
      expect(r.infcode, JSON.stringify(b)).toBe(-1);
      expect(r.err_msg).toBeTruthy();
    }
    const notJson = await fetch(s.url, { method: 'POST', body: 'hello' });
    expect(notJson.status).toBe(200);
    expect(JSON.parse(await notJson.text()).infcode).toBe(-1);
  });
});

describe('2601 reversal', () => {
  it('of a msgid never seen is harmless, and that msgid is refused if it arrives later', async () => {
    const s = await sim();
    const { client } = makeClient(s.url);
    const v = await visitReady(client, 'REV-LATE');
    const { msgids } = makeClient(s.url);
    const late = await msgids.next('2207');
    await client.reverse2601({ person: v.ref, originalMsgid: late, originalInfno: '2207' });
    const err = await client.settle2207(v.input, { msgid: late }).catch((e: unknown) => e);
    expect(String((err as Error).message)).toContain('已被冲正');
    expect(s.ledger().validByVisit[v.visitId]).toBeUndefined();
  });

  it('of a registration whose visit is settled is refused; of a fee upload it removes the lines', async () => {
    const s = await sim();
    const { client } = makeClient(s.url);
    const v = await visitReady(client, 'REV-REG');
    const regMsgid = s.ledger().visits.length && [...s.state.applied.values()].find((e) => e.infno === '2201')!.msgid;
    await client.settle2207(v.input);
    const err = await client.reverse2601({ person: v.ref, originalMsgid: String(regMsgid), originalInfno: '2201' }).catch((e: unknown) => e);
    expect(String((err as Error).message)).toContain('已结算');
    const w = await visitReady(client, 'REV-FEE');
    const feeMsgid = [...s.state.applied.values()].filter((e) => e.infno === '2204').pop()!.msgid;
    await client.reverse2601({ person: w.ref, originalMsgid: feeMsgid, originalInfno: '2204' });
    const none = await client.preSettle2206(w.input).catch((e: unknown) => e);
    expect(String((none as Error).message)).toContain('没有待结算');
  });

  it('of a cancellation (2208) restores the settlement', async () => {
    const s = await sim();
    const { client } = makeClient(s.url);
    const v = await visitReady(client, 'REV-2208');
    const st = (await client.settle2207(v.input)).settlement;
    const c = await client.cancel2208({ person: v.ref, visitId: v.visitId, settlementId: st.settlementId });
    expect(s.ledger().validByVisit[v.visitId]).toBeUndefined();
    await client.reverse2601({ person: v.ref, originalMsgid: c.meta.msgid, originalInfno: '2208' });
    expect(s.ledger().validByVisit[v.visitId]).toBe(1);
    const q = (await client.querySettlement5203({ person: v.ref, visitId: v.visitId })).settlement;
    expect(q).toMatchObject({ settlementId: st.settlementId, cancelled: false });
  });

  it('refuses an oinfno that does not match the original', async () => {
    const s = await sim();
    const { client } = makeClient(s.url);
    const v = await visitReady(client, 'REV-MISMATCH');
    const st = await client.settle2207(v.input);
    const err = await client.reverse2601({ person: v.ref, originalMsgid: st.meta.msgid, originalInfno: '2204' }).catch((e: unknown) => e);
    expect(String((err as Error).message)).toContain('原交易编号不符');
  });
});

describe('fault injection', () => {
  it('parses the spec and refuses nonsense', () => {
    expect(parseFaults('drop=0.1,timeout=0.05,error=0.05,dup=0.05,latency=20-200,commit-then-timeout=0.05')).toEqual({
      drop: 0.1, timeout: 0.05, error: 0.05, dup: 0.05, commitThenTimeout: 0.05, latency: [20, 200],
    });
    for (const bad of ['drop', 'drop=2', 'latency=5-1', 'boom=0.1', 'drop=0.6,error=0.6']) expect(() => parseFaults(bad), bad).toThrow();
  });

  async function faulty(spec: string) {
    const s = await sim({ holdMs: 300 });
    const { client } = makeClient(s.url, { timeoutMs: 2000 });
    const v = await visitReady(client, `F-${spec}`);
    s.setFaults(spec);
    return { s, client, v };
  }

  it('drop: no answer, nothing applied', async () => {
    const { s, client, v } = await faulty('drop=1,only=2207');
    expect(await client.settle2207(v.input).catch((e: unknown) => e)).toBeInstanceOf(UnknownOutcomeError);
    s.setFaults('none');
    expect((await client.querySettlement5203({ person: v.ref, visitId: v.visitId })).settlement).toBeNull();
    expect(s.stats().faults.drop).toBe(1);
  });

  it('timeout: held, then closed; nothing applied', async () => {
    const { s, client, v } = await faulty('timeout=1,only=2207');
    expect(await client.settle2207(v.input).catch((e: unknown) => e)).toBeInstanceOf(UnknownOutcomeError);
    s.setFaults('none');
    expect(s.ledger().validByVisit[v.visitId]).toBeUndefined();
  });

  it('error: HTTP 500, nothing applied', async () => {
    const { s, client, v } = await faulty('error=1,only=2207');
    const err = (await client.settle2207(v.input).catch((e: unknown) => e)) as BadResponseError;
    expect(err.httpStatus).toBe(500);
    expect(s.ledger().validByVisit[v.visitId]).toBeUndefined();
  });

  it('commit-then-timeout: applied without an answer; 5203 finds it by the msgid', async () => {
    const { s, client, v } = await faulty('commit-then-timeout=1,only=2207');
    const err = (await client.settle2207(v.input).catch((e: unknown) => e)) as UnknownOutcomeError;
    expect(err).toBeInstanceOf(UnknownOutcomeError);
    s.setFaults('none');
    const q = (await client.querySettlement5203({ person: v.ref, visitId: v.visitId })).settlement;
    expect(q?.sourceMsgid).toBe(err.msgid);
    expect(s.ledger().validByVisit[v.visitId]).toBe(1);
    // resending with the same msgid now returns the first answer, still one settlement
    const again = await client.settle2207(v.input, { msgid: err.msgid });
    expect(again.settlement.settlementId).toBe(q?.settlementId);
  });

  it('dup: processed twice inside, applied once, answered once', async () => {
    const { s, client, v } = await faulty('dup=1,only=2207');
    await client.settle2207(v.input);
    expect(s.stats().dupAbsorbed).toBe(1);
    expect(s.ledger().validByVisit[v.visitId]).toBe(1);
  });

  it('latency delays every answer', async () => {
    const { client, v } = await faulty('latency=120-150');
    const t0 = Date.now();
    await client.querySettlement5203({ person: v.ref, visitId: v.visitId });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(115);
  });

  it('is reproducible for a seed', async () => {
    const counts = async (seed: number) => {
      const s = await sim({ faults: 'drop=0.3,error=0.3', seed });
      for (let i = 0; i < 40; i++) await post(s.url, env('1101', {})).catch(() => undefined);
      return s.stats().faults;
    };
    const a = await counts(7);
    expect(await counts(7)).toEqual(a);
    expect(a.drop + a.error).toBeGreaterThan(5);
    expect(a.drop + a.error).toBeLessThan(40);
  });

  it('a closed port is NotSent', async () => {
    const s = await sim();
    const url = s.url;
    await s.close();
    sims.pop();
    const { client } = makeClient(url);
    expect(await client.signIn().catch((e: unknown) => e)).toBeInstanceOf(NotSentError);
  });

  it('the inspection endpoints report the ledger and change faults', async () => {
    const s = await sim();
    const base = s.url.replace(/\/fsi.*$/, '');
    const f = await fetch(`${base}/__sim/faults`, { method: 'POST', body: JSON.stringify({ faults: 'drop=0.5' }) });
    expect(f.status).toBe(200);
    expect(await f.json()).toEqual({ ok: true, faults: 'drop=0.5' });
    expect(s.faults()).toBe('drop=0.5');
    const ledger = await fetch(`${base}/__sim/ledger`);
    expect(ledger.status).toBe(200);
    const l = (await ledger.json()) as { settlements: unknown[] };
    expect(l.settlements).toEqual([]);
    const bad = await fetch(`${base}/__sim/faults`, { method: 'POST', body: JSON.stringify({ faults: 'drop=9' }) });
    expect(bad.status).toBe(400);
  });
});

describe('the retry rules under chaos: never two applied settlements for one visit', () => {
  it('settles 25 visits through drops, timeouts, errors, dups and commit-then-timeouts', async () => {
    const s = await sim({ holdMs: 200, seed: 42 });
    const { client, msgids } = makeClient(s.url, { timeoutMs: 1500 });
    const visits: { ref: PersonRef; visitId: string; input: Awaited<ReturnType<typeof visitReady>>['input'] }[] = [];
    for (let i = 0; i < 25; i++) visits.push(await visitReady(client, `CHAOS-${i}`));
    s.setFaults('drop=0.15,timeout=0.1,error=0.1,dup=0.1,commit-then-timeout=0.15,latency=0-5');
    for (const v of visits) {
      let msgid = await msgids.next('2207');
      for (let attempt = 0; attempt < 60; attempt++) {
        try {
          await client.settle2207(v.input, { msgid });
          break;
        } catch (err) {
          if (err instanceof NotSentError) continue; // same msgid
          // unknown outcome: resolve by 5203 (retrying the query itself until it answers)
          let found: boolean | undefined;
          while (found === undefined) {
            found = await client.querySettlement5203({ person: v.ref, visitId: v.visitId }).then(
              (a) => a.settlement !== null && !a.settlement.cancelled, () => undefined);
          }
          if (found) break;
          msgid = await msgids.next('2207'); // certainly not applied: redo with a new msgid
        }
      }
    }
    s.setFaults('none');
    const ledger = s.ledger();
    for (const v of visits) expect(ledger.validByVisit[v.visitId], v.visitId).toBe(1);
    const st = s.stats();
    expect(st.faults.drop + st.faults.timeout + st.faults.error + st.faults.commitThenTimeout).toBeGreaterThan(3);
  }, 120_000);
});

describe('journal', () => {
  it('keeps the books across a restart: same ledger, same first answers, no id collisions', async () => {
    const { tempDir } = await import('../client/helpers.js');
    const file = `${tempDir()}/journal.jsonl`;
    const a = await startNetworkSimulator({ journalFile: file });
    const { client } = makeClient(a.url);
    const v = await visitReady(client, 'J-1');
    const first = await client.settle2207(v.input);
    const e = env('1101', { data: { mdtrt_cert_type: '02', mdtrt_cert_no: ID } });
    const sent = await post(a.url, e);
    expect(sent.status).toBe(200);
    const answer = sent.text;
    const before = a.ledger();
    await a.close();
    const b = await sim({ journalFile: file });
    expect(b.ledger()).toEqual(before);
    const replayed = await post(b.url, e);
    expect(replayed.status).toBe(200);
    expect(replayed.text).toBe(answer);
    const { client: c2 } = makeClient(b.url);
    const again = await c2.settle2207(v.input, { msgid: first.meta.msgid });
    expect(again.settlement.settlementId).toBe(first.settlement.settlementId);
    const w = await visitReady(c2, 'J-2');
    const second = await c2.settle2207(w.input);
    expect(second.settlement.settlementId).not.toBe(first.settlement.settlementId);
    expect(b.ledger().validByVisit).toEqual({ [v.visitId]: 1, [w.visitId]: 1 });
  });
});
