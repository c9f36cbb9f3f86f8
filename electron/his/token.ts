// The HIS bearer token: generated at first start, kept in DATA_DIR/his-token (owner-only), shown
// and rotatable in the setup screen. SETTLE_HIS_TOKEN sets it for automation (then not rotatable).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const TOKEN_FILE = 'his-token';
/** RFC 6750 b64token, at least 16 characters. */
export const TOKEN_PATTERN = /^[A-Za-z0-9\-._~+/]{16,200}=*$/;

export class HisToken {
  private value: Buffer;

  constructor(private readonly dataDir: string, private readonly fromEnv = process.env.SETTLE_HIS_TOKEN) {
    if (fromEnv !== undefined && !TOKEN_PATTERN.test(fromEnv)) {
      throw new Error('SETTLE_HIS_TOKEN must be 16-200 characters of A-Z a-z 0-9 - . _ ~ + /');
    }
    this.value = Buffer.from(fromEnv ?? this.readOrCreate());
  }

  get fixedByEnvironment(): boolean {
    return this.fromEnv !== undefined;
  }

  current(): string {
    return this.value.toString();
  }

  /** Constant-time check of an `Authorization` header value. */
  check(header: string | undefined): boolean {
    if (typeof header !== 'string') return false;
    const m = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/.exec(header);
    if (!m) return false;
    const given = Buffer.from(m[1]);
    return given.length === this.value.length && crypto.timingSafeEqual(given, this.value);
  }

  rotate(): string {
    if (this.fixedByEnvironment) throw new Error('token fixed by SETTLE_HIS_TOKEN');
    const next = generateToken();
    writeAtomic(this.file(), next);
    this.value = Buffer.from(next);
    return next;
  }

  private file(): string {
    return path.join(this.dataDir, TOKEN_FILE);
  }

  private readOrCreate(): string {
    try {
      const text = fs.readFileSync(this.file(), 'utf8').trim();
      if (TOKEN_PATTERN.test(text)) return text;
    } catch {
      // first start: no token yet
    }
    const token = generateToken();
    writeAtomic(this.file(), token);
    return token;
  }
}

export function generateToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

function writeAtomic(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text + '\n', { mode: 0o600 });
  fs.renameSync(tmp, file);
}
