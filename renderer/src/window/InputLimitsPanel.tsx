// Setup panel: the upper bounds of what a cashier types (a line's quantity, the cash received).
import { ErrorLine, Field, Notice, Panel } from '../components/ui';
import { useSetupForm } from '../useSetupForm';

export function InputLimitsPanel() {
  // The fields are edited as typed text; the quantity is checked to be a whole number before the call.
  const { form, edit, save, saved, error } = useSetupForm('window.inputLimits.get', 'window.inputLimits.set', {
    toForm: (v) => ({ qty: String(v.maxQuantity), cash: v.maxTendered }),
    toInput: (f) => (/^\d{1,6}$/.test(f.qty) ? { maxQuantity: Number(f.qty), maxTendered: f.cash } : { refuse: '数量上限应为 1 到 100000 的整数' }),
  });
  const qty = form?.qty ?? '';
  const cash = form?.cash ?? '';
  return (
    <Panel title="输入上限">
      <p>收款员输入超过上限的数量或实收金额时，窗口立即提示并拒绝（防止多按了几个 0）。</p>
      <form className="form" onSubmit={(e) => { e.preventDefault(); void save(); }}>
        <Field label="单条费用数量上限" hint="1–100000，默认 999">
          <input inputMode="numeric" value={qty} onChange={(e) => edit({ qty: e.target.value.trim() })} aria-label="单条费用数量上限" />
        </Field>
        <Field label="实收现金上限（元）" hint="1–1000000，默认 20000.00">
          <input inputMode="decimal" value={cash} onChange={(e) => edit({ cash: e.target.value.trim() })} aria-label="实收现金上限（元）" />
        </Field>
        <ErrorLine error={error} />
        {saved ? <Notice>已保存</Notice> : null}
        <button type="submit" className="primary">保存</button>
      </form>
    </Panel>
  );
}
