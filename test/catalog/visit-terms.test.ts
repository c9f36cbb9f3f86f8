// The window's lines take the class and self-pay ratio the downloaded catalog has in force on the
// visit's date: a visit the day before a new version keeps the old terms, a visit on or after it
// gets the new ones; a code the catalog does not class keeps the HIS mapping's.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addDays } from '../../electron/core/time';
import { termsLookup, type TermsLookup } from '../../electron/catalog/terms';
import { withTerms } from '../../electron/window/lines';
import type { PortLine } from '../../electron/window/port';
import type { PlatformSimulator } from '../../electron/network/simulator';
import { clientFor, closeSims, startSim, sync, tempStore, type Store } from './helpers';

let sim: PlatformSimulator;
let s: Store;
let terms: TermsLookup;
let day: string;
beforeAll(async () => {
  sim = await startSim({ seed: 11 });
  s = tempStore();
  const client = clientFor(sim.url, s.db);
  await sync(s, client);
  day = sim.publishCatalog().day;
  await sync(s, client);
  await client.close(200);
  terms = termsLookup(s.repos.terms, s.repos.items);
});
afterAll(closeSims);

const line = (code: string, cls: PortLine['class'], ratio?: string): PortLine => ({
  code, name: code, hospCode: `H-${code}`, quantity: '1', unitPrice: '10.00', amount: '10.00', class: cls, ...(ratio ? { selfPayRatio: ratio } : {}),
});

it('class and ratio of the visit date, before and after a change', () => {
  const changes = s.repos.changes.list({ limit: 500 }).items.filter((c) => (c.kind === 'class' || c.kind === 'ratio') && s.repos.items.get(c.code)?.valid);
  expect(changes.length).toBeGreaterThan(3);
  const CLASS: Record<string, PortLine['class']> = { '01': 'A', '02': 'B', '03': 'C' };
  for (const c of changes) {
    const store = sim.platform.catalog();
    for (const d of [addDays(day, -1), day]) {
      const truth = store.truthOn(c.code, d)!;
      // The HIS mapping says class B 0.50 whatever the date: the catalog's terms of the day win.
      const [got] = withTerms([line(c.code, 'B', '0.5')], d, terms);
      expect(got.class, `${c.code} ${d}`).toBe(CLASS[truth.lv]);
      expect(got.selfPayRatio, `${c.code} ${d}`).toBe(truth.lv === '01' ? '0' : truth.lv === '03' ? '1' : String(Number(truth.prop)));
    }
  }
});

it('a code the catalog has no class for keeps the mapping; no catalog leaves lines as they are', () => {
  const own = line('CW0002X', 'C', '1');
  expect(withTerms([own], day, terms)).toEqual([own]);
  const a = line('001101000010000', 'B', '0.2');
  expect(withTerms([a], day, undefined)).toEqual([a]);
  expect(withTerms([a], day, terms)[0]).toMatchObject({ class: 'A' });
});
