// HIS interface: the address and token the HIS uses (token shown, copyable, rotatable), the
// optional callback URL for HIS systems that do not poll, and the visits received so far.
import { useEffect, useState } from 'react';
import { Panel, Field, ErrorLine, Notice, Money } from '../../../components/ui';
import { call, useCall } from '../../../useCall';
import { dateTime } from '../../../format';
import { STATE_NAMES, VISIT_TYPE_NAMES } from './shared';

export function HisApiPanel() {
  const info = useCall('his.token.get');
  const callback = useCall('his.callback.get');
  const visits = useCall('his.visits.list');
  const [shown, setShown] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const [cbUrl, setCbUrl] = useState('');
  const [cbToken, setCbToken] = useState('');
  useEffect(() => {
    if (callback.value) {
      setCbUrl(callback.value.url);
      setCbToken(callback.value.token ?? '');
    }
  }, [callback.value]);
  useEffect(() => {
    const timer = setInterval(() => void visits.reload(), 3000);
    return () => clearInterval(timer);
  }, [visits.reload]);
  const rotate = async () => {
    if (!window.confirm('更换令牌后，HIS 必须改用新令牌，旧令牌立即失效。确定更换吗？')) return;
    const res = await call('his.token.rotate');
    if (res.ok) {
      setNotice('已更换令牌，请把新令牌填入 HIS 的接口设置。');
      setError(undefined);
      setShown(true);
      void info.reload();
    } else setError(res.error.message);
  };
  const copy = async () => {
    if (!info.value) return;
    try {
      await navigator.clipboard.writeText(info.value.token);
      setNotice('令牌已复制');
    } catch {
      setShown(true);
      setNotice('无法访问剪贴板，请手动选中复制');
    }
  };
  const saveCallback = async () => {
    const res = await call('his.callback.set', { url: cbUrl.trim(), ...(cbToken.trim() ? { token: cbToken.trim() } : {}) });
    if (res.ok) {
      setNotice(cbUrl.trim() ? '回调地址已保存：结算或撤销后会把结果推送给 HIS' : '已关闭结果推送');
      setError(undefined);
      void callback.reload();
    } else setError(res.error.message);
  };
  const i = info.value;
  return (
    <Panel title="HIS 接口">
      <p>HIS 通过本机接口把就诊和费用明细发送到收费窗口，不用重新录入。把下面的地址和令牌填入 HIS 的接口设置；接口说明见 OpenAPI 文档。</p>
      {i?.error ? <ErrorLine error={i.error} /> : null}
      {i ? (
        <dl className="facts">
          <dt>接口地址</dt>
          <dd className="mono">{i.url}/his/v1/visits</dd>
          <dt>接口文档</dt>
          <dd className="mono">{i.openapiUrl}</dd>
          <dt>访问令牌</dt>
          <dd>
            <input className="mono" readOnly size={48} aria-label="访问令牌" value={shown ? i.token : '•'.repeat(24)} onFocus={(e) => shown && e.target.select()} />{' '}
            <button onClick={() => setShown(!shown)}>{shown ? '隐藏' : '显示'}</button> <button onClick={() => void copy()}>复制</button>{' '}
            <button onClick={() => void rotate()} disabled={i.tokenFromEnvironment} title={i.tokenFromEnvironment ? '令牌由环境变量 SETTLE_HIS_TOKEN 指定' : undefined}>
              更换令牌
            </button>
            {i.tokenFromEnvironment ? <span className="field-hint">令牌由环境变量 SETTLE_HIS_TOKEN 指定</span> : null}
          </dd>
        </dl>
      ) : null}
      <form className="form" onSubmit={(e) => { e.preventDefault(); void saveCallback(); }}>
        <Field label="结果回调地址（可选）" hint="HIS 不轮询结果时填写：每次结算或撤销后，把结果 POST 到此地址，直到 HIS 应答成功">
          <input value={cbUrl} placeholder="http://192.168.1.10:8080/his/settle-result" onChange={(e) => setCbUrl(e.target.value)} />
        </Field>
        <Field label="回调令牌（可选）" hint="推送时放在 Authorization: Bearer 头中，供 HIS 核对">
          <input value={cbToken} onChange={(e) => setCbToken(e.target.value)} />
        </Field>
        {callback.value ? <p className="field-hint">待推送 {callback.value.pending} 条，已确认 {callback.value.acked} 条{callback.value.lastError ? `；最近错误：${callback.value.lastError}` : ''}</p> : null}
        <button type="submit">保存回调设置</button>
      </form>
      <ErrorLine error={error ?? info.error ?? callback.error} />
      {notice ? <Notice>{notice}</Notice> : null}
      <h3>待结算的就诊（{visits.value?.length ?? 0}）</h3>
      <table className="grid">
        <thead>
          <tr><th>就诊号</th><th>类型</th><th>患者</th><th>科室</th><th className="num">金额</th><th>状态</th><th>接收时间</th></tr>
        </thead>
        <tbody>
          {(visits.value ?? []).map((v) => (
            <tr key={v.hisVisitId}>
              <td className="mono">{v.hisVisitId}</td>
              <td>{VISIT_TYPE_NAMES[v.visitType]}</td>
              <td>{v.patientName ?? v.patientIdNumber ?? v.patientCardNumber}</td>
              <td>{v.department}</td>
              <td className="num"><Money value={v.total} /></td>
              <td>{STATE_NAMES[v.state]}{v.unmappedCount ? <span className="warn">（{v.unmappedCount} 项未对照）</span> : null}{v.cancelRequested ? <span className="warn">（HIS 申请撤销）</span> : null}</td>
              <td>{dateTime(v.receivedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}
