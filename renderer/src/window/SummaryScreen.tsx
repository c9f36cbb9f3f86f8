// The operator's daily summary at shift end: counts, totals by layer (with a chart), cash to hand
// in, and today's settlements (masked) with cancellation.
import { useEffect, useRef, useState } from 'react';
import type { WindowSettlementRow } from '../../../electron/api/contract';
import { ErrorLine, Money, Notice, Panel } from '../components/ui';
import { call, useCall } from '../useCall';
import { printInFrame } from './print-frame';
import { openOnClick } from './links';
import { dateTime } from '../format';
import { BarChart } from './BarChart';
import { CancelDialog } from './CancelDialog';
import { listKeys, useKeys } from './keys';
import { KeyBar } from './KeyBar';

const METHOD_NAMES: Record<string, string> = { wechat: '微信', alipay: '支付宝', unionpay: '银联云闪付', other: '其他' };

function Stat(props: { label: string; value: React.ReactNode }) {
  return (
    <div className="card-stat">
      <div className="label">{props.label}</div>
      <div className="value">{props.value}</div>
    </div>
  );
}

export function SummaryScreen() {
  const summary = useCall('window.summary', {});
  const recent = useCall('window.recent', {});
  const [index, setIndex] = useState(0);
  const [cancelling, setCancelling] = useState<WindowSettlementRow>();
  const [msg, setMsg] = useState<string>();
  const rows = recent.value ?? [];
  const table = useRef<HTMLTableElement>(null);
  useEffect(() => {
    if (rows.length && !cancelling) table.current?.focus();
  }, [rows.length, cancelling]);
  const s = summary.value;
  const openCancel = () => {
    const row = rows[index];
    if (row && !row.cancelled) setCancelling(row);
  };
  useKeys({ F8: openCancel, F5: () => { void summary.reload(); void recent.reload(); } }, !cancelling);
  // The day sheet is its own A4 page (not this screen), printed from a hidden frame.
  const printDaySheet = async (date: string) => {
    const res = await call('window.daySheet', { date });
    if (!res.ok) return setMsg(`日结单未能打印：${res.error.message}`);
    setMsg((await printInFrame(res.value.html)) ? '已打开日结单的打印窗口（A4 纸），请选择打印机并确认' : '浏览器没有打开打印窗口，日结单未打印');
  };
  return (
    <div className="stack">
      <ErrorLine error={summary.error ?? recent.error} />
      {s ? (
        <>
          <Panel title={`日结汇总：${s.operatorName}（${s.operatorId}） ${s.date}`} actions={<button type="button" onClick={() => void printDaySheet(s.date)}>打印日结单</button>}>
            <div className="summary-cards">
              <Stat label="结算笔数" value={<span data-testid="sum-count">{s.count}</span>} />
              <Stat label="撤销笔数" value={s.cancelledCount} />
              <Stat label="医疗费用总额" value={<Money value={s.total} />} />
              <Stat label="应交现金" value={<span data-testid="cash-to-hand-in"><Money value={s.cashToHandIn} /></span>} />
            </div>
            <div className="pay-grid">
              <BarChart title="各重保障支付金额" rows={s.layers.map((l) => ({ label: l.name, amount: l.amount }))} />
              <table className="grid compact" aria-label="收款方式">
                <tbody>
                  <tr><td>现金收款（已扣退款）</td><td className="money"><Money value={s.cash} /></td></tr>
                  {s.mobile.map((m) => (
                    <tr key={m.method}><td>{METHOD_NAMES[m.method] ?? m.method}</td><td className="money"><Money value={m.amount} /></td></tr>
                  ))}
                  <tr><td>个人账户</td><td className="money"><Money value={s.account} /></td></tr>
                  <tr><td>无卡结算笔数</td><td className="num">{s.cardFreeCount}</td></tr>
                  <tr><td>待上传（离线）笔数</td><td className="num">{s.queuedCount}</td></tr>
                </tbody>
              </table>
            </div>
            <table className="grid compact" aria-label="各重保障合计">
              <thead><tr><th>保障</th><th className="num">支付合计</th></tr></thead>
              <tbody>{s.layers.map((l) => <tr key={l.key}><td>{l.name}</td><td className="money"><Money value={l.amount} /></td></tr>)}</tbody>
            </table>
          </Panel>
        </>
      ) : null}
      <Panel title="今日结算">
        {msg ? <Notice>{msg}</Notice> : null}
        {rows.length === 0 ? <p>今天还没有结算。</p> : (
          <table ref={table} className="grid compact" tabIndex={0} aria-label="今日结算列表" onKeyDown={listKeys(rows.length, index, setIndex, openCancel)}>
            <thead><tr><th>时间</th><th>收据号</th><th>姓名</th><th>身份证号</th><th>类别</th><th className="num">费用总额</th><th className="num">个人现金</th><th>状态</th><th></th></tr></thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={r.settlementId} className={i === index ? 'selected' : ''} onClick={() => setIndex(i)}>
                  <td>{dateTime(r.at)}</td>
                  <td className="mono">{r.receiptNo}</td>
                  <td>{r.nameMasked}</td>
                  <td className="mono">{r.idMasked}</td>
                  <td>{r.visitTypeName}{r.cardFree ? <span className="badge warn">无卡</span> : null}</td>
                  <td className="money"><Money value={r.total} /></td>
                  <td className="money"><Money value={r.cashDue} /></td>
                  <td>{r.cancelled ? <span className="badge bad">已撤销</span> : <span className="badge ok">{r.state}</span>}</td>
                  <td>
                    {r.receiptUrl ? <a href={r.receiptUrl} onClick={openOnClick(r.receiptUrl)} target="_blank" rel="noreferrer">收据</a> : null}{' '}
                    {!r.cancelled ? <button type="button" onClick={() => { setIndex(i); setCancelling(r); }}>撤销</button> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <KeyBar keys={[{ key: '↑↓', label: '选择' }, { key: 'F8', label: '撤销所选结算', onClick: openCancel }, { key: 'F5', label: '刷新' }]} />
      </Panel>
      {cancelling ? (
        <CancelDialog
          row={cancelling}
          onClose={() => setCancelling(undefined)}
          onDone={(row) => {
            setCancelling(undefined);
            setMsg(`已撤销收据 ${row.receiptNo}，请退还现金`);
            void summary.reload();
            void recent.reload();
          }}
        />
      ) : null}
    </div>
  );
}
