// Fault injection (drop, timeout, 5xx, gateway, dup, commit-then-timeout, signin-end, latency,
// only=) and the optional region gateway (SM3/SM4, TIF headers).
import crypto from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { parseFaults, formatFaults, PLATFORM_TEXT } from '../../../electron/network/simulator';
import { sign, sm4Decrypt, sm4Encrypt } from '../../../electron/network/simulator/crypto';
import { closeSims, LINES, person, Raw, signedIn, startSim, visitWithFees, type Json } from './helpers';

afterAll(closeSims);

const INPUT = { data: { mdtrt_cert_type: '02', mdtrt_cert_no: '370303195803120316' } };

describe('fault spec', () => {
  it('parses the vocabulary and refuses nonsense', () => {
    const f = parseFaults('drop=0.1,timeout=0.05,5xx=0.05,gateway=0.05,dup=0.05,commit-then-timeout=0.05,signin-end=0.01,latency=20-200,only=2207+2304');
    expect(formatFaults(f)).toBe('drop=0.1,timeout=0.05,5xx=0.05,gateway=0.05,dup=0.05,commit-then-timeout=0.05,signin-end=0.01,latency=20-200,only=2207+2304');
    expect(parseFaults('error=1').p.error).toBe(1);
    expect(formatFaults(parseFaults(''))).toBe('none');
    expect(() => parseFaults('drop=2')).toThrow(/probability/);
    expect(() => parseFaults('drop=0.6,dup=0.6')).toThrow(/add up/);
    expect(() => parseFaults('flood=0.1')).toThrow(/unknown fault/);
    expect(() => parseFaults('latency=9-1')).toThrow(/reversed/);
  });
});

describe('faults on the wire', () => {
  it('drop, 5xx and gateway apply nothing; gateway errors come outside the envelope', async () => {
    const sim = await startSim({ holdMs: 100 });
    const r = await signedIn(sim);
    const p = await person(r, '37030319850115061X');
    const v = await visitWithFees(r, p, [LINES.consult]);
    sim.setFaults('drop=1');
    await expect(r.post(r.env('2207', v.settle))).rejects.toThrow();
    sim.setFaults('5xx=1');
    const html = await r.post(r.env('2207', v.settle));
    expect(html.status).toBe(502);
    expect(html.text).toContain('Bad Gateway');
    sim.setFaults('gateway=1');
    const g1 = await r.post(r.env('2207', v.settle));
    const g2 = await r.post(r.env('2207', v.settle));
    expect([g1.status, JSON.parse(g1.text)]).toEqual([200, { code: 500159, message: expect.any(String), success: false }]);
    expect([g2.status, JSON.parse(g2.text)]).toEqual([500, { code: '999', msg: '医保前置服务不可用' }]);
    expect(sim.ledger().settlements).toHaveLength(0);
    sim.setFaults('');
    expect((await r.call('2207', v.settle)).infcode).toBe(0);
    expect(sim.stats().faults).toMatchObject({ drop: 1, error: 1, gateway: 2 });
  });

  it('commit-then-timeout applies and never answers; dup is absorbed by the msgid', async () => {
    const sim = await startSim({ holdMs: 100 });
    const r = await signedIn(sim);
    const p = await person(r, '37030319850115061X');
    const v = await visitWithFees(r, p, [LINES.consult]);
    sim.setFaults('commit-then-timeout=1,only=2207');
    const env = r.env('2207', v.settle);
    await expect(r.post(env)).rejects.toThrow();
    expect(sim.ledger().validByVisit[v.mdtrtId]).toBe(1);
    sim.setFaults('');
    const replay = JSON.parse((await r.post(env)).text);
    expect(replay.infcode).toBe(0);
    const w = await visitWithFees(r, p, [LINES.amoxicillin]);
    sim.setFaults('dup=1,only=2207');
    expect((await r.call('2207', w.settle)).infcode).toBe(0);
    expect(sim.stats().dupAbsorbed).toBe(1);
    expect(sim.ledger().validByVisit[w.mdtrtId]).toBe(1);
  });

  it('signin-end ends the sign-in mid-run; latency delays answers; /__sim/faults replaces the spec', async () => {
    const sim = await startSim();
    const r = await signedIn(sim);
    const base = sim.url.replace(/\/fsi\/.*$/, '');
    const set = await fetch(`${base}/__sim/faults`, { method: 'POST', body: JSON.stringify({ faults: 'signin-end=1,only=1101' }) });
    expect(((await set.json()) as Json).faults).toBe('signin-end=1,only=1101');
    expect(await r.refused('1101', INPUT)).toBe(PLATFORM_TEXT.signInvalid);
    sim.setFaults('latency=120');
    await r.signIn();
    const t0 = Date.now();
    expect((await r.call('1101', INPUT)).infcode).toBe(0);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(110);
    const bad = await fetch(`${base}/__sim/faults`, { method: 'POST', body: JSON.stringify({ faults: 'flood=1' }) });
    expect(bad.status).toBe(400);
  });
});

