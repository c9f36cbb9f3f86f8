// Operators: first-start administrator, login with lockout after repeated failures, accounts kept
// by administrators, password changes. Errors are AppFailures with Chinese messages.
import type { AppContext } from '../app/context';
import type { OperatorView, Role, SessionInfo } from '../api/contract';
import { AppFailure } from '../core/result';
import { OperatorsRepo, type OperatorRow } from './repo';
import { hashPassword, passwordProblem, verifyPassword } from './password';
import { DEFAULT_IDLE_MINUTES, SessionStore } from './sessions';
import type { Session } from '../api/dispatch';

const MAX_FAILURES = 5;
const LOCK_MINUTES = 5;
const IDLE_KEY = 'operators.idleMinutes';

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

  constructor(private readonly ctx: AppContext) {
    this.repo = new OperatorsRepo(ctx.db, ctx.now);
    this.sessions = new SessionStore(ctx.now, () => this.idleMinutes() * 60_000);
  }

  idleMinutes(): number {
    const v = this.ctx.settings.get<number>(IDLE_KEY);
    return typeof v === 'number' && v >= 1 && v <= 240 ? v : DEFAULT_IDLE_MINUTES;
  }

  setIdleMinutes(minutes: number): void {
    this.ctx.settings.set(IDLE_KEY, minutes);
  }

  private checkPassword(password: string, field = 'password'): void {
    const problem = passwordProblem(password);
    if (problem) refuse('WEAK_PASSWORD', problem, 'password does not meet the rule', field);
  }

  /** First start only: creates the administrator and logs them in. */
  async setupAdmin(input: { operatorId: string; name: string; password: string }): Promise<Session> {
    this.checkPassword(input.password);
    const hash = await hashPassword(input.password);
    const created = this.ctx.db.transaction(() => {
      if (this.repo.count() > 0) return undefined;
      return this.repo.insert({ id: input.operatorId, name: input.name, role: 'administrator', passwordHash: hash });
    })();
    if (!created) refuse('ALREADY_SET_UP', '管理员已创建，请直接登录', 'operators already exist');
    return this.sessions.create(created);
  }

  async login(operatorId: string, password: string): Promise<Session> {
    const op = this.repo.find(operatorId);
    const now = this.ctx.now();
    if (op?.lockedUntil && new Date(op.lockedUntil) > now) {
      refuse('OPERATOR_LOCKED', `密码错误次数过多，账号已锁定，请 ${LOCK_MINUTES} 分钟后再试`, `operator ${operatorId} locked`);
    }
    const good = op ? await verifyPassword(password, op.passwordHash) : false;
    if (!op || !good) {
      if (op) {
        const lock = op.failedLogins + 1 >= MAX_FAILURES ? new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString() : null;
        this.repo.recordFailure(op.id, lock);
      }
      refuse('BAD_LOGIN', '操作员编号或密码不正确', `failed login for ${operatorId}`, 'password');
    }
    if (!op.active) refuse('OPERATOR_INACTIVE', '该操作员已停用，请联系管理员', `operator ${operatorId} inactive`);
    this.repo.resetFailures(op.id);
    return this.sessions.create(op);
  }

  /** Checks an operator's password again (confirmations of cancellations and the like). */
  async confirm(operatorId: string, password: string): Promise<void> {
    const op = this.repo.find(operatorId);
    if (!op || !op.active || !(await verifyPassword(password, op.passwordHash))) {
      refuse('BAD_CONFIRMATION', '密码不正确，未执行', `confirmation failed for ${operatorId}`, 'password');
    }
  }

  async changePassword(operatorId: string, oldPassword: string, newPassword: string): Promise<void> {
    await this.confirm(operatorId, oldPassword);
    this.checkPassword(newPassword, 'newPassword');
    this.repo.update(operatorId, { passwordHash: await hashPassword(newPassword) });
  }

  async create(input: { id: string; name: string; role: Role; password: string }): Promise<OperatorView> {
    if (this.repo.find(input.id)) refuse('OPERATOR_EXISTS', `操作员编号 ${input.id} 已存在`, 'duplicate operator id', 'id');
    this.checkPassword(input.password);
    const row = this.repo.insert({ id: input.id, name: input.name, role: input.role, passwordHash: await hashPassword(input.password) });
    return operatorView(row, this.ctx.now());
  }

  async update(input: { id: string; name?: string; role?: Role; active?: boolean; password?: string }): Promise<OperatorView> {
    const cur = this.repo.find(input.id);
    if (!cur) refuse('NOT_FOUND', `没有编号为 ${input.id} 的操作员`, 'unknown operator', 'id');
    const losesAdmin = cur.role === 'administrator' && cur.active && ((input.role && input.role !== 'administrator') || input.active === false);
    if (losesAdmin && this.repo.countActive('administrator') <= 1) {
      refuse('LAST_ADMIN', '至少需要保留一名启用的管理员', 'cannot remove the last active administrator');
    }
    if (input.password !== undefined) this.checkPassword(input.password);
    const passwordHash = input.password !== undefined ? await hashPassword(input.password) : undefined;
    const row = this.repo.update(input.id, { name: input.name, role: input.role, active: input.active, passwordHash });
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
  return { operatorId: s.operatorId, operatorName: s.operatorName, role: s.role };
}
