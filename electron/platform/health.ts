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

const boards = new Map<string, HealthBoard>();

/** The board of the app running on `dataDir` (one app per data dir: the data-folder lock). */
export function healthFor(dataDir: string): HealthBoard {
  let b = boards.get(dataDir);
  if (!b) boards.set(dataDir, (b = new HealthBoard()));
  return b;
}

/** The running app's board. */
export function healthOf(ctx: Pick<AppContext, 'dataDir'>): HealthBoard {
  return healthFor(ctx.dataDir);
}
