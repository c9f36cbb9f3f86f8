// The server side of the contract: a registry of handlers, each with the role it needs and a
// schema for its input (valibot, electron/api/validate.ts), and one dispatch function used by both IPC and the HTTP host.
import type { ApiError, ApiInput, ApiMethod, ApiOutput, ApiResult, Role } from './contract';
import { parseWith, type Validator } from './validate';
import { AppFailure } from '../core/result';
import { DISK_FULL_MESSAGE, isDiskFull } from '../core/disk-full';

export interface Session {
  token: string;
  operatorId: string;
  operatorName: string;
  role: Role;
  /** Logged in with a password below the rule its role now needs: only the password change is open. */
  mustChangePassword?: boolean;
}

export interface CallContext {
  session?: Session;
  /** Where the call came from, for the audit log. */
  channel: 'ipc' | 'http';
}

export interface Handler<M extends ApiMethod> {
  /** `public` calls need no login (app info, login itself). */
  role: Role | 'public' | 'any';
  input: Validator<ApiInput<M>>;
  run(input: ApiInput<M>, ctx: CallContext): Promise<ApiOutput<M>> | ApiOutput<M>;
  /**
   * Calls that move money or change setup are written to the audit log after they succeed:
   * return a short English summary (no unmasked personal data). Omit for read-only calls.
   */
  audit?: (input: ApiInput<M>, output: ApiOutput<M>) => string;
  /** Open to a session that must change its password first (the change itself, logout, the gate's state). */
  beforePasswordChange?: true;
}

export interface AuditRecord {
  action: string;
  operatorId: string | null;
  channel: CallContext['channel'];
  summary: string;
}

export type Handlers = { [M in ApiMethod]?: Handler<M> };

const RANK: Record<Role, number> = { cashier: 1, technician: 2, administrator: 3 };

export interface Logger {
  info(msg: string): void;
  error(msg: string): void;
}

export function allowed(role: Handler<ApiMethod>['role'], session?: Session): boolean {
  if (role === 'public') return true;
  if (!session) return false;
  if (role === 'any') return true;
  return RANK[session.role] >= RANK[role];
}

export class Dispatcher {
  private readonly handlers: Handlers = {};
  private auditSink?: (record: AuditRecord) => void;
  private diskFullSink?: () => void;

  constructor(private readonly log: Logger) {}

  register<M extends ApiMethod>(method: M, handler: Handler<M>): void {
    if (this.handlers[method]) throw new Error(`handler for ${method} registered twice`);
    (this.handlers as Record<string, Handler<M>>)[method] = handler;
  }

  /** Told when a call failed because the disk is full (the status bar then says so). */
  setDiskFullSink(sink: () => void): void {
    this.diskFullSink = sink;
  }

  /** The audit log (window area) receives every audited call; set once at composition. */
  setAuditSink(sink: (record: AuditRecord) => void): void {
    this.auditSink = sink;
  }

  has(method: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.handlers, method);
  }

  methods(): string[] {
    return Object.keys(this.handlers).sort();
  }

  /** The methods whose successful calls are written to the audit log. */
  auditedMethods(): string[] {
    return this.methods().filter((m) => !!(this.handlers as Record<string, Handler<ApiMethod>>)[m].audit);
  }

  async dispatch(method: string, rawInput: unknown, ctx: CallContext): Promise<ApiResult<unknown>> {
    if (!this.has(method)) return { ok: false, error: { code: 'UNKNOWN_METHOD', message: '不支持的操作' } };
    const handler = (this.handlers as Record<string, Handler<ApiMethod>>)[method];
    if (!allowed(handler.role, ctx.session)) {
      const code = ctx.session ? 'FORBIDDEN' : 'NOT_LOGGED_IN';
      return { ok: false, error: { code, message: ctx.session ? '当前操作员无权进行此操作' : '请先登录' } };
    }
    if (ctx.session?.mustChangePassword && handler.role !== 'public' && !handler.beforePasswordChange) {
      return { ok: false, error: { code: 'PASSWORD_CHANGE_REQUIRED', message: '您的密码不符合当前的密码要求，请先修改密码再继续' } };
    }
    const parsed = parseWith(handler.input, rawInput);
    if (!parsed.ok) return { ok: false, error: publicError(parsed.error) };
    try {
      const value = await handler.run(parsed.value, ctx);
      if (handler.audit && this.auditSink) {
        this.auditSink({
          action: method,
          operatorId: ctx.session?.operatorId ?? null,
          channel: ctx.channel,
          summary: handler.audit(parsed.value, value),
        });
      }
      return { ok: true, value };
    } catch (err) {
      if (err instanceof AppFailure) {
        this.log.info(`${method} refused: ${err.error.code} ${err.error.detail ?? ''}`);
        return { ok: false, error: publicError(err.error) };
      }
      this.log.error(`${method} failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
      if (isDiskFull(err)) {
        this.diskFullSink?.();
        return { ok: false, error: { code: 'DISK_FULL', message: DISK_FULL_MESSAGE } };
      }
      return { ok: false, error: { code: 'INTERNAL', message: '系统内部错误，请联系技术人员（详情见日志）' } };
    }
  }
}

function publicError(e: { code: string; message: string; field?: string }): ApiError {
  return e.field ? { code: e.code, message: e.message, field: e.field } : { code: e.code, message: e.message };
}

/** Typed helper for areas: `defineHandler<'x.y'>({...})` keeps input and output types checked. */
export function defineHandler<M extends ApiMethod>(handler: Handler<M>): Handler<M> {
  return handler;
}

export type { ApiInput, ApiOutput };
