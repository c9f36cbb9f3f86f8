// SM3 and SM4 against the standards' own examples, in both implementations (node:crypto where
// OpenSSL has them, sm-crypto where it does not, as in Electron), and the two byte for byte alike.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SM_IMPLS, pickSm } from '../../../electron/network/client/sm';

const hex = (s: string) => Buffer.from(s, 'hex');
// GB/T 32905-2016 appendix A: "abc" and "abcd" x 16.
const SM3_ABC = '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0';
const SM3_ABCD16 = 'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732';
// GB/T 32907-2016 appendix A example 1: key = plaintext.
const SM4_KEY = '0123456789abcdeffedcba9876543210';
const SM4_BLOCK = '681edf34d206965e86b3e94f536e4246';

const [nodeSm, jsSm] = SM_IMPLS;

describe.each(SM_IMPLS.map((impl) => [impl.name, impl] as const))('%s', (_name, impl) => {
  it('SM3 gives the digests of GB/T 32905', () => {
    expect(impl.sm3(Buffer.from('abc')).toString('hex')).toBe(SM3_ABC);
    expect(impl.sm3(Buffer.from('abcd'.repeat(16))).toString('hex')).toBe(SM3_ABCD16);
  });

  it('SM4 gives the block of GB/T 32907 (ECB; the second block is the PKCS#7 padding) and reads it back', () => {
    const out = impl.sm4Encrypt(hex(SM4_KEY), hex(SM4_KEY));
    expect(out).toHaveLength(32);
    expect(out.subarray(0, 16).toString('hex')).toBe(SM4_BLOCK);
    expect(impl.sm4Decrypt(out, hex(SM4_KEY)).toString('hex')).toBe(SM4_KEY);
  });

  it('SM4 refuses a wrong key, a cut ciphertext and a damaged padding', () => {
    const key = hex(SM4_KEY);
    const sealed = impl.sm4Encrypt(Buffer.from('{"姓名":"张三"}'), key);
    expect(() => impl.sm4Decrypt(sealed, hex('ffffffffffffffffffffffffffffffff'))).toThrow();
    expect(() => impl.sm4Decrypt(sealed.subarray(0, sealed.length - 3), key)).toThrow();
    const bad = Buffer.from(sealed);
    bad[bad.length - 1]! ^= 0x55;
    expect(() => impl.sm4Decrypt(bad, key)).toThrow();
  });
});

describe('the two implementations', () => {
  it('node:crypto is chosen only when it has all of SM3, SM4-ECB and SM4-CBC', () => {
    expect(pickSm({ sm3: true, sm4Ecb: true, sm4Cbc: true }).name).toBe('node:crypto');
    expect(pickSm({ sm3: true, sm4Ecb: true, sm4Cbc: false }).name).toBe('sm-crypto');
    expect(pickSm({ sm3: false, sm4Ecb: false, sm4Cbc: false }).name).toBe('sm-crypto');
  });

  it('agree byte for byte on SM3, HMAC-SM3 and SM4 (ECB and CBC), and each reads the other', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ minLength: 1, maxLength: 100 }), fc.uint8Array({ minLength: 16, maxLength: 16 }), fc.option(fc.uint8Array({ minLength: 16, maxLength: 16 })), (data, mac, key, iv) => {
        const ivOrNot = iv ?? undefined;
        expect(jsSm!.sm3(data).equals(nodeSm!.sm3(data))).toBe(true);
        expect(jsSm!.hmacSm3(mac, data).equals(nodeSm!.hmacSm3(mac, data))).toBe(true);
        const a = nodeSm!.sm4Encrypt(data, key, ivOrNot);
        expect(jsSm!.sm4Encrypt(data, key, ivOrNot).equals(a)).toBe(true);
        expect(jsSm!.sm4Decrypt(a, key, ivOrNot).equals(Buffer.from(data))).toBe(true);
        expect(nodeSm!.sm4Decrypt(jsSm!.sm4Encrypt(data, key, ivOrNot), key, ivOrNot).equals(Buffer.from(data))).toBe(true);
      }),
      { numRuns: 150, seed: 32907 },
    );
  });
});
