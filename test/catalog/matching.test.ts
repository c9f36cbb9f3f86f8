// Matching a HIS item list of 2,000 items to the national catalog (12,000+ drugs synced from the
// strict simulator): by national code when the HIS has one (score 100), else by description with
// a shown score; the technician confirms in bulk from a score, corrects the rest and marks the
// site's own items self-paid; each decision lands in the HIS mapping (what settles a line). Then
// the matching is uploaded (3301, 100 a call), read back as accepted (1317), corrected (3302 then
// 3301) and undone (3302) against the simulator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDate } from '../../electron/core/time';
import { CatalogStore as HisMapping } from '../../electron/his/catalog';
import { CatalogSearch } from '../../electron/catalog/search';
import { termsLookup } from '../../electron/catalog/terms';
import { MatchingService } from '../../electron/catalog/matching';
import { MatchingUpload } from '../../electron/catalog/upload';
import { parseHisItemsCsv } from '../../electron/catalog/his-items';
import type { AppFailure } from '../../electron/core/result';
import type { PlatformSimulator } from '../../electron/network/simulator';
import type { NetworkClient } from '../../electron/network/client';
import { INST, clientFor, closeSims, startSim, sync, tempStore, type Store } from './helpers';
import { hisCsv, hisItemList, type HisListItem } from './his-list';

let sim: PlatformSimulator;
let s: Store;
let client: NetworkClient;
let matching: MatchingService;
let upload: MatchingUpload;
let mapping: HisMapping;
let list: HisListItem[];
const now = () => new Date();
const today = () => chinaDate(now());

beforeAll(async () => {
  sim = await startSim({ catalog: {} });
  s = tempStore();
  client = clientFor(sim.url, s.db);
  await sync(s, client);
  const search = new CatalogSearch(s.db);
  mapping = new HisMapping(s.db, now);
  const terms = termsLookup(s.repos.terms, s.repos.items);
  matching = new MatchingService({ db: s.db, items: s.repos.items, hisItems: s.repos.hisItems, search, terms, mapping, now, today });
  upload = new MatchingUpload({ client, institutionCode: () => INST, items: s.repos.items, hisItems: s.repos.hisItems, now, today });
  list = hisItemList(s.db, 2000);
}, 120_000);
afterAll(async () => {
  await client.close(500);
  await closeSims();
});

