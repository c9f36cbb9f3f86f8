// Failed password checks for operator ids that do not exist, kept in memory with the same
// lockout as real operators, so an unknown id answers exactly like a known one (same message,
// same lock after the same number of tries) and cannot be told apart by probing.
const MAX_TRACKED = 1000;

interface Tries {
  failures: number;
  lockedUntil: number;
}

export class UnknownIdAttempts {
  private readonly tries = new Map<string, Tries>();

  constructor(private readonly now: () => Date) {}

  /** Mirrors OperatorsRepo.beginAttempt: refused while locked, otherwise counted as a failure. */
  begin(id: string, maxFailures: number, lockMs: number): { locked: boolean } {
    const key = id;
    const t = this.now().getTime();
    const cur = this.tries.get(key) ?? { failures: 0, lockedUntil: 0 };
    if (cur.lockedUntil > t) return { locked: true };
    cur.failures++;
    cur.lockedUntil = cur.failures >= maxFailures ? t + lockMs : 0;
    this.tries.delete(key);
    this.tries.set(key, cur);
    if (this.tries.size > MAX_TRACKED) this.tries.delete(this.tries.keys().next().value as string);
    return { locked: false };
  }
}
