// `npm run --silent cli -- read-card / read-idcard` against simulators on real pty pairs.
import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { expectedSsCard, serveIdCard, serveSsCard } from './helpers';

// Each run starts npm and a TypeScript process: long hang guards, so a busy machine only waits.
const SPAWN_MS = 120_000;

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('npm', ['run', '--silent', 'cli', '--', ...args], { timeout: SPAWN_MS }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 99) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

function lastJson(stdout: string): unknown {
  const lines = stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]);
}

describe('CLI reads over a pty', () => {
  it('read-card prints the card as one compact JSON line', { timeout: SPAWN_MS + 10_000 }, async () => {
    const served = await serveSsCard('anhuiPoor');
    const r = await cli(['read-card', '--port', served.pty.host, '--timeout', '3000']);
    expect(r.code).toBe(0);
    const last = r.stdout.trim().split('\n').at(-1) as string;
    expect(last).not.toContain('\n  ');
    expect(lastJson(r.stdout)).toEqual(expectedSsCard('anhuiPoor'));
    expect(Object.keys(lastJson(r.stdout) as object)).toEqual([
      'cardId', 'cardNumber', 'ssn', 'name', 'gender', 'nation', 'birthDate', 'issueDate', 'expiryDate', 'region', 'specVersion',
    ]);
  });

  it('read-idcard prints the ID card text and sends only find, select, read', { timeout: SPAWN_MS + 10_000 }, async () => {
    const served = await serveIdCard('destitute');
    const r = await cli(['read-idcard', '--port', served.pty.host, '--timeout', '3000']);
    expect(r.code).toBe(0);
    expect(lastJson(r.stdout)).toEqual({
      name: '王德福',
      gender: '1',
      nation: '01',
      birthDate: '1945-09-20',
      address: '山东省淄博市张店区中埠镇敬老院',
      idNumber: '37030319450920053X',
      authority: '淄博市公安局张店分局',
      validFrom: '2005-09-20',
      validTo: '长期',
    });
    expect(served.sim.log).toEqual(['2001', '2002', '3001']);
  });

  it('fails clearly: no card (exit 1), no reader (exit 1), no port given (exit 2)', { timeout: 3 * SPAWN_MS + 10_000 }, async () => {
    const served = await serveSsCard('');
    const noCard = await cli(['read-card', '--port', served.pty.host, '--timeout', '3000']);
    expect(noCard.code).toBe(1);
    expect(noCard.stderr).toContain('未检测到卡片，请插卡');
    expect(noCard.stdout.trim()).toBe('');
    const noReader = await cli(['read-idcard', '--port', served.pty.dir + '/absent']);
    expect(noReader.code).toBe(1);
    expect(noReader.stderr).toContain('读卡器未连接');
    const usage = await cli(['read-card']);
    expect(usage.code).toBe(2);
  });
});
