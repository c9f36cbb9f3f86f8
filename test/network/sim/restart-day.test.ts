// The built-in simulator keeps its books across a restart whatever the date or the host's time
// zone: a settlement made late on one China day is still there (year-to-date too) after a restart
// on the next day in another zone, and its cancellation is accepted.
import { afterEach, describe, expect, it } from 'vitest';
import { startNetworkSimulator, type NetworkSimulator } from '../../../electron/network/sim';
import { fromChina } from '../../../electron/core/time';
import { LINE_A, NOW, makeClient, refOf, tempDir } from '../client/helpers';

const savedTz = process.env.TZ;
const sims: NetworkSimulator[] = [];
afterEach(async () => {
  while (sims.length) await sims.pop()!.close();
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

const ID = '370303195803120316';

describe('simulator restart on another day', () => {
  it('keeps settlements and year-to-date, and accepts the later cancel', async () => {
    const file = `${tempDir()}/journal.jsonl`;
    // 23:50 China time on 7 Dec, on a host in Los Angeles (still 7 Dec 07:50 there).
    process.env.TZ = 'America/Los_Angeles';
    let now = fromChina('2026-12-07 23:50:00');
    const a = await startNetworkSimulator({ journalFile: file, now: () => now });
    sims.push(a);
    const { client } = makeClient(a.url);
    const cert = { type: 'idNumber' as const, no: ID };
    const p = (await client.personInfo({ cert })).person;
    const ref = refOf(p);
    const reg = await client.register2201({ person: ref, cert, hisVisitNo: 'DAY-1', begin: NOW() });
    const fees = await client.uploadFees2204({ person: ref, visitId: reg.visitId, batchNo: 'DAY-1', medType: 'outpatient', lines: [{ ...LINE_A, lineNo: 'DAY-1-1', time: NOW() }] });
    const settled = await client.settle2207({ person: ref, cert, visitId: reg.visitId, medType: 'outpatient', batchNo: 'DAY-1', total: fees.split.total, useAccount: false, split: fees.split });
    const ytdBefore = (await client.personInfo({ cert })).person.ytd;
    const ledger = a.ledger();
    await a.close();
    sims.pop();

    // Restart at 09:00 China time on 8 Dec, on a host in Shanghai.
    process.env.TZ = 'Asia/Shanghai';
    now = fromChina('2026-12-08 09:00:00');
    const b = await startNetworkSimulator({ journalFile: file, now: () => now });
    sims.push(b);
    expect(b.ledger()).toEqual(ledger);
    const { client: c2 } = makeClient(b.url);
    const after = (await c2.personInfo({ cert })).person.ytd;
    expect(after).toEqual(ytdBefore);
    const cancelled = await c2.cancel2208({ person: ref, visitId: reg.visitId, settlementId: settled.settlement.settlementId });
    expect(cancelled.settlement.settlementId).not.toBe(settled.settlement.settlementId);
    expect(b.ledger().validByVisit[reg.visitId] ?? 0).toBe(0);
  });
});
