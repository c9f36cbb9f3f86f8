// The error taxonomy against raw loopback peers: refused, dropped after reading, silent (timeout),
// garbage, HTTP 500, business rejection, TLS handshake failure; and TLS with a configured CA.
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  BadResponseError, BusinessRejectedError, NotSentError, UnknownOutcomeError, retryAs,
} from '../../../electron/network/client';
import { makeClient, tempDir } from './helpers';

const servers: { close(): void }[] = [];
afterEach(() => {
  while (servers.length) servers.pop()!.close();
});

function ok(output: unknown): string {
  return JSON.stringify({ infcode: 0, err_msg: null, output });
}

/** A peer that answers every request with `answer(body)`; 9001 always signs in. */
async function peer(answer: (body: Record<string, unknown>, req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<string> {
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const env = JSON.parse(body) as Record<string, unknown>;
      if (env.infno === '9001') return res.end(ok({ signinoutb: { sign_no: '1', sign_time: 'x' } }));
      answer(env, req, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  servers.push({
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
}

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

const q = { cert: { type: 'idNumber' as const, no: '370303195803120316' } };

describe('error taxonomy', () => {
  it('connection refused is NotSent, and the log says so', async () => {
    const { client, log } = makeClient(`http://127.0.0.1:${await freePort()}/`, { autoSignIn: false });
    const err = await client.personInfo(q).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotSentError);
    expect(retryAs(err)).toBe('resendSameMsgid');
    expect(log.recent(1)[0].outcome).toBe('notSent');
  });

  it('a name that does not resolve is NotSent', async () => {
    const { client } = makeClient('http://no-such-host.invalid/', { autoSignIn: false });
    expect(await client.personInfo(q).catch((e: unknown) => e)).toBeInstanceOf(NotSentError);
  });

  it('a peer that reads the request and closes the socket is UnknownOutcome', async () => {
    const url = await peer((_b, req) => req.socket.destroy());
    const { client } = makeClient(url);
    const err = await client.personInfo(q).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnknownOutcomeError);
    expect(retryAs(err)).toBe('resolveThenRedo');
  });

  it('a peer that never answers is UnknownOutcome after the timeout', async () => {
    const url = await peer(() => undefined);
    const { client, log } = makeClient(url, { timeoutMs: 300 });
    const t0 = Date.now();
    const err = await client.personInfo(q).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnknownOutcomeError);
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(log.recent(1)[0].outcome).toBe('unknownOutcome');
  });

  it('a per-call timeout overrides the setup', async () => {
    const url = await peer(() => undefined);
    const { client } = makeClient(url, { timeoutMs: 60_000 });
    await client.signIn();
    const err = await client.personInfo(q, { timeoutMs: 200 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnknownOutcomeError);
  });

  it('garbage is a BadResponse (treated as unknown outcome)', async () => {
    const url = await peer((_b, _r, res) => res.end('<html>gateway says hi</html>'));
    const { client, log } = makeClient(url);
    const err = await client.personInfo(q).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BadResponseError);
    expect(retryAs(err)).toBe('resolveThenRedo');
    expect(log.recent(1)[0].outcome).toBe('badResponse');
  });

  it('HTTP 500 is a BadResponse carrying the status', async () => {
    const url = await peer((_b, _r, res) => {
      res.statusCode = 500;
      res.end('oops');
    });
    const { client } = makeClient(url);
    const err = (await client.personInfo(q).catch((e: unknown) => e)) as BadResponseError;
    expect(err).toBeInstanceOf(BadResponseError);
    expect(err.httpStatus).toBe(500);
  });

  it('a missing required field in the answer is a BadResponse', async () => {
    const url = await peer((_b, _r, res) => res.end(ok({ baseinfo: { psn_name: 'x' }, insuinfo: [{ insutype: '390', insuplc_admdvs: '370300' }] })));
    const { client } = makeClient(url);
    const err = (await client.personInfo(q).catch((e: unknown) => e)) as BadResponseError;
    expect(err).toBeInstanceOf(BadResponseError);
    expect(err.detail).toContain('psn_no');
  });

  it('infcode -1 (number or string) is a BusinessRejected with the network message', async () => {
    for (const infcode of [-1, '-1', '1001']) {
      const url = await peer((_b, _r, res) => res.end(JSON.stringify({ infcode, err_msg: '参保人员状态异常' })));
      const { client } = makeClient(url);
      const err = (await client.personInfo(q).catch((e: unknown) => e)) as BusinessRejectedError;
      expect(err).toBeInstanceOf(BusinessRejectedError);
      expect(err.errMsg).toBe('参保人员状态异常');
      expect(retryAs(err)).toBe('deadLetter');
    }
  });

  it('the caller-given msgid is the one sent; NotSent keeps it for the resend', async () => {
    const port = await freePort();
    const { client, msgids } = makeClient(`http://127.0.0.1:${port}/`, { autoSignIn: false });
    const msgid = await msgids.next('1101');
    const err = (await client.personInfo(q, { msgid }).catch((e: unknown) => e)) as NotSentError;
    expect(err.msgid).toBe(msgid);
    const seen: string[] = [];
    const server = http.createServer((req, res) => {
      let b = '';
      req.on('data', (c) => (b += c));
      req.on('end', () => {
        seen.push((JSON.parse(b) as { msgid: string }).msgid);
        res.end(JSON.stringify({ infcode: '0', output: { baseinfo: { psn_no: 'P1' }, insuinfo: [{ insutype: 390, insuplc_admdvs: 370300, balc: 0 }] } }));
      });
    });
    await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
    servers.push({ close: () => server.close() });
    const a = await client.personInfo(q, { msgid });
    expect(seen).toEqual([msgid]);
    expect(a.meta.msgid).toBe(msgid);
    expect(a.person).toMatchObject({ personNo: 'P1', insutype: '390', insuranceRegion: '370300', accountBalance: '0.00' });
  });
});

describe('sign-in before a call', () => {
  it('a failed automatic sign-in makes the call NotSent with the caller msgid, and the call itself never goes out', async () => {
    const seen: string[] = [];
    const server = http.createServer((req, res) => {
      let b = '';
      req.on('data', (c) => (b += c));
      req.on('end', () => {
        seen.push((JSON.parse(b) as { infno: string }).infno);
        res.end(JSON.stringify({ infcode: -1, err_msg: '机构未开通' }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    servers.push({ close: () => server.close() });
    const { client } = makeClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    const err = (await client.personInfo(q, { msgid: 'H37030300123202601010000000199' }).catch((e: unknown) => e)) as NotSentError;
    expect(err).toBeInstanceOf(NotSentError);
    expect(err.msgid).toBe('H37030300123202601010000000199');
    expect(err.detail).toContain('机构未开通');
    expect(seen).toEqual(['9001']);
  });

  it('a per-call operator goes into opter / opter_name', async () => {
    let env: Record<string, unknown> = {};
    const url = await peer((b, _r, res) => {
      env = b;
      res.end(ok({ baseinfo: { psn_no: 'P' }, insuinfo: [{ insutype: '390', insuplc_admdvs: '370300' }] }));
    });
    const { client } = makeClient(url);
    await client.personInfo(q, { operator: { code: 'C0042', name: '李收款' } });
    expect(env).toMatchObject({ opter: 'C0042', opter_name: '李收款', opter_type: '1' });
  });
});

describe('TLS', () => {
  const dir = tempDir('net-tls-');
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2',
    '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });

  async function tlsPeer(opts: https.ServerOptions = {}): Promise<string> {
    const server = https.createServer({ key: fs.readFileSync(key), cert: fs.readFileSync(cert), ...opts }, (req, res) => {
      let b = '';
      req.on('data', (c) => (b += c));
      req.on('end', () => {
        const env = JSON.parse(b) as { infno: string };
        const who = (req.socket as import('node:tls').TLSSocket).getPeerCertificate?.()?.subject?.CN ?? '';
        res.end(env.infno === '9001' ? ok({ signinoutb: { sign_no: `S-${who}` } }) : ok({}));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    servers.push({ close: () => server.close() });
    return `https://127.0.0.1:${(server.address() as AddressInfo).port}/fsi`;
  }

  it('an untrusted certificate fails the handshake: NotSent', async () => {
    const url = await tlsPeer();
    const { client } = makeClient(url);
    const err = (await client.signIn().catch((e: unknown) => e)) as NotSentError;
    expect(err).toBeInstanceOf(NotSentError);
  });

  it('with the CA configured it connects, and presents the client certificate', async () => {
    const url = await tlsPeer({ requestCert: true, rejectUnauthorized: true, ca: fs.readFileSync(cert) });
    const { client } = makeClient(url, {
      tls: { ca: fs.readFileSync(cert, 'utf8'), cert: fs.readFileSync(cert, 'utf8'), key: fs.readFileSync(key, 'utf8') },
    });
    const a = await client.signIn();
    expect(a.signNo).toBe('S-127.0.0.1');
  });

  it('a server that demands a client certificate refuses one without it', async () => {
    const url = await tlsPeer({ requestCert: true, rejectUnauthorized: true, ca: fs.readFileSync(cert) });
    const { client } = makeClient(url, { tls: { ca: fs.readFileSync(cert, 'utf8') } });
    const err = await client.signIn().catch((e: unknown) => e);
    // TLS 1.3 reports the missing client certificate after the handshake: outcome unknown is the safe reading.
    expect(err instanceof NotSentError || err instanceof UnknownOutcomeError).toBe(true);
  });
});
