// Pluggable region gateways. The SM3/SM4 plug: `input` encrypted with SM4 (Base64 ciphertext,
// enctype "SM4"), the envelope signed with HMAC-SM3 over its canonical JSON (cainfo hex,
// signtype "SM3"); answers with an encrypted `output` are decrypted, signed ones verified.
// Node's OpenSSL here provides sm3 and sm4-ecb/sm4-cbc (checked by `cryptoSupport()`); a build
// without them makes `sm3Sm4Gateway` throw at setup, never silently send plain text.
// Real regions often use SM2 signatures with a bureau-issued key; that plugs in the same way.
import crypto from 'node:crypto';
import type { GatewayPlugin } from './index';

export function cryptoSupport(): { sm3: boolean; sm4Ecb: boolean; sm4Cbc: boolean } {
  const hashes = crypto.getHashes();
  const ciphers = crypto.getCiphers();
  return { sm3: hashes.includes('sm3'), sm4Ecb: ciphers.includes('sm4-ecb'), sm4Cbc: ciphers.includes('sm4-cbc') };
}

export interface Sm3Sm4Options {
  /** 16-byte SM4 key: 32 hex chars or 16 ASCII chars. */
  sm4Key: string;
  /** 16-byte IV for CBC (hex or ASCII); ECB when absent. */
  sm4Iv?: string;
  /** HMAC-SM3 key for the envelope signature; no signing when absent. */
  signKey?: string;
  encryptInput?: boolean;
  /** Reject answers whose cainfo does not verify (when the answer is signed). */
  verifyAnswers?: boolean;
  /** Extra headers (e.g. a TIF paas id). */
  headers?: Record<string, string>;
}

function key16(v: string, what: string): Buffer {
  const b = /^[0-9a-fA-F]{32}$/.test(v) ? Buffer.from(v, 'hex') : Buffer.from(v, 'utf8');
  if (b.length !== 16) throw new Error(`${what} must be 16 bytes (32 hex chars or 16 characters)`);
  return b;
}

export function sm4Encrypt(text: string, key: string, iv?: string): string {
  const c = crypto.createCipheriv(iv ? 'sm4-cbc' : 'sm4-ecb', key16(key, 'SM4 key'), iv ? key16(iv, 'SM4 IV') : null);
  return Buffer.concat([c.update(text, 'utf8'), c.final()]).toString('base64');
}

export function sm4Decrypt(b64: string, key: string, iv?: string): string {
  const d = crypto.createDecipheriv(iv ? 'sm4-cbc' : 'sm4-ecb', key16(key, 'SM4 key'), iv ? key16(iv, 'SM4 IV') : null);
  return Buffer.concat([d.update(Buffer.from(b64, 'base64')), d.final()]).toString('utf8');
}

/** Canonical JSON: keys sorted at every level. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).sort().filter((k) => o[k] !== undefined).map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/** HMAC-SM3 (hex) of the envelope without its cainfo. */
export function sm3Sign(envelope: Record<string, unknown>, key: string): string {
  const { cainfo: _drop, ...rest } = envelope;
  return crypto.createHmac('sm3', key).update(canonical(rest)).digest('hex');
}

export function sm3Sm4Gateway(o: Sm3Sm4Options): GatewayPlugin {
  const support = cryptoSupport();
  if (!support.sm3 || !(o.sm4Iv ? support.sm4Cbc : support.sm4Ecb)) {
    throw new Error(`this Node build lacks SM3/SM4 (sm3 ${support.sm3}, sm4-ecb ${support.sm4Ecb}, sm4-cbc ${support.sm4Cbc})`);
  }
  key16(o.sm4Key, 'SM4 key');
  return {
    name: 'sm3-sm4',
    headers: () => ({ ...(o.headers ?? {}) }),
    seal(env) {
      const out = { ...env };
      if (o.encryptInput !== false) {
        out.input = sm4Encrypt(JSON.stringify(env.input), o.sm4Key, o.sm4Iv);
        out.enctype = 'SM4';
      }
      if (o.signKey) {
        out.signtype = 'SM3';
        out.cainfo = sm3Sign(out, o.signKey);
      }
      return out;
    },
    open(res) {
      const out = { ...res };
      if (o.signKey && o.verifyAnswers && typeof res.cainfo === 'string' && res.cainfo) {
        if (sm3Sign(res, o.signKey) !== res.cainfo) throw new Error('answer signature (cainfo) does not verify');
      }
      if (typeof res.output === 'string' && res.output && !res.output.trim().startsWith('{')) {
        out.output = JSON.parse(sm4Decrypt(res.output, o.sm4Key, o.sm4Iv));
      }
      return out;
    },
  };
}

/** TIF-style gateway headers: x-tif-signature = sha256(timestamp + token + nonce + timestamp). */
export function tifHeadersGateway(paasId: string, token: string): GatewayPlugin {
  return {
    name: 'tif',
    headers: ({ now }) => {
      const ts = String(Math.floor(now.getTime() / 1000));
      const nonce = crypto.randomBytes(16).toString('hex');
      const sig = crypto.createHash('sha256').update(ts + token + nonce + ts).digest('hex');
      return { 'x-tif-paasid': paasId, 'x-tif-timestamp': ts, 'x-tif-nonce': nonce, 'x-tif-signature': sig };
    },
  };
}
