// Cancel (refund) a settlement: a reason and the operator's password as confirmation.
import { useState, type FormEvent } from 'react';
import type { WindowSettlementRow } from '../../../electron/api/contract';
import { ErrorLine, Money } from '../components/ui';
import { call } from '../useCall';
import { useKeys } from './keys';

const REASONS = ['患者要求退费', '收费录入错误', '重复结算', 'HIS 费用变更'];

export function CancelDialog(props: { row: WindowSettlementRow; onDone(row: WindowSettlementRow): void; onClose(): void }) {
  const [reason, setReason] = useState(REASONS[0]);
  const [other, setOther] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  useKeys({ Escape: props.onClose });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const text = reason === '其他' ? other.trim() : reason;
    if (!text) return setError('请填写撤销原因');
    setBusy(true);
    const res = await call('window.cancel', { settlementId: props.row.settlementId, reason: text, password });
    setBusy(false);
    setPassword('');
    if (!res.ok) return setError(res.error.message);
    props.onDone(res.value);
  };
  return (
    <div className="modal-back">
      <form className="modal" role="dialog" aria-modal="true" aria-label="撤销结算" onSubmit={submit}>
        <h3>撤销结算（退费）</h3>
        <p>
          收据号 <span className="mono">{props.row.receiptNo}</span>，{props.row.nameMasked}，费用 <Money value={props.row.total} />，
          退还现金 <Money value={props.row.cashDue} strong />
        </p>
        <div className="stack" style={{ gap: 8 }}>
          <label className="field">
            <span className="field-label">撤销原因</span>
            <select autoFocus value={reason} onChange={(e) => setReason(e.target.value)} aria-label="撤销原因">
              {[...REASONS, '其他'].map((r) => <option key={r}>{r}</option>)}
            </select>
          </label>
          {reason === '其他' ? (
            <label className="field"><span className="field-label">原因说明</span><input value={other} onChange={(e) => setOther(e.target.value)} aria-label="原因说明" /></label>
          ) : null}
          <label className="field">
            <span className="field-label">操作员密码（确认）</span>
            <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} aria-label="操作员密码" autoComplete="current-password" />
          </label>
          <ErrorLine error={error} />
          <div className="row-actions">
            <button type="submit" className="danger" disabled={busy}>确认撤销（Enter）</button>
            <button type="button" onClick={props.onClose}>取消（Esc）</button>
          </div>
        </div>
      </form>
    </div>
  );
}
