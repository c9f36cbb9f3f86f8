// The operators area: sessions (`sessions.resolve` for the host and IPC), login, first-start
// administrator, accounts and the idle-lock setting.
import type { AppContext } from '../platform/context';
import type { Dispatcher } from '../api/dispatch';
import { int, bool, none, obj, oneOf, optional, str } from '../api/validate';
import type { AuditService } from '../audit/install';
import { ROLE_NAMES } from '../audit/labels';
import { OperatorService, sessionInfo } from './service';

const operatorId = () => str({ min: 1, max: 20, pattern: /^[A-Za-z0-9_]+$/ });
const personName = () => str({ min: 1, max: 30 });
const password = () => str({ min: 1, max: 128 });
const role = () => oneOf(['cashier', 'technician', 'administrator'] as const);

export interface OperatorsDeps {
  audit: Pick<AuditService, 'append'>;
}

export function installOperators(ctx: AppContext, d: Dispatcher, deps: OperatorsDeps): OperatorService {
  const ops = new OperatorService(ctx);
  const sweep = setInterval(() => ops.sessions.sweep(), 60_000);
  sweep.unref();
  ctx.onClose(() => clearInterval(sweep));
  const note = (action: string, operator: string | null, channel: string, summary: string) =>
    deps.audit.append({ action, operatorId: operator, channel, summary });

  d.register('auth.state', {
    role: 'public',
    input: none(),
    run: (_i, c) => ({
      hasOperators: ops.repo.count() > 0,
      session: c.session ? sessionInfo(c.session) : undefined,
      idleMinutes: ops.idleMinutes(),
    }),
  });
  d.register('auth.setupAdmin', {
    role: 'public',
    input: obj({ operatorId: operatorId(), name: personName(), password: password() }),
    run: async (i, c) => {
      const s = await ops.setupAdmin(i);
      note('auth.setupAdmin', s.operatorId, c.channel, `创建首位管理员 ${s.operatorId}`);
      return { token: s.token, session: sessionInfo(s), idleMinutes: ops.idleMinutes() };
    },
  });
  d.register('auth.login', {
    role: 'public',
    input: obj({ operatorId: operatorId(), password: password() }),
    run: async (i, c) => {
      try {
        const s = await ops.login(i.operatorId, i.password);
        note('auth.login', s.operatorId, c.channel, `登录（${ROLE_NAMES[s.role]}）`);
        return { token: s.token, session: sessionInfo(s), idleMinutes: ops.idleMinutes() };
      } catch (err) {
        note('auth.loginFailed', null, c.channel, `登录失败：操作员编号 ${i.operatorId}`);
        throw err;
      }
    },
  });
  d.register('auth.logout', {
    role: 'any',
    beforePasswordChange: true,
    input: none(),
    run: (_i, c) => {
      if (c.session) {
        ops.sessions.end(c.session.token);
        note('auth.logout', c.session.operatorId, c.channel, '退出/锁屏');
      }
      return { loggedOut: true as const };
    },
  });
  d.register('auth.changePassword', {
    role: 'any',
    beforePasswordChange: true,
    input: obj({ oldPassword: password(), newPassword: password() }),
    audit: () => '修改本人密码',
    run: async (i, c) => {
      await ops.changePassword(c.session!.operatorId, i.oldPassword, i.newPassword);
      return { changed: true as const };
    },
  });
  d.register('operators.list', { role: 'administrator', input: none(), run: () => ops.list() });
  d.register('operators.create', {
    role: 'administrator',
    input: obj({ id: operatorId(), name: personName(), role: role(), password: password() }),
    audit: (i) => `添加操作员 ${i.id}（${ROLE_NAMES[i.role]}）`,
    run: (i) => ops.create(i),
  });
  d.register('operators.update', {
    role: 'administrator',
    input: obj({ id: operatorId(), name: optional(personName()), role: optional(role()), active: optional(bool()), password: optional(password()) }),
    audit: (i) =>
      `修改操作员 ${i.id}` +
      (i.role ? `，角色改为${ROLE_NAMES[i.role]}` : '') +
      (i.active !== undefined ? (i.active ? '，启用' : '，停用') : '') +
      (i.name ? '，修改姓名' : '') +
      (i.password ? '，重置密码' : ''),
    run: (i) => ops.update(i),
  });
  d.register('operators.settings.get', { role: 'technician', input: none(), run: () => ({ idleMinutes: ops.idleMinutes() }) });
  d.register('operators.settings.set', {
    role: 'technician',
    input: obj({ idleMinutes: int({ min: 1, max: 240 }) }),
    audit: (i) => `空闲锁定：${i.idleMinutes} 分钟`,
    run: (i) => {
      ops.setIdleMinutes(i.idleMinutes);
      return { idleMinutes: ops.idleMinutes() };
    },
  });
  return ops;
}
