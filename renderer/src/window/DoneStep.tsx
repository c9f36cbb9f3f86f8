// Step 4: settled — the receipt (PDF archived, printed), the change to give, then the next patient.
import { useEffect, useRef, useState } from 'react';
import type { SettledView } from '../../../electron/api/contract';
import { ErrorLine, Money, Notice, Panel } from '../components/ui';
import { call } from '../useCall';
import { openOnClick, openOnce, useOneTimeLink } from './links';
import { useKeys } from './keys';
import { KeyBar } from './KeyBar';
import { useAutoPrint } from './auto-print';

export function DoneStep(props: { settled: SettledView; active: boolean; onNext(): void }) {
  const s = props.settled;
  const [printMsg, setPrintMsg] = useState<string>();
  const [error, setError] = useState<string>();
  const next = useRef<HTMLButtonElement>(null);
  const receiptHref = useOneTimeLink(s.receiptUrl);
  useEffect(() => next.current?.focus(), []);
  useAutoPrint(s.settlementId, s.receiptNo, (r) => {
    setPrintMsg(r.message);
    setError(r.error);
  });
  const print = async () => {
    const res = await call('window.print', { settlementId: s.settlementId });
    if (!res.ok) return setError(res.error.message);
    setError(undefined);
    setPrintMsg(res.value.message);
    if (res.value.openUrl) void openOnce(res.value.openUrl);
  };
  useKeys({ F3: () => void print(), Escape: props.onNext }, props.active);
  return (
    <Panel title="结算完成">
      <div className="done-box">
        <p className={s.state === 'confirmed' ? 'big' : 'big queued'} data-testid="settled-state">{s.state === 'confirmed' ? '结算成功' : '已离线结算，待网络恢复后自动上传'}</p>
        <p>
          收据号 <strong className="mono" data-testid="receipt-no">{s.receiptNo}</strong>
          {s.cardFree ? <span className="badge warn">无卡结算</span> : null}
          {s.state === 'queued' ? <span className="badge warn">待上传</span> : <span className="badge ok">已确认</span>}
        </p>
        <div className="totals" style={{ maxWidth: 420, margin: '0 auto' }}>
          <span>费用总额</span><Money value={s.total} />
          <span>医保及各项保障支付</span><Money value={s.insurancePays} />
          {s.accountPay !== '0.00' ? (<><span>个人账户支付</span><Money value={s.accountPay} /></>) : null}
          <span data-testid="paid-by">{s.payment.method === 'cash' ? '个人现金支付' : `个人支付（${s.payment.name}）`}</span><Money value={s.cashDue} strong />
          {s.payment.reference ? (<><span>交易单号</span><span className="mono" data-testid="payment-reference">{s.payment.reference}</span></>) : null}
          {s.tendered !== undefined ? (<><span>实收</span><Money value={s.tendered} /></>) : null}
          {s.change !== undefined ? (<><span>找零</span><span className="change" data-testid="done-change">{s.change}</span></>) : null}
        </div>
        <div className="row-actions" style={{ justifyContent: 'center' }}>
          {s.receiptUrl && receiptHref ? (
            <a href={receiptHref} onClick={openOnClick(s.receiptUrl)} target="_blank" rel="noreferrer" data-testid="receipt-link">查看收据 PDF</a>
          ) : null}
          <button type="button" onClick={() => void print()}>打印收据（F3）</button>
          <button ref={next} type="button" className="primary big-button" onClick={props.onNext}>下一位患者（Enter）</button>
        </div>
        {printMsg ? <div data-testid="print-message"><Notice>{printMsg}</Notice></div> : null}
        <ErrorLine error={error} />
      </div>
      <KeyBar keys={[{ key: 'Enter', label: '下一位患者', onClick: props.onNext }, { key: 'F3', label: '打印收据', onClick: () => void print() }]} />
    </Panel>
  );
}
