// SM3 (GB/T 32905) and SM4 (GB/T 32907) for the region gateway. Node's OpenSSL provides both and
// is used where present; Electron's BoringSSL provides neither, so there the pure-JS sm-crypto
// does the same work (only its SM3 and SM4 parts are loaded). Both give the same bytes.
import crypto from 'node:crypto';
import sm3js from 'sm-crypto/src/sm3/index.js';
import sm4js from 'sm-crypto/src/sm4/index.js';

export interface SmSupport {
  sm3: boolean;
  sm4Ecb: boolean;
  sm4Cbc: boolean;
}

/** What this runtime's node:crypto offers (full in Node's OpenSSL, none in Electron). */
export function nodeSmSupport(): SmSupport {
  const hashes = crypto.getHashes();
  const ciphers = crypto.getCiphers();
  return { sm3: hashes.includes('sm3'), sm4Ecb: ciphers.includes('sm4-ecb'), sm4Cbc: ciphers.includes('sm4-cbc') };
}

/** SM3 digests and SM4 with PKCS#7 padding: ECB without an IV, CBC with one. */
export interface SmImpl {
  name: 'node:crypto' | 'sm-crypto';
  sm3(data: Uint8Array): Buffer;
  hmacSm3(key: Uint8Array, data: Uint8Array): Buffer;
  sm4Encrypt(plain: Uint8Array, key: Uint8Array, iv?: Uint8Array): Buffer;
  /** Throws when the padding is wrong (a wrong key or damaged data). */
  sm4Decrypt(cipher: Uint8Array, key: Uint8Array, iv?: Uint8Array): Buffer;
}

const nodeImpl: SmImpl = {
  name: 'node:crypto',
  sm3: (data) => crypto.createHash('sm3').update(data).digest(),
  hmacSm3: (key, data) => crypto.createHmac('sm3', key).update(data).digest(),
  sm4Encrypt(plain, key, iv) {
    const c = crypto.createCipheriv(iv ? 'sm4-cbc' : 'sm4-ecb', key, iv ?? null);
    return Buffer.concat([c.update(plain), c.final()]);
  },
  sm4Decrypt(cipher, key, iv) {
    const d = crypto.createDecipheriv(iv ? 'sm4-cbc' : 'sm4-ecb', key, iv ?? null);
    return Buffer.concat([d.update(cipher), d.final()]);
  },
};

const BLOCK = 16;

function sm4Options(iv: Uint8Array | undefined, padding: 'pkcs#7' | 'none') {
  return iv ? { mode: 'cbc' as const, iv: Array.from(iv), padding, output: 'array' as const } : { mode: 'ecb' as const, padding, output: 'array' as const };
}

/** PKCS#7 checked in full here: sm-crypto accepts a last byte of 0 or over 16 and a partial block. */
function unpad(plain: number[]): Buffer {
  const n = plain[plain.length - 1];
  if (n === undefined || n < 1 || n > BLOCK || plain.slice(-n).some((b) => b !== n)) throw new Error('SM4: bad decrypt (wrong key or damaged data)');
  return Buffer.from(plain.slice(0, -n));
}

const jsImpl: SmImpl = {
  name: 'sm-crypto',
  sm3: (data) => Buffer.from(sm3js(Array.from(data)), 'hex'),
  hmacSm3: (key, data) => Buffer.from(sm3js(Array.from(data), { key: Array.from(key) }), 'hex'),
  sm4Encrypt: (plain, key, iv) => Buffer.from(sm4js.encrypt(Array.from(plain), Array.from(key), sm4Options(iv, 'pkcs#7'))),
  sm4Decrypt(cipher, key, iv) {
    if (cipher.length === 0 || cipher.length % BLOCK !== 0) throw new Error('SM4: ciphertext is not a whole number of blocks');
    return unpad(sm4js.decrypt(Array.from(cipher), Array.from(key), sm4Options(iv, 'none')));
  },
};

/** The implementation for a runtime: node:crypto when it has all of SM3/SM4, else sm-crypto. */
export function pickSm(support: SmSupport): SmImpl {
  return support.sm3 && support.sm4Ecb && support.sm4Cbc ? nodeImpl : jsImpl;
}

export const SM_IMPLS: readonly SmImpl[] = [nodeImpl, jsImpl];

let chosen: SmImpl | undefined;

/** This runtime's implementation (decided once). */
export function sm(): SmImpl {
  return (chosen ??= pickSm(nodeSmSupport()));
}
