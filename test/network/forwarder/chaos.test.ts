// The crash-and-fault run, spawned for real with a small N: the worker is killed with SIGKILL at
// random moments while the simulator injects faults; nothing may be lost, doubled or unresolved.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');

function runChaos(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(tsx, ['electron/cli/main.ts', 'chaos', ...args], { cwd: root });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (c) => (stdout += c));
    p.stderr.on('data', (c) => (stderr += c));
    p.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('chaos --kills 5 (spawned)', () => {
  it('kills the worker 5 times, then finds every reported settlement exactly once locally and at the network', async () => {
    const r = await runChaos(['--kills', '5', '--seed', '11']);
    const last = r.stdout.trim().split('\n').pop()!;
    const result = JSON.parse(last) as Record<string, number>;
    expect(Object.keys(result)).toEqual(['settlements', 'kills', 'lost', 'duplicated', 'mismatched', 'unresolved']);
    expect(result, r.stderr.slice(-2000)).toMatchObject({ kills: 5, lost: 0, duplicated: 0, mismatched: 0, unresolved: 0 });
    expect(result.settlements).toBeGreaterThanOrEqual(10);
    expect(r.code).toBe(0);
  }, 180_000);

  it('refuses bad flags with exit code 2', async () => {
    const r = await runChaos(['--kills', 'many']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--kills');
  }, 60_000);
});