describe('matching 2,000 HIS items', () => {
  it('imports the CSV and proposes codes: by national code at 100, by description with a score', async () => {
    const parsed = parseHisItemsCsv(Buffer.from(hisCsv(list), 'utf8'));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value).toHaveLength(2000);
    const t0 = performance.now();
    const toMatch = s.db.transaction(() => s.repos.hisItems.importAll(parsed.value, 'csv', '2026-12-08 09:00:00'))();
    const got = await matching.autoMatch(toMatch);
    const ms = performance.now() - t0;
    console.log(`auto-matched 2,000 items in ${Math.round(ms)} ms: ${JSON.stringify(got)}`);
    const withCode = list.filter((i) => i.nationalCode).length;
    expect(got.byCode).toBe(withCode);
    expect(got.byCode + got.byName + got.none).toBe(2000);
    let right = 0;
    let described = 0;
    for (const i of list) {
      const h = s.repos.hisItems.get(i.hisCode)!;
      if (i.nationalCode) {
        expect(h).toMatchObject({ state: 'proposed', code: i.truth, score: 100, method: 'code' });
        continue;
      }
      if (!i.truth) {
        // The site's own items find no candidate worth proposing.
        expect(h.state, i.name).toBe('todo');
        continue;
      }
      described++;
      if (h.state === 'proposed') expect(h.score).toBeGreaterThanOrEqual(40);
      if (h.code === i.truth) right++;
    }
    // The description alone finds the right code for most items (the rest have twins in the catalog).
    expect(right / described).toBeGreaterThan(0.8);
    console.log(`description matching: ${right} of ${described} right`);
  });

  it('a high score is right: confirmed in bulk from 90, each written to the HIS mapping', () => {
    const before = s.repos.hisItems.counts();
    const r = matching.confirmAll(90, 'T001');
    expect(r.confirmed).toBeGreaterThan(1000);
    const byCode = new Map(list.map((i) => [i.hisCode, i]));
    let wrong = 0;
    for (const h of s.repos.hisItems.list('confirmed', '', 5000, 0).items) {
      const i = byCode.get(h.hisCode)!;
      const it = s.repos.items.get(h.code)!;
      const truth = s.repos.items.get(i.truth)!;
      // A twin (same name, spec, form and maker) is as right as the row the list was made from.
      if (h.code !== i.truth && !(it.name === truth.name && it.spec === truth.spec && it.manufacturer === truth.manufacturer)) wrong++;
      const m = mapping.lookup([h.hisCode]).get(h.hisCode)!;
      expect(m.catalogCode).toBe(h.code);
    }
    expect(wrong).toBe(0);
    expect(s.repos.hisItems.counts().confirmed).toBe(before.confirmed + r.confirmed);
  });

  it('the rest is worked through one by one: candidates with scores, a correction, self-pay', () => {
    const open = s.repos.hisItems.list('open', '', 5000, 0).items;
    expect(open.length).toBeGreaterThan(0);
    for (const h of open) {
      const i = list.find((x) => x.hisCode === h.hisCode)!;
      if (!i.truth) {
        matching.selfPay(h.hisCode, 'T001');
        continue;
      }
      const c = matching.candidates(h);
      expect(c.length).toBeGreaterThan(0);
      expect(c[0].score).toBeGreaterThanOrEqual(c[c.length - 1].score);
      const pick = c.find((x) => x.item.code === i.truth)?.item.code ?? i.truth;
      matching.confirm(h.hisCode, 'T001', pick);
    }
    expect(s.repos.hisItems.counts()).toMatchObject({ todo: 0, proposed: 0 });
    const own = list.find((i) => !i.truth)!;
    expect(mapping.lookup([own.hisCode]).get(own.hisCode)).toMatchObject({ class: 'C', selfPayRatio: '1' });
  });

  it('refuses a code that is not in the catalog or expired, naming the field', () => {
    const h = list[1];
    const refusal = (code: string) => {
      try {
        matching.confirm(h.hisCode, 'T001', code);
      } catch (err) {
        return (err as AppFailure).error;
      }
      throw new Error('not refused');
    };
    expect(refusal('NOPE0001')).toMatchObject({ code: 'NOT_IN_CATALOG', field: 'code', message: expect.stringMatching(/医保目录中没有/) });
    const expired = s.db.prepare("SELECT code FROM catalog_items WHERE valid = 0 AND list_type <> '' LIMIT 1").get() as { code: string };
    expect(refusal(expired.code)).toMatchObject({ code: 'CODE_EXPIRED', message: expect.stringMatching(/已失效/) });
    expect(s.repos.hisItems.get(h.hisCode)!.state).toBe('confirmed');
  });

  it('uploads (3301) in calls of 100, reads acceptance back (1317), corrects and undoes (3302)', async () => {
    const confirmed = s.repos.hisItems.counts().confirmed;
    const r = await upload.upload();
    expect(r.rejected).toEqual([]);
    expect(r.uploaded).toBe(confirmed);
    expect(r.accepted).toBe(confirmed);
    const held = sim.matchings(INST).filter((m) => m.vali_flag === '1');
    expect(held).toHaveLength(confirmed);
    expect(s.repos.hisItems.counts().accepted).toBe(confirmed);
    // Nothing left to upload: a second upload sends nothing.
    expect((await upload.upload()).uploaded).toBe(0);

    // A correction: the network's matching is withdrawn, then the new one uploaded.
    const h = s.repos.hisItems.list('confirmed', '', 1, 0).items[0];
    const listType = s.repos.items.get(h.code)!.listType;
    const other = s.db.prepare("SELECT code FROM catalog_items WHERE valid = 1 AND list_type = ? AND code <> ? LIMIT 1 OFFSET 50").get(listType, h.code) as { code: string };
    matching.confirm(h.hisCode, 'T001', other.code);
    const r2 = await upload.upload();
    expect(r2.uploaded).toBe(1);
    expect(sim.matchings(INST).filter((m) => m.fixmedins_hilist_id === h.hisCode && m.vali_flag === '1').map((m) => m.med_list_codg)).toEqual([other.code]);

    // Undo: 3302 withdraws it; the item shows withdrawn and uploads again on the next upload.
    const undone = await upload.undo(h.hisCode);
    expect(undone.upload).toBe('withdrawn');
    expect(sim.matchings(INST).find((m) => m.fixmedins_hilist_id === h.hisCode)!.vali_flag).toBe('0');
    await expect(upload.undo(h.hisCode)).rejects.toMatchObject({ error: { code: 'NOT_UPLOADED', message: expect.stringMatching(/尚未上传/) } });
    expect((await upload.refresh()).accepted).toBe(confirmed - 1);
  });
});
