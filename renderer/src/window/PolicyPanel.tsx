// Setup panel: the policy packs (shipped and imported), which one is in force, import from a file.
import { useState, type FormEvent } from 'react';
import { Panel, Field, ErrorLine, Notice } from '../components/ui';
import { call, useCall } from '../useCall';

export function PolicyPanel() {
  const list = useCall('policy.list');
  const [file, setFile] = useState('');
  const [msg, setMsg] = useState<string>();
  const [error, setError] = useState<string>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const res = await call('policy.import', { file: file.trim() });
    if (!res.ok) {
      setMsg(undefined);
      return setError(res.error.message);
    }
    setError(undefined);
    setMsg(`已导入策略包 ${res.value.name}（${res.value.id}）`);
    void list.reload();
  };
  const current = list.value?.find((p) => p.inForce);
  return (
    <div className="stack">
      <Panel title="政策包">
        <p>
          当前执行：{current ? <strong>{current.name}（{current.id}，{current.from} 至 {current.to}）</strong> : <span className="warn">本机构所在地区今天没有有效的政策包</span>}
        </p>
        <ErrorLine error={list.error} />
        <table className="grid compact">
          <thead><tr><th>编号</th><th>名称</th><th>地区</th><th>有效期</th><th>来源</th><th>状态</th><th>校验码</th></tr></thead>
          <tbody>
            {(list.value ?? []).map((p) => (
              <tr key={p.id} className={p.inForce ? 'selected' : ''}>
                <td className="mono nowrap">{p.id}</td><td>{p.name}</td><td>{p.region}</td><td className="nowrap">{p.from} 至 {p.to}</td>
                <td className="nowrap">{p.source === 'shipped' ? '随程序' : p.source === 'demo' ? '演示（仅模拟网络）' : '导入'}</td>
                <td className="nowrap">{p.inForce ? <span className="badge ok">执行中</span> : ''}</td>
                <td className="mono nowrap" title={p.hash}>{p.hash.replace(/^sha256:/, '').slice(0, 10)}…</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Panel>
      <Panel title="导入政策包">
        <form className="form" onSubmit={submit}>
          <Field label="政策包文件的完整路径" hint="JSON 文件；校验不通过的不会导入，也不会改动现有数据">
            <input value={file} onChange={(e) => setFile(e.target.value)} placeholder="例如 D:\\政策\\zibo-2021.json" />
          </Field>
          <ErrorLine error={error} />
          {msg ? <Notice>{msg}</Notice> : null}
          <button type="submit" className="primary">导入</button>
        </form>
      </Panel>
    </div>
  );
}
