// Step 3: the pre-settlement (every layer with its trace line), the personal account for employees,
// and the cash part — cash with the change shown, or a mobile payment with method and reference.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { PaymentInput, PersonView, PreSettleView } from '../../../electron/api/contract';
import { ErrorLine, Money, Panel } from '../components/ui';
import { useKeys } from './keys';
import { KeyBar } from './KeyBar';
import { fenToText, minFen, toFen } from './fen';
import { tenderedProblem } from './amounts';
import { useCall } from '../useCall';

const MOBILE: [Extract<PaymentInput, { kind: 'mobile' }>['method'], string][] = [
  ['wechat', '微信'],
  ['alipay', '支付宝'],
  ['unionpay', '银联云闪付'],
  ['other', '其他'],
];

export function LayersTable(props: { pre: PreSettleView }) {
  const p = props.pre;
  return (
    <table className="grid compact" aria-label="各重保障">
      <thead><tr><th>保障</th><th className="num">支付金额</th></tr></thead>
      <tbody>
        {p.layers.map((l) => (
          <tr key={l.key}>
            <td>{l.name}<span className="trace">{l.trace}</span></td>
            <td className="money"><Money value={l.amount} /></td>
          </tr>
        ))}
        <tr><td><strong>医保及各项保障合计</strong></td><td className="money"><Money value={p.insurancePays} strong /></td></tr>
      </tbody>
    </table>
  );
}

export function PayStep(props: {
  person: PersonView;
  pre: PreSettleView;
  active: boolean;
  busy: boolean;
  error?: string;
  onSettle(accountPay: string, payment: PaymentInput): void;
  onBack(): void;
}) {
  const { pre } = props;
  const dueFen = toFen(pre.patientDue) ?? 0n;
  const accountMaxFen = toFen(pre.accountMax) ?? 0n;
  const [useAccount, setUseAccount] = useState(accountMaxFen > 0n);
  const [mobile, setMobile] = useState(false);
  const [tendered, setTendered] = useState('');
  const [method, setMethod] = useState<(typeof MOBILE)[number][0]>('wechat');
  const [reference, setReference] = useState('');
  const [error, setError] = useState<string>();
  const tenderedRef = useRef<HTMLInputElement>(null);
  const refRef = useRef<HTMLInputElement>(null);
  // A message from the last settle attempt stays only until the cashier changes something.
  const [outerSeen, setOuterSeen] = useState(false);
  useEffect(() => setOuterSeen(false), [props.error]);
  const limits = useCall('window.inputLimits.get');
  const problem = mobile ? undefined : tenderedProblem(tendered, limits.value?.maxTendered ?? '20000.00');
  const edited = () => {
    setError(undefined);
    setOuterSeen(true);
  };
  const accountFen = useAccount ? minFen(accountMaxFen, dueFen) : 0n;
  const cashFen = dueFen - accountFen;
  const tenderedFen = problem ? undefined : tendered.trim() ? toFen(tendered) : cashFen;
  const changeFen = tenderedFen !== undefined ? tenderedFen - cashFen : undefined;
  useEffect(() => {
    (mobile ? refRef : tenderedRef).current?.focus();
  }, [mobile]);
  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    if (props.busy) return;
    if (mobile) {
      if (cashFen > 0n && !reference.trim()) return setError('请填写移动支付的交易单号');
      return props.onSettle(fenToText(accountFen), { kind: 'mobile', method, reference: reference.trim() || '-' });
    }
    if (problem || tenderedFen === undefined) return setError(problem ?? '实收金额格式不正确');
    if (tenderedFen < cashFen) return setError(`实收金额不足，应收 ${fenToText(cashFen)} 元`);
    setError(undefined);
    props.onSettle(fenToText(accountFen), { kind: 'cash', tendered: fenToText(tenderedFen) });
  };
  useKeys(
    {
      F7: accountMaxFen > 0n ? () => setUseAccount((u) => !u) : undefined,
      F8: () => setMobile((m) => !m),
      F4: () => submit(),
      Escape: props.onBack,
    },
    props.active,
  );
  return (
    <Panel title={`第三步：预结算与收款（${pre.facilityName}，${pre.visitTypeName}，${pre.lineCount} 项，政策包 ${pre.packId}${pre.online ? '' : '，离线'}）`}>
      <div className="pay-grid">
        <div>
          <div className="totals">
            <span>医疗费用总额</span><Money value={pre.total} />
            <span>其中：政策范围内</span><Money value={pre.inScope} />
            <span>乙类先行自付</span><Money value={pre.preSelfPay} />
            <span>全自费（丙类）</span><Money value={pre.fullSelfPay} />
          </div>
          <LayersTable pre={pre} />
          {pre.warnings.map((w) => <p key={w} className="error-line" role="alert">⚠ {w}</p>)}
        </div>
        <form onSubmit={submit} aria-label="收款">
          <div className="pay-box">
            <span>个人应付</span><span className="money strong"><Money value={pre.patientDue} /></span>
            {accountMaxFen > 0n ? (
              <>
                <label htmlFor="use-account">个人账户支付（F7）</label>
                <span>
                  <input id="use-account" type="checkbox" checked={useAccount} onChange={(e) => setUseAccount(e.target.checked)} />{' '}
                  <Money value={fenToText(accountFen)} />（余额 <Money value={props.person.accountBalance} />）
                </span>
              </>
            ) : null}
            <span data-testid="due-label">{mobile ? `应收（${MOBILE.find(([v]) => v === method)?.[1] ?? '移动支付'}）` : '应收现金'}</span>
            <span className="totals"><span className="big money" data-testid="cash-due">{fenToText(cashFen)}</span></span>
            {mobile ? (
              <>
                <label htmlFor="pay-method">移动支付方式</label>
                <select id="pay-method" value={method} onChange={(e) => setMethod(e.target.value as typeof method)}>
                  {MOBILE.map(([v, t]) => <option key={v} value={v}>{t}</option>)}
                </select>
                <label htmlFor="pay-ref">交易单号</label>
                <input id="pay-ref" ref={refRef} value={reference} onChange={(e) => { edited(); setReference(e.target.value); }} />
              </>
            ) : (
              <>
                <label htmlFor="tendered">实收现金</label>
                <input id="tendered" ref={tenderedRef} value={tendered} onChange={(e) => { edited(); setTendered(e.target.value); }} aria-invalid={problem ? true : undefined} inputMode="decimal" placeholder={fenToText(cashFen)} />
                <span>找零</span>
                <span className="change" data-testid="change">{changeFen !== undefined && changeFen >= 0n ? fenToText(changeFen) : '—'}</span>
              </>
            )}
          </div>
          <ErrorLine error={problem ?? error ?? (outerSeen ? undefined : props.error)} />
          <div className="row-actions">
            <button type="submit" className="primary big-button" disabled={props.busy}>{props.busy ? '正在结算…' : '确认结算（Enter）'}</button>
          </div>
        </form>
      </div>
      <KeyBar
        keys={[
          { key: 'Enter', label: '确认结算', onClick: () => submit() },
          ...(accountMaxFen > 0n ? [{ key: 'F7', label: useAccount ? '不用个人账户' : '使用个人账户', onClick: () => setUseAccount((u) => !u) }] : []),
          { key: 'F8', label: mobile ? '改为现金' : '移动支付', onClick: () => setMobile((m) => !m) },
          { key: 'Esc', label: '返回', onClick: props.onBack },
        ]}
      />
    </Panel>
  );
}
