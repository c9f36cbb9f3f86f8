// What the window benches share: the composed app on the demo clock (2020-06-15, where the demo
// data lives) in a fresh data dir, and the median of timed runs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { composeApp, type RunningApp } from '../../electron/app/compose';

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
export const round = (n: number) => Math.round(n * 10) / 10;
const CLOCK_OFFSET_MS = Date.now() - Date.parse('2020-06-15T01:30:00Z');

export async function benchWindowApp(prefix: string): Promise<RunningApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return composeApp({ dataDir, mode: 'test', flags: new Map([['his-port', '0']]), now: () => new Date(Date.now() - CLOCK_OFFSET_MS) });
}
