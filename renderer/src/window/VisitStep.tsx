// Step 2 at the window: pick the patient's waiting HIS visit (arrow keys, Enter), or F6 to enter
// fee lines by hand. A chronic visit names the registered disease and the prescription days.
import { useEffect, useRef, useState } from 'react';
import type { PersonView, PreSettleInput, WindowVisitView } from '../../../electron/api/contract';
import { ErrorLine, Money, Panel } from '../components/ui';
import { useCall } from '../useCall';
import { listKeys, useKeys } from './keys';
import { KeyBar } from './KeyBar';

export function ChronicFields(props: {
  person: PersonView;
  code: string;
  days: string;
  onChange(code: string, days: string): void;
}) {
  const registered = props.person.chronic;
  return (
    <div className="form chronic-fields" aria-label="门诊慢病">
      <label className="field">
        <span className="field-label">慢病病种（仅限已登记）</span>
        <select value={props.code} onChange={(e) => props.onChange(e.target.value, props.days)} aria-label="慢病病种">
          {registered.length === 0 ? <option value="">（未登记慢病）</option> : null}
          {registered.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}（{c.code}）{c.stable ? ' 稳定' : ''}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">处方用药天数</span>
        <input value={props.days} onChange={(e) => props.onChange(props.code, e.target.value.replace(/\D/g, ''))} inputMode="numeric" aria-label="处方用药天数" />
        <span className="field-hint">登记且病情稳定的慢病患者最长 90 天（3 个月）</span>
      </label>
    </div>
  );
}

export function VisitStep(props: {
  person: PersonView;
  active: boolean;
  busy: boolean;
  error?: string;
  onPreSettle(input: PreSettleInput): void;
  onManual(): void;
  onBack(): void;
}) {
  const visits = useCall('window.visits', { ticket: props.person.ticket });
  const [index, setIndex] = useState(0);
  const [chronic, setChronic] = useState({ code: props.person.chronic[0]?.code ?? '', days: '30' });
  const table = useRef<HTMLTableElement>(null);
  const manual = useRef<HTMLButtonElement>(null);
  const list: WindowVisitView[] = visits.value ?? [];
  const chosen = list[index];
  // The next useful control once the visits are in: the list, or (none waiting) hand entry.
  useEffect(() => {
    if (list.length) table.current?.focus();
    else if (!visits.loading) manual.current?.focus();
  }, [list.length, visits.loading]);
  const go = () => {
    if (!chosen || props.busy) return;
    const input: PreSettleInput = { ticket: props.person.ticket, visitId: chosen.visitId };
    if (chosen.visitType === 'chronicOutpatient') {
      input.chronicCode = chronic.code || undefined;
      input.prescriptionDays = chronic.days ? Number(chronic.days) : undefined;
    }
    props.onPreSettle(input);
  };
  useKeys({ F6: props.onManual, F4: go, Escape: props.onBack }, props.active);
  return (
    <Panel title="第二步：选择待结算就诊">
      <ErrorLine error={visits.error ?? props.error} />
      {visits.loading ? <p>正在查询 HIS 待结算就诊…</p> : null}
      {!visits.loading && list.length === 0 ? (
        <p>
          HIS 中没有该参保人的待结算就诊。{' '}
          <button ref={manual} type="button" onClick={props.onManual}>手工录入费用（F6）</button>
        </p>
      ) : null}
      {list.length ? (
        <table className="grid compact" ref={table} tabIndex={0} aria-label="待结算就诊" onKeyDown={listKeys(list.length, index, setIndex, go)}>
          <thead>
            <tr><th>类别</th><th>科室</th><th>医生</th><th>诊断</th><th>日期</th><th className="num">明细</th><th className="num">费用总额</th></tr>
          </thead>
          <tbody>
            {list.map((v, i) => (
              <tr key={v.visitId} className={i === index ? 'selected' : ''} onClick={() => setIndex(i)} onDoubleClick={go} aria-selected={i === index}>
                <td>{v.visitTypeName}</td>
                <td>{v.department}</td>
                <td>{v.doctor}</td>
                <td>{v.diagnosis}</td>
                <td>{v.date}</td>
                <td className="num">{v.lineCount}{v.unmappedCount ? <span className="badge bad">未对照 {v.unmappedCount}</span> : null}</td>
                <td className="money"><Money value={v.total} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {chosen?.visitType === 'chronicOutpatient' ? (
        <ChronicFields person={props.person} code={chronic.code} days={chronic.days} onChange={(code, days) => setChronic({ code, days })} />
      ) : null}
      {props.busy ? <p>正在预结算…</p> : null}
      <KeyBar
        keys={[
          { key: '↑↓', label: '选择' },
          { key: 'Enter/F4', label: '预结算', onClick: go },
          { key: 'F6', label: '手工录入费用', onClick: props.onManual },
          { key: 'Esc', label: '返回读卡', onClick: props.onBack },
        ]}
      />
    </Panel>
  );
}
