// Exponential backoff with jitter: attempt 1 waits about `base`, doubling up to `max`; the wait is
// drawn from the upper half of the window so that many windows coming back at once spread out.
export function backoffMs(attempt: number, base = 500, max = 30_000, random: () => number = Math.random): number {
  const window = Math.min(max, base * 2 ** Math.max(0, Math.min(30, attempt - 1)));
  return Math.round(window / 2 + random() * (window / 2));
}
