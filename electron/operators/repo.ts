// Repository of operators: create, find, update, and the failed-login counter. A password check
// is counted before the (slow) hash is compared, in one immediate transaction with the lock check,
// so parallel guesses cannot all be evaluated before the first of them is counted.
import type { Db } from '../store/db';
import type { Role } from '../api/contract';

export interface OperatorRow {
  id: string;
  name: string;
  role: Role;
  passwordHash: string;
  active: boolean;
  failedLogins: number;
  lockedUntil: string | null;
  /** The current password meets the strong rule (known when it was set or at a login since). */
  passwordStrong: boolean;
  createdAt: string;
  updatedAt: string;
}

interface RawRow {
  id: string;
  name: string;
  role: Role;
  password_hash: string;
  active: number;
  failed_logins: number;
  locked_until: string | null;
  password_strong: number;
  created_at: string;
  updated_at: string;
}

function fromRaw(r: RawRow): OperatorRow {
  return {
    id: r.id,
    name: r.name,
    role: r.role,
    passwordHash: r.password_hash,
    active: r.active === 1,
    failedLogins: r.failed_logins,
    lockedUntil: r.locked_until,
    passwordStrong: r.password_strong === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export class OperatorsRepo {
  constructor(private readonly db: Db, private readonly now: () => Date) {}

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM operators').get() as { n: number }).n;
  }

  countActive(role: Role): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM operators WHERE role = ? AND active = 1').get(role) as { n: number }).n;
  }

  find(id: string): OperatorRow | undefined {
    const r = this.db.prepare('SELECT * FROM operators WHERE id = ?').get(id) as RawRow | undefined;
    return r ? fromRaw(r) : undefined;
  }

  list(): OperatorRow[] {
    return (this.db.prepare('SELECT * FROM operators ORDER BY role DESC, id').all() as RawRow[]).map(fromRaw);
  }

  insert(op: { id: string; name: string; role: Role; passwordHash: string; passwordStrong: boolean }): OperatorRow {
    const at = this.now().toISOString();
    this.db
      .prepare('INSERT INTO operators (id, name, role, password_hash, password_strong, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?)')
      .run(op.id, op.name, op.role, op.passwordHash, op.passwordStrong ? 1 : 0, at, at);
    return this.find(op.id)!;
  }

  update(id: string, patch: { name?: string; role?: Role; active?: boolean; passwordHash?: string; passwordStrong?: boolean }): OperatorRow {
    const cur = this.find(id);
    if (!cur) throw new Error(`operator ${id} not found`);
    this.db
      .prepare('UPDATE operators SET name = ?, role = ?, active = ?, password_hash = ?, password_strong = ?, updated_at = ? WHERE id = ?')
      .run(
        patch.name ?? cur.name,
        patch.role ?? cur.role,
        (patch.active ?? cur.active) ? 1 : 0,
        patch.passwordHash ?? cur.passwordHash,
        (patch.passwordStrong ?? cur.passwordStrong) ? 1 : 0,
        this.now().toISOString(),
        id,
      );
    return this.find(id)!;
  }

  /**
   * Starts a password check: refused while locked, otherwise counted as a failure up front (and
   * locking at `maxFailures`); a right password then calls resetFailures. Atomic.
   */
  beginAttempt(id: string, maxFailures: number, lockMs: number): { locked: boolean } {
    return this.db.transaction(() => {
      const now = this.now();
      const r = this.db.prepare('SELECT failed_logins, locked_until FROM operators WHERE id = ?').get(id) as
        | { failed_logins: number; locked_until: string | null }
        | undefined;
      if (!r) return { locked: false };
      if (r.locked_until && new Date(r.locked_until) > now) return { locked: true };
      const lock = r.failed_logins + 1 >= maxFailures ? new Date(now.getTime() + lockMs).toISOString() : null;
      this.db.prepare('UPDATE operators SET failed_logins = failed_logins + 1, locked_until = ? WHERE id = ?').run(lock, id);
      return { locked: false };
    }).immediate();
  }

  /** Notes whether the current password meets the strong rule (learnt at a login). */
  setPasswordStrong(id: string, strong: boolean): void {
    this.db.prepare('UPDATE operators SET password_strong = ? WHERE id = ?').run(strong ? 1 : 0, id);
  }

  resetFailures(id: string): void {
    this.db.prepare('UPDATE operators SET failed_logins = 0, locked_until = NULL WHERE id = ?').run(id);
  }
}
