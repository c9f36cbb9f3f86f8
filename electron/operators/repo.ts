// Repository of operators: create, find, update, and the failed-login counter.
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

  insert(op: { id: string; name: string; role: Role; passwordHash: string }): OperatorRow {
    const at = this.now().toISOString();
    this.db
      .prepare('INSERT INTO operators (id, name, role, password_hash, active, created_at, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?)')
      .run(op.id, op.name, op.role, op.passwordHash, at, at);
    return this.find(op.id)!;
  }

  update(id: string, patch: { name?: string; role?: Role; active?: boolean; passwordHash?: string }): OperatorRow {
    const cur = this.find(id);
    if (!cur) throw new Error(`operator ${id} not found`);
    this.db
      .prepare('UPDATE operators SET name = ?, role = ?, active = ?, password_hash = ?, updated_at = ? WHERE id = ?')
      .run(
        patch.name ?? cur.name,
        patch.role ?? cur.role,
        (patch.active ?? cur.active) ? 1 : 0,
        patch.passwordHash ?? cur.passwordHash,
        this.now().toISOString(),
        id,
      );
    return this.find(id)!;
  }

  recordFailure(id: string, lockedUntil: string | null): void {
    this.db.prepare('UPDATE operators SET failed_logins = failed_logins + 1, locked_until = ? WHERE id = ?').run(lockedUntil, id);
  }

  resetFailures(id: string): void {
    this.db.prepare('UPDATE operators SET failed_logins = 0, locked_until = NULL WHERE id = ?').run(id);
  }
}
