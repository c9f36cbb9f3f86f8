// Catalog sync against the strict simulator: the first run downloads every catalog version by
// version (13xx + 9102), the terms (1312/1318/1319) and the 1901 dictionaries with nothing logged
// as a change; a second run with nothing new stores nothing; after the platform publishes a
// version, the next run stores only what changed and logs it (new, class, ratio, price, expired);
// the terms in force on a visit's date are those of that date.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, chinaDate } from '../../electron/core/time';
import { termsLookup } from '../../electron/catalog/terms';
import { CatalogSearch } from '../../electron/catalog/search';
import type { PlatformSimulator } from '../../electron/network/simulator';
import type { NetworkClient } from '../../electron/network/client';
import type { SyncProgress } from '../../electron/catalog/sync';
import { clientFor, closeSims, rowCounts, startSim, sum, sync, tempStore, type Store } from './helpers';

let sim: PlatformSimulator;
let s: Store;
let client: NetworkClient;
beforeAll(async () => {
  sim = await startSim();
  s = tempStore();
  client = clientFor(sim.url, s.db);
});
afterAll(async () => {
  await client.close(1000);
  await closeSims();
});

describe('catalog sync', () => {
  it('first run: every catalog row, the terms and the dictionaries, progress to 100 %, no change logged', async () => {
    const seen: SyncProgress[] = [];
    const { counts } = await sync(s, client, { onProgress: (p) => seen.push({ ...p }) });
    const info = sim.catalogInfo();
    const rows = rowCounts(s.db);
    for (const cat of ['1301', '1302', '1303', '1305', '1306', '1307', '1309']) {
      expect(rows[cat], cat).toBe(info.counts[cat]);
      expect(counts.catalogs[cat], cat).toBe(info.counts[cat]);
    }
    expect(counts.changes).toBe(0);
    expect(counts.dictionaries).toBeGreaterThan(200);
    expect(counts.catalogs['1312']).toBeGreaterThan(sum(rows) - rows['1307'] - rows['1309'] - 10);
    expect(s.repos.changes.list({}).total).toBe(0);
    // Both versions of each catalog were fetched one after the other; the held version is the newest.
    expect(s.repos.items.version('1301')).toBe(info.versions[info.versions.length - 1].ver);
    expect(s.repos.items.held('1301')?.complete).toBe(true);
    // Progress moves forward only and ends at 1.
    const fractions = seen.map((p) => p.fraction);
    expect(fractions.every((f, i) => i === 0 || f >= fractions[i - 1])).toBe(true);
    expect(seen[seen.length - 1]).toMatchObject({ phase: 'done', fraction: 1 });
    expect(seen.some((p) => p.step.startsWith('1301') && p.total !== null && p.done > 0)).toBe(true);
    // Dictionaries come from 1901: the identity types and departments are the platform's.
    expect(s.repos.dict.list('PSN_IDET_TYPE').map((r) => r.value)).toContain('2302');
    expect(s.repos.dict.list('DEPT').find((r) => r.value === 'A03.01')).toMatchObject({ label: '呼吸内科专业', parent: 'A03' });
    expect(s.repos.dict.list('INSUTYPE').map((r) => r.value)).not.toContain('380'); // retired in 2019
  });

  it('second run with nothing new stores nothing and prints zeros', async () => {
    const { counts } = await sync(s, client);
    expect(sum(counts.catalogs)).toBe(0);
    expect(counts).toMatchObject({ dictionaries: 0, changes: 0 });
    expect(s.repos.changes.runs(5).map((r) => r.state)).toEqual(['done', 'done']);
  });

  it('a published version: only its rows are fetched, and its changes are logged by kind', async () => {
    const before = rowCounts(s.db);
    const v = sim.publishCatalog();
    const { counts, syncId } = await sync(s, client);
    expect(s.repos.items.version('1301')).toBe(v.ver);
    expect(counts.catalogs['1301']).toBeGreaterThan(0);
    expect(counts.catalogs['1301']).toBeLessThan(100);
    expect(counts.changes).toBeGreaterThan(0);
    const log = s.repos.changes.list({ syncId, limit: 500 }).items;
    expect(log.length).toBe(counts.changes);
    const kinds = new Set(log.map((c) => c.kind));
    for (const k of ['new', 'class', 'ratio', 'price', 'expired']) expect(kinds, k).toContain(k);
    const added = log.filter((c) => c.kind === 'new' && c.catalog === '1301').length;
    expect(rowCounts(s.db)['1301']).toBe(before['1301'] + added);
    // Each logged class change agrees with the platform's truth on the day it takes effect.
    for (const c of log.filter((x) => x.kind === 'class')) {
      expect(c.effective).toBe(v.day);
      expect(c.after.split('/')[0]).toBe(sim.platform.catalog().truthOn(c.code, v.day)?.lv);
      expect(c.before).not.toBe(c.after);
    }
    // An expired code ends the day before the version and is no longer found by search.
    const gone = log.find((c) => c.kind === 'expired' && c.catalog === '1301')!;
    expect(s.repos.items.get(gone.code)).toMatchObject({ valid: false, end: addDays(v.day, -1) });
    const search = new CatalogSearch(s.db);
    expect(search.search(gone.code).map((i) => i.code)).not.toContain(gone.code);
    expect(search.search(gone.code, { includeExpired: true }).map((i) => i.code)).toContain(gone.code);
    // And a third run is zeros again.
    const third = await sync(s, client);
    expect(sum(third.counts.catalogs) + third.counts.changes + third.counts.dictionaries).toBe(0);
  });

  it('the class and self-pay ratio in force on a visit date are those of that date', () => {
    const terms = termsLookup(s.repos.terms, s.repos.items);
    const store = sim.platform.catalog();
    const day = store.latest().day;
    const earlier = addDays(day, -1);
    const changed = s.repos.changes.list({ limit: 500 }).items.filter((c) => (c.kind === 'class' || c.kind === 'ratio') && s.repos.items.get(c.code)?.valid);
    expect(changed.length).toBeGreaterThan(5);
    for (const c of changed) {
      for (const d of [earlier, day, chinaDate(new Date())]) {
        const truth = store.truthOn(c.code, d)!;
        const t = terms(c.code, d)!;
        expect(t.level, `${c.code} on ${d}`).toBe(truth.lv);
        expect(t.selfPayRatio, `${c.code} on ${d}`).toBe(truth.lv === '01' ? '0' : truth.lv === '03' ? '1' : String(Number(truth.prop)));
      }
    }
    // Before the code existed nothing is in force.
    expect(terms(changed[0].code, '2019-01-01')).toBeUndefined();
  });

  it('searches the whole catalog by code prefix, pinyin initials, name and any part of a maker', () => {
    const search = new CatalogSearch(s.db);
    const row = s.db.prepare("SELECT * FROM catalog_items WHERE catalog = '1301' AND valid = 1 AND pinyin <> '' LIMIT 1 OFFSET 100").get() as Record<string, string>;
    expect(search.search(row.code.slice(0, 12)).length).toBeGreaterThan(0);
    expect(search.search(row.code)[0].code).toBe(row.code);
    expect(search.search(row.pinyin.slice(0, 3)).every((i) => i.pinyin.startsWith(row.pinyin.slice(0, 3)) || i.code.startsWith(row.pinyin.slice(0, 3).toUpperCase()))).toBe(true);
    expect(search.search(row.generic_name).length).toBeGreaterThan(0);
    expect(search.search(row.manufacturer.slice(2, 6), { limit: 50 }).every((i) => i.manufacturer.includes(row.manufacturer.slice(2, 6)) || i.name.includes(row.manufacturer.slice(2, 6)))).toBe(true);
    expect(search.search('阿莫')[0].name).toMatch(/阿莫/);
    // One or two characters from the middle of a name (the character index, not the trigrams).
    const mid = [...row.name].slice(1, 3).join('');
    const hits = search.search(mid, { limit: 50 });
    expect(hits.map((i) => i.code)).toContain(row.code);
    expect(hits.every((i) => `${i.name}${i.genericName}${i.tradeName}`.includes(mid))).toBe(true);
    expect(search.search([...row.name][1], { limit: 200 }).every((i) => `${i.name}${i.genericName}${i.tradeName}`.includes([...row.name][1]))).toBe(true);
    expect(search.search('%_"\'')).toEqual([]);
  });
});
