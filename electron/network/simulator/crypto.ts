// The SM3/SM4 region gateway as the simulated platform speaks it when set up with keys: an
// encrypted request carries `enctype: "SM4"` and `input` as Base64 SM4 ciphertext (ECB, or CBC
// with an IV); a signed message carries `signtype: "SM3"` and `cainfo` = hex HMAC-SM3 of the
// canonical JSON (keys sorted) of the envelope without cainfo. Answers to encrypted requests
// carry an encrypted `output`; with a sign key every answer is signed and every request must be.
// node:crypto has SM3/SM4 in Node's OpenSSL; Electron's BoringSSL does not, so there the pure-JS
// sm-crypto does the same work.
import crypto from 'node:crypto';
import sm3js from 'sm-crypto/src/sm3';
import sm4js from 'sm-crypto/src/sm4';

export interface GatewayKeys {
  sm4Key: string;
  sm4Iv?: string;
  signKey?: string;
}

const nodeHas = (() => {
  const hashes = crypto.getHashes();
  const ciphers = crypto.getCiphers();
  return hashes.includes('sm3') && ciphers.includes('sm4-ecb') && ciphers.includes('sm4-cbc');
})();

function key16(v: string): Buffer {
  const b = /^[0-9a-fA-F]{32}$/.test(v) ? Buffer.from(v, 'hex') : Buffer.from(v, 'utf8');
  if (b.length !== 16) throw new Error('SM4 key and IV must be 16 bytes (32 hex characters or 16 characters)');
  return b;
}

function sm4(encrypt: boolean, data: Buffer, keys: GatewayKeys): Buffer {
  const key = key16(keys.sm4Key);
  const iv = keys.sm4Iv ? key16(keys.sm4Iv) : undefined;
  if (nodeHas) {
    const c = encrypt ? crypto.createCipheriv(iv ? 'sm4-cbc' : 'sm4-ecb', key, iv ?? null) : crypto.createDecipheriv(iv ? 'sm4-cbc' : 'sm4-ecb', key, iv ?? null);
    return Buffer.concat([c.update(data), c.final()]);
  }
  const opts = { mode: iv ? ('cbc' as const) : ('ecb' as const), ...(iv ? { iv: Array.from(iv) } : {}), padding: 'pkcs#7' as const, output: 'array' as const };
  const out = encrypt ? sm4js.encrypt(Array.from(data), Array.from(key), opts) : sm4js.decrypt(Array.from(data), Array.from(key), opts);
  return Buffer.from(out);
}

export const sm4Encrypt = (text: string, keys: GatewayKeys): string => sm4(true, Buffer.from(text, 'utf8'), keys).toString('base64');
export const sm4Decrypt = (b64: string, keys: GatewayKeys): string => sm4(false, Buffer.from(b64, 'base64'), keys).toString('utf8');

export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).sort().filter((k) => o[k] !== undefined).map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

export function sign(message: Record<string, unknown>, key: string): string {
  const { cainfo: _omit, ...rest } = message;
  const data = Buffer.from(canonical(rest), 'utf8');
  if (nodeHas) return crypto.createHmac('sm3', Buffer.from(key, 'utf8')).update(data).digest('hex');
  return sm3js(Array.from(data), { key: Array.from(Buffer.from(key, 'utf8')) });
}

export function verifies(message: Record<string, unknown>, key: string): boolean {
  const got = message.cainfo;
  if (typeof got !== 'string' || !/^[0-9a-fA-F]{64}$/.test(got)) return false;
  return crypto.timingSafeEqual(Buffer.from(got.toLowerCase(), 'hex'), Buffer.from(sign(message, key), 'hex'));
}
