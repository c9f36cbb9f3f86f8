// A token bucket: `perSecond` refill, `burst` capacity. Set far above what one HIS sends.
export class RateLimiter {
  private tokens: number;
  private last = process.hrtime.bigint();

  constructor(private readonly perSecond: number, private readonly burst: number) {
    this.tokens = burst;
  }

  take(): boolean {
    const now = process.hrtime.bigint();
    const elapsed = Number(now - this.last) / 1e9;
    this.last = now;
    this.tokens = Math.min(this.burst, this.tokens + elapsed * this.perSecond);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
