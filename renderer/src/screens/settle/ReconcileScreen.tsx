// 对账 (Alt+3): day-end reconciliation with the network (3201 totals, 3202 details), the mismatches
// listed and exported (CSV), and the recorded differences between local and network settlements
// with who bears them (the institution, or the patient at the next visit).
import { useEffect, useState } from 'react';
import type { DifferenceView, ReconcileRunView, WarningView } from '../../../../electron/api/contract';
import { ErrorLine, Field, Notice, Panel } from '../../components/ui';
import { call } from '../../useCall';
import { dateTime } from '../../format';
import { businessDate } from '../../clock';
import type { ScreenProps } from '../registry';
import { downloadCsv } from './download';


function RunPanel(props: { run: ReconcileRunView; onExport(): void }) {
  const r = props.run;
  const state = r.error ? '对账未完成' : r.totalsBalanced && r.mismatchCount === 0 ? '对账平衡' : '存在不符';
  return (
    <Panel title={`对账 ${r.from} 至 ${r.to}：${state}`} actions={<button onClick={props.onExport}>导出 CSV</button>}>
      <dl className="facts">
        <dt>本地（医保已确认）</dt><dd>{r.local.count} 笔，医疗费 {r.local.medfee}，基金 {r.local.funds}，个人账户 {r.local.account}，现金 {r.local.cash}</dd>
        <dt>总账</dt><dd>{r.totalsMessage ?? r.error ?? '—'}</dd>
        <dt>未上传</dt><dd>{r.unsentCount} 笔</dd>
        <dt>对账时间</dt><dd>{dateTime(r.finishedAt ?? r.startedAt)}</dd>
      </dl>
      {r.mismatches.length ? (
        <table className="grid">
          <thead><tr><th>类型</th><th>结算单号</th><th>人员编号</th><th>医保结算ID</th><th>本地金额</th><th>医保金额</th><th>说明</th></tr></thead>
          <tbody>
            {r.mismatches.map((m, i) => (
              <tr key={i}><td>{m.kindName}</td><td>{m.receiptNo ?? ''}</td><td>{m.personNoMasked ?? ''}</td><td>{m.netSettlementId ?? ''}</td>
                <td>{m.local ?? ''}</td><td>{m.network ?? ''}</td><td>{m.memo}</td></tr>
            ))}
          </tbody>
        </table>
      ) : <p>没有不符项。</p>}
    </Panel>
  );
}

function Differences(props: { rows: DifferenceView[] }) {
  return (
    <Panel title={`本地与医保结算差异 ${props.rows.length} 笔`}>
      {props.rows.length === 0 ? <p>没有差异。</p> : (
        <table className="grid">
          <thead><tr><th>结算单号</th><th>姓名</th><th>差异项（本地 / 医保）</th><th>现金差额</th><th>处理方式</th><th>状态</th></tr></thead>
          <tbody>
            {props.rows.map((d) => (
              <tr key={d.settlementId}>
                <td>{d.receiptNo}</td><td>{d.nameMasked}</td>
                <td>{d.items.map((i) => `${i.itemName} ${i.local} / ${i.network}`).join('；')}</td>
                <td>{d.cashDifference}</td><td>{d.policyText}</td><td>{d.statusText}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}

function Warnings(props: { rows: WarningView[]; from: string; to: string; setError(e?: string): void }) {
  const exportCsv = async () => {
    const res = await call('warnings.export', { from: props.from, to: props.to });
    if (res.ok) downloadCsv(res.value);
    else props.setError(res.error.message);
  };
  return (
    <Panel title={`高额费用预警 ${props.rows.length} 条`} actions={<button onClick={() => void exportCsv()}>导出 CSV</button>}>
      {props.rows.length === 0 ? <p>没有预警。</p> : (
        <table className="grid">
          <thead><tr><th>时间</th><th>结算单号</th><th>姓名</th><th>说明</th></tr></thead>
          <tbody>{props.rows.map((w) => <tr key={w.id}><td>{dateTime(w.createdAt)}</td><td>{w.receiptNo}</td><td>{w.nameMasked}</td><td>{w.message}</td></tr>)}</tbody>
        </table>
      )}
    </Panel>
  );
}

export function ReconcileScreen(_props: ScreenProps) {
  const [from, setFrom] = useState(businessDate());
  const [to, setTo] = useState(businessDate());
  const [run, setRun] = useState<ReconcileRunView | undefined>();
  const [diffs, setDiffs] = useState<DifferenceView[]>([]);
  const [warnings, setWarnings] = useState<WarningView[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const loadLists = async () => {
    const [d, w, l] = await Promise.all([call('reconcile.differences', { from, to }), call('warnings.list', { from, to }), call('reconcile.list', { limit: 1 })]);
    if (d.ok) setDiffs(d.value);
    if (w.ok) setWarnings(w.value);
    if (l.ok && !run && l.value[0]) setRun(l.value[0]);
  };
  useEffect(() => {
    void loadLists();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [from, to]);
  const reconcile = async () => {
    setBusy(true);
    const res = await call('reconcile.run', { from, to });
    setBusy(false);
    if (!res.ok) return setError(res.error.message);
    setError(undefined);
    setRun(res.value);
    void loadLists();
  };
  const exportRun = async () => {
    if (!run) return;
    const res = await call('reconcile.export', { runId: run.id });
    if (res.ok) downloadCsv(res.value);
    else setError(res.error.message);
  };
  return (
    <div>
      <Panel title="日终对账">
        <form className="form" onSubmit={(e) => { e.preventDefault(); void reconcile(); }}>
          <Field label="开始日期"><input type="date" value={from} onChange={(e) => setFrom(e.target.value)} /></Field>
          <Field label="结束日期"><input type="date" value={to} onChange={(e) => setTo(e.target.value)} /></Field>
          <button type="submit" className="primary" disabled={busy}>{busy ? '对账中…' : '与医保对账'}</button>
        </form>
        <ErrorLine error={error} />
        {busy ? <Notice>正在与医保中心对总账和明细账…</Notice> : null}
      </Panel>
      {run ? <RunPanel run={run} onExport={() => void exportRun()} /> : null}
      <Differences rows={diffs} />
      <Warnings rows={warnings} from={from} to={to} setError={setError} />
    </div>
  );
}
