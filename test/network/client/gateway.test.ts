// The SM3/SM4 plug: encrypted input/output and signed envelopes, end to end with the simulator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startNetworkSimulator, type NetworkSimulator } from '../../../electron/network/sim';
import { cryptoSupport, sm3Sm4Gateway } from '../../../electron/network/client';
import { sm3Sign, sm4Decrypt, sm4Encrypt } from '../../../electron/network/client/gateway';
import { makeClient, tempDb } from './helpers';

const KEY = '0123456789abcdeffedcba9876543210';
let sim: NetworkSimulator;
beforeAll(async () => {
  sim = await startNetworkSimulator({ crypto: { sm4Key: KEY } });
});
afterAll(() => sim.close());

describe('SM3/SM4 gateway', () => {
  it('this Node build has sm3 and sm4', () => {
    expect(cryptoSupport()).toEqual({ sm3: true, sm4Ecb: true, sm4Cbc: true });
  });

  it('SM4 round-trips in ECB and CBC, and a wrong key fails', () => {
    expect(sm4Decrypt(sm4Encrypt('{"a":"张三"}', KEY), KEY)).toBe('{"a":"张三"}');
    expect(sm4Decrypt(sm4Encrypt('x'.repeat(100), KEY, 'abcdefghijklmnop'), KEY, 'abcdefghijklmnop')).toBe('x'.repeat(100));
    expect(() => sm4Decrypt(sm4Encrypt('hello', KEY), 'ffffffffffffffffffffffffffffffff')).toThrow();
  });

  it('talks to a simulator that expects SM4: input encrypted on the wire, output decrypted', async () => {
    const gateway = sm3Sm4Gateway({ sm4Key: KEY, signKey: 'sign-secret' });
    const { client } = makeClient(sim.url, {}, { db: tempDb(), gateway });
    const p = (await client.personInfo({ cert: { type: 'idNumber', no: '370303195803120316' } })).person;
    expect(p.personNo).toBe('37030000000000000001');
  });

  it('seals: cainfo is the HMAC-SM3 of the envelope, and the input is not readable', async () => {
    let seen: Record<string, unknown> = {};
    const server = http.createServer((req, res) => {
      let b = '';
      req.on('data', (c) => (b += c));
      req.on('end', () => {
        seen = JSON.parse(b) as Record<string, unknown>;
        res.end(JSON.stringify({ infcode: 0, output: sm4Encrypt(JSON.stringify({ signinoutb: { sign_no: '9' } }), KEY) }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const gateway = sm3Sm4Gateway({ sm4Key: KEY, signKey: 'k', headers: { 'x-tif-paasid': 'p1' } });
    const { client } = makeClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, {}, { db: tempDb(), gateway });
    const a = await client.signIn();
    server.close();
    expect(a.signNo).toBe('9');
    expect(typeof seen.input).toBe('string');
    expect(seen.enctype).toBe('SM4');
    expect(seen.signtype).toBe('SM3');
    expect(seen.cainfo).toBe(sm3Sign(seen, 'k'));
    expect(JSON.parse(sm4Decrypt(seen.input as string, KEY))).toHaveProperty('signIn');
  });

  it('refuses a key of the wrong length at setup', () => {
    expect(() => sm3Sm4Gateway({ sm4Key: 'short' })).toThrow(/16 bytes/);
  });
});
