// The gateway where node:crypto has no SM3/SM4 (Electron's BoringSSL): node:crypto here lists no
// sm3/sm4 and refuses them as BoringSSL does, so every SM byte comes from the pure-JS one. The
// standards' vectors still hold, and a signed, encrypted exchange with the simulator round-trips.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  const isSm = (alg: string) => /^sm[34]/i.test(alg);
  const refuse = (alg: string) => {
    throw new Error(`Unknown cipher or digest ${alg} (no SM3/SM4 in this build)`);
  };
  type Factory = (alg: string, ...rest: unknown[]) => unknown;
  const guard = <F>(f: F): F => {
    const inner = f as unknown as Factory;
    return ((alg: string, ...rest: unknown[]) => (isSm(alg) ? refuse(alg) : inner.call(real, alg, ...rest))) as unknown as F;
  };
  const lacking = {
    ...real,
    getHashes: () => real.getHashes().filter((h) => !isSm(h)),
    getCiphers: () => real.getCiphers().filter((c) => !isSm(c)),
    createHash: guard(real.createHash),
    createHmac: guard(real.createHmac),
    createCipheriv: guard(real.createCipheriv),
    createDecipheriv: guard(real.createDecipheriv),
  };
  return { ...lacking, default: lacking };
});

import crypto from 'node:crypto';
import { startPlatformSimulator, type PlatformSimulator } from '../../../electron/network/simulator';
import { cryptoSupport, sm3Sm4Gateway } from '../../../electron/network/client';
import { sm4Decrypt, sm4Encrypt } from '../../../electron/network/client/gateway';
import { sm } from '../../../electron/network/client/sm';
import { makeClient, tempDb } from './helpers';

const KEY = '0123456789abcdeffedcba9876543210';
let sim: PlatformSimulator;
beforeAll(async () => {
  sim = await startPlatformSimulator({ crypto: { sm4Key: KEY, sm4Iv: 'abcdefghijklmnop', signKey: 'sign-secret' } });
});
afterAll(() => sim.close());

describe('SM3/SM4 without node:crypto', () => {
  it('this node:crypto has no SM3/SM4, so the pure-JS implementation is used', () => {
    expect(cryptoSupport()).toEqual({ sm3: false, sm4Ecb: false, sm4Cbc: false });
    expect(() => crypto.createCipheriv('sm4-ecb', Buffer.alloc(16), null)).toThrow(/Unknown cipher/);
    expect(sm().name).toBe('sm-crypto');
  });

  it('the standards vectors hold: SM3 "abc" (GB/T 32905), SM4 key = plaintext (GB/T 32907)', () => {
    expect(sm().sm3(Buffer.from('abc')).toString('hex')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    const block = Buffer.from(KEY, 'hex');
    const sealed = sm().sm4Encrypt(block, block);
    expect(sealed.subarray(0, 16).toString('hex')).toBe('681edf34d206965e86b3e94f536e4246');
    expect(sm().sm4Decrypt(sealed, block).toString('hex')).toBe(KEY);
  });

  it('SM4 round-trips through the gateway functions, ECB and CBC', () => {
    expect(sm4Decrypt(sm4Encrypt('{"姓名":"张三","金额":"12.30"}', KEY), KEY)).toBe('{"姓名":"张三","金额":"12.30"}');
    expect(sm4Decrypt(sm4Encrypt('x'.repeat(100), KEY, 'abcdefghijklmnop'), KEY, 'abcdefghijklmnop')).toBe('x'.repeat(100));
  });

  it('a signed, SM4-CBC-encrypted exchange with the simulator works end to end', async () => {
    const gateway = sm3Sm4Gateway({ sm4Key: KEY, sm4Iv: 'abcdefghijklmnop', signKey: 'sign-secret' });
    const { client } = makeClient(sim.url, {}, { db: tempDb(), gateway });
    const p = (await client.personInfo({ cert: { type: 'idNumber', no: '370303195803120316' } })).person;
    expect(p.personNo).toBe('37030000000000000001');
  });
});
