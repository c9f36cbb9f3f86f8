// One HTTP(S) POST of a JSON body, classified for the retry rules:
// - failure before the connection (and TLS handshake) completed -> NotSentError
//   (refused, DNS, connect timeout, certificate rejected): the body never left;
// - failure after it -> UnknownOutcomeError (the body may have reached the network).
// Connections are kept alive and reused (one TCP + TLS handshake per connection, not per
// request: the forwarder sends thousands of messages in a drain). A reused socket counts as
// connected from the start, so any failure on it is UnknownOutcome, never NotSent: a socket the
// peer closed while idle costs a resolution (5203/2601), never a wrong resend. To keep that rare,
// idle sockets are closed after IDLE_MS (and before the server's own Keep-Alive timeout hint).
import http from 'node:http';
import https from 'node:https';
import type { TlsOptions } from './index';
import { NotSentError, UnknownOutcomeError } from './errors';

/** Idle pooled sockets are closed after this (below common server keep-alive timeouts, e.g. Node's 5 s). */
const IDLE_MS = 4000;
// One pool per protocol; https.Agent keys its sockets by the TLS options of the request as well.
const agents = {
  http: new http.Agent({ keepAlive: true, scheduling: 'lifo', timeout: IDLE_MS }),
  https: new https.Agent({ keepAlive: true, scheduling: 'lifo', timeout: IDLE_MS }),
};

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
  /** The body as received (9102 answers with a zip file, not text). */
  bytes: Buffer;
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
      agent: secure ? agents.https : agents.http,
      headers: {
        'content-type': 'application/json;charset=UTF-8',
        accept: 'application/json',
        'content-length': String(body.length),
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
      // A socket from the pool was connected (and its TLS handshake done) for an earlier request.
      if (req.reusedSocket) up();
      else if (secure) socket.once('secureConnect', up);
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
        const bytes = Buffer.concat(chunks);
        finish(() => resolve({ status: res.statusCode ?? 0, text: bytes.toString('utf8'), bytes, headers: res.headers }));
      });
    });
    req.end(body);
  });
}
