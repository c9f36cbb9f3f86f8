// The vitest hooks of a center test file (kept apart from ./helpers.ts, which the Playwright spec
// imports too and which must not load vitest).
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startSim } from '../settlement/helpers';
import type { PlatformSimulator } from '../../electron/network/simulator';
import { startPgCluster, type PgCluster } from './pg-cluster';
import type { LinkedWindow } from './helpers';

/** A test file's throwaway cluster and simulator, and the windows it opened (closed after each test). */
export interface CenterSuite {
  readonly cluster: PgCluster;
  readonly sim: PlatformSimulator;
  readonly open: LinkedWindow[];
}

export function centerSuite(): CenterSuite {
  let cluster: PgCluster | undefined;
  let sim: PlatformSimulator | undefined;
  const open: LinkedWindow[] = [];
  beforeAll(async () => {
    cluster = await startPgCluster();
    sim = await startSim({ port: 0 });
  }, 60_000);
  afterAll(async () => {
    await sim?.close();
    cluster?.stop();
  });
  afterEach(async () => {
    while (open.length) await open.pop()!.close();
  });
  return { get cluster() { return cluster!; }, get sim() { return sim!; }, open };
}