describe('region gateway', () => {
  const keys = { sm4Key: '0123456789abcdeffedcba9876543210', signKey: 'sign-secret' };

  it('decrypts SM4 input, checks the SM3 signature, encrypts and signs the answer', async () => {
    const sim = await startSim({ crypto: keys });
    const c = new Raw(sim.url);
    const seal = (env: Json) => {
      const out: Json = { ...env, input: sm4Encrypt(JSON.stringify(env.input), keys), enctype: 'SM4', signtype: 'SM3' };
      out.cainfo = sign(out, keys.signKey);
      return out;
    };
    const unsigned = JSON.parse((await c.post(c.env('9001', { signIn: { opter_no: '1', mac: 'm', ip: 'i' } }))).text);
    expect(unsigned.err_msg).toBe('报文缺少签名(cainfo)');
    const a = JSON.parse((await c.post(seal(c.env('9001', { signIn: { opter_no: '1', mac: 'm', ip: 'i' } })))).text);
    expect(a.enctype).toBe('SM4');
    expect(a.cainfo).toBe(sign(a, keys.signKey));
    c.signNo = JSON.parse(sm4Decrypt(a.output, keys)).signinoutb.sign_no;
    const tampered = seal(c.env('1101', INPUT));
    tampered.opter = 'someone-else';
    expect(JSON.parse((await c.post(tampered)).text).err_msg).toBe('报文签名(cainfo)校验失败');
    const ok = JSON.parse((await c.post(seal(c.env('1101', INPUT)))).text);
    expect(JSON.parse(sm4Decrypt(ok.output, keys)).baseinfo.psn_name).toBe('张建国');
  });

  it('demands TIF headers when set up, answering their absence as a gateway', async () => {
    const sim = await startSim({ tif: { paasId: 'paas1', secret: 's3cret' } });
    const body = JSON.stringify({ infno: '9001' });
    const bare = await fetch(sim.url, { method: 'POST', body });
    expect(await bare.json()).toEqual({ code: '999', msg: '网关鉴权失败：缺少请求头x-tif-paasid' });
    const ts = String(Math.floor(Date.now() / 1000));
    const nonce = 'n0nce';
    const signature = crypto.createHash('sha256').update(`${ts}s3cret${nonce}${ts}`).digest('hex');
    const good = await fetch(sim.url, { method: 'POST', body, headers: { 'x-tif-paasid': 'paas1', 'x-tif-timestamp': ts, 'x-tif-nonce': nonce, 'x-tif-signature': signature } });
    expect(((await good.json()) as Json).infcode).toBe(-1);
  });
});

describe('answer shapes of other endpoints', () => {
  it('sends amounts as numbers, and fund rows as one empty row or none, the figures staying in the named fields', async () => {
    const numbers = await startSim({ answerShape: { amounts: 'number', setldetail: 'empty-row' } });
    const r = await signedIn(numbers);
    const p = await person(r, '37030319850115061X');
    const v = await visitWithFees(r, p, [LINES.consult, LINES.amoxicillin]);
    expect(typeof v.fee.result[0].det_item_fee_sumamt).toBe('number');
    const s = await r.ok('2207', { data: { ...v.settle.data, medfee_sumamt: String(v.settle.data.medfee_sumamt) } });
    expect(typeof s.setlinfo.medfee_sumamt).toBe('number');
    expect(s.setlinfo.medfee_sumamt).toBe(13);
    expect(s.setldetail).toEqual([{ fund_pay_type: '', fund_payamt: '', setl_proc_info: '', crt_payb_lmt_amt: '', inscp_scp_amt: '', fund_pay_type_name: '' }]);
    expect(numbers.ledger().settlements[0].funds).toEqual({ '390101': s.setlinfo.hifp_pay.toFixed(2) });
    const none = await startSim({ answerShape: { setldetail: 'none' } });
    const n = await signedIn(none);
    const q = await person(n, '37030319850115061X');
    const w = await visitWithFees(n, q, [LINES.consult]);
    expect((await n.ok('2207', w.settle)).setldetail).toEqual([]);
  });
});
