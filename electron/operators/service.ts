// Operators: first-start administrator, login with lockout after repeated failures, accounts kept
// by administrators, password changes. Errors are AppFailures with Chinese messages.
// Every password check (login, re-check before a cancellation, password change) is counted
// before the hash is compared, and an unknown operator id costs the same hash and gets the same
// answer as a wrong password.
import type { AppContext } from '../platform/context';
import type { OperatorView, Role, SessionInfo } from '../api/contract';
import { AppFailure } from '../core/result';
import { OperatorsRepo, type OperatorRow } from './repo';
import { hashPassword, passwordProblemFor, STRONG_RULE, strongPasswordProblem, verifyPassword } from './password';
import { UnknownIdAttempts } from './attempts';
import { DEFAULT_IDLE_MINUTES, SessionStore } from './sessions';
import type { Session } from '../api/dispatch';

const MAX_FAILURES = 5;
const LOCK_MINUTES = 5;
const IDLE_KEY = 'operators.idleMinutes';
const ROLE_LABEL: Record<Role, string> = { cashier: '收款员', technician: '技术员', administrator: '管理员' };

function refuse(code: string, message: string, detail: string, field?: string): never {
  throw new AppFailure({ code, message, detail, field });
}

export function operatorView(r: OperatorRow, now: Date): OperatorView {
  const v: OperatorView = { id: r.id, name: r.name, role: r.role, active: r.active, createdAt: r.createdAt };
  if (r.lockedUntil && new Date(r.lockedUntil) > now) v.lockedUntil = r.lockedUntil;
  return v;
}

export class OperatorService {
  readonly repo: OperatorsRepo;
  readonly sessions: SessionStore;
  private readonly unknownIds: UnknownIdAttempts;
  /** Compared against when the operator id is unknown, so that answer takes as long as a wrong password. */
  private readonly decoyHash: Promise<string>;

  constructor(private readonly ctx: AppContext) {
    this.repo = new OperatorsRepo(ctx.db, ctx.now);
    this.sessions = new SessionStore(ctx.now, () => this.idleMinutes() * 60_000);
    this.unknownIds = new UnknownIdAttempts(ctx.now);
    this.decoyHash = hashPassword(`decoy-${Math.random()}`);
  }

  idleMinutes(): number {
    const v = this.ctx.settings.get<number>(IDLE_KEY);
    return typeof v === 'number' && v >= 1 && v <= 240 ? v : DEFAULT_IDLE_MINUTES;
  }

  setIdleMinutes(minutes: number): void {
    this.ctx.settings.set(IDLE_KEY, minutes);
  }

  private checkPassword(role: Role, password: string, operatorId: string, field = 'password'): void {
    const problem = passwordProblemFor(role, password, operatorId);
    if (problem) refuse('WEAK_PASSWORD', problem, `password does not meet the ${role} rule`, field);
  }

  /** First start only: creates the administrator and logs them in. */
  async setupAdmin(input: { operatorId: string; name: string; password: string }): Promise<Session> {
    this.checkPassword('administrator', input.password, input.operatorId);
    const hash = await hashPassword(input.password);
    const created = this.ctx.db.transaction(() => {
      if (this.repo.count() > 0) return undefined;
      return this.repo.insert({ id: input.operatorId, name: input.name, role: 'administrator', passwordHash: hash, passwordStrong: true });
    })();
    if (!created) refuse('ALREADY_SET_UP', '管理员已创建，请直接登录', 'operators already exist');
    return this.sessions.create(created);
  }

  /**
   * One counted password check: refused at once while locked, otherwise counted before the hash
   * is compared (atomically with the lock check); a right password clears the count.
   */
  private async attempt(operatorId: string, password: string): Promise<OperatorRow | undefined> {
    const op = this.repo.find(operatorId);
    const { locked } = op ? this.repo.beginAttempt(op.id, MAX_FAILURES, LOCK_MINUTES * 60_000) : this.unknownIds.begin(operatorId, MAX_FAILURES, LOCK_MINUTES * 60_000);
    if (locked) {
      refuse('OPERATOR_LOCKED', `密码错误次数过多，账号已锁定，请 ${LOCK_MINUTES} 分钟后再试`, `operator ${operatorId} locked`);
    }
    const good = await verifyPassword(password, op ? op.passwordHash : await this.decoyHash);
    if (!op || !good) return undefined;
    this.repo.resetFailures(op.id);
    return op;
  }

