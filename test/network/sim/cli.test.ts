// network-sim and network-check, spawned for real.
import { spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNetworkSimulator, type NetworkSimulator } from '../../../electron/network/sim';
import { tempDir } from '../client/helpers';

const root = path.resolve(__dirname, '../../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');
const stateDb = path.join(tempDir(), 'check.db');

/** Spawned asynchronously: the simulator under test runs in this process and must keep answering. */
function run(args: string[]): Promise<{ code: number | null; lines: string[]; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(tsx, ['electron/cli/main.ts', ...args], { cwd: root });
    let out = '';
    let err = '';
    p.stdout.on('data', (c) => (out += c));
    p.stderr.on('data', (c) => (err += c));
    p.on('close', (code) => resolve({ code, lines: out.trim().split('\n'), stderr: err }));
  });
}

type Summary = { ok: boolean; steps: { infno: string; ok: boolean; message: string }[] };

async function check(url: string, ...extra: string[]) {
  const r = await run(['network-check', '--network', url, '--institution', 'H37030300123',
    '--id-number', '370303195803120316', '--state-db', stateDb, '--timeout', '5000', ...extra]);
  let last: Summary | null = null;
  try {
    last = JSON.parse(r.lines[r.lines.length - 1]) as Summary;
  } catch {
    last = null;
  }
  return { ...r, last };
}

let sim: NetworkSimulator;
beforeAll(async () => {
  sim = await startNetworkSimulator();
});
afterAll(() => sim.close());

describe('network-check', () => {
  it('passes against the simulator, twice in a row, with one step line each and a JSON summary', async () => {
    for (let run = 0; run < 2; run++) {
      const r = await check(sim.url);
      expect(r.code, r.lines.join("\n") + r.stderr).toBe(0);
      expect(r.lines).toHaveLength(10);
      expect(r.lines.slice(0, 9).every((l) => l.startsWith('PASS '))).toBe(true);
      expect(r.last?.ok).toBe(true);
      expect(r.last?.steps.map((s) => s.infno)).toEqual(['9001', '1101', '2201', '2204', '2206', '2207', '2208', '3201', '9002']);
      expect(r.lines[1]).not.toContain('370303195803120316');
    }
    expect(sim.ledger().settlements.filter((s) => s.status === 'cancelled')).toHaveLength(2);
  }, 120_000);

  it('fails at the first failing step with the network message and exit 1', async () => {
    const server = http.createServer((req, res) => {
      let b = '';
      req.on('data', (c) => (b += c));
      req.on('end', () => {
        const env = JSON.parse(b) as Record<string, unknown>;
        if (env.infno === '2207') return res.end(JSON.stringify({ infcode: -1, err_msg: '基金支付异常，请稍后再试' }));
        // everything else goes to the simulator (a peer that breaks at 2207)
        fetch(sim.url, { method: 'POST', body: b }).then((r) => r.text()).then((t) => res.end(t));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const r = await check(url);
    server.close();
    expect(r.code).toBe(1);
    expect(r.last?.ok).toBe(false);
    expect(r.last?.steps.map((s) => [s.infno, s.ok])).toEqual([['9001', true], ['1101', true], ['2201', true], ['2204', true], ['2206', true], ['2207', false]]);
    expect(r.last?.steps[5].message).toBe('基金支付异常，请稍后再试');
    expect(r.lines.find((l) => l.startsWith('FAIL 2207'))).toContain('基金支付异常');
  }, 120_000);

  it('fails with exit 1 when nothing listens', async () => {
    const r = await check('http://127.0.0.1:9/');
    expect(r.code).toBe(1);
    expect(r.last?.steps).toHaveLength(1);
    expect(r.last?.steps[0]).toMatchObject({ infno: '9001', ok: false });
  }, 60_000);

  it('exits 2 on bad usage', async () => {
    expect((await check('not a url')).code).toBe(2);
    expect((await run(['network-check', '--network', sim.url])).code).toBe(2);
  }, 60_000);
});

describe('network-sim', () => {
  it('prints its URL, serves network-check, and stops on SIGTERM', async () => {
    const p = spawn(tsx, ['electron/cli/main.ts', 'network-sim', '--port', '0', '--quiet'], { cwd: root });
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      p.stdout.on('data', (c) => {
        out += c;
        const m = /listening: (\S+)/.exec(out);
        if (m) resolve(m[1]);
      });
      p.on('exit', () => reject(new Error(`exited early: ${out}`)));
    });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    const r = await check(url);
    expect(r.code).toBe(0);
    const exited = new Promise<number | null>((resolve) => p.on('exit', (code) => resolve(code)));
    p.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 120_000);

  it('refuses a bad fault spec with exit 2', async () => {
    const r = await run(['network-sim', '--faults', 'drop=7']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('drop');
  }, 60_000);
});
