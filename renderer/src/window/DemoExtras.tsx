// DEMO / SIMULATOR ONLY, beside the simulated reader: a plain 模拟断网 switch for the built-in
// network simulator (instead of typing a fault spec), and the demo persons' full ID numbers and
// names so card-free settlement (F5) can be tried. Demo data only, marked 演示 on screen.
import { useState } from 'react';
import type { DemoCardView } from '../../../electron/api/contract';
import { call, useCall } from '../useCall';

export function SimOfflineSwitch() {
  const status = useCall('network.status');
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState<boolean>();
  const offline = pending ?? status.value?.simOffline;
  if (offline === null || offline === undefined) return null;
  const toggle = async (on: boolean) => {
    setPending(on);
    const r = await call('network.sim.offline', { offline: on });
    setError(r.ok ? undefined : r.error.message);
    await status.reload();
    setPending(undefined);
  };
  return (
    <label className="check-row">
      <input type="checkbox" checked={offline} onChange={(e) => void toggle(e.target.checked)} aria-label="模拟断网（演示）" />{' '}
      模拟断网（演示：内置模拟医保网络不再应答；取消勾选即恢复，几秒内右上角状态随之变化）
      {error ? <span className="error-line" role="alert"> {error}</span> : null}
    </label>
  );
}

export function DemoPersons(props: { cards: DemoCardView[] }) {
  return (
    <details>
      <summary>演示人员的身份证号（演示数据，非真实个人信息；用于 F5 无卡结算）</summary>
      <table className="grid compact" aria-label="演示人员名单">
        <thead><tr><th>演示人员</th><th>姓名</th><th>身份证号</th></tr></thead>
        <tbody>
          {props.cards.map((c) => (
            <tr key={c.key}><td>{c.label}</td><td>{c.demoName}</td><td className="mono">{c.demoIdNumber}</td></tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