  async login(operatorId: string, password: string): Promise<Session> {
    const op = await this.attempt(operatorId, password);
    if (!op) refuse('BAD_LOGIN', '操作员编号或密码不正确', `failed login for ${operatorId}`, 'password');
    if (!op.active) refuse('OPERATOR_INACTIVE', '该操作员已停用，请联系管理员', `operator ${operatorId} inactive`);
    const strong = strongPasswordProblem(password, op.id) === undefined;
    if (strong !== op.passwordStrong) this.repo.setPasswordStrong(op.id, strong);
    // A technician's or administrator's password set before the strong rule (or by an old build):
    // the session is held until the password is changed.
    const mustChange = !strong && op.role !== 'cashier';
    if (mustChange) this.ctx.log.warn(`operator ${op.id} (${op.role}) logged in with a password below the strong rule; a change is required`);
    return this.sessions.create(op, { mustChangePassword: mustChange });
  }

  /**
   * Checks the logged-in operator's password again (before a cancellation, a password change);
   * failures count toward the same lockout as logins, and reaching it ends the operator's sessions.
   */
  async confirm(operatorId: string, password: string): Promise<void> {
    const op = await this.attempt(operatorId, password);
    if (!op || !op.active) {
      const now = this.repo.find(operatorId);
      if (now?.lockedUntil && new Date(now.lockedUntil) > this.ctx.now()) this.sessions.endOperator(operatorId);
      refuse('BAD_CONFIRMATION', '密码不正确，未执行', `confirmation failed for ${operatorId}`, 'password');
    }
  }

  async changePassword(operatorId: string, oldPassword: string, newPassword: string): Promise<void> {
    await this.confirm(operatorId, oldPassword);
    const op = this.repo.find(operatorId)!;
    this.checkPassword(op.role, newPassword, operatorId, 'newPassword');
    this.repo.update(operatorId, { passwordHash: await hashPassword(newPassword), passwordStrong: strongPasswordProblem(newPassword, operatorId) === undefined });
    this.sessions.passwordChanged(operatorId);
  }

  async create(input: { id: string; name: string; role: Role; password: string }): Promise<OperatorView> {
    if (this.repo.find(input.id)) refuse('OPERATOR_EXISTS', `操作员编号 ${input.id} 已存在`, 'duplicate operator id', 'id');
    this.checkPassword(input.role, input.password, input.id);
    const passwordStrong = strongPasswordProblem(input.password, input.id) === undefined;
    const row = this.repo.insert({ id: input.id, name: input.name, role: input.role, passwordHash: await hashPassword(input.password), passwordStrong });
    return operatorView(row, this.ctx.now());
  }

  async update(input: { id: string; name?: string; role?: Role; active?: boolean; password?: string }): Promise<OperatorView> {
    const cur = this.repo.find(input.id);
    if (!cur) refuse('NOT_FOUND', `没有编号为 ${input.id} 的操作员`, 'unknown operator', 'id');
    const losesAdmin = cur.role === 'administrator' && cur.active && ((input.role && input.role !== 'administrator') || input.active === false);
    if (losesAdmin && this.repo.countActive('administrator') <= 1) {
      refuse('LAST_ADMIN', '至少需要保留一名启用的管理员', 'cannot remove the last active administrator');
    }
    const role = input.role ?? cur.role;
    if (input.password !== undefined) this.checkPassword(role, input.password, input.id);
    else if (input.role && input.role !== cur.role && role !== 'cashier' && !cur.passwordStrong) {
      refuse('WEAK_PASSWORD', `设为${ROLE_LABEL[role]}需要同时设置新密码。${STRONG_RULE}`, `role ${role} needs a strong password; the current one is not known to be`, 'password');
    }
    const passwordHash = input.password !== undefined ? await hashPassword(input.password) : undefined;
    const passwordStrong = input.password !== undefined ? strongPasswordProblem(input.password, input.id) === undefined : undefined;
    const row = this.repo.update(input.id, { name: input.name, role: input.role, active: input.active, passwordHash, passwordStrong });
    if (input.password !== undefined) this.repo.resetFailures(input.id);
    if (input.role || input.active === false || passwordHash) this.sessions.endOperator(input.id);
    return operatorView(row, this.ctx.now());
  }

  list(): OperatorView[] {
    const now = this.ctx.now();
    return this.repo.list().map((r) => operatorView(r, now));
  }
}

export function sessionInfo(s: Session): SessionInfo {
  const info: SessionInfo = { operatorId: s.operatorId, operatorName: s.operatorName, role: s.role };
  if (s.mustChangePassword) info.mustChangePassword = true;
  return info;
}
