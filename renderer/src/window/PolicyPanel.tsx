// Setup panel: the policy packs (shipped and imported), which one is in force, import from a file.
import { useState, type FormEvent } from 'react';
import { Panel, Field, ErrorLine, Notice } from '../components/ui';
import { call, useCall } from '../useCall';
import { FilePick } from '../components/FilePick';

export function PolicyPanel() {
  const list = useCall('policy.list');
  const [file, setFile] = useState('');
  const [msg, setMsg] = useState<string>();
  const [error, setError] = useState<string>();
  const importFile = async (path: string, shown?: string) => {
    setMsg(undefined);
    setError(undefined);
    const res = await call('policy.import', { file: path });
    if (!res.ok) {
      setMsg(undefined);
      return setError(res.error.message);
    }
    setError(undefined);
    setMsg(`已导入策略包 ${res.value.name}（${res.value.id}）${shown ? `，文件 ${shown}` : ''}`);
    void list.reload();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void importFile(file.trim());
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
        <p>校验不通过的政策包不会导入，也不会改动现有数据。</p>
        <FilePick kind="policy" label="选择政策包文件并导入" onFile={(p, shown) => void importFile(p, shown)} onError={(m) => { setMsg(undefined); setError(m); }} />
        <form className="form" onSubmit={submit}>
          <Field label="政策包文件的完整路径" hint="或者输入本机上 JSON 文件的完整路径">
            <input value={file} onChange={(e) => { setError(undefined); setFile(e.target.value); }} placeholder="例如 D:\\政策\\zibo-2021.json" />
          </Field>
          <ErrorLine error={error} />
          {msg ? <Notice>{msg}</Notice> : null}
          <button type="submit" className="primary">导入</button>
        </form>
      </Panel>
    </div>
  );
}
