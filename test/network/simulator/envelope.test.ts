// The envelope of every call: required header fields, msgid form, region and institution, the
// sign-in and its end, idempotency on msgid, refusals in the real shape (infcode -1, no output).
import { afterAll, describe, expect, it } from 'vitest';
import { chinaStamp } from '../../../electron/core/time';
import { PLATFORM_TEXT } from '../../../electron/network/simulator';
import { ENVELOPE } from '../../../electron/network/simulator/schemas-core';
import { closeSims, INST, Raw, signedIn, startSim, testClock } from './helpers';

afterAll(closeSims);

const INPUT_1101 = { data: { mdtrt_cert_type: '02', mdtrt_cert_no: '370303195803120316' } };

describe('envelope fields', () => {
  it('refuses each required header field when empty, naming it', async () => {
    const sim = await startSim();
    const r = await signedIn(sim);
    const required = ENVELOPE.filter((f) => f.req).map((f) => f.name);
    expect(required).toEqual(expect.arrayContaining(['infno', 'msgid', 'mdtrtarea_admvs', 'recer_sys_code', 'infver', 'opter_type', 'opter', 'opter_name', 'inf_time', 'fixmedins_code', 'fixmedins_name']));
    for (const field of required.filter((f) => f !== 'infno' && f !== 'msgid')) {
      const msg = await r.refused('1101', INPUT_1101, { [field]: '' });
      expect(msg, field).toContain(`(${field})`);
    }
    expect(await r.refused('1101', INPUT_1101, { infno: '' })).toContain('(infno)');
    expect(await r.refused('1101', INPUT_1101, { opter_type: '7' })).toContain('不在字典OPTER_TYPE中');
    expect(await r.refused('1101', INPUT_1101, { inf_time: '2026/05/14 08:00' })).toContain('(inf_time)');
  });

  it('checks the msgid form: institution + China time + 4 digits, within a day', async () => {
    const sim = await startSim();
    const r = await signedIn(sim);
    const stamp = chinaStamp(testClock());
    for (const bad of [`${INST}${stamp}001`, `H99999999999${stamp}0001`, `${INST}20261340250000001`, `${INST}${chinaStamp(new Date(testClock().getTime() - 3 * 86_400_000))}0001`]) {
      expect(await r.refused('1101', INPUT_1101, { msgid: bad }), bad).toContain('(msgid)');
    }
    const loose = await startSim({ msgidRule: 'loose' });
    const l = await signedIn(loose);
    expect((await l.call('1101', INPUT_1101, { msgid: `${INST}${stamp}` })).infcode).toBe(0);
  });

  it('refuses an unknown infno, another region, an unknown institution, a path that names another infno', async () => {
    const sim = await startSim();
    const r = await signedIn(sim);
    expect(await r.refused('2299', INPUT_1101)).toContain('交易编号(infno)2299不存在');
    expect(await r.refused('1101', INPUT_1101, { mdtrtarea_admvs: '370302' })).toContain('(mdtrtarea_admvs)');
    const other = new Raw(sim.url, undefined, 'H37030399999');
    expect(await other.refused('9001', { signIn: { opter_no: '1', mac: 'm', ip: 'i' } })).toContain('(fixmedins_code)');
    const env = r.env('1101', INPUT_1101);
    const viaPath = JSON.parse((await r.post(env, '/fsi/api/fsiPsnInfoService/2201')).text);
    expect(viaPath.err_msg).toContain('请求路径');
    const good = JSON.parse((await r.post(r.env('1101', INPUT_1101), '/ebus/gdyb_inf/poc/hsa/hgs/1101')).text);
    expect(good.infcode).toBe(0);
    const lenient = await startSim({ strictInstitution: false });
    const learn = new Raw(lenient.url, undefined, 'H37030399999');
    expect(await learn.signIn()).toBeTruthy();
  });

  it('answers refusals in the real shape: infcode -1, a fresh inf_refmsgid, both times, no output', async () => {
    const sim = await startSim();
    const r = await signedIn(sim);
    const a = await r.call('1101', { data: { mdtrt_cert_type: '02', mdtrt_cert_no: '' } });
    expect(a.infcode).toBe(-1);
    expect(a.err_msg).toBe('【1101】data：就诊凭证编号(mdtrt_cert_no)不能为空');
    expect(a.inf_refmsgid).toMatch(/^370303\d{24}$/);
    expect(a.refmsg_time).toMatch(/^\d{17}$/);
    expect(a.respond_time).toMatch(/^\d{17}$/);
    expect('output' in a).toBe(false);
    const b = await r.call('1101', {});
    expect(b.err_msg).toBe('【1101】节点(data)不能为空');
  });

  it('requires the insured region of the person a call names', async () => {
    const sim = await startSim();
    const r = await signedIn(sim);
    const input = { data: { psn_no: '37030000000000000001' } };
    expect(await r.refused('5301', input, { insuplc_admdvs: '' })).toContain('参保地医保区划(insuplc_admdvs)不能为空');
    expect(await r.refused('5301', input, { insuplc_admdvs: '341100' })).toContain('不一致');
    expect((await r.call('5301', input, { insuplc_admdvs: '370300' })).infcode).toBe(0);
  });
});

