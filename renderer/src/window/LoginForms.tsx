// First-start administrator creation, login, the lock screen's password prompt, and the password
// change asked of an operator whose password is below the rule their role now needs.
import { useState, type FormEvent } from 'react';
import type { SessionInfo } from '../../../electron/api/contract';
import { call } from '../useCall';
import { ErrorLine } from '../components/ui';
import { ROLE_NAMES } from './session';

type Done = (token: string, session: SessionInfo, idleMinutes: number) => void;

function GateFrame(props: { title: string; subtitle?: string; children: React.ReactNode }) {
  return (
    <div className="gate">
      <div className="gate-card">
        <h1>一站式结算窗口</h1>
        <h2>{props.title}</h2>
        {props.subtitle ? <p className="gate-sub">{props.subtitle}</p> : null}
        {props.children}
      </div>
    </div>
  );
}

export function CreateAdminForm(props: { onDone: Done }) {
  const [f, setF] = useState({ operatorId: 'admin', name: '', password: '', again: '' });
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (f.password !== f.again) return setError('两次输入的密码不一致');
    setBusy(true);
    const res = await call('auth.setupAdmin', { operatorId: f.operatorId.trim(), name: f.name.trim(), password: f.password });
    setBusy(false);
    if (!res.ok) return setError(res.error.message);
    props.onDone(res.value.token, res.value.session, res.value.idleMinutes);
  };
  return (
    <GateFrame title="创建管理员" subtitle="首次启动：请设置管理员账号和密码。管理员之后可在「系统设置 → 操作员」中添加收款员和技术人员。">
      <form className="gate-form" onSubmit={submit}>
        <label>
          管理员编号
          <input value={f.operatorId} onChange={(e) => setF({ ...f, operatorId: e.target.value })} autoComplete="username" />
        </label>
        <label>
          姓名
          <input autoFocus value={f.name} onChange={(e) => setF({ ...f, name: e.target.value })} />
        </label>
        <label>
          密码（至少 6 位）
          <input type="password" value={f.password} onChange={(e) => setF({ ...f, password: e.target.value })} autoComplete="new-password" />
        </label>
        <p className="field-hint">管理员密码至少 8 位，须同时包含字母和数字，不能是常见密码、连续或重复的字符，也不能与管理员编号相同。</p>
        <label>
          再次输入密码
          <input type="password" value={f.again} onChange={(e) => setF({ ...f, again: e.target.value })} autoComplete="new-password" />
        </label>
        <ErrorLine error={error} />
        <button type="submit" className="primary" disabled={busy}>
          创建并登录（Enter）
        </button>
      </form>
    </GateFrame>
  );
}

export function LoginForm(props: { onDone: Done; locked?: SessionInfo; onSwitch?: () => void }) {
  const [operatorId, setOperatorId] = useState(props.locked?.operatorId ?? '');
  const [password, setPassword] = useState('');
  const [switching, setSwitching] = useState(false);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const lockedView = props.locked && !switching;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const res = await call('auth.login', { operatorId: operatorId.trim(), password });
    setBusy(false);
    setPassword('');
    if (!res.ok) return setError(res.error.message);
    props.onDone(res.value.token, res.value.session, res.value.idleMinutes);
  };
  return (
    <GateFrame
      title={lockedView ? '窗口已锁定' : '操作员登录'}
      subtitle={lockedView ? `${props.locked!.operatorName}（${ROLE_NAMES[props.locked!.role]}，${props.locked!.operatorId}）请输入密码解锁，未完成的操作会保留。` : undefined}
    >
      <form className="gate-form" onSubmit={submit}>
        {lockedView ? null : (
          <label>
            操作员编号
            <input autoFocus value={operatorId} onChange={(e) => setOperatorId(e.target.value)} autoComplete="username" />
          </label>
        )}
        <label>
          密码
          <input autoFocus={lockedView} type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" />
        </label>
        <ErrorLine error={error} />
        <button type="submit" className="primary" disabled={busy}>
          {lockedView ? '解锁（Enter）' : '登录（Enter）'}
        </button>
        {lockedView ? (
          <button
            type="button"
            onClick={() => {
              if (props.onSwitch) return props.onSwitch();
              setSwitching(true);
              setOperatorId('');
            }}
          >
            切换操作员
          </button>
        ) : null}
      </form>
    </GateFrame>
  );
}

/** Asked right after login when the password is below the rule the role needs; nothing else opens until it is changed. */
export function ChangePasswordForm(props: { session: SessionInfo; onDone: () => void; onLogout: () => void }) {
  const [f, setF] = useState({ old: '', next: '', again: '' });
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (f.next !== f.again) return setError('两次输入的新密码不一致');
    setBusy(true);
    const res = await call('auth.changePassword', { oldPassword: f.old, newPassword: f.next });
    setBusy(false);
    if (!res.ok) return setError(res.error.message);
    props.onDone();
  };
  return (
    <GateFrame
      title="请修改密码"
      subtitle={`${props.session.operatorName}（${ROLE_NAMES[props.session.role]}，${props.session.operatorId}）：您的密码不符合当前的密码要求，修改后才能继续使用。`}
    >
      <form className="gate-form" onSubmit={submit} aria-label="修改密码">
        <label>
          当前密码
          <input autoFocus type="password" value={f.old} onChange={(e) => setF({ ...f, old: e.target.value })} autoComplete="current-password" />
        </label>
        <label>
          新密码
          <input type="password" value={f.next} onChange={(e) => setF({ ...f, next: e.target.value })} autoComplete="new-password" />
        </label>
        <p className="field-hint">新密码至少 8 位，须同时包含字母和数字，不能是常见密码、连续或重复的字符，也不能与操作员编号相同。</p>
        <label>
          再次输入新密码
          <input type="password" value={f.again} onChange={(e) => setF({ ...f, again: e.target.value })} autoComplete="new-password" />
        </label>
        <ErrorLine error={error} />
        <button type="submit" className="primary" disabled={busy}>
          修改密码并继续（Enter）
        </button>
        <button type="button" onClick={props.onLogout}>
          退出登录
        </button>
      </form>
    </GateFrame>
  );
}
