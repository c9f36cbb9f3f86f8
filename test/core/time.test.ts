// The one clock: China time whatever the host's time zone; the UI's mirror agrees with it.
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addDays, ageOn, chinaDate, chinaDateTime, chinaDayBounds, chinaDaysAsIsoBounds, chinaHour, chinaStamp, chinaYear,
  fromChina, isCalendarDate,
} from '../../electron/core/time';
import { businessDate, chinaDateTime as uiChinaDateTime, syncClock } from '../../renderer/src/clock';

const ZONES = ['UTC', 'America/Los_Angeles', 'Asia/Shanghai', 'Pacific/Kiritimati', 'Europe/London'];
const savedTz = process.env.TZ;
afterEach(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
  syncClock(new Date().toISOString());
});

/** Runs `f` with the process's time zone set to each zone (Node applies TZ changes at once). */
function inEveryZone<T>(f: () => T): T[] {
  return ZONES.map((z) => {
    process.env.TZ = z;
    return f();
  });
}

describe('China time', () => {
  it('reads 20:30 UTC as the next morning in China, in every host time zone', () => {
    const at = new Date('2026-12-07T20:30:00Z');
    for (const r of inEveryZone(() => [chinaDate(at), chinaDateTime(at), chinaStamp(at), chinaHour(at), chinaYear(at)])) {
      expect(r).toEqual(['2026-12-08', '2026-12-08 04:30:00', '20261208043000', 4, 2026]);
    }
    expect(chinaYear(new Date('2026-12-31T16:00:00Z'))).toBe(2027);
    expect(chinaYear(new Date('2026-12-31T15:59:59Z'))).toBe(2026);
  });

  it('gives the bounds of a business day as instants', () => {
    const b = chinaDayBounds('2026-12-08');
    expect(b.start.toISOString()).toBe('2026-12-07T16:00:00.000Z');
    expect(b.end.toISOString()).toBe('2026-12-08T16:00:00.000Z');
    expect(chinaDaysAsIsoBounds('2026-12-08', '2026-12-09')).toEqual({ start: '2026-12-07T16:00:00.000Z', end: '2026-12-09T16:00:00.000Z' });
    expect(chinaDaysAsIsoBounds()).toEqual({ start: undefined, end: undefined });
    expect(() => chinaDayBounds('2026-02-30')).toThrow();
  });

  it('round-trips a wall-clock reading and an instant', () => {
    fc.assert(fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 11, 31) }), (ms) => {
      const at = new Date(Math.floor(ms / 1000) * 1000);
      expect(fromChina(chinaDateTime(at)).getTime()).toBe(at.getTime());
      const { start, end } = chinaDayBounds(chinaDate(at));
      expect(start.getTime() <= at.getTime() && at.getTime() < end.getTime()).toBe(true);
    }));
  });

  it('does calendar arithmetic without a time zone', () => {
    for (const r of inEveryZone(() => [addDays('2026-12-31', 1), addDays('2024-03-01', -1), addDays('2026-03-29', 1)])) {
      expect(r).toEqual(['2027-01-01', '2024-02-29', '2026-03-30']);
    }
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
  });

  it('counts age on the China business day', () => {
    // 17:00 UTC on 7 Dec is already 8 Dec in China: a person born on 8 Dec turns one year older.
    const at = new Date('2026-12-07T17:00:00Z');
    for (const r of inEveryZone(() => ageOn('1960-12-08', at))) expect(r).toBe(66);
    expect(ageOn('1960-12-09', at)).toBe(65);
  });

  it("the UI's clock agrees with the services' and follows the services' now, not the browser's", () => {
    fc.assert(fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 11, 31) }), (ms) => {
      const at = new Date(ms);
      expect(uiChinaDateTime(at)).toBe(chinaDateTime(at));
    }));
    syncClock('2026-12-07T20:30:00.000Z');
    expect(businessDate()).toBe('2026-12-08');
    expect(businessDate(-6)).toBe('2026-12-02');
  });
});
