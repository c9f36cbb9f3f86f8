// Pluggable region gateways. The SM3/SM4 plug: `input` encrypted with SM4 (Base64 ciphertext,
// enctype "SM4"), the envelope signed with HMAC-SM3 over its canonical JSON (cainfo hex,
// signtype "SM3"); answers with an encrypted `output` are decrypted. With a sign key set, every
// answer must carry a cainfo that verifies: an answer without one is refused, never trusted.
// SM3/SM4 come from ./sm.ts (node:crypto where it has them, else pure JS, as in Electron).
// Real regions often use SM2 signatures with a bureau-issued key; that plugs in the same way.
import crypto from 'node:crypto';
import type { GatewayPlugin } from './index';
import { nodeSmSupport, sm } from './sm';

/** What node:crypto offers here; the gateway works either way (see ./sm.ts). */
export const cryptoSupport = nodeSmSupport;

export interface Sm3Sm4Options {
  /** 16-byte SM4 key: 32 hex chars or 16 ASCII chars. */
  sm4Key: string;
  /** 16-byte IV for CBC (hex or ASCII); ECB when absent. */
  sm4Iv?: string;
  /** HMAC-SM3 key for the envelope signature; when set, answers must be signed with it too. */
  signKey?: string;
  encryptInput?: boolean;
  /** Extra headers (e.g. a TIF paas id). */
  headers?: Record<string, string>;
}

function key16(v: string, what: string): Buffer {
  const b = /^[0-9a-fA-F]{32}$/.test(v) ? Buffer.from(v, 'hex') : Buffer.from(v, 'utf8');
  if (b.length !== 16) throw new Error(`${what} must be 16 bytes (32 hex chars or 16 characters)`);
  return b;
}

export function sm4Encrypt(text: string, key: string, iv?: string): string {
  return sm().sm4Encrypt(Buffer.from(text, 'utf8'), key16(key, 'SM4 key'), iv ? key16(iv, 'SM4 IV') : undefined).toString('base64');
}

export function sm4Decrypt(b64: string, key: string, iv?: string): string {
  return sm().sm4Decrypt(Buffer.from(b64, 'base64'), key16(key, 'SM4 key'), iv ? key16(iv, 'SM4 IV') : undefined).toString('utf8');
}

/** Canonical JSON: keys sorted at every level (the app's one, electron/core/canonical-json.ts). */
import { canonicalJson as canonical } from '../../core/canonical-json';
export { canonical };

/** HMAC-SM3 (hex) of the envelope without its cainfo. */
export function sm3Sign(envelope: Record<string, unknown>, key: string): string {
  const { cainfo: _drop, ...rest } = envelope;
  return sm().hmacSm3(Buffer.from(key, 'utf8'), Buffer.from(canonical(rest), 'utf8')).toString('hex');
}

/** Throws unless `res` carries the cainfo that `key` gives it: absent or wrong, it is refused. */
export function verifySigned(res: Record<string, unknown>, key: string): void {
  const got = res.cainfo;
  if (typeof got !== 'string' || got.trim() === '') {
    throw new Error('answer has no signature (cainfo) although signing is configured: refused');
  }
  const want = Buffer.from(sm3Sign(res, key), 'hex');
  const have = /^[0-9a-fA-F]+$/.test(got) ? Buffer.from(got, 'hex') : Buffer.alloc(0);
  if (have.length !== want.length || !crypto.timingSafeEqual(have, want)) throw new Error('answer signature (cainfo) does not verify: refused');
}

export function sm3Sm4Gateway(o: Sm3Sm4Options): GatewayPlugin {
  key16(o.sm4Key, 'SM4 key');
  if (o.sm4Iv) key16(o.sm4Iv, 'SM4 IV');
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
      if (o.signKey) verifySigned(res, o.signKey);
      const out = { ...res };
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
