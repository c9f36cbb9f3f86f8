// 追溯码 (Alt+9): the pharmacy's daily report of drug traceability codes: the drugs sold with and
// without codes (and why), the sale records uploaded, waiting and refused (with the network's
// words, sent again by hand once the cause is fixed), a CSV export; the trace setup below.
import { useState } from 'react';
import type { TraceReportView, TraceSetupView, TraceUploadView } from '../../../../electron/api/contract';
import { ErrorLine, Field, Notice, Panel } from '../../components/ui';
import { call, useCall } from '../../useCall';
import { businessDate } from '../../clock';
import { dateTime } from '../../format';
import { downloadCsv } from '../settle/download';
import '../../window/trace.css';

function Totals(props: { r: TraceReportView }) {
  const t = props.r.totals;
  const cards: [string, number][] = [
    ['药品明细', t.drugLines], ['有追溯码', t.withCodes], ['无追溯码', t.withoutCodes], ['追溯码个数', t.codes],
    ['已上传', t.uploaded], ['待上传', t.pending], ['被拒绝', t.rejected], ['已退货', t.returned],
  ];
  return (
    <div className="trace-totals" data-testid="trace-totals">
      {cards.map(([label, n]) => (
        <div key={label} className="card-stat"><div className="label">{label}</div><div className="value">{n}</div></div>
      ))}
    </div>
  );
}

function Lines(props: { r: TraceReportView }) {
  if (!props.r.lines.length) return <p>当日没有药品销售记录。</p>;
  return (
    <table className="grid compact" aria-label="药品追溯码明细">
      <thead><tr><th>结算编号</th><th>药品</th><th className="num">数量</th><th>追溯码</th><th>无码原因</th><th>上传</th></tr></thead>
      <tbody>
        {props.r.lines.map((l) => (
          <tr key={`${l.settlementId}/${l.lineNo}`}>
            <td>{l.settlementId}</td>
            <td>{l.name}{l.split ? <span className="badge warn">拆零</span> : null}{l.returned ? <span className="badge">已退货</span> : null}</td>
            <td className="num">{l.quantity}</td>
            <td className="trace-codes">{l.codes.join(' ')}</td>
            <td>{l.reasonName ?? ''}</td>
            <td title={l.uploadMessage}>{l.upload}{l.upload === '被拒绝' && l.uploadMessage ? `：${l.uploadMessage}` : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Uploads(props: { rows: TraceUploadView[]; onRetry(id: number): void }) {
  return (
    <Panel title={`未完成的追溯码上传 ${props.rows.length} 条`}>
      {props.rows.length === 0 ? <p>全部已上传。</p> : (
        <table className="grid compact" aria-label="追溯码上传">
          <thead><tr><th>交易</th><th>结算编号</th><th>药品</th><th>追溯码</th><th>状态</th><th>医保平台反馈</th><th>时间</th><th></th></tr></thead>
          <tbody>
            {props.rows.map((u) => (
              <tr key={u.id}>
                <td>{u.infno === '3505' ? '3505 销售' : '3506 退货'}</td><td>{u.settlementId}</td><td>{u.name}</td>
                <td className="trace-codes">{u.codes.join(' ')}</td><td>{u.stateName}</td><td>{u.message ?? ''}</td><td>{dateTime(u.updatedAt)}</td>
                <td>{u.state === 'rejected' ? <button onClick={() => props.onRetry(u.id)}>重新上传</button> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}

function SetupPanel(props: { setup: TraceSetupView }) {
  const [s, setS] = useState(props.setup);
  const [msg, setMsg] = useState<string>();
  const [error, setError] = useState<string>();
  const save = async () => {
    const res = await call('trace.setup.set', s);
    if (res.ok) (setMsg('已保存'), setError(undefined));
    else (setError(res.error.message), setMsg(undefined));
  };
  const field = (k: Exclude<keyof TraceSetupView, 'scanAtWindow'>) => ({ value: s[k], onChange: (e: React.ChangeEvent<HTMLInputElement>) => setS({ ...s, [k]: e.target.value }) });
  return (
    <Panel title="追溯码设置（技术员）" actions={<button onClick={() => void save()}>保存设置</button>}>
      <div className="form">
        <label className="check-row">
          <input type="checkbox" checked={s.scanAtWindow} onChange={(e) => setS({ ...s, scanAtWindow: e.target.checked })} aria-label="收费窗口扫追溯码" />
          收费窗口在预结算后扫药品追溯码（每盒一码，无码须选择原因）
        </label>
        <Field label="药师姓名" hint="销售记录上报的药师（必填）"><input aria-label="药师姓名" {...field('pharmacistName')} /></Field>
        <Field label="药师执业资格证号"><input aria-label="药师执业资格证号" {...field('pharmacistCertNo')} /></Field>
        <Field label="追溯码格式（正则表达式）" hint="默认 20 位数字"><input aria-label="追溯码格式" {...field('codePattern')} /></Field>
        <Field label="未知批号时上报" hint="HIS 未提供生产批号时使用"><input aria-label="未知批号" {...field('unknownLot')} /></Field>
      </div>
      {msg ? <Notice>{msg}</Notice> : null}
      <ErrorLine error={error} />
    </Panel>
  );
}

export function TraceScreen() {
  const [date, setDate] = useState(businessDate());
  const report = useCall('trace.report', { date }, [date]);
  const uploads = useCall('trace.uploads', {});
  const setup = useCall('trace.setup.get');
  const [error, setError] = useState<string>();
  const exportCsv = async () => {
    const res = await call('trace.reportCsv', { date });
    if (res.ok) downloadCsv({ filename: res.value.fileName, csv: res.value.csv });
    else setError(res.error.message);
  };
  const retry = async (id: number) => {
    const res = await call('trace.retry', { id });
    if (!res.ok) setError(res.error.message);
    void uploads.reload();
    void report.reload();
  };
  return (
    <div>
      <Panel title="药品追溯码日报" actions={<span className="row-actions">
        <input type="date" aria-label="日期" value={date} onChange={(e) => e.target.value && setDate(e.target.value)} />
        <button onClick={() => (void report.reload(), void uploads.reload())}>刷新</button>
        <button onClick={() => void exportCsv()}>导出 CSV</button>
      </span>}>
        <ErrorLine error={report.error ?? error} />
        {report.value ? <Totals r={report.value} /> : null}
        {report.value?.reasons.length ? <p>无码原因：{report.value.reasons.map((r) => `${r.name} ${r.count} 条`).join('；')}</p> : null}
        {report.value ? <Lines r={report.value} /> : null}
      </Panel>
      {uploads.value ? <Uploads rows={uploads.value} onRetry={(id) => void retry(id)} /> : null}
      {setup.value ? <SetupPanel key={JSON.stringify(setup.value)} setup={setup.value} /> : null}
    </div>
  );
}
