// Password hashing with scrypt (node:crypto): "scrypt$N$r$p$salt$hash", salt and hash base64.
// Verification is constant-time; the parameters travel with the hash so they can be raised later.
import crypto from 'node:crypto';

const N = 16384;
const R = 8;
const P = 1;
const KEYLEN = 32;

function scrypt(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    crypto.scrypt(password.normalize('NFC'), salt, KEYLEN, { N: n, r, p, maxmem: 64 * 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const key = await scrypt(password, salt, N, R, P);
  return ['scrypt', N, R, P, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [n, r, p] = parts.slice(1, 4).map(Number);
  if (![n, r, p].every((x) => Number.isSafeInteger(x) && x > 0)) return false;
  const expected = Buffer.from(parts[5], 'base64');
  const key = await scrypt(password, Buffer.from(parts[4], 'base64'), n, r, p);
  return key.length === expected.length && crypto.timingSafeEqual(key, expected);
}

/** Password rule shown to the user: at least 6 characters, not all the same character. */
export function passwordProblem(password: string): string | undefined {
  if (password.length < 6) return '密码至少 6 位';
  if (password.length > 128) return '密码过长';
  if (/^(.)\1*$/.test(password)) return '密码不能全是同一个字符';
  return undefined;
}
