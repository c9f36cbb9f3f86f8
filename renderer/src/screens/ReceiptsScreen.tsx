// 结算查询/重打 (Alt+1): find a settlement's receipt by date, receipt number or name; look at what
// every layer paid; reprint it (counted, marked "重打 N"). Names are masked in the list.
import { useEffect, useState } from 'react';
import type { ReceiptDetailView, ReceiptListItemView, ReceiptSearchInput } from '../../../electron/api/contract';
import { ErrorLine, Field, Money, Notice, Panel } from '../components/ui';
import { call, useCall } from '../useCall';
import type { ScreenProps } from './registry';
import { openReceiptPdf } from './receipts/pdf-link';
import { businessDate } from '../clock';


function Detail(props: { detail: ReceiptDetailView; browser: boolean; onReprint(): void }) {
  const r = props.detail.receipt;
  const right = { textAlign: 'right' as const };
  return (
    <Panel title={`结算单 ${r.receiptNo}`} actions={<button className="primary" onClick={props.onReprint}>重打（F8）</button>}>
      {r.offline ? <p className="badge warn">脱机结算，待医保中心确认</p> : null}
      {r.kind === 'reversal' ? <p className="badge bad">撤销单（原结算单 {r.reverses?.receiptNo}）</p> : null}
      <dl className="facts">
        <dt>患者</dt><dd>{r.patient.name}（{r.patient.idMasked}）</dd>
        <dt>结算时间</dt><dd>{r.settledAt}　收费员 {r.operator}</dd>
        <dt>就诊</dt><dd>{r.visit.type}，{r.visit.facilityLevel}</dd>
        <dt>医疗费用总额</dt><dd><Money value={r.fees.total} /></dd>
      </dl>
      <table className="grid">
        <thead><tr><th>报销项目</th><th style={right}>本次支付</th></tr></thead>
        <tbody>
          {r.layers.map((l) => <tr key={l.key}><td>{l.name}</td><td style={right}>{l.amount}</td></tr>)}
          <tr><td><b>报销合计</b></td><td style={right}><b>{r.fundTotal}</b></td></tr>
          {r.accountPaid !== '0.00' ? <tr><td>个人账户支付</td><td style={right}>{r.accountPaid}</td></tr> : null}
          <tr><td><b>{r.payment && r.payment.method !== 'cash' ? `个人支付（${r.payment.name}）` : '个人现金支付'}</b>{r.payment?.reference ? `　交易单号 ${r.payment.reference}` : ''}</td><td style={right}><Money value={r.cashPaid} strong /></td></tr>
        </tbody>
      </table>
      <p>已打印 {props.detail.item.printCount} 次，其中重打 {props.detail.item.reprintCount} 次。
        {props.browser ? <>{' '}<button onClick={() => openReceiptPdf(props.detail.pdfUrl)}>查看存档 PDF</button></> : null}</p>
    </Panel>
  );
}

export function ReceiptsScreen(_props: ScreenProps) {
  const [filter, setFilter] = useState<ReceiptSearchInput>({ from: businessDate(-6), to: businessDate() });
  const [rows, setRows] = useState<ReceiptListItemView[]>([]);
  const [selected, setSelected] = useState(0);
  const [detail, setDetail] = useState<ReceiptDetailView | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const info = useCall('app.info');

  const search = async () => {
    const input: ReceiptSearchInput = {};
    for (const [k, v] of Object.entries(filter)) if (v) (input as Record<string, string>)[k] = String(v).trim();
    const res = await call('receipt.search', input);
    if (!res.ok) return setError(res.error.message);
    setError(undefined);
    setRows(res.value);
    setSelected(0);
  };
  const open = async (receiptNo: string | undefined) => {
    if (!receiptNo) return setDetail(undefined);
    const res = await call('receipt.get', { receiptNo });
    if (res.ok) setDetail(res.value);
    else setError(res.error.message);
  };
  const reprint = async () => {
    const receiptNo = detail?.receipt.receiptNo ?? rows[selected]?.receiptNo;
    if (!receiptNo) return;
    const res = await call('receipt.reprint', { receiptNo });
    if (!res.ok) return setError(res.error.message);
    if (res.value.pdfUrl) openReceiptPdf(res.value.pdfUrl);
    setNotice(`${res.value.message}（重打 ${res.value.reprintNo}）`);
    if (!res.value.ok) setError(res.value.message);
    await open(receiptNo);
    await search();
  };

  useEffect(() => { void search(); }, []); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => { void open(rows[selected]?.receiptNo); }, [rows, selected]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'F8') { e.preventDefault(); void reprint(); }
      else if (e.key === 'ArrowDown' && (e.target as HTMLElement).tagName !== 'INPUT') setSelected((i) => Math.min(i + 1, rows.length - 1));
      else if (e.key === 'ArrowUp' && (e.target as HTMLElement).tagName !== 'INPUT') setSelected((i) => Math.max(i - 1, 0));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const set = (patch: Partial<ReceiptSearchInput>) => setFilter({ ...filter, ...patch });
  return (
    <div className="stack">
      <Panel title="结算查询">
        <form className="form" onSubmit={(e) => { e.preventDefault(); void search(); }}>
          <Field label="开始日期"><input type="date" value={filter.from ?? ''} onChange={(e) => set({ from: e.target.value })} /></Field>
          <Field label="结束日期"><input type="date" value={filter.to ?? ''} onChange={(e) => set({ to: e.target.value })} /></Field>
          <Field label="结算单号"><input value={filter.receiptNo ?? ''} onChange={(e) => set({ receiptNo: e.target.value.trim().toUpperCase() })} /></Field>
          <Field label="患者姓名" hint="从姓开始输入，可只输入姓或姓名的前几个字"><input value={filter.name ?? ''} onChange={(e) => set({ name: e.target.value })} /></Field>
          <button type="submit" className="primary">查询（回车）</button>
        </form>
        <ErrorLine error={error} />
        {notice ? <Notice>{notice}</Notice> : null}
        <table className="grid" aria-label="结算单列表">
          <thead><tr><th>结算单号</th><th>结算时间</th><th>患者</th><th>身份证号</th><th className="num">总额</th><th className="num">现金</th><th>状态</th><th className="num">打印</th></tr></thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={r.receiptNo} className={i === selected ? 'selected' : ''} onClick={() => setSelected(i)}>
                <td className="mono">{r.receiptNo}</td><td>{r.settledAt}</td><td>{r.patientName}</td><td className="mono">{r.idMasked}</td>
                <td className="num">{r.total}</td><td className="num">{r.cash}</td>
                <td>{r.kind === 'reversal' ? '撤销单' : r.offline ? (r.confirmed ? '已结算（脱机，医保已确认）' : '脱机待确认') : '已结算'}</td>
                <td className="num">{r.printCount}{r.reprintCount ? `（重打 ${r.reprintCount}）` : ''}</td>
              </tr>
            ))}
            {rows.length === 0 ? <tr><td colSpan={8}>没有符合条件的结算单</td></tr> : null}
          </tbody>
        </table>
      </Panel>
      {detail ? <Detail detail={detail} browser={info.value?.mode !== 'electron'} onReprint={() => void reprint()} /> : null}
    </div>
  );
}
