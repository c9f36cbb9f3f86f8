// Problems the whole app must show plainly until they are gone (a damaged database, a full disk),
// whatever screen is open: areas report them here, the status bar polls `app.health`.
import type { AppContext } from './context';

export type HealthCode = 'DB_CORRUPT' | 'DISK_FULL';

export interface HealthProblem {
  code: HealthCode;
  /** Chinese, for everyone at the window. */
  message: string;
  since: string;
}

export class HealthBoard {
  private readonly problems = new Map<HealthCode, HealthProblem>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  set(code: HealthCode, message: string): void {
    const cur = this.problems.get(code);
    this.problems.set(code, { code, message, since: cur?.since ?? this.now().toISOString() });
  }

  clear(code: HealthCode): void {
    this.problems.delete(code);
  }

  has(code: HealthCode): boolean {
    return this.problems.has(code);
  }

  list(): HealthProblem[] {
    return [...this.problems.values()];
  }
}

const boards = new WeakMap<object, HealthBoard>();

/** The running app's board (one per app context). */
export function healthOf(ctx: Pick<AppContext, 'now'>): HealthBoard {
  let b = boards.get(ctx);
  if (!b) boards.set(ctx, (b = new HealthBoard(() => ctx.now())));
  return b;
}
