// 集中库 (Alt+5, administrator): the windows of the center with their last contact, what each has
// not yet sent (to the network, to the center) and today's totals; the center-wide day-end
// reconciliation with each difference traced to its window; offline limits and card-free rules for
// every window.
import { useEffect, useState } from 'react';
import type { CenterReconcileView, CenterWindowView } from '../../../../electron/api/contract';
import { ErrorLine, Field, Notice, Panel } from '../../components/ui';
import { call, useCall } from '../../useCall';
import { dateTime } from '../../format';
import { businessDate } from '../../clock';
import type { ScreenProps } from '../registry';

/** A window not heard from for two minutes is shown as out of contact. */
const STALE_MS = 120_000;

function Windows(props: { rows: CenterWindowView[] }) {
  const now = Date.now();
  return (
    <table className="grid" data-testid="center-windows">
      <thead><tr><th>机构</th><th>窗口号</th><th>名称</th><th>最后联系</th><th>未上传医保</th><th>未同步集中库</th><th>今日笔数</th><th>其中脱机</th><th>今日金额</th><th>编号冲突</th></tr></thead>
      <tbody>
        {props.rows.map((w) => {
          const stale = !w.lastContactAt || now - new Date(w.lastContactAt).getTime() > STALE_MS;
          return (
            <tr key={w.windowId} className={stale ? 'warn' : undefined}>
              <td>{w.institutionCode}</td><td>{w.terminalNo}</td><td>{w.name}</td>
              <td>{w.lastContactAt ? dateTime(w.lastContactAt) : '从未'}{stale ? '（失联）' : ''}</td>
              <td>{w.unsentNetwork}</td><td>{w.unsentCenter}</td><td>{w.todayCount}</td><td>{w.todayOfflineCount}</td><td>{w.todayTotal}</td>
              <td>{w.conflicts ? `${w.conflicts} 笔（该窗口曾从旧备份恢复，请核对）` : '—'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function Reconcile() {
  const [day, setDay] = useState(businessDate());
  const [run, setRun] = useState<CenterReconcileView | undefined>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const go = async () => {
    setBusy(true);
    const res = await call('center.reconcile', { day });
    setBusy(false);
    if (!res.ok) return setError(res.error.message);
    setError(undefined);
    setRun(res.value);
  };
  return (
    <Panel title="全中心日终对账（各窗口合计与医保对账）">
      <form className="form" onSubmit={(e) => { e.preventDefault(); void go(); }}>
        <Field label="对账日期"><input type="date" value={day} onChange={(e) => setDay(e.target.value)} /></Field>
        <button type="submit" className="primary" disabled={busy}>{busy ? '对账中…' : '全中心对账'}</button>
      </form>
      <ErrorLine error={error} />
      {run && (
        <div data-testid="center-reconcile">
          <p><strong>{run.balanced ? '对账平衡' : '存在不符'}</strong>：{run.day}，医保已确认 {run.records} 笔</p>
          <table className="grid">
            <thead><tr><th>险种/清算类别/清算机构</th><th>笔数</th><th>医疗费</th><th>基金</th><th>各窗口</th><th>结果</th></tr></thead>
            <tbody>
              {run.groups.map((g, i) => (
                <tr key={i}><td>{g.insutype}/{g.clearingType}/{g.clearingAgency}</td><td>{g.count}</td><td>{g.medfeeTotal}</td><td>{g.fundTotal}</td>
                  <td>{g.byWindow.map((w) => `窗口${w.terminalNo}：${w.count} 笔 ${w.medfeeTotal}`).join('；')}</td><td>{g.description}</td></tr>
              ))}
            </tbody>
          </table>
          {run.mismatches.length ? (
            <table className="grid">
              <thead><tr><th>类型</th><th>窗口</th><th>说明</th></tr></thead>
              <tbody>{run.mismatches.map((m, i) => <tr key={i}><td>{m.kind}</td><td>{m.terminalNo ?? '—'}</td><td>{m.memo}</td></tr>)}</tbody>
            </table>
          ) : <p>没有不符项。</p>}
        </div>
      )}
    </Panel>
  );
}

function Limits() {
  const [perVisit, setPerVisit] = useState('2000.00');
  const [perPersonDay, setPerPersonDay] = useState('3000.00');
  const [msg, setMsg] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const save = async () => {
    const res = await call('center.limits.set', { perVisit, perPersonDay });
    if (!res.ok) return setError(res.error.message);
    setError(undefined);
    setMsg(`已设置：单次 ${res.value.perVisit} 元，每人每日 ${res.value.perPersonDay} 元（各窗口 30 秒内生效）`);
  };
  return (
    <Panel title="脱机限额（全中心统一）">
      <form className="form" onSubmit={(e) => { e.preventDefault(); void save(); }}>
        <Field label="单次限额（元）"><input value={perVisit} onChange={(e) => setPerVisit(e.target.value)} /></Field>
        <Field label="每人每日限额（元，各窗口合计）"><input value={perPersonDay} onChange={(e) => setPerPersonDay(e.target.value)} /></Field>
        <button type="submit">保存到集中库</button>
      </form>
      {msg && <Notice>{msg}</Notice>}
      <ErrorLine error={error} />
    </Panel>
  );
}

function CardFree() {
  const current = useCall('window.cardFree.get');
  const [rules, setRules] = useState({ poverty: true, lowIncome: false, destitute: false });
  const [msg, setMsg] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    if (current.value) setRules(current.value);
  }, [current.value]);
  const save = async () => {
    const res = await call('center.cardFree.set', rules);
    if (!res.ok) return setError(res.error.message);
    setError(undefined);
    setMsg('已保存到集中库（各窗口 30 秒内生效）');
  };
  const box = (key: keyof typeof rules, label: string) => (
    <label><input type="checkbox" checked={rules[key]} onChange={(e) => setRules({ ...rules, [key]: e.target.checked })} /> {label}</label>
  );
  return (
    <Panel title="免卡结算规则（全中心统一）">
      <form className="form" onSubmit={(e) => { e.preventDefault(); void save(); }}>
        {box('poverty', '脱贫人口')}{box('lowIncome', '低保对象')}{box('destitute', '特困人员')}
        <button type="submit">保存到集中库</button>
      </form>
      {msg && <Notice>{msg}</Notice>}
      <ErrorLine error={error} />
    </Panel>
  );
}

export function CenterScreen(_props: ScreenProps) {
  const status = useCall('center.status');
  const windows = useCall('center.windows');
  useEffect(() => {
    const t = setInterval(() => { void status.reload(); void windows.reload(); }, 5000);
    return () => clearInterval(t);
  }, [status.reload, windows.reload]);
  const s = status.value;
  return (
    <div>
      <Panel title="集中库">
        <p data-testid="center-status">{s ? s.message : '…'}{s?.url ? `（${s.url}）` : ''}</p>
      </Panel>
      {s?.configured && (
        <>
          <Panel title="各窗口">
            {windows.value ? <Windows rows={windows.value} /> : <ErrorLine error={windows.error} />}
          </Panel>
          <Reconcile />
          <Limits />
          <CardFree />
        </>
      )}
    </div>
  );
}
