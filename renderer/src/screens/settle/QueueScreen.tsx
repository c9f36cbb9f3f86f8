// 待上传队列 (Alt+2): what the network has not confirmed yet: waiting, in flight, unknown outcome
// being resolved, and the dead letters (the network refused) with the network's own message,
// to retry after a fix or to cancel with a reason. A progress bar while the queue drains.
import { useCallback, useEffect, useState } from 'react';
import type { DeadLetterView, QueueItemView } from '../../../../electron/api/contract';
import { ErrorLine, Notice, Panel } from '../../components/ui';
import { call } from '../../useCall';
import { dateTime } from '../../format';
import type { ScreenProps } from '../registry';
import { useQueueStatus } from './useQueueStatus';
import { queueSummary } from './queue-text';

function Progress(props: { done: number; total: number; draining: boolean }) {
  if (!props.draining || props.total <= 0) return null;
  return (
    <p>
      正在上传：<progress max={props.total} value={props.done} aria-label="上传进度" /> {props.done} / {props.total} 笔
    </p>
  );
}

function DeadLetters(props: { rows: DeadLetterView[]; onChanged(): void; setError(e?: string): void; setNotice(n?: string): void }) {
  const [password, setPassword] = useState('');
  const retry = async (d: DeadLetterView) => {
    // Retrying unchanged gets the same refusal: say what the network said and what to correct first.
    if (!window.confirm(`医保返回：${d.message}\n需修正：${d.fix}\n\n已经修正，现在重试吗？`)) return;
    const res = await call('queue.retry', { deadLetterId: d.id });
    if (!res.ok) return props.setError(res.error.message);
    props.setNotice(`已重新提交 ${d.receiptNo}；如医保仍拒绝，请核对：${d.fix}`);
    props.onChanged();
  };
  const cancel = async (d: DeadLetterView) => {
    const reason = window.prompt(`撤销结算 ${d.receiptNo}（${d.nameMasked}，${d.total} 元）的原因：`);
    if (!reason || reason.trim().length < 2) return props.setError('请填写撤销原因（至少 2 个字）');
    if (!password) return props.setError('撤销须输入本人登录密码');
    const res = await call('queue.cancelDead', { deadLetterId: d.id, reason: reason.trim(), password });
    setPassword('');
    if (!res.ok) return props.setError(res.error.message);
    props.setNotice(`已撤销 ${d.receiptNo}，撤销单 ${res.value.receiptNo}；请按原支付方式退还患者 ${res.value.cashDue.replace('-', '')} 元`);
    props.onChanged();
  };
  const abandon = async (d: DeadLetterView) => {
    const reason = window.prompt(`放弃撤回 ${d.receiptNo}（${d.nameMasked}）在医保的挂号/明细，原因（医保端需另行处理）：`);
    if (!reason || reason.trim().length < 2) return props.setError('请填写放弃原因（至少 2 个字）');
    const res = await call('queue.abandonUndo', { deadLetterId: d.id, reason: reason.trim() });
    if (!res.ok) return props.setError(res.error.message);
    props.setNotice(`已放弃撤回 ${d.receiptNo} 的挂号/明细；该就诊在医保端仍为登记状态，请联系医保经办处理`);
    props.onChanged();
  };
  return (
    <Panel title={`医保拒绝（失败项）${props.rows.length} 笔`}>
      {props.rows.some((d) => d.kind === 'settlement') ? (
        <label className="field">
          <span className="field-label">撤销须确认本人密码</span>
          <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} aria-label="操作员密码" autoComplete="current-password" />
        </label>
      ) : null}
      {props.rows.length === 0 ? <p>没有失败项。</p> : (
        <table className="grid">
          <thead><tr><th>结算单号</th><th>姓名</th><th>金额</th><th>环节</th><th>医保返回信息</th><th>时间</th><th>处理</th></tr></thead>
          <tbody>
            {props.rows.map((d) => (
              <tr key={d.id}>
                <td>{d.receiptNo}</td><td>{d.nameMasked}</td><td>{d.total}</td><td>{d.stepName}（{d.infno}）</td>
                <td><span className="error-line">{d.message}</span><br /><span className="field-hint" data-testid="dead-fix">需修正：{d.fix}</span></td><td>{dateTime(d.createdAt)}</td>
                <td>
                  <button onClick={() => void retry(d)}>修正后重试</button>{' '}
                  {d.kind === 'settlement' && <button onClick={() => void cancel(d)}>撤销（填写原因）</button>}
                  {d.kind === 'undo' && <button onClick={() => void abandon(d)}>放弃撤回（填写原因）</button>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}

export function QueueScreen(_props: ScreenProps) {
  const { status, refresh } = useQueueStatus();
  const [items, setItems] = useState<QueueItemView[]>([]);
  const [dead, setDead] = useState<DeadLetterView[]>([]);
  const [error, setError] = useState<string | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const load = useCallback(async () => {
    const [a, b] = await Promise.all([call('queue.list', { limit: 500 }), call('queue.deadLetters')]);
    if (a.ok) setItems(a.value.filter((i) => i.state !== 'dead'));
    if (b.ok) setDead(b.value);
    setError(!a.ok ? a.error.message : !b.ok ? b.error.message : undefined);
  }, []);
  useEffect(() => {
    void load();
    const t = setInterval(() => void load(), 3000);
    return () => clearInterval(t);
  }, [load]);
  const drain = async () => {
    const res = await call('queue.drainNow');
    if (!res.ok) return setError(res.error.message);
    setNotice(res.value.online ? '已开始上传' : '医保网络仍不可用，网络恢复后会自动上传');
    refresh();
    void load();
  };
  const changed = () => {
    refresh();
    void load();
  };
  return (
    <div>
      <Panel title="待上传队列" actions={<button className="primary" onClick={() => void drain()}>立即上传</button>}>
        {status ? (
          <dl className="facts">
            <dt>医保网络</dt><dd>{status.online === null ? '未知' : status.online ? '在线' : '离线'}{status.lastContactAt ? `（最近联系 ${dateTime(status.lastContactAt)}）` : ''}</dd>
            <dt>未上传结算</dt><dd><b>{status.unsent}</b> 笔（{status.unsentMessages} 条报文）</dd>
            <dt>发送中</dt><dd>{status.inFlight}</dd>
            <dt>结果核实中</dt><dd>{status.unknown}</dd>
            <dt>失败项</dt><dd>{status.dead}</dd>
          </dl>
        ) : null}
        {status ? <Progress done={status.drainDone} total={status.drainTotal} draining={status.draining} /> : null}
        <ErrorLine error={error} />
        {notice ? <Notice>{notice}</Notice> : null}
        <table className="grid">
          <thead><tr><th>结算单号</th><th>姓名</th><th>环节</th><th>状态</th><th>尝试</th><th>下次尝试</th><th>最近错误</th></tr></thead>
          <tbody>
            {items.map((i) => (
              <tr key={i.id}>
                <td>{i.receiptNo}</td><td>{i.nameMasked}</td><td>{i.stepName}（{i.infno}）</td><td>{i.stateName}</td>
                <td>{i.attempts}</td><td>{i.nextAttemptAt ? dateTime(i.nextAttemptAt) : '—'}</td><td>{i.lastError ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {queueSummary(status, items.length, dead.length) ? <p data-testid="queue-summary">{queueSummary(status, items.length, dead.length)}</p> : null}
      </Panel>
      <DeadLetters rows={dead} onChanged={changed} setError={setError} setNotice={setNotice} />
    </div>
  );
}
