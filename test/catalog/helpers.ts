// Shared helpers of the catalog tests: a real SQLite store in a temp dir with every migration,
// the catalog repos over it, a network client to the strict simulator on loopback, one sync.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '../../electron/store/db';
import { MsgIdSource, createNetworkClient, type NetworkClient } from '../../electron/network/client';
import { startPlatformSimulator, type PlatformSimulator, type PlatformSimulatorOptions } from '../../electron/network/simulator';
import { openCatalogRepos, syncOnce, type CatalogRepos } from '../../electron/catalog/sync-job';
import type { SyncOptions } from '../../electron/catalog/sync';

export const INST = 'H37030300123';
export const REGION = '370303';
/** Small catalogs keep most tests quick; the size tests use the default (12,000 drugs). */
export const SMALL = { sizes: { drugs: 600, services: 300, consumables: 100, herbs: 60 } };

export function tempDir(prefix = 'cat-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface Store {
  dir: string;
  db: Db;
  repos: CatalogRepos;
}

export function tempStore(): Store {
  const dir = tempDir();
  const db = openDatabase(path.join(dir, 'settle.db'));
  return { dir, db, repos: openCatalogRepos(db) };
}

const sims: PlatformSimulator[] = [];
export async function startSim(o: PlatformSimulatorOptions = {}): Promise<PlatformSimulator> {
  const s = await startPlatformSimulator({ port: 0, catalog: SMALL, ...o });
  sims.push(s);
  return s;
}
export async function closeSims(): Promise<void> {
  while (sims.length) await sims.pop()!.close();
}

export function clientFor(url: string, db: Db, terminalNo = '01'): NetworkClient {
  return createNetworkClient(
    {
      endpoint: url, institutionCode: INST, institutionName: '淄博市张店区中埠镇卫生院', region: REGION, receiverSystemCode: 'YBXT',
      interfaceVersion: 'V1.0', operatorType: '1', operatorCode: 'T001', operatorName: '技术员甲', terminalNo, timeoutMs: 5000,
    },
    { msgids: new MsgIdSource({ db, institutionCode: INST, terminalNo }) },
  );
}

/** One recorded sync of the store against `url`. */
export async function sync(s: Store, client: NetworkClient, over: Partial<Omit<SyncOptions, 'repos'>> = {}) {
  return syncOnce({ client, db: s.db, repos: s.repos, region: REGION, now: () => new Date(), retry: { attempts: 2, delayMs: 5 }, ...over });
}

/** Rows per catalog in the store. */
export function rowCounts(db: Db): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of db.prepare('SELECT catalog, COUNT(*) AS n FROM catalog_items GROUP BY catalog').all() as { catalog: string; n: number }[]) out[r.catalog] = r.n;
  return out;
}

export const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
