// The HTTP transport keeps connections alive: requests in a row share one connection, and a
// failure on a reused connection is an unknown outcome (the request may have arrived), never "not
// sent", while a refused new connection still is "not sent".
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { postJson } from '../../../electron/network/client/transport';
import { NotSentError, UnknownOutcomeError } from '../../../electron/network/client';

const servers: (http.Server | https.Server)[] = [];
afterEach(() => {
  while (servers.length) {
    const s = servers.pop()!;
    s.closeAllConnections();
    s.close();
  }
});

type Answer = (n: number, req: http.IncomingMessage, res: http.ServerResponse) => void;

/** A peer counting its connections; `answer` handles the n-th request (1-based). With `tls`, over HTTPS. */
async function peer(answer: Answer, tls?: https.ServerOptions) {
  let requests = 0;
  let connections = 0;
  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    req.resume();
    req.on('end', () => answer(++requests, req, res));
  };
  const server = tls ? https.createServer(tls, handler) : http.createServer(handler);
  server.on(tls ? 'secureConnection' : 'connection', () => (connections += 1));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  servers.push(server);
  const url = `${tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  return { url, connections: () => connections };
}

const post = (url: string, msgid: string, ca?: string) =>
  postJson({ url, body: '{}', timeoutMs: 5000, connectTimeoutMs: 2000, infno: '1101', msgid, tls: ca ? { ca } : undefined });

const breakSecond: Answer = (n, req, res) => (n === 1 ? res.end('{}') : req.socket.destroy());

describe('transport', () => {
  it('sends requests in a row over one kept-alive connection', async () => {
    const p = await peer((n, _req, res) => res.end(`{"n":${n}}`));
    for (let i = 1; i <= 5; i++) expect((await post(p.url, `m${i}`)).text).toBe(`{"n":${i}}`);
    expect(p.connections()).toBe(1);
  });

  it('a reused connection that breaks after the request left is UnknownOutcome, never NotSent', async () => {
    const p = await peer(breakSecond);
    await post(p.url, 'first');
    const err = await post(p.url, 'second').catch((e: unknown) => e);
    expect(p.connections()).toBe(1);
    expect(err).toBeInstanceOf(UnknownOutcomeError);
    expect(err).not.toBeInstanceOf(NotSentError);
  });

  it('a refused new connection is still NotSent', async () => {
    const s = net.createServer();
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    const port = (s.address() as AddressInfo).port;
    await new Promise<void>((r) => s.close(() => r()));
    expect(await post(`http://127.0.0.1:${port}/api`, 'refused').catch((e: unknown) => e)).toBeInstanceOf(NotSentError);
  });

  it('over TLS too: a reused connection (no second handshake) that breaks is UnknownOutcome', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'transport-tls-'));
    const key = path.join(dir, 'key.pem');
    const cert = path.join(dir, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2',
      '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    try {
      const p = await peer(breakSecond, { key: fs.readFileSync(key), cert: fs.readFileSync(cert) });
      const ca = fs.readFileSync(cert, 'utf8');
      expect((await post(p.url, 'first', ca)).text).toBe('{}');
      const err = await post(p.url, 'second', ca).catch((e: unknown) => e);
      expect(p.connections()).toBe(1);
      expect(err).toBeInstanceOf(UnknownOutcomeError);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
