// Browser mode: the same API contract served over HTTP on 127.0.0.1, and the same built UI.
// Only our own page may call the API: the Origin must be ours (blocks other web pages on this PC
// from driving the window), bodies are JSON with a size limit, and sessions come by header.
// Every request must name this host (127.0.0.1 or localhost with our port) in its Host header: a
// page on another name that resolves to 127.0.0.1 (DNS rebinding) is same-origin to the browser,
// so without this check it could read the UI and drive the API as if it were ours.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { API_HTTP_PREFIX, SESSION_HEADER } from '../api/contract';
import type { Dispatcher, Session } from '../api/dispatch';
import type { AppLogger } from '../platform/logger';
import { BodyTooLarge, readBody, sendJson } from '../platform/http-util';
import { CONTENT_SECURITY_POLICY } from './csp';

export interface HostOptions {
  port: number;
  host?: string;
  staticDir: string;
  dispatcher: Dispatcher;
  log: AppLogger;
  resolveSession?: (token: string) => Session | undefined;
  /** Extra routes (e.g. receipt PDFs); return true when handled. */
  extraRoutes?: (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => boolean | Promise<boolean>;
}

export interface RunningHost {
  url: string;
  port: number;
  close(): Promise<void>;
}

const MAX_BODY = 5 * 1024 * 1024;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** The Host header names this server: 127.0.0.1, localhost or [::1] (or the bound host) with our port. */
export function hostAllowed(hostHeader: string | undefined, port: number, bindHost = '127.0.0.1'): boolean {
  if (!hostHeader) return false;
  const names = new Set(['127.0.0.1', 'localhost', '[::1]', bindHost.includes(':') ? `[${bindHost}]` : bindHost]);
  const m = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/i.exec(hostHeader.trim());
  if (!m || !names.has(m[1].toLowerCase())) return false;
  return m[2] === undefined ? port === 80 : Number(m[2]) === port;
}

function originAllowed(req: http.IncomingMessage, port: number): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return req.headers['sec-fetch-site'] !== 'cross-site';
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

function serveStatic(staticDir: string, url: URL, res: http.ServerResponse): void {
  const rel = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
  const file = path.resolve(staticDir, '.' + rel);
  const inside = file.startsWith(path.resolve(staticDir) + path.sep);
  const target = inside && fs.existsSync(file) && fs.statSync(file).isFile() ? file : path.join(staticDir, 'index.html');
  if (!fs.existsSync(target)) {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('界面尚未构建：请运行 npm run build:renderer');
    return;
  }
  res.writeHead(200, {
    'content-type': TYPES[path.extname(target)] ?? 'application/octet-stream',
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'cache-control': target.endsWith('index.html') ? 'no-store' : 'max-age=3600',
  });
  fs.createReadStream(target).pipe(res);
}

async function handleApi(opts: HostOptions, port: number, req: http.IncomingMessage, res: http.ServerResponse, method: string) {
  if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: { code: 'METHOD', message: '请求方式不正确' } });
  if (!originAllowed(req, port)) return sendJson(res, 403, { ok: false, error: { code: 'ORIGIN', message: '拒绝来自其他网页的请求' } });
  if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
    return sendJson(res, 415, { ok: false, error: { code: 'CONTENT_TYPE', message: '请求格式应为 JSON' } });
  }
  let input: unknown;
  try {
    const body = await readBody(req, MAX_BODY);
    input = body.length ? (JSON.parse(body.toString('utf8')) as { input?: unknown }).input : undefined;
  } catch (err) {
    if (err instanceof BodyTooLarge) return sendJson(res, 413, { ok: false, error: { code: 'TOO_LARGE', message: '请求内容过大' } });
    return sendJson(res, 400, { ok: false, error: { code: 'BAD_JSON', message: '请求内容不是有效的 JSON' } });
  }
  const token = req.headers[SESSION_HEADER];
  const session = typeof token === 'string' && opts.resolveSession ? opts.resolveSession(token) : undefined;
  const result = await opts.dispatcher.dispatch(method, input, { session, channel: 'http' });
  sendJson(res, 200, result);
}

export function startHost(opts: HostOptions): Promise<RunningHost> {
  let port = opts.port;
  let lastHostWarning = 0;
  const server = http.createServer((req, res) => {
    if (!hostAllowed(req.headers.host, port, opts.host)) {
      // At most one log line per ten seconds: a hostile page could send these in a loop.
      if (Date.now() - lastHostWarning > 10_000) {
        lastHostWarning = Date.now();
        opts.log.warn(`host: refused a request for host ${JSON.stringify(String(req.headers.host ?? '').slice(0, 100))}`);
      }
      res.writeHead(421, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', connection: 'close' });
      res.end('拒绝：请求的主机名不是本机结算窗口的地址（127.0.0.1 或 localhost）');
      return;
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const route = async () => {
      if (url.pathname.startsWith(API_HTTP_PREFIX)) return handleApi(opts, port, req, res, url.pathname.slice(API_HTTP_PREFIX.length));
      if (url.pathname === '/health') return sendJson(res, 200, { ok: true });
      if (opts.extraRoutes && (await opts.extraRoutes(req, res, url))) return;
      if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { ok: false });
      serveStatic(opts.staticDir, url, res);
    };
    route().catch((err: unknown) => {
      opts.log.error(`host request failed: ${err instanceof Error ? err.stack : String(err)}`);
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'INTERNAL', message: '系统内部错误' } });
      else res.destroy();
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port;
      resolve({
        url: `http://127.0.0.1:${port}/`,
        port,
        close: () => new Promise<void>((r) => {
          server.closeAllConnections();
          server.close(() => r());
        }),
      });
    });
  });
}
