// Catalog bench: the first full sync from the strict simulator at realistic size (12,000+ drugs,
// 3,000+ services …; 13xx + 9102 by version, 1312/1318/1319 paged, 1901) into a real SQLite file:
// its time and rows stored per second (`catalog.sync_rows_per_s`); the second, incremental run;
// and the window's catalog search over the whole catalog as people type (code and pinyin
// prefixes, one- and two-character names, longer names, makers, approval numbers):
// `catalog.search_p99_ms` (target < 30 ms).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../electron/store/db';
import { MsgIdSource, createNetworkClient } from '../../electron/network/client';
import { startPlatformSimulator } from '../../electron/network/simulator';
import { openCatalogRepos, syncOnce } from '../../electron/catalog/sync-job';
import { CatalogSearch } from '../../electron/catalog/search';
import type { SyncCounts } from '../../electron/catalog/sync';
import type { BenchSuite } from './registry';

const INST = 'H37030300123';
const SEARCHES = 2000;

function queries(db: ReturnType<typeof openDatabase>): string[] {
  const rows = db.prepare("SELECT code, name, pinyin, manufacturer, approval_no FROM catalog_items WHERE list_type <> '' ORDER BY code").all() as {
    code: string; name: string; pinyin: string; manufacturer: string; approval_no: string;
  }[];
  const out: string[] = [];
  for (let i = 0; out.length < SEARCHES; i++) {
    const r = rows[(i * 7919) % rows.length];
    const chars = [...r.name];
    const kinds = [
      r.code.slice(0, 4 + (i % 8)), r.pinyin.slice(0, 2 + (i % 3)) || r.code.slice(0, 6), chars[0], chars.slice(0, 2).join(''), chars.slice(1, 3).join(''),
      chars.slice(0, 4).join(''), r.name, r.manufacturer.slice(2, 6) || r.name, r.approval_no.slice(-6) || r.code, chars.slice(-3).join(''),
    ];
    out.push(kinds[i % kinds.length]);
  }
  return out;
}

const total = (c: SyncCounts) => Object.values(c.catalogs).reduce((a, b) => a + b, 0) + c.dictionaries;

export const suite: BenchSuite = {
  name: 'catalog',
  async run() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalog-bench-'));
    const sim = await startPlatformSimulator({ port: 0 });
    const db = openDatabase(path.join(dir, 'settle.db'));
    const client = createNetworkClient(
      {
        endpoint: sim.url, institutionCode: INST, institutionName: '淄博市张店区中埠镇卫生院', region: '370303', receiverSystemCode: 'YBXT',
        interfaceVersion: 'V1.0', operatorType: '1', operatorCode: 'T001', operatorName: '技术员', terminalNo: '01', timeoutMs: 60_000,
      },
      { msgids: new MsgIdSource({ db, institutionCode: INST, terminalNo: '01' }) },
    );
    try {
      const o = { client, db, repos: openCatalogRepos(db), region: '370303', now: () => new Date() };
      const t0 = process.hrtime.bigint();
      const first = await syncOnce(o);
      const firstS = Number(process.hrtime.bigint() - t0) / 1e9;
      const t1 = process.hrtime.bigint();
      await syncOnce(o);
      const secondMs = Number(process.hrtime.bigint() - t1) / 1e6;
      const search = new CatalogSearch(db);
      const qs = queries(db);
      for (const q of qs.slice(0, 100)) search.search(q);
      const times: number[] = [];
      for (const q of qs) {
        const s = process.hrtime.bigint();
        search.search(q);
        times.push(Number(process.hrtime.bigint() - s) / 1e6);
      }
      times.sort((a, b) => a - b);
      const p = (x: number) => times[Math.min(times.length - 1, Math.floor(times.length * x))];
      return {
        'catalog.drug_rows': first.counts.catalogs['1301'] ?? 0,
        'catalog.first_sync_s': Number(firstS.toFixed(2)),
        'catalog.sync_rows_per_s': Math.round(total(first.counts) / firstS),
        'catalog.incremental_sync_ms': Math.round(secondMs),
        'catalog.search_p50_ms': Number(p(0.5).toFixed(2)),
        'catalog.search_p99_ms': Number(p(0.99).toFixed(2)),
      };
    } finally {
      await client.close(1000);
      await sim.close();
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
