// Setup panel: the upper bounds of what a cashier types (a line's quantity, the cash received).
import { useEffect, useState } from 'react';
import { ErrorLine, Field, Notice, Panel } from '../components/ui';
import { call, useCall } from '../useCall';

export function InputLimitsPanel() {
  const cur = useCall('window.inputLimits.get');
  const [qty, setQty] = useState('');
  const [cash, setCash] = useState('');
  const [msg, setMsg] = useState<string>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (!cur.value) return;
    setQty(String(cur.value.maxQuantity));
    setCash(cur.value.maxTendered);
  }, [cur.value]);
  const edit = (set: (v: string) => void) => (e: React.ChangeEvent<HTMLInputElement>) => {
    setMsg(undefined);
    setError(undefined);
    set(e.target.value.trim());
  };
  const save = async () => {
    if (!/^\d{1,6}$/.test(qty)) return setError('数量上限应为 1 到 100000 的整数');
    const res = await call('window.inputLimits.set', { maxQuantity: Number(qty), maxTendered: cash });
    if (!res.ok) return setError(res.error.message);
    setMsg('已保存');
  };
  return (
    <Panel title="输入上限">
      <p>收款员输入超过上限的数量或实收金额时，窗口立即提示并拒绝（防止多按了几个 0）。</p>
      <form className="form" onSubmit={(e) => { e.preventDefault(); void save(); }}>
        <Field label="单条费用数量上限" hint="1–100000，默认 999">
          <input inputMode="numeric" value={qty} onChange={edit(setQty)} aria-label="单条费用数量上限" />
        </Field>
        <Field label="实收现金上限（元）" hint="1–1000000，默认 20000.00">
          <input inputMode="decimal" value={cash} onChange={edit(setCash)} aria-label="实收现金上限（元）" />
        </Field>
        <ErrorLine error={error ?? cur.error} />
        {msg ? <Notice>{msg}</Notice> : null}
        <button type="submit" className="primary">保存</button>
      </form>
    </Panel>
  );
}
