// The settle area wired to the center (the lead's lines in service/prepare/core/install): a second
// window counts the first one's year-to-date and offline day before settling, and the per-person
// day limit holds across windows.
import { describe, expect, it } from 'vitest';
import { centerSuite } from './suite';
import { freshDatabase, linkedWindow, type LinkedWindow } from './helpers';
import { DEAD_URL, byCard, cardOf, outpatientLines, visitRef } from '../settlement/helpers';
import { writeLimits } from '../../electron/settlement/limits';

const suite = centerSuite();
const open = suite.open;

/** A window whose settle area consults the center (as installSettlement does with `center: center.link`). */
async function wiredWindow(url: string, t: string): Promise<LinkedWindow> {
  const w = linkedWindow(suite.sim.url, url, t);
  open.push(w);
  (w.h.service as unknown as { deps: { center: unknown } }).deps.center = w.link;
  await w.link.start();
  await w.h.service.lookupPerson(byCard('poor'));
  w.h.setEndpoint(DEAD_URL);
  writeLimits(w.h.settings, { perVisit: '2000.00', perPersonDay: '300.00', differencePolicy: 'institution' });
  return w;
}

const settle = (w: LinkedWindow, scale: number) => w.h.service.settle({
  person: cardOf('poor'), visit: { ref: visitRef(), type: 'outpatient', date: '2020-06-15', lines: outpatientLines(scale) }, payment: { method: 'cash' }, operatorId: 'op1',
});

describe('settling with the center', () => {
  it('counts the other windows\' year-to-date and offline day; the day limit holds across windows', async () => {
    const url = await freshDatabase(suite.cluster);
    const a = await wiredWindow(url, '01');
    const b = await wiredWindow(url, '02');
    const first = await settle(a, 2); // 223.00 offline at window 01
    expect(first.mode).toBe('offline');
    // Window 02 alone would allow 111.50 (its own day is empty); with window 01's 223.00 the day passes 300.00.
    const refused = await settle(b, 1).catch((e) => e);
    expect(refused.error.code).toBe('OFFLINE_LIMIT');
    expect(refused.error.message).toContain('300.00');
    await a.link.drain();
    const refusedAgain = await settle(b, 1).catch((e) => e);
    expect(refusedAgain.error.code).toBe('OFFLINE_LIMIT');
    const second = await settle(b, 0.5); // 55.75: 278.75 in the day
    expect(second.mode).toBe('offline');
    // The second window's year-to-date after its settlement includes the first window's.
    const personNo = cardOf('poor').personNo;
    const aBook = a.h.repos.ytd.book(personNo, 2020);
    const bDoc = b.h.repos.settlements.get(second.id)!;
    for (const [k, after] of Object.entries(bDoc.ytdDelta.after ?? {})) {
      expect(after.baseFen).toBe((aBook.keys[k]?.baseFen ?? 0) + bDoc.ytdDelta.keys[k].baseFen);
    }
    expect(Object.keys(bDoc.ytdDelta.after ?? {}).length).toBeGreaterThan(0);
  }, 90_000);
});
