// Reader setup for technicians: type, connection, port (listed where the OS allows), test read.
import { useState } from 'react';
import type { ReaderPortsView, ReaderSetupView, ReaderTestView } from '../../../../electron/api/contract';
import { Panel, Field, ErrorLine, Notice } from '../../components/ui';
import { call, useCall } from '../../useCall';
import { useSetupForm } from '../../useSetupForm';

const TYPES: [ReaderSetupView['type'], string][] = [
  ['ssCard', '社保卡读卡器（RSR-1）'],
  ['idCard', '身份证阅读器（GA 467）'],
  ['qrScanner', '医保电子凭证扫码器'],
  ['vendorDll', '读卡器厂商动态库'],
  ['simulated', '模拟读卡器（演示用）'],
];
const SIM_CARDS: [NonNullable<ReaderSetupView['simulatedCard']>, string][] = [
  ['ssCard', '社保卡'],
  ['idCard', '身份证'],
  ['eVoucher', '医保电子凭证'],
];

export function ReaderPanel() {
  const { form, edit, save: saveForm, saved, error: formError } = useSetupForm('devices.setup.get', 'devices.setup.set');
  const status = useCall('devices.status');
  const [ports, setPorts] = useState<ReaderPortsView | undefined>();
  const [test, setTest] = useState<ReaderTestView | undefined>();
  /** Why listing the ports or the test read failed. */
  const [actionError, setActionError] = useState<string | undefined>();
  if (!form) return <Panel title="读卡器"><ErrorLine error={formError} /></Panel>;
  const set = (patch: Partial<ReaderSetupView>) => {
    setActionError(undefined);
    edit(patch);
  };
  const save = async () => {
    setActionError(undefined);
    if (await saveForm()) void status.reload();
  };
  const listPorts = async () => {
    const res = await call('devices.ports');
    if (res.ok) setPorts(res.value);
    else setActionError(res.error.message);
  };
  const testRead = async () => {
    setTest(undefined);
    const res = await call('devices.testRead');
    if (res.ok) setTest(res.value);
    else setActionError(res.error.message);
    void status.reload();
  };
  const error = actionError ?? formError;
  const simulated = form.type === 'simulated';
  return (
    <Panel title="读卡器">
      <form className="form" onSubmit={(e) => { e.preventDefault(); void save(); }}>
        <Field label="读卡器类型">
          <select value={form.type} onChange={(e) => set({ type: e.target.value as ReaderSetupView['type'] })}>
            {TYPES.map(([v, t]) => <option key={v} value={v}>{t}</option>)}
          </select>
        </Field>
        {simulated ? (
          <Field label="模拟卡片类型">
            <select value={form.simulatedCard ?? 'ssCard'} onChange={(e) => set({ simulatedCard: e.target.value as ReaderSetupView['simulatedCard'] })}>
              {SIM_CARDS.map(([v, t]) => <option key={v} value={v}>{t}</option>)}
            </select>
          </Field>
        ) : (
          <>
            <Field label="连接方式">
              <select value={form.transport ?? 'serial'} onChange={(e) => set({ transport: e.target.value as 'serial' | 'hid' })}>
                <option value="serial">串口（COM）</option>
                <option value="hid">USB-HID</option>
              </select>
            </Field>
            <Field label="端口" hint="例如 COM3 或 /dev/ttyUSB0">
              <input value={form.port ?? ''} list="reader-ports" onChange={(e) => set({ port: e.target.value })} />
              <datalist id="reader-ports">
                {(form.transport === 'hid' ? ports?.hid ?? [] : ports?.serial ?? []).map((p) => <option key={p.path} value={p.path} />)}
              </datalist>
            </Field>
          </>
        )}
        <ErrorLine error={error} />
        {saved ? <Notice>已保存</Notice> : null}
        <div>
          <button type="submit" className="primary">保存</button>{' '}
          {!simulated ? <button type="button" onClick={() => void listPorts()}>查找端口</button> : null}{' '}
          <button type="button" onClick={() => void testRead()}>测试读卡</button>
        </div>
      </form>
      {ports?.message ? <p className="warn">{ports.message}</p> : null}
      {test ? (test.ok ? <Notice>{test.message}{test.elapsedMs !== undefined ? `（${test.elapsedMs} 毫秒）` : ''}</Notice> : <ErrorLine error={test.message} />) : null}
      <p>
        状态：{status.value?.configured ? '已设置' : '未设置'}；{status.value?.connected ? '已连接' : '未连接'}
        {status.value?.lastError ? <span className="warn">；上次错误：{status.value.lastError.message}</span> : null}
      </p>
    </Panel>
  );
}