describe('sign-in', () => {
  it('is required, ends on 9002, when replaced, at its lifetime, at the China-day change and on demand', async () => {
    let clock = new Date('2026-05-14T01:00:00Z');
    const sim = await startSim({ now: () => clock, signInTtlMs: 3600_000 });
    const r = new Raw(sim.url, () => clock);
    expect(await r.refused('1101', INPUT_1101)).toContain('未签到');
    await r.signIn();
    expect((await r.call('1101', INPUT_1101)).infcode).toBe(0);
    clock = new Date(clock.getTime() + 3601_000);
    expect(await r.refused('1101', INPUT_1101)).toBe(PLATFORM_TEXT.signInvalid);
    await r.signIn();
    clock = new Date('2026-05-14T15:59:00Z');
    const late = await signedIn(sim, () => clock);
    clock = new Date('2026-05-14T16:00:30Z');
    expect(await late.refused('1101', INPUT_1101)).toBe(PLATFORM_TEXT.signInvalid);
    const first = await signedIn(sim, () => clock);
    const firstNo = first.signNo;
    await first.signIn();
    expect(await first.refused('1101', INPUT_1101, { sign_no: firstNo })).toBe(PLATFORM_TEXT.signInvalid);
    expect(sim.endSignIns()).toBeGreaterThan(0);
    expect(await first.refused('1101', INPUT_1101)).toBe(PLATFORM_TEXT.signInvalid);
    await first.signIn();
    const out = await first.ok('9002', { signOut: { sign_no: first.signNo, opter_no: '0007' } });
    expect(out.signoutoutb.sign_time).toMatch(/^2026-05-15 /);
    expect(await first.refused('1101', INPUT_1101)).toBe(PLATFORM_TEXT.signInvalid);
  });

  it('can be ended through the inspection endpoint', async () => {
    const sim = await startSim();
    const r = await signedIn(sim);
    const res = await fetch(sim.url.replace(/\/fsi\/.*$/, '/__sim/sign-ins/end'), { method: 'POST' });
    expect(((await res.json()) as { ended: number }).ended).toBe(1);
    expect(await r.refused('1101', INPUT_1101)).toBe(PLATFORM_TEXT.signInvalid);
    expect(sim.ledger().signIns).toEqual({ active: 0, ended: 1 });
  });
});

describe('msgid idempotency', () => {
  it('answers a repeated msgid with its first answer byte for byte; another body under it is refused', async () => {
    let clock = testClock();
    const sim = await startSim({ now: () => clock });
    const r = await signedIn(sim, () => clock);
    const env = r.env('1101', INPUT_1101);
    const a = await r.post(env);
    clock = new Date(clock.getTime() + 61_000);
    const b = await r.post(env);
    expect(b.text).toBe(a.text);
    const c = JSON.parse((await r.post({ ...env, input: { data: { mdtrt_cert_type: '02', mdtrt_cert_no: '37030319850115061X' } } })).text);
    expect(c.err_msg).toBe(PLATFORM_TEXT.duplicateMsgid);
    const bad = r.env('1101', { data: { mdtrt_cert_type: '02', mdtrt_cert_no: '' } });
    const x = await r.post(bad);
    expect((await r.post(bad)).text).toBe(x.text);
    expect(sim.stats().replayed).toBe(2);
  });
});
