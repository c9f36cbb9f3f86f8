// The demo HIS command against a real app: visits arrive and wait at the window; bad usage exits 2.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { projectRoot } from '../../electron/platform/paths';
import { startHisApp, type HisTestApp } from './helpers';

let t: HisTestApp;
beforeAll(async () => {
  t = await startHisApp();
});
afterAll(async () => {
  await t.close();
});

function cli(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot(), 'electron', 'cli', 'main.ts'), ...args], { cwd: projectRoot() });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

it('his-demo sends the demo visits; they wait at the window, mapped by the demo catalog', async () => {
  const r = await cli(['his-demo', '--to', t.base, '--token', t.token, '--tag', 'T1', '--with-unmapped']);
  expect(r.status, r.stderr).toBe(0);
  const last = JSON.parse(r.stdout.trim().split('\n').pop()!);
  expect(last).toMatchObject({ sent: 7, accepted: 7, refused: 0 });
  const waiting = t.bridge.service.listWaiting();
  expect(waiting.map((v) => v.hisVisitId)).toContain('ZYT101');
  const inpatient = t.bridge.service.get('ZYT101')!;
  expect(inpatient.visitType).toBe('inpatient');
  expect(inpatient.patient.name).toBe('张建国');
  expect(inpatient.lines.length).toBeGreaterThanOrEqual(30);
  const mapped = t.bridge.service.mappedLines('ZYT101');
  expect(mapped.ok && new Set(mapped.value.lines.map((l) => l.class))).toEqual(new Set(['A', 'B', 'C']));
  expect(t.bridge.service.get('MBT101')!.diagnoses[0].code).toBe('I10');
  expect(waiting.find((v) => v.hisVisitId === 'MZT104')!.unmappedCount).toBe(1);
  // the same run again is a no-op
  const again = await cli(['his-demo', '--to', t.base, '--data-dir', t.dataDir, '--tag', 'T1', '--with-unmapped']);
  expect(JSON.parse(again.stdout.trim().split('\n').pop()!).visits.every((v: { result: string }) => v.result === 'unchanged')).toBe(true);
}, 60_000);

it('his-demo exits 1 with a wrong token and 2 on bad usage', async () => {
  const wrong = await cli(['his-demo', '--to', t.base, '--token', 'wrong-token-0123456789', '--tag', 'T2']);
  expect(wrong.status).toBe(1);
  expect(JSON.parse(wrong.stdout.trim().split('\n').pop()!).refused).toBe(6);
  expect((await cli(['his-demo', '--to', 'not a url', '--token', 'x'])).status).toBe(2);
}, 60_000);
