// The HTTP host of browser mode, against a real app on a loopback port and a real SQLite file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { startBrowserMode, type RunningBrowserApp } from '../../electron/app/browser-mode';
import { tempDir } from './tmp';

let running: RunningBrowserApp;
let base: string;

beforeAll(async () => {
  running = await startBrowserMode({ dataDir: tempDir(), port: 0, flags: new Map([['his-port', '0']]) });
  base = running.host.url;
});
afterAll(async () => running.close());

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

function post(method: string, body: string, headers: Record<string, string> = {}) {
  return fetch(`${base}api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
}

describe('browser-mode host', () => {
  it('serves the contract: a public call works without a session', async () => {
    const res = await post('app.info', '{}');
    expect(res.status).toBe(200);
    const json: Json = await res.json();
    expect(json.ok).toBe(true);
    expect(json.value.mode).toBe('browser');
  });

  it('refuses calls from other origins (another web page on this PC)', async () => {
    const res = await post('app.info', '{}', { origin: 'http://example.com' });
    expect(res.status).toBe(403);
  });

  it('accepts our own origin', async () => {
    const res = await post('app.info', '{}', { origin: base.replace(/\/$/, '') });
    expect(res.status).toBe(200);
  });

  it('requires JSON, valid JSON, and a bounded body', async () => {
    expect((await fetch(`${base}api/app.info`, { method: 'POST', body: '{}', headers: { 'content-type': 'text/plain' } })).status).toBe(415);
    expect((await post('app.info', '{nope')).status).toBe(400);
    const big = JSON.stringify({ input: 'x'.repeat(6 * 1024 * 1024) });
    expect((await post('app.info', big)).status).toBe(413);
  });

  it('answers unknown methods, missing sessions and bad input as errors, never a crash', async () => {
    // An API error is a value (HTTP 200 with ok: false), not a transport failure.
    const errorOf = async (res: Response) => {
      expect(res.status).toBe(200);
      const json: Json = await res.json();
      expect(json.ok).toBe(false);
      return json.error.code as string;
    };
    expect(await errorOf(await post('no.such', '{}'))).toBe('UNKNOWN_METHOD');
    expect(await errorOf(await post('setup.backup', '{}'))).toBe('NOT_LOGGED_IN');
    expect(await errorOf(await post('app.info', '{"input":{"x":1}}'))).toBe('VALIDATION');
    expect(await errorOf(await post('setup.backup', '{}', { 'x-settle-session': 'forged' }))).toBe('NOT_LOGGED_IN');
  });

  it('serves the UI with a strict Content-Security-Policy and never files outside it', async () => {
    const index = fs.readFileSync(path.join(__dirname, '..', '..', 'dist', 'renderer', 'index.html'), 'utf8');
    const res = await fetch(base);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await res.text()).toBe(index);
    // A path that climbs out of the UI folder gets the UI's own page, never the file it names.
    const escaped = await new Promise<{ status?: number; body: string }>((resolve) => {
      http.get(`${base}..%2f..%2fpackage.json`, (r) => {
        let body = '';
        r.on('data', (d) => (body += d));
        r.on('end', () => resolve({ status: r.statusCode, body }));
      });
    });
    expect(escaped.status).toBe(200);
    expect(escaped.body).toBe(index);
    expect(escaped.body).not.toContain('"devDependencies"');
  });
});
