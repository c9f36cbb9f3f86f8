// One HTTP(S) POST of a JSON body, classified for the retry rules:
// - failure before the connection (and TLS handshake) completed -> NotSentError
//   (refused, DNS, connect timeout, certificate rejected): the body never left;
// - failure after it -> UnknownOutcomeError (the body may have reached the network).
// A fresh connection per request (no keep-alive): a reused socket that the peer closed would
// blur that line.
import http from 'node:http';
import https from 'node:https';
import type { TlsOptions } from './index';
import { NotSentError, UnknownOutcomeError } from './errors';

export interface PostOptions {
  url: string;
  body: string;
  headers?: Record<string, string>;
  tls?: TlsOptions;
  timeoutMs: number;
  connectTimeoutMs: number;
  infno: string;
  msgid: string;
}

export interface PostAnswer {
  status: number;
  text: string;
  headers: http.IncomingHttpHeaders;
}

const MAX_BODY = 32 * 1024 * 1024;

export function postJson(o: PostOptions): Promise<PostAnswer> {
  return new Promise((resolve, reject) => {
    let url: URL;
    try {
      url = new URL(o.url);
    } catch {
      reject(new NotSentError(o.infno, o.msgid, `invalid endpoint URL: ${o.url}`));
      return;
    }
    const secure = url.protocol === 'https:';
    if (!secure && url.protocol !== 'http:') {
      reject(new NotSentError(o.infno, o.msgid, `unsupported endpoint protocol ${url.protocol}`));
      return;
    }
    const body = Buffer.from(o.body, 'utf8');
    const tls = o.tls ?? {};
    const reqOpts: https.RequestOptions = {
      method: 'POST',
      hostname: url.hostname.replace(/^\[|\]$/g, ''),
      port: url.port || (secure ? 443 : 80),
      path: url.pathname + url.search,
      agent: false,
      headers: {
        'content-type': 'application/json;charset=UTF-8',
        accept: 'application/json',
        'content-length': String(body.length),
        connection: 'close',
        ...(o.headers ?? {}),
      },
      ...(secure
        ? {
            ca: tls.ca, cert: tls.cert, key: tls.key, pfx: tls.pfx, passphrase: tls.passphrase,
            rejectUnauthorized: tls.rejectUnauthorized ?? true, servername: tls.servername,
          }
        : {}),
    };
    let connected = false;
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(connectTimer);
      clearTimeout(totalTimer);
      fn();
    };
    const fail = (err: Error) =>
      finish(() =>
        reject(connected
          ? new UnknownOutcomeError(o.infno, o.msgid, `${err.message} (after the request was sent)`, err)
          : new NotSentError(o.infno, o.msgid, `${err.message} (before the request was sent)`, err)),
      );
    const req = (secure ? https : http).request(reqOpts);
    const connectTimer = setTimeout(() => {
      if (!connected) req.destroy(new Error(`connect timeout after ${o.connectTimeoutMs} ms`));
    }, o.connectTimeoutMs);
    const totalTimer = setTimeout(() => req.destroy(new Error(`timeout after ${o.timeoutMs} ms`)), o.timeoutMs);
    req.on('socket', (socket) => {
      const up = () => {
        connected = true;
      };
      if (secure) socket.once('secureConnect', up);
      else if ((socket as { connecting?: boolean }).connecting === false) up();
      else socket.once('connect', up);
    });
    req.on('error', fail);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_BODY) req.destroy(new Error('answer too large'));
        else chunks.push(c);
      });
      res.on('error', fail);
      res.on('aborted', () => fail(new Error('answer aborted')));
      res.on('end', () => {
        if (!res.complete) return fail(new Error('answer cut off'));
        finish(() => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
      });
    });
    req.end(body);
  });
}
