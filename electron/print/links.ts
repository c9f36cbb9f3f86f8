// One-time links to archived receipt PDFs for browser mode. A new tab cannot send our session
// header, and a session token in a URL leaks into history, logs and Referer headers; so the UI
// asks for a link that opens one PDF, once, within a minute, and carries no session.
import crypto from 'node:crypto';

export const LINK_TTL_MS = 60_000;
const MAX_LINKS = 500;

interface Link {
  path: string;
  expires: number;
}

export class PdfLinks {
  private readonly links = new Map<string, Link>();

  constructor(private readonly now: () => number = Date.now) {}

  /** A URL for `path` (e.g. /receipts/X.pdf) with a fresh one-time token. */
  mint(path: string): string {
    this.sweep();
    const token = crypto.randomBytes(24).toString('base64url');
    this.links.set(token, { path, expires: this.now() + LINK_TTL_MS });
    if (this.links.size > MAX_LINKS) this.links.delete(this.links.keys().next().value as string);
    return `${path}?link=${token}`;
  }

  /** True when `token` was minted for `path` and is still fresh; `use` spends it (single use). */
  check(token: string, path: string, use: boolean): boolean {
    const link = this.links.get(token);
    if (!link) return false;
    if (link.expires <= this.now()) {
      this.links.delete(token);
      return false;
    }
    if (link.path !== path) return false;
    if (use) this.links.delete(token);
    return true;
  }

  private sweep(): void {
    const t = this.now();
    for (const [token, link] of this.links) if (link.expires <= t) this.links.delete(token);
  }
}
