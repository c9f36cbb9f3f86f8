// The HIS-facing HTTP API on 127.0.0.1 (by default): bearer token first, then a rate limit,
// then the route. Bodies are JSON (UTF-8, or GBK/GB18030 when the content type says so) with a
// size limit (413 after draining, the connection kept). Bad input never writes anything.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import iconv from 'iconv-lite';
import { BodyTooLarge, readBody, sendJson } from '../platform/http-util';
import type { AppLogger } from '../platform/logger';
import type { HisToken } from './token';
import type { HisVisits } from './service';
import { hisView } from './service';
import { checkVisitId, validateVisit } from './visit-validate';
import { HisInputError } from './check';
import { hisOpenApi } from './openapi';
import { RateLimiter } from './rate-limit';

export const DEFAULT_HIS_PORT = 5781;
export const DEFAULT_MAX_BODY = 2 * 1024 * 1024;

export interface HisServerOptions {
  port: number;
  host?: string;
  token: HisToken;
  service: HisVisits;
  log: AppLogger;
  maxBody?: number;
  rate?: { perSecond: number; burst: number };
}

export interface RunningHisServer {
  /** Empty when the server could not start (see `error`). */
  url: string;
  port: number;
  host: string;
  /** Why the server is not running (Chinese, for the setup screen). */
  error?: string;
  close(): Promise<void>;
}

type Res = http.ServerResponse;

export function sendError(res: Res, status: number, code: string, message: string, field: string, detail?: string, headers: http.OutgoingHttpHeaders = {}): void {
  sendJson(res, status, { error: { code, message, field, ...(detail ? { detail } : {}) } }, headers);
}

const CHARSETS: Record<string, string> = { 'utf-8': 'utf-8', utf8: 'utf-8', gbk: 'gb18030', gb2312: 'gb18030', gb18030: 'gb18030' };

/** Reads and parses a JSON body; answers the error itself and returns undefined when it is not usable. */
async function jsonBody(req: http.IncomingMessage, res: Res, limit: number, optional: boolean): Promise<{ value: unknown } | undefined> {
  const type = String(req.headers['content-type'] ?? '').toLowerCase();
  const media = type.split(';')[0].trim();
  const charsetMatch = /charset\s*=\s*"?([a-z0-9_-]+)/.exec(type);
  const charset = charsetMatch ? CHARSETS[charsetMatch[1]] : 'utf-8';
  let buf: Buffer;
  try {
    buf = await readBody(req, limit);
  } catch (err) {
    if (err instanceof BodyTooLarge) sendError(res, 413, 'BODY_TOO_LARGE', `请求内容过大（最多 ${Math.floor(limit / 1024)} KB）`, 'body', `body exceeds ${limit} bytes`);
    else sendError(res, 400, 'BAD_REQUEST', '请求读取失败', 'body', String(err));
    return undefined;
  }
  if (media && media !== 'application/json') {
    sendError(res, 415, 'UNSUPPORTED_MEDIA_TYPE', '请求格式应为 application/json', 'Content-Type', `content type ${media} is not application/json`);
    return undefined;
  }
  if (!charset) {
    sendError(res, 415, 'UNSUPPORTED_CHARSET', '字符集应为 UTF-8、GBK 或 GB18030', 'Content-Type', `charset ${charsetMatch?.[1]} not supported`);
    return undefined;
  }
  if (buf.length === 0 && optional) return { value: {} };
  let text: string;
  try {
    text = charset === 'utf-8' ? new TextDecoder('utf-8', { fatal: true }).decode(buf) : iconv.decode(buf, 'gb18030');
  } catch {
    sendError(res, 400, 'BAD_ENCODING', '请求内容不是有效的 UTF-8 文本', 'body', 'body is not valid UTF-8');
    return undefined;
  }
  try {
    return { value: JSON.parse(text.replace(/^\uFEFF/, '')) };
  } catch (err) {
    sendError(res, 400, 'BAD_JSON', '请求内容不是有效的 JSON', 'body', err instanceof Error ? err.message.slice(0, 200) : 'invalid JSON');
    return undefined;
  }
}

async function postVisit(opts: HisServerOptions, req: http.IncomingMessage, res: Res): Promise<void> {
  const body = await jsonBody(req, res, opts.maxBody ?? DEFAULT_MAX_BODY, false);
  if (!body) return;
  const parsed = validateVisit(body.value);
  if (!parsed.ok) return sendError(res, 400, parsed.error.code, parsed.error.message, parsed.error.field ?? 'body', parsed.error.detail);
  const out = await opts.service.receiveQueued(parsed.value, 'api');
  if (!out.ok) {
    const message = out.code === 'VISIT_SETTLED' ? '该就诊已结算，不能再修改费用明细；如需修改请先在收费窗口撤销结算' : '该就诊已撤销，不能再修改；请使用新的就诊号';
    return sendError(res, 409, out.code, message, 'hisVisitId', `visit ${parsed.value.hisVisitId} is ${out.state}`);
  }
  const unmapped = opts.service.unmappedItems(parsed.value);
  sendJson(res, out.outcome === 'created' ? 201 : 200, {
    hisVisitId: parsed.value.hisVisitId,
    result: out.outcome,
    state: out.state,
    revision: out.revision,
    lineCount: parsed.value.lines.length,
    unmappedItems: unmapped,
  });
}

