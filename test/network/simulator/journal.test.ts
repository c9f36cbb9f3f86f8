// The journal keeps the platform's books across a restart whatever the date or the host's time
// zone: settlements, year-to-date figures, accounts, matchings, traceability codes, catalog
// versions, e-voucher tokens and first answers to msgids are all there after a restart on the
// next China day in another zone; the old day's sign-in has ended.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fromChina } from '../../../electron/core/time';
import { PLATFORM_TEXT } from '../../../electron/network/simulator';
import { closeSims, LINES, person, Raw, registration, signedIn, startSim, visitInfo, visitWithFees, type Json } from './helpers';

const savedTz = process.env.TZ;
afterEach(async () => {
  await closeSims();
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

describe('journal', () => {
  it('restarts on the next China day in another host time zone with the same books', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'platform-sim-')), 'journal.jsonl');
    process.env.TZ = 'America/Los_Angeles';
    let now = fromChina('2026-12-07 23:50:00');
    const a = await startSim({ journalFile: file, now: () => now });
    const r = await signedIn(a, () => now);
    const emp = await person(r, '370303197902280728');
    const v = await visitWithFees(r, emp, [LINES.consult, LINES.ultrasound]);
    const settleEnv = r.env('2207', { data: { ...v.settle.data, acct_used_flag: '1' } });
    const first = await r.post(settleEnv);
    const s = JSON.parse(first.text).output as Json;
    const token = a.issueToken('poor');
    const poor = await person(r, '370303195803120316');
    const tokenVisit = await r.ok('2201', registration(poor, r, { mdtrt_cert_type: '01', mdtrt_cert_no: token }));
    await r.ok('2203', visitInfo(poor, tokenVisit.data.mdtrt_id, r));
    await r.ok('3301', { data: [{ fixmedins_hilist_id: 'YP0005', fixmedins_hilist_name: '阿莫西林', list_type: '101', med_list_codg: 'XJ01CAA046E001010100213' }] });
    const published = a.publishCatalog();
    const ytd = await r.ok('5206', { data: { psn_no: emp.psn_no } }, { insuplc_admdvs: '370300' });
    const ledger = a.ledger();
    await closeSims();

    process.env.TZ = 'Asia/Shanghai';
    now = fromChina('2026-12-08 09:00:00');
    const b = await startSim({ journalFile: file, now: () => now });
    expect(b.ledger().settlements).toEqual(ledger.settlements);
    expect(b.ledger().visits).toEqual(ledger.visits);
    const old = new Raw(b.url, () => now);
    old.signNo = r.signNo;
    expect(await old.refused('1101', { data: { mdtrt_cert_type: '02', mdtrt_cert_no: emp.certno } })).toBe(PLATFORM_TEXT.signInvalid);
    const r2 = await signedIn(b, () => now);
    expect((await r2.post(settleEnv)).text).toBe(first.text);
    const info = await r2.ok('1101', { data: { mdtrt_cert_type: '02', mdtrt_cert_no: emp.certno } });
    expect(info.insuinfo[0].balc).toBe(s.setlinfo.balc);
    const ytd2 = await r2.ok('5206', { data: { psn_no: emp.psn_no, cum_ym: ytd.cuminfo[0].cum_ym } }, { insuplc_admdvs: '370300' });
    expect(ytd2.cuminfo).toEqual(ytd.cuminfo);
    expect(b.matchings()).toHaveLength(1);
    expect(b.catalogInfo().versions.at(-1)).toEqual(published);
    expect(b.ledger().visits.find((x) => x.visitId === tokenVisit.data.mdtrt_id)).toBeTruthy();
    r2.insuplc = '370300';
    const c = await r2.ok('2208', { data: { psn_no: emp.psn_no, setl_id: s.setlinfo.setl_id, mdtrt_id: v.mdtrtId } });
    expect(c.setlinfo.setl_time.startsWith('2026-12-08')).toBe(true);
    expect(c.setlinfo.balc).toBe('1260.50');
    expect(b.ledger().validByVisit[v.mdtrtId]).toBeUndefined();
    const again = await r2.ok('2201', registration(emp, r2));
    expect(again.data.mdtrt_id).not.toBe(v.mdtrtId);
    expect(b.ledger().visits.map((x) => x.visitId)).toHaveLength(new Set(b.ledger().visits.map((x) => x.visitId)).size);
  });

  it('drops a torn last line and keeps the seed the journal was made with', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'platform-sim-')), 'journal.jsonl');
    const a = await startSim({ journalFile: file, seed: 5 });
    const r = await signedIn(a);
    await r.ok('1101', { data: { mdtrt_cert_type: '02', mdtrt_cert_no: '370303195803120316' } });
    await closeSims();
    fs.appendFileSync(file, '{"at":"2026-');
    const b = await startSim({ journalFile: file, seed: 9 });
    expect(b.platform.cfg.seed).toBe(5);
    expect(b.ledger().signIns.active).toBe(1);
  });
});
