// A sync is resumable: answers lost on the way are asked again; a network that goes away stops
// the run with what was stored kept, and the next run goes on from there; a command-line sync
// killed (SIGKILL) in the middle of the 10,000-row drug file goes on at the next run, ending with
// exactly the platform's rows, and a run after that prints zeros.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../electron/platform/paths';
import { openDatabase } from '../../electron/store/db';
import { openCatalogRepos } from '../../electron/catalog/sync-job';
import { FtsBulk } from '../../electron/catalog/fts-bulk';
import { CatalogSearch } from '../../electron/catalog/search';

import { INST, clientFor, closeSims, rowCounts, startSim, sum, sync, tempDir, tempStore } from './helpers';

afterAll(closeSims);

const FILES = ['1301', '1302', '1303', '1305', '1306', '1307', '1309'];
const expectRows = (got: Record<string, number>, want: Record<string, number>) => {
  for (const c of FILES) expect(got[c], c).toBe(want[c]);
};

describe('resuming', () => {
  it('answers dropped on the way are asked again; the result is complete', async () => {
    const sim = await startSim({ faults: 'drop=0.25,only=1301+1302+1305+9102+1312+1318+1319+1901', seed: 7 });
    const s = tempStore();
    const client = clientFor(sim.url, s.db);
    const { counts } = await sync(s, client, { retry: { attempts: 12, delayMs: 2 } });
    expectRows(rowCounts(s.db), sim.catalogInfo().counts);
    expect(counts.changes).toBe(0);
    await client.close(500);
  });

  it('a network that goes away stops the run; the next run goes on from the last stored unit', async () => {
    const a = await startSim({ seed: 3 });
    const s = tempStore();
    const client = clientFor(a.url, s.db);
    let closing: Promise<void> | undefined;
    const run = sync(s, client, { onProgress: (p) => void (p.step.startsWith('1305') && (closing ??= a.close())) });
    await expect(run).rejects.toThrow();
    await closing;
    await client.close(200);
    expect(s.repos.changes.runs(1)[0]).toMatchObject({ state: 'failed' });
    expect(s.repos.changes.runs(1)[0].error).toBeTruthy();
    const partial = rowCounts(s.db);
    expect(partial['1301']).toBeGreaterThan(0);
    expect(partial['1305'] ?? 0).toBe(0);
    const b = await startSim({ seed: 3 });
    const client2 = clientFor(b.url, s.db, '02');
    const { counts } = await sync(s, client2);
    expect(counts.catalogs['1301']).toBe(0);
    expect(counts.catalogs['1305']).toBe(b.catalogInfo().counts['1305']);
    expect(counts.changes).toBe(0);
    expectRows(rowCounts(s.db), b.catalogInfo().counts);
    await client2.close(200);
  });

  it('a paged query cut off between pages goes on from the next page, not from the first', async () => {
    const a = await startSim({ seed: 5 });
    const s = tempStore();
    const client = clientFor(a.url, s.db);
    let closing: Promise<void> | undefined;
    const run = sync(s, client, { pageSize: 100, queries: ['1312'], onProgress: (p) => void (p.step.startsWith('1312') && p.done >= 3 && (closing ??= a.close())) });
    await expect(run).rejects.toThrow();
    await closing;
    await client.close(200);
    const state = s.repos.terms.state('1312')!;
    expect(state.nextPage).toBeGreaterThanOrEqual(4);
    const stored = s.repos.terms.count();
    expect(stored).toBe((state.nextPage - 1) * 100);
    const b = await startSim({ seed: 5 });
    const client2 = clientFor(b.url, s.db, '02');
    const { counts } = await sync(s, client2, { pageSize: 100, queries: ['1312'] });
    // Only the pages not stored yet were new; the whole query is there now.
    const fresh = tempStore();
    const client3 = clientFor(b.url, fresh.db, '03');
    const all = await sync(fresh, client3, { pageSize: 100, queries: ['1312'] });
    expect(counts.catalogs['1312']).toBe(all.counts.catalogs['1312'] - stored);
    expect(s.repos.terms.count()).toBe(fresh.repos.terms.count());
    expect(s.repos.terms.state('1312')).toMatchObject({ nextPage: 1 });
    await client2.close(200);
    await client3.close(200);
  });
});

