// Setup panel: operators (administrators add cashiers and technicians, deactivate, reset passwords),
// the idle lock time, and the audit log with its tamper check.
import { useEffect, useState, type FormEvent } from 'react';
import type { OperatorView, Role } from '../../../electron/api/contract';
import { Panel, Field, ErrorLine, Notice } from '../components/ui';
import { call, useCall } from '../useCall';
import { dateTime } from '../format';
import { ROLE_NAMES, useSession } from './session';

function CreateOperator(props: { onCreated: () => void }) {
  const blank = { id: '', name: '', role: 'cashier' as Role, password: '' };
  const [f, setF] = useState(blank);
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const res = await call('operators.create', { ...f, id: f.id.trim(), name: f.name.trim() });
    if (!res.ok) return setError(res.error.message);
    setError(undefined);
    setDone(`已添加操作员 ${res.value.name}（${res.value.id}）`);
    setF(blank);
    props.onCreated();
  };
  return (
    <form className="form" onSubmit={submit} aria-label="添加操作员">
      <Field label="操作员编号" hint="字母、数字"><input value={f.id} onChange={(e) => setF({ ...f, id: e.target.value })} /></Field>
      <Field label="姓名"><input value={f.name} onChange={(e) => setF({ ...f, name: e.target.value })} /></Field>
      <Field label="角色">
        <select value={f.role} onChange={(e) => setF({ ...f, role: e.target.value as Role })}>
          <option value="cashier">收款员</option>
          <option value="technician">技术人员</option>
          <option value="administrator">管理员</option>
        </select>
      </Field>
      <Field label="初始密码" hint="收款员至少 6 位；技术员和管理员至少 8 位，含字母和数字"><input type="password" value={f.password} onChange={(e) => setF({ ...f, password: e.target.value })} autoComplete="new-password" /></Field>
      <ErrorLine error={error} />
      {done ? <Notice>{done}</Notice> : null}
      <button type="submit" className="primary">添加操作员</button>
    </form>
  );
}

function OperatorRow(props: { op: OperatorView; onChanged: () => void }) {
  const { op } = props;
  const [error, setError] = useState<string>();
  const update = async (patch: { active?: boolean; password?: string }) => {
    const res = await call('operators.update', { id: op.id, ...patch });
    if (!res.ok) return setError(res.error.message);
    setError(undefined);
    props.onChanged();
  };
  const reset = () => {
    const pw = window.prompt(`为 ${op.name}（${op.id}）设置新密码（收款员至少 6 位；技术员和管理员至少 8 位，含字母和数字）：`);
    if (pw) void update({ password: pw });
  };
  return (
    <tr>
      <td>{op.id}</td>
      <td>{op.name}</td>
      <td>{ROLE_NAMES[op.role]}</td>
      <td>
        {op.active ? <span className="badge ok">启用</span> : <span className="badge">停用</span>}
        {op.lockedUntil ? <span className="badge warn">已锁定</span> : null}
      </td>
      <td>{dateTime(op.createdAt)}</td>
      <td>
        <button type="button" onClick={() => void update({ active: !op.active })}>{op.active ? '停用' : '启用'}</button>{' '}
        <button type="button" onClick={reset}>重设密码</button>
        <ErrorLine error={error} />
      </td>
    </tr>
  );
}

function IdleSetting() {
  const cur = useCall('operators.settings.get');
  const [minutes, setMinutes] = useState('');
  const [msg, setMsg] = useState<string>();
  const [error, setError] = useState<string>();
  useEffect(() => setMinutes(cur.value ? String(cur.value.idleMinutes) : ''), [cur.value]);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const n = Number(minutes);
    const res = await call('operators.settings.set', { idleMinutes: Number.isInteger(n) ? n : -1 });
    if (!res.ok) return setError(res.error.message);
    setError(undefined);
    setMsg(`已保存：空闲 ${res.value.idleMinutes} 分钟后锁定（下次登录生效）`);
  };
  return (
    <form className="form" onSubmit={save} aria-label="空闲锁定">
      <Field label="空闲多少分钟后锁定窗口" hint="1–240 分钟，默认 15"><input value={minutes} onChange={(e) => setMinutes(e.target.value)} inputMode="numeric" /></Field>
      <ErrorLine error={error ?? cur.error} />
      {msg ? <Notice>{msg}</Notice> : null}
      <button type="submit">保存</button>
    </form>
  );
}

function AuditBox() {
  const list = useCall('audit.list', { limit: 30 });
  const [verify, setVerify] = useState<string>();
  const [bad, setBad] = useState(false);
  const check = async () => {
    const res = await call('audit.verify');
    if (!res.ok) return setVerify(res.error.message);
    void list.reload();
    setBad(!res.value.ok);
    setVerify(res.value.ok ? `审计日志完整：共 ${res.value.entries} 条，未发现篡改` : `审计日志第 ${res.value.brokenAt} 条被篡改！请立即报告。`);
  };
  return (
    <Panel title="审计日志" actions={<button type="button" onClick={() => void check()}>校验完整性</button>}>
      {verify ? (bad ? <ErrorLine error={verify} /> : <Notice>{verify}</Notice>) : null}
      <ErrorLine error={list.error} />
      <div className="scroll-box">
        <table className="grid compact">
          <thead><tr><th className="num">序号</th><th>时间</th><th>操作员</th><th>操作</th><th>说明</th></tr></thead>
          <tbody>
            {(list.value ?? []).map((e) => (
              <tr key={e.seq}><td className="num">{e.seq}</td><td>{dateTime(e.at)}</td><td>{e.operatorId ?? '—'}</td><td title={e.action}>{e.actionLabel}</td><td>{e.summary}</td></tr>
            ))}
          </tbody>
        </table>
      </div>
    </Panel>
  );
}

export function OperatorsPanel() {
  const session = useSession();
  const isAdmin = session?.role === 'administrator';
  const list = useCall('operators.list', undefined, [isAdmin]);
  return (
    <div className="stack">
      <Panel title="操作员">
        {isAdmin ? (
          <>
            <table className="grid compact">
              <thead><tr><th>编号</th><th>姓名</th><th>角色</th><th>状态</th><th>创建时间</th><th>操作</th></tr></thead>
              <tbody>{(list.value ?? []).map((op) => <OperatorRow key={op.id} op={op} onChanged={() => void list.reload()} />)}</tbody>
            </table>
            <CreateOperator onCreated={() => void list.reload()} />
          </>
        ) : (
          <p>只有管理员可以添加或停用操作员。</p>
        )}
      </Panel>
      <Panel title="空闲锁定"><IdleSetting /></Panel>
      <AuditBox />
    </div>
  );
}
