// Backoff with jitter: the window doubles from the base up to the cap; the wait is drawn from its upper half.
import { describe, expect, it } from 'vitest';
import { backoffMs } from '../../../electron/network/forwarder';

describe('backoffMs', () => {
  it('doubles up to the cap, with jitter in the upper half of the window', () => {
    expect(backoffMs(1, 500, 30_000, () => 0)).toBe(250);
    expect(backoffMs(1, 500, 30_000, () => 1)).toBe(500);
    expect(backoffMs(3, 500, 30_000, () => 1)).toBe(2000);
    expect(backoffMs(20, 500, 30_000, () => 1)).toBe(30_000);
    expect(backoffMs(1000, 500, 30_000, () => 0.5)).toBe(22_500);
    const draws = new Set(Array.from({ length: 50 }, () => backoffMs(4)));
    expect(draws.size).toBeGreaterThan(10);
    for (const d of draws) expect(d).toBeGreaterThanOrEqual(2000), expect(d).toBeLessThanOrEqual(4000);
  });
});