function cli(args: string[], onErr?: (all: string, child: ChildProcess) => void): Promise<{ status: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot(), 'electron', 'cli', 'main.ts'), ...args], { cwd: projectRoot() });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      onErr?.(stderr, child);
    });
    child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr }));
  });
}

describe('catalog-sync command', () => {
  it('killed in the middle of 1301, goes on at the next run; the run after prints zeros', { timeout: 240_000 }, async () => {
    const sim = await startSim({ catalog: {} });
    const info = sim.catalogInfo();
    expect(info.counts['1301']).toBeGreaterThanOrEqual(10_000);
    const dir = tempDir();
    const args = ['catalog-sync', '--network', sim.url, '--institution', INST, '--data-dir', dir];
    // Killed once the first chunk of the drug file is stored (progress "1301 西药中成药 2000/…").
    const killed = await cli(args, (all, child) => {
      if (/1301 \S+ [1-9]\d{3}\/\d+/.test(all) && !child.killed) child.kill('SIGKILL');
    });
    expect(killed.signal).toBe('SIGKILL');
    const db = openDatabase(path.join(dir, 'settle.db'));
    const stored = rowCounts(db)['1301'] ?? 0;
    expect(stored).toBeGreaterThan(0);
    expect(stored).toBeLessThan(info.counts['1301']);
    // Killed in the middle of a bulk store: the index is behind until the next run rebuilds it.
    expect(new FtsBulk(db).active()).toBe(true);
    db.close();

    const second = await cli(args);
    expect(second.status, second.stderr).toBe(0);
    const line = second.stdout.trim().split('\n').pop()!;
    expect(line).not.toContain(' ');
    const counts = JSON.parse(line) as { catalogs: Record<string, number>; dictionaries: number; changes: number };
    expect(Object.keys(counts)).toEqual(['catalogs', 'dictionaries', 'changes']);
    // The rows stored before the kill are not new again; everything else is.
    expect(counts.catalogs['1301']).toBe(info.counts['1301'] - stored);
    expect(counts.catalogs['1305']).toBe(info.counts['1305']);
    expect(counts.dictionaries).toBeGreaterThan(200);
    expect(counts.changes).toBe(0);
    const db2 = openDatabase(path.join(dir, 'settle.db'));
    expectRows(rowCounts(db2), info.counts);
    // The search index covers every row again, those stored before the kill too.
    expect(new FtsBulk(db2).active()).toBe(false);
    const search = new CatalogSearch(db2);
    for (const offset of [0, 1000, 5000, 11000]) {
      const r = db2.prepare("SELECT code, approval_no FROM catalog_items WHERE catalog = '1301' AND valid = 1 ORDER BY rowid LIMIT 1 OFFSET ?").get(offset) as { code: string; approval_no: string };
      expect(search.search(r.approval_no, { limit: 200 }).map((i) => i.code)).toContain(r.code);
    }
    expect(openCatalogRepos(db2).changes.runs(5).map((r) => r.state)).toEqual(['done', 'interrupted']);
    db2.close();

    const third = await cli(args);
    expect(third.status, third.stderr).toBe(0);
    const zero = JSON.parse(third.stdout.trim().split('\n').pop()!) as typeof counts;
    expect(sum(zero.catalogs) + zero.dictionaries + zero.changes).toBe(0);
  });

  it('bad usage exits 2 naming the flag', async () => {
    const r = await cli(['catalog-sync', '--network', 'not a url', '--institution', INST, '--data-dir', tempDir()]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--network');
    const r2 = await cli(['catalog-sync', '--network', 'http://127.0.0.1:9', '--data-dir', tempDir()]);
    expect(r2.status).toBe(2);
    expect(r2.stderr).toContain('--institution');
  });
});