function visitIdFrom(res: Res, raw: string): string | undefined {
  try {
    return checkVisitId(decodeURIComponent(raw));
  } catch (err) {
    if (err instanceof HisInputError) sendError(res, 400, err.code, err.toApiError().message, 'hisVisitId', err.message);
    else sendError(res, 400, 'INVALID_FORMAT', 'HIS 就诊号：格式不正确', 'hisVisitId', 'bad percent-encoding');
    return undefined;
  }
}

async function cancelVisit(opts: HisServerOptions, req: http.IncomingMessage, res: Res, id: string): Promise<void> {
  const body = await jsonBody(req, res, 64 * 1024, true);
  if (!body) return;
  const b = body.value;
  let reason: string | undefined;
  if (typeof b !== 'object' || b === null || Array.isArray(b)) return sendError(res, 400, 'WRONG_TYPE', '请求内容：应为对象', 'body', 'must be a JSON object');
  for (const key of Object.keys(b)) if (key !== 'reason') return sendError(res, 400, 'UNKNOWN_FIELD', `不认识的字段“${key}”`, key, 'is not a known field');
  const r = (b as { reason?: unknown }).reason;
  if (r !== undefined && r !== null) {
    if (typeof r !== 'string') return sendError(res, 400, 'WRONG_TYPE', '原因：应为文本', 'reason', 'must be a string');
    if (r.length > 200 || !r.isWellFormed() || /[\u0000-\u001f\u007f]/.test(r)) return sendError(res, 400, 'INVALID_TEXT', '原因：过长或含有无效字符', 'reason', 'too long or ill-formed');
    reason = r.trim() || undefined;
  }
  const out = opts.service.requestCancel(id, reason);
  if (!out.ok) return sendError(res, 404, 'VISIT_NOT_FOUND', `没有找到就诊 ${id}`, 'hisVisitId');
  sendJson(res, 202, { hisVisitId: id, state: out.value.state, cancelRequested: out.value.state !== 'cancelled' });
}

async function route(opts: HisServerOptions, limiter: RateLimiter, req: http.IncomingMessage, res: Res): Promise<void> {
  const rawPath = (req.url ?? '/').split('?')[0];
  if (rawPath === '/his/v1/openapi.json' && (req.method === 'GET' || req.method === 'HEAD')) return sendJson(res, 200, hisOpenApi());
  if (!opts.token.check(req.headers.authorization)) {
    return sendError(res, 401, 'UNAUTHORIZED', '缺少或错误的访问令牌（Authorization: Bearer 令牌）', 'Authorization', 'missing, malformed or wrong bearer token', { 'www-authenticate': 'Bearer realm="his"' });
  }
  let url: URL;
  try {
    url = new URL(rawPath.startsWith('/') ? rawPath : '/', 'http://127.0.0.1');
  } catch {
    return sendError(res, 400, 'BAD_URL', '请求地址不正确', 'url');
  }
  const p = url.pathname;
  if (!limiter.take()) return sendError(res, 429, 'RATE_LIMITED', '请求过于频繁，请稍后重试', 'body', 'rate limit', { 'retry-after': '1' });
  const allow = (methods: string) => sendError(res, 405, 'METHOD_NOT_ALLOWED', '请求方式不正确', 'method', `use ${methods}`, { allow: methods });
  if (p === '/his/v1/visits') return req.method === 'POST' ? postVisit(opts, req, res) : allow('POST');
  if (p === '/his/v1/ping') return req.method === 'GET' ? sendJson(res, 200, { ok: true, now: new Date().toISOString() }) : allow('GET');
  const m = /^\/his\/v1\/visits\/([^/]+)(\/cancel)?$/.exec(p);
  if (!m) return sendError(res, 404, 'NOT_FOUND', '没有这个接口', 'url', `no route ${p.slice(0, 100)}`);
  if (m[2] && req.method !== 'POST') return allow('POST');
  if (!m[2] && req.method !== 'GET') return allow('GET');
  const id = visitIdFrom(res, m[1]);
  if (!id) return;
  if (m[2]) return cancelVisit(opts, req, res, id);
  const v = opts.service.get(id);
  if (!v) return sendError(res, 404, 'VISIT_NOT_FOUND', `没有找到就诊 ${id}`, 'hisVisitId');
  sendJson(res, 200, hisView(v));
}

export function startHisServer(opts: HisServerOptions): Promise<RunningHisServer> {
  const limiter = new RateLimiter(opts.rate?.perSecond ?? 10_000, opts.rate?.burst ?? 20_000);
  const server = http.createServer((req, res) => {
    route(opts, limiter, req, res).catch((err: unknown) => {
      opts.log.error(`his request failed: ${err instanceof Error ? err.stack : String(err)}`);
      if (!res.headersSent) sendError(res, 500, 'INTERNAL', '系统内部错误，请联系技术人员', 'body');
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 10_000;
  const host = opts.host ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, host, () => {
      server.off('error', reject);
      server.on('error', (err) => opts.log.error(`his server error: ${String(err)}`));
      const port = (server.address() as AddressInfo).port;
      resolve({
        url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
        port,
        host,
        close: () =>
          new Promise<void>((r) => {
            server.closeAllConnections();
            server.close(() => r());
          }),
      });
    });
  });
}
