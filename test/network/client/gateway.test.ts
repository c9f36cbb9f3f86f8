// The SM3/SM4 plug: encrypted input/output and signed envelopes, end to end with the simulator;
// with a sign key set, an answer without a signature that verifies is refused, never trusted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startPlatformSimulator, type PlatformSimulator } from '../../../electron/network/simulator';
import { BadResponseError, BusinessRejectedError, cryptoSupport, sm3Sm4Gateway } from '../../../electron/network/client';
import { sm3Sign, sm4Decrypt, sm4Encrypt } from '../../../electron/network/client/gateway';
import { sm } from '../../../electron/network/client/sm';
import { makeClient, tempDb } from './helpers';

const KEY = '0123456789abcdeffedcba9876543210';
const SIGN = 'sign-secret';
let sim: PlatformSimulator;
beforeAll(async () => {
  sim = await startPlatformSimulator({ crypto: { sm4Key: KEY, signKey: SIGN } });
});
afterAll(() => sim.close());

/** A one-answer peer: records the request, answers with `answer(request)`. */
async function peer(answer: (req: Record<string, unknown>) => Record<string, unknown>) {
  const seen: Record<string, unknown>[] = [];
  const server = http.createServer((req, res) => {
    let b = '';
    req.on('data', (c) => (b += c));
    req.on('end', () => {
      const r = JSON.parse(b) as Record<string, unknown>;
      seen.push(r);
      res.end(JSON.stringify(answer(r)));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, seen, close: () => new Promise((r) => server.close(r)) };
}

const signInOutput = () => sm4Encrypt(JSON.stringify({ signinoutb: { sign_no: '9' } }), KEY);
const signed = (a: Record<string, unknown>, key: string) => {
  const b = { ...a, signtype: 'SM3' };
  return { ...b, cainfo: sm3Sign(b, key) };
};

describe('SM3/SM4 gateway', () => {
  it('this Node build has sm3 and sm4, so node:crypto does the work here', () => {
    expect(cryptoSupport()).toEqual({ sm3: true, sm4Ecb: true, sm4Cbc: true });
    expect(sm().name).toBe('node:crypto');
  });

  it('SM4 round-trips in ECB and CBC, and a wrong key fails', () => {
    expect(sm4Decrypt(sm4Encrypt('{"a":"张三"}', KEY), KEY)).toBe('{"a":"张三"}');
    expect(sm4Decrypt(sm4Encrypt('x'.repeat(100), KEY, 'abcdefghijklmnop'), KEY, 'abcdefghijklmnop')).toBe('x'.repeat(100));
    expect(() => sm4Decrypt(sm4Encrypt('hello', KEY), 'ffffffffffffffffffffffffffffffff')).toThrow();
  });

  it('talks to a simulator that expects SM4 and signatures: input encrypted, answers verified and decrypted', async () => {
    const gateway = sm3Sm4Gateway({ sm4Key: KEY, signKey: SIGN });
    const { client } = makeClient(sim.url, {}, { db: tempDb(), gateway });
    const p = (await client.personInfo({ cert: { type: 'idNumber', no: '370303195803120316' } })).person;
    expect(p.personNo).toBe('37030000000000000001');
  });

  it('seals: cainfo is the HMAC-SM3 of the envelope, and the input is not readable', async () => {
    const net = await peer(() => signed({ infcode: 0, output: signInOutput() }, 'k'));
    const gateway = sm3Sm4Gateway({ sm4Key: KEY, signKey: 'k', headers: { 'x-tif-paasid': 'p1' } });
    const { client } = makeClient(net.url, {}, { db: tempDb(), gateway });
    const a = await client.signIn();
    await net.close();
    const seen = net.seen[0]!;
    expect(a.signNo).toBe('9');
    expect(typeof seen.input).toBe('string');
    expect(seen.enctype).toBe('SM4');
    expect(seen.signtype).toBe('SM3');
    expect(seen.cainfo).toBe(sm3Sign(seen, 'k'));
    expect(JSON.parse(sm4Decrypt(seen.input as string, KEY))).toHaveProperty('signIn');
  });

  it('refuses an answer without cainfo when signing is configured (never skips the check)', async () => {
    for (const cainfo of [undefined, null, '']) {
      const net = await peer(() => ({ infcode: 0, cainfo, output: signInOutput() }));
      const { client } = makeClient(net.url, {}, { db: tempDb(), gateway: sm3Sm4Gateway({ sm4Key: KEY, signKey: 'k' }) });
      const err = await client.signIn().catch((e: unknown) => e);
      await net.close();
      expect(err).toBeInstanceOf(BadResponseError);
      expect((err as BadResponseError).detail).toMatch(/no signature \(cainfo\) although signing is configured/);
    }
  });

  it('refuses an answer whose cainfo does not verify: another key, or a changed field', async () => {
    const answers = [
      () => signed({ infcode: 0, output: signInOutput() }, 'another-key'),
      () => ({ ...signed({ infcode: 0, output: signInOutput() }, 'k'), warn_msg: 'added on the way' }),
      () => ({ infcode: 0, output: signInOutput(), cainfo: 'not hex at all' }),
    ];
    for (const answer of answers) {
      const net = await peer(answer);
      const { client } = makeClient(net.url, {}, { db: tempDb(), gateway: sm3Sm4Gateway({ sm4Key: KEY, signKey: 'k' }) });
      const err = await client.signIn().catch((e: unknown) => e);
      await net.close();
      expect((err as BadResponseError).detail).toMatch(/cainfo\) does not verify/);
    }
  });

  it('without a sign key, unsigned answers are read as before', async () => {
    const net = await peer(() => ({ infcode: 0, output: signInOutput() }));
    const { client } = makeClient(net.url, {}, { db: tempDb(), gateway: sm3Sm4Gateway({ sm4Key: KEY }) });
    expect((await client.signIn()).signNo).toBe('9');
    await net.close();
    expect(net.seen[0]!.cainfo).toBeFalsy();
    expect(net.seen[0]!.signtype).toBeFalsy();
  });

  it('the simulator refuses a request without a signature when it expects one', async () => {
    const { client } = makeClient(sim.url, {}, { db: tempDb(), gateway: sm3Sm4Gateway({ sm4Key: KEY }) });
    const err = await client.signIn().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BusinessRejectedError);
    expect((err as BusinessRejectedError).errMsg).toMatch(/报文缺少签名/);
  });

  it('refuses a key or IV of the wrong length at setup', () => {
    expect(() => sm3Sm4Gateway({ sm4Key: 'short' })).toThrow(/16 bytes/);
    expect(() => sm3Sm4Gateway({ sm4Key: KEY, sm4Iv: 'short' })).toThrow(/IV must be 16 bytes/);
  });
});
