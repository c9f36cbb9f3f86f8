// The HTTP host of browser mode, against a real app on a loopback port and a real SQLite file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
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
    expect(((await (await post('no.such', '{}')).json()) as Json).error.code).toBe('UNKNOWN_METHOD');
    expect(((await (await post('setup.backup', '{}')).json()) as Json).error.code).toBe('NOT_LOGGED_IN');
    expect(((await (await post('app.info', '{"input":{"x":1}}')).json()) as Json).error.code).toBe('VALIDATION');
    expect(((await (await post('setup.backup', '{}', { 'x-settle-session': 'forged' })).json()) as Json).error.code).toBe('NOT_LOGGED_IN');
  });

  it('serves the UI with a strict Content-Security-Policy and never files outside it', async () => {
    const res = await fetch(base);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const escaped = await new Promise<string>((resolve) => {
      http.get(`${base}..%2f..%2fpackage.json`, (r) => {
        let body = '';
        r.on('data', (d) => (body += d));
        r.on('end', () => resolve(body));
      });
    });
    expect(escaped).not.toContain('"devDependencies"');
  });
});
