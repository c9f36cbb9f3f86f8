// In-memory operator sessions of the main process: opaque random tokens, idle expiry. A session
// idle for longer than the limit is gone; the UI shows its lock screen and asks for the password.
import crypto from 'node:crypto';
import type { Session } from '../api/dispatch';
import type { Role } from '../api/contract';

export const DEFAULT_IDLE_MINUTES = 15;

interface Entry extends Session {
  lastSeen: number;
}

export class SessionStore {
  private readonly sessions = new Map<string, Entry>();

  constructor(
    private readonly now: () => Date,
    private readonly idleMs: () => number,
  ) {}

  create(op: { id: string; name: string; role: Role }, opts: { mustChangePassword?: boolean } = {}): Session {
    const token = crypto.randomBytes(32).toString('base64url');
    const entry: Entry = { token, operatorId: op.id, operatorName: op.name, role: op.role, lastSeen: this.now().getTime() };
    if (opts.mustChangePassword) entry.mustChangePassword = true;
    this.sessions.set(token, entry);
    return publicView(entry);
  }

  /** The live session of a token, refreshing its idle timer; undefined when unknown or idle too long. */
  resolve(token: string): Session | undefined {
    const entry = this.sessions.get(token);
    if (!entry) return undefined;
    const t = this.now().getTime();
    if (t - entry.lastSeen > this.idleMs()) {
      this.sessions.delete(token);
      return undefined;
    }
    entry.lastSeen = t;
    return publicView(entry);
  }

  end(token: string): void {
    this.sessions.delete(token);
  }

  /** Ends every session of an operator (deactivated, role or password changed). */
  /** The operator changed their password: their sessions are no longer held at the change. */
  passwordChanged(operatorId: string): void {
    for (const e of this.sessions.values()) if (e.operatorId === operatorId) delete e.mustChangePassword;
  }

  endOperator(operatorId: string): void {
    for (const [token, entry] of this.sessions) if (entry.operatorId === operatorId) this.sessions.delete(token);
  }

  /** Drops idle sessions (run from a timer so a forgotten token does not linger in memory). */
  sweep(): void {
    const t = this.now().getTime();
    for (const [token, entry] of this.sessions) if (t - entry.lastSeen > this.idleMs()) this.sessions.delete(token);
  }

  size(): number {
    return this.sessions.size;
  }
}

function publicView(e: Entry): Session {
  const s: Session = { token: e.token, operatorId: e.operatorId, operatorName: e.operatorName, role: e.role };
  if (e.mustChangePassword) s.mustChangePassword = true;
  return s;
}
