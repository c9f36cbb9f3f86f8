// Browser mode's file picker: the page uploads the chosen file (POST /upload/policy or
// /upload/backup, raw body, the operator's session header) into DATA_DIR/uploads, and then calls
// policy.import / setup.restore with the stored path, exactly as a typed path would. Only a
// technician or administrator may upload; the size is bounded per purpose; names are ours, never
// the browser's (no path tricks). Electron uses the native dialog instead (electron/file-picker.ts).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type http from 'node:http';
import type { AppContext } from '../platform/context';
import { SESSION_HEADER } from '../api/contract';
import type { Session } from '../api/dispatch';

type Route = (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => boolean | Promise<boolean>;

const PURPOSES: Record<string, { ext: string; maxBytes: number }> = {
  policy: { ext: '.json', maxBytes: 5 * 1024 * 1024 },
  backup: { ext: '.db', maxBytes: 4 * 1024 * 1024 * 1024 },
};
const UPLOADS_KEPT_MS = 24 * 3600_000;

function reply(res: http.ServerResponse, status: number, body: unknown): true {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
  return true;
}

/** Streams the body to `file`; resolves the byte count, or -1 past `max` (the partial file is removed). */
function receive(req: http.IncomingMessage, file: string, max: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const out = fs.createWriteStream(file, { mode: 0o600 });
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max && !over) {
        over = true;
        out.destroy();
      }
      if (!over) out.write(chunk);
    });
    req.on('end', () => (over ? fs.rm(file, { force: true }, () => resolve(-1)) : out.end(() => resolve(size))));
    req.on('error', (err) => {
      out.destroy();
      fs.rm(file, { force: true }, () => reject(err));
    });
  });
}

/** Uploads older than a day are removed (they were imported or restored, or abandoned). */
function prune(dir: string): void {
  for (const name of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    const f = path.join(dir, name);
    if (Date.now() - fs.statSync(f).mtimeMs > UPLOADS_KEPT_MS) fs.rmSync(f, { force: true });
  }
}

export function uploadRoute(ctx: AppContext, resolve: (token: string) => Session | undefined): Route {
  const dir = path.join(ctx.dataDir, 'uploads');
  return async (req, res, url) => {
    const m = /^\/upload\/([a-z]+)$/.exec(url.pathname);
    if (!m) return false;
    const purpose = PURPOSES[m[1]];
    if (!purpose) return reply(res, 404, { ok: false, error: { code: 'NOT_FOUND', message: '不支持的上传' } });
    if (req.method !== 'POST') return reply(res, 405, { ok: false, error: { code: 'METHOD', message: '请求方式不正确' } });
    const header = req.headers[SESSION_HEADER];
    const session = typeof header === 'string' ? resolve(header) : undefined;
    if (!session) return reply(res, 401, { ok: false, error: { code: 'NOT_LOGGED_IN', message: '请先登录' } });
    if (session.role === 'cashier') return reply(res, 403, { ok: false, error: { code: 'FORBIDDEN', message: '当前操作员无权进行此操作' } });
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    prune(dir);
    const file = path.join(dir, `${m[1]}-${crypto.randomUUID()}${purpose.ext}`);
    const size = await receive(req, file, purpose.maxBytes);
    if (size < 0) return reply(res, 413, { ok: false, error: { code: 'TOO_LARGE', message: `文件过大（最多 ${Math.floor(purpose.maxBytes / 1024 / 1024)} MB）` } });
    if (size === 0) {
      fs.rmSync(file, { force: true });
      return reply(res, 400, { ok: false, error: { code: 'EMPTY', message: '文件是空的' } });
    }
    ctx.log.info(`upload: ${m[1]} ${size} bytes by ${session.operatorId} -> ${file}`);
    return reply(res, 200, { ok: true, value: { file } });
  };
}

/** The upload route for browser mode's host. */
export function installUploads(ctx: AppContext, deps: { sessions: (token: string) => Session | undefined }): Route {
  return uploadRoute(ctx, deps.sessions);
}
