// DNS rebinding: the browser-mode host answers only requests that name it (127.0.0.1 or localhost
// with its port) in the Host header; any other name gets an error and none of the app.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import { startBrowserMode, type RunningBrowserApp } from '../../electron/app/browser-mode';
import { hostAllowed } from '../../electron/host/server';
import { tempDir } from './tmp';

let running: RunningBrowserApp;

beforeAll(async () => {
  running = await startBrowserMode({ dataDir: tempDir(), port: 0, flags: new Map([['his-port', '0']]) });
});
afterAll(async () => running.close());

function request(path: string, host: string, method = 'GET', body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: running.host.port, path, method, headers: { host, ...(body ? { 'content-type': 'application/json' } : {}) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('Host header', () => {
  it('a foreign Host gets an error and no answer from the app, on every route', async () => {
    const port = running.host.port;
    for (const host of [`evil.example:${port}`, `attacker.test`, `127.0.0.1.nip.io:${port}`, `localhost:${port + 1}`, `127.0.0.1`]) {
      for (const [path, method, body] of [['/', 'GET'], ['/health', 'GET'], ['/api/app.info', 'POST', '{}'], ['/receipts/R12345678.pdf', 'GET']] as const) {
        const res = await request(path, host, method, body);
        expect(res.status, `${host} ${path}`).toBe(421);
        expect(res.text).not.toContain('"ok"');
        expect(res.text).not.toContain('settle-window');
      }
    }
  });

  it('our own names are served', async () => {
    const port = running.host.port;
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`]) {
      const res = await request('/api/app.info', host, 'POST', '{}');
      expect(res.status, host).toBe(200);
      expect(JSON.parse(res.text).ok).toBe(true);
    }
  });

  it('the rule itself', () => {
    expect(hostAllowed('127.0.0.1:5780', 5780)).toBe(true);
    expect(hostAllowed('[::1]:5780', 5780)).toBe(true);
    expect(hostAllowed('localhost', 80)).toBe(true);
    expect(hostAllowed('localhost', 5780)).toBe(false);
    expect(hostAllowed(undefined, 5780)).toBe(false);
    expect(hostAllowed('localhost.evil.com:5780', 5780)).toBe(false);
    expect(hostAllowed('127.0.0.1:5780@evil', 5780)).toBe(false);
  });
});
