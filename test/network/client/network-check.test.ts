// `network-check` against the strict simulator (spawned for real) and against a peer in front of
// it that changes its 2207 answers: 2203 with the diagnosis, 3505/3506 with the traceability
// codes, a sign-in the platform ends mid-run signed in again, several fund rows read into layers;
// exit 1 when a fund row cannot be placed or the layers, account and cash do not add up.
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PlatformSimulator } from '../../../electron/network/simulator';
import { run } from '../../../electron/cli/network-check';
import { UsageError } from '../../../electron/cli/args';
import { closeSims, startSim, tempDir } from './helpers';

const root = path.resolve(__dirname, '../../..');
let sim: PlatformSimulator;
let civil: string;
let endBefore: string | undefined;
beforeAll(async () => {
  // The platform ends every sign-in as the named transaction arrives (once).
  sim = await startSim({ log: (line) => {
    if (endBefore && line.split(' ')[1] === endBefore) {
      endBefore = undefined;
      sim.endSignIns();
    }
  } });
  civil = sim.persons().find((p) => p.key === 'civil')!.certno;
});
afterAll(closeSims);

let codeSeq = 0;
const traceCode = () => `8${String(Date.now() * 100 + (codeSeq++ % 100)).padStart(19, '0')}`;

function spawnCheck(args: string[]): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const p = spawn(path.join(root, 'node_modules/.bin/tsx'), ['electron/cli/main.ts', 'network-check', ...args], { cwd: root });
    let stdout = '';
    p.stdout.on('data', (c) => (stdout += c));
    p.on('exit', (code) => resolve({ code, stdout }));
  });
}

/** Runs the command in this process, its output captured. */
async function runHere(args: string[]): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s) => (lines.push(...String(s).split('\n').filter(Boolean)), true));
  try {
    return { code: await run(args), lines };
  } finally {
    spy.mockRestore();
  }
}

// One msgid store for every run (as the default one in the temp folder): msgids never repeat.
const stateDb = path.join(tempDir('nc-'), 's.db');
const base = (url: string, id: string) => ['--network', url, '--institution', 'H37030300123', '--id-number', id, '--state-db', stateDb];

describe('network-check', () => {
  it('passes every step against the strict simulator, signs in again when the platform ends the sign-in, reads several fund rows', async () => {
    const codes = [traceCode(), traceCode()];
    endBefore = '2203';
    const r = await spawnCheck([...base(sim.url, civil), '--diagnosis', 'J20.900:急性支气管炎', '--doctor', 'D0031:周海燕', '--dept', 'MB01:慢病门诊', '--caty', 'A03', ...codes.flatMap((c) => ['--trace-code', c])]);
    const lines = r.stdout.trim().split('\n');
    const last = JSON.parse(lines.pop()!);
    expect(r.code, r.stdout).toBe(0);
    expect(last.steps.map((s: { infno: string }) => s.infno)).toEqual(['9001', '1101', '2201', '2203', '2204', '2206', '2207', '3505', '2208', '3506', '3201', '9002']);
    expect(lines.every((l) => l.startsWith('PASS '))).toBe(true);
    expect(lines.find((l) => l.startsWith('PASS 2203'))).toContain('J20.900');
    // The ended sign-in: 2203 refused once, 9001 again, 2203 sent again.
    expect(endBefore).toBeUndefined();
    expect(sim.stats().byInfno['2203']).toBe(2);
    expect(sim.stats().byInfno['9001']).toBe(2);
    // Several fund rows (pooling 0.00, civil-servant subsidy, account) read into layers, as sent.
    expect(last.settlement).toEqual({ medfee_sumamt: '83.80', fund_pay_sumamt: '41.90', acct_pay: '41.90', psn_cash_pay: '0.00', layers: { civilServant: '41.90' }, unplaced: [] });
    const rows = sim.ledger().settlements.find((s) => s.medfee === '83.80' && s.status === 'cancelled')!.funds;
    expect(Object.keys(rows).length).toBeGreaterThanOrEqual(2);
    // 3505 sold the codes, 3506 took them back.
    for (const c of codes) expect(sim.traceCode(c)).toMatchObject({ state: { whole: false } });
  }, 120_000);

  it('fails (exit 1) when a fund row cannot be placed, or the layers, account and cash do not add up', async () => {
    const peer = await tamperingPeer(sim.url);
    try {
      peer.mode = 'unplaced';
      const a = await runHere([...base(peer.url, civil), '--trace-code', traceCode()]);
      expect(a.code).toBe(1);
      const summary = JSON.parse(a.lines[a.lines.length - 1]);
      expect(summary.settlement.unplaced).toEqual(['620101']);
      expect(summary.ok).toBe(false);
      expect(a.lines.some((l) => l.startsWith('FAIL 2207 结算读数核对') && l.includes('620101'))).toBe(true);
      peer.mode = 'offByOneFen';
      const b = await runHere([...base(peer.url, civil), '--trace-code', traceCode()]);
      expect(b.code).toBe(1);
      expect(b.lines.some((l) => l.includes('相差 0.01'))).toBe(true);
    } finally {
      await peer.close();
    }
  }, 60_000);

  it('refuses bad flags as usage errors', async () => {
    await expect(runHere([...base(sim.url, civil), '--diagnosis', 'J20.900'])).rejects.toBeInstanceOf(UsageError);
    await expect(runHere([...base(sim.url, civil), '--trace-code', '123'])).rejects.toThrow(/20 digits/);
  });
});

/** A peer in front of the simulator that changes its 2207 answers (a fund row of its own, or a fen off). */
async function tamperingPeer(target: string): Promise<{ url: string; mode: string; close(): Promise<void> }> {
  const state = { mode: '' };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const answer = await fetch(target, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
      let text = await answer.text();
      if (JSON.parse(body).infno === '2207') text = tamper(text, state.mode);
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(text);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return Object.assign(state, { url, close: () => new Promise<void>((r) => server.close(() => r())) });
}

function tamper(text: string, mode: string): string {
  const a = JSON.parse(text);
  if (a.infcode !== 0) return text;
  const s = a.output.setlinfo;
  if (mode === 'unplaced') {
    // 1.00 of the account's part said to be paid by a fund nothing places (620101).
    s.acct_pay = (Number(s.acct_pay) - 1).toFixed(2);
    s.fund_pay_sumamt = (Number(s.fund_pay_sumamt) + 1).toFixed(2);
    a.output.setldetail.push({ fund_pay_type: '620101', fund_payamt: '1.00', inscp_scp_amt: s.inscp_scp_amt });
    for (const r of a.output.setldetail) if (r.fund_pay_type === '310201') r.fund_payamt = s.acct_pay;
  } else {
    s.psn_cash_pay = (Number(s.psn_cash_pay) + 0.01).toFixed(2);
  }
  return JSON.stringify(a);
}
