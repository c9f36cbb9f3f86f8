// Step 1: identify the patient — one keypress reads the configured reader (social security card,
// e-voucher QR or ID card); F5 opens card-free settlement (ID number plus a name check).
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { PersonView } from '../../../electron/api/contract';
import { ErrorLine, Panel } from '../components/ui';
import { call, useCall } from '../useCall';
import { useKeys } from './keys';
import { KeyBar } from './KeyBar';
import { DemoPersons, SimOfflineSwitch } from './DemoExtras';

/** DEMO / SIMULATOR ONLY: choose which demo patient's card is in the simulated reader. */
function DemoReader() {
  const cards = useCall('window.demo.cards');
  const [loaded, setLoaded] = useState<string>();
  if (!cards.value || cards.value.length === 0) return null;
  const inReader = cards.value.find((c) => c.inReader)?.key ?? '';
  const insert = async (personKey: string) => {
    await call('window.demo.insertCard', { personKey });
    void cards.reload();
  };
  const loadVisits = async () => {
    const res = await call('window.demo.loadVisits');
    setLoaded(res.ok ? `HIS 模拟已发送 ${res.value.visits} 条演示就诊` : res.error.message);
  };
  return (
    <div className="demo-box" aria-label="演示：模拟读卡器">
      <label>
        演示用模拟读卡器，当前卡片：{' '}
        <select value={inReader} onChange={(e) => void insert(e.target.value)} aria-label="模拟读卡器中的卡">
          {cards.value.map((c) => (
            <option key={c.key} value={c.key}>
              {c.label} {c.nameMasked} {c.idMasked}
            </option>
          ))}
        </select>
      </label>{' '}
      <button type="button" onClick={() => void loadVisits()}>载入演示就诊（HIS 模拟）</button>
      {loaded ? <span role="status"> {loaded}</span> : null}
      <SimOfflineSwitch />
      <DemoPersons cards={cards.value} />
    </div>
  );
}

function CardFreeForm(props: { onPerson(p: PersonView): void; onCancel(): void }) {
  const [idNumber, setIdNumber] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const idRef = useRef<HTMLInputElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  // A refusal puts the cursor where the correction goes.
  const refuse = (message: string, field?: string) => {
    setError(message);
    (field === 'name' ? nameRef : idRef).current?.focus();
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (!idNumber.trim()) return refuse('请输入 18 位身份证号', 'idNumber');
    if (!name.trim()) return refuse('请填写患者姓名（与身份证一致），用于核对', 'name');
    setBusy(true);
    const res = await call('window.identify', { via: 'cardFree', idNumber: idNumber.trim().toUpperCase(), name: name.trim() });
    setBusy(false);
    if (!res.ok) return refuse(res.error.message, res.error.field);
    props.onPerson(res.value);
  };
  return (
    <form className="form" onSubmit={submit} aria-label="无卡结算">
      <p style={{ gridColumn: '1 / -1', margin: 0 }}>
        无卡结算：按身份证号查询参保人并核对姓名。仅限设置中允许的人员（默认：建档立卡贫困人口）。
      </p>
      <label className="field">
        <span className="field-label">身份证号</span>
        <input ref={idRef} autoFocus value={idNumber} onChange={(e) => { setError(undefined); setIdNumber(e.target.value); }} maxLength={18} aria-label="身份证号" />
      </label>
      <label className="field">
        <span className="field-label">姓名（核对）</span>
        <input ref={nameRef} value={name} onChange={(e) => { setError(undefined); setName(e.target.value); }} aria-label="姓名" />
      </label>
      <ErrorLine error={error} />
      <div className="row-actions">
        <button type="submit" className="primary" disabled={busy}>查询（Enter）</button>
        <button type="button" onClick={props.onCancel}>返回（Esc）</button>
      </div>
    </form>
  );
}

export function IdentifyStep(props: { onPerson(p: PersonView): void; active: boolean; village?: boolean }) {
  const [mode, setMode] = useState<'reader' | 'cardFree'>('reader');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const readBtn = useRef<HTMLButtonElement>(null);
  const read = async () => {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    const res = await call('window.identify', { via: 'reader' });
    setBusy(false);
    if (!res.ok) return setError(res.error.message);
    props.onPerson(res.value);
  };
  useEffect(() => {
    if (mode === 'reader') readBtn.current?.focus();
  }, [mode]);
  useKeys(
    {
      F2: () => void read(),
      F5: props.village ? undefined : () => setMode('cardFree'),
      Escape: () => setMode('reader'),
    },
    props.active,
  );
  return (
    <Panel title="第一步：识别参保人">
      {mode === 'reader' ? (
        <>
          <p>请患者插入社保卡、出示医保电子凭证二维码或身份证，然后按 F2（或 Enter）读取。</p>
          <button ref={readBtn} type="button" className="primary big-button" onClick={() => void read()} disabled={busy}>
            {busy ? '正在读取…' : '读卡 / 扫码（F2）'}
          </button>
          <ErrorLine error={error} />
          <KeyBar
            keys={[
              { key: 'F2', label: '读卡/扫码', onClick: () => void read() },
              ...(props.village ? [] : [{ key: 'F5', label: '无卡结算', onClick: () => setMode('cardFree') }]),
            ]}
          />
          <DemoReader />
        </>
      ) : (
        <CardFreeForm onPerson={props.onPerson} onCancel={() => setMode('reader')} />
      )}
    </Panel>
  );
}
