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

/** Password rule for cashiers: at least 6 characters, not all the same character. */
export function passwordProblem(password: string): string | undefined {
  if (password.length < 6) return '密码至少 6 位';
  if (password.length > 128) return '密码过长';
  if (/^(.)\1*$/.test(password)) return '密码不能全是同一个字符';
  return undefined;
}

/** The strong rule, in the words the user sees (administrators and technicians). */
export const STRONG_RULE = '管理员和技术员的密码至少 8 位，须同时包含字母和数字，不能是常见密码、连续或重复的字符，也不能与操作员编号相同';

// Passwords every guessing list starts with (compared lower-case, after the length check).
const COMMON = new Set([
  'password', 'password1', 'password123', 'passw0rd', 'admin123', 'admin1234', 'admin888', 'administrator1', 'abc12345', 'abcd1234',
  'a1234567', 'a12345678', 'qwerty123', 'qwer1234', '1qaz2wsx', '1q2w3e4r', 'zaq12wsx', 'iloveyou1', 'woaini1314', 'aa123456',
  'asdf1234', 'root1234', 'test1234', '123456abc', '12345678a', '11111111a', 'p@ssw0rd', 'p@ssword1',
]);

/** True when the text is one run of consecutive characters (12345678, abcdefgh, 87654321). */
function isRun(text: string): boolean {
  const step = text.charCodeAt(1) - text.charCodeAt(0);
  if (Math.abs(step) !== 1) return false;
  for (let i = 2; i < text.length; i++) if (text.charCodeAt(i) - text.charCodeAt(i - 1) !== step) return false;
  return true;
}

/** The strong rule (administrators and technicians); undefined when the password meets it. */
export function strongPasswordProblem(password: string, operatorId?: string): string | undefined {
  const basic = passwordProblem(password);
  if (basic === '密码过长') return basic;
  const lower = password.toLowerCase();
  const weak =
    password.length < 8 ||
    !/\p{L}/u.test(password) ||
    !/\p{Nd}/u.test(password) ||
    new Set(lower).size < 4 ||
    isRun(lower) ||
    COMMON.has(lower) ||
    (operatorId !== undefined && (lower === operatorId.toLowerCase() || lower === [...operatorId.toLowerCase()].reverse().join('')));
  return weak ? STRONG_RULE : undefined;
}

/** The rule of a role: strong for administrators and technicians, basic for cashiers. */
export function passwordProblemFor(role: 'cashier' | 'technician' | 'administrator', password: string, operatorId?: string): string | undefined {
  return role === 'cashier' ? passwordProblem(password) : strongPasswordProblem(password, operatorId);
}
