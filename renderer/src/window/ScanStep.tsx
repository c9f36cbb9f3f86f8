// Scanning the drug traceability codes (追溯码) at dispensing, between the pre-settlement and the
// payment: a keyboard-mode scanner types a code and Enter into the focused box; each scan flashes
// and beeps (high: taken, low: refused), counts against the line (boxes, or a split pack's units),
// and moves on to the next line once one is complete. A line without codes needs a reason.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { TraceLineView, TraceSessionView } from '../../../electron/api/contract';
import { ErrorLine, Panel } from '../components/ui';
import { call } from '../useCall';
import { useKeys } from './keys';
import { KeyBar } from './KeyBar';
import './trace.css';

type Flash = { kind: 'ok' | 'warn' | 'bad'; message: string; n: number };

let audio: AudioContext | undefined;
/** A short beep: a taken scan high, a refused one low (no sound where audio is unavailable). */
function beep(ok: boolean): void {
  try {
    audio ??= new AudioContext();
    const o = audio.createOscillator();
    const g = audio.createGain();
    o.frequency.value = ok ? 1760 : 220;
    g.gain.value = 0.08;
    o.connect(g).connect(audio.destination);
    o.start();
    o.stop(audio.currentTime + (ok ? 0.08 : 0.3));
  } catch {
    // No audio device: the flash alone.
  }
}

const nextOpen = (lines: TraceLineView[], from: number) => {
  for (let k = 0; k < lines.length; k++) {
    const i = (from + k) % lines.length;
    if (!lines[i].ready) return i;
  }
  return from;
};

function count(l: TraceLineView): string {
  return l.unit === 'box' ? `${l.have} / ${l.need} 盒` : `${l.have} / ${l.need}（拆零，每盒 ${l.pack}）`;
}

function LineRow(props: { line: TraceLineView; selected: boolean; reasons: TraceSessionView['reasons']; onSelect(): void; onRemove(code: string): void; onReason(r: string): void }) {
  const l = props.line;
  return (
    <tr className={props.selected ? 'selected' : ''} onClick={props.onSelect} aria-selected={props.selected} data-testid={`trace-line-${l.lineNo}`}>
      <td>{l.name}{l.split ? <span className="badge warn">拆零</span> : null}</td>
      <td className={`num ${l.complete ? 'trace-done' : ''}`} data-testid="trace-count">{count(l)}</td>
      <td className="trace-codes">
        {l.codes.map((c) => (
          <span key={c.code} className={`trace-code ${c.warning ? 'warn' : ''}`} title={c.warning}>
            {c.code}{l.split ? `（${c.units}）` : ''}
            <button type="button" className="link" aria-label={`删除追溯码 ${c.code}`} onClick={(e) => (e.stopPropagation(), props.onRemove(c.code))}>×</button>
          </span>
        ))}
        {l.codes.length === 0 ? (
          <select aria-label={`${l.name} 未扫码原因`} value={l.reason ?? ''} onClick={(e) => e.stopPropagation()} onChange={(e) => props.onReason(e.target.value)}>
            <option value="">（无码时选择原因）</option>
            {props.reasons.map((r) => <option key={r.key} value={r.key}>{r.name}</option>)}
          </select>
        ) : null}
      </td>
      <td>{l.complete ? '✔ 已扫够' : l.reason ? `无码：${l.reasonName}` : '待扫码'}</td>
    </tr>
  );
}

export function ScanStep(props: { session: TraceSessionView; active: boolean; onDone(): void; onBack(): void }) {
  const [s, setS] = useState(props.session);
  const [index, setIndex] = useState(() => nextOpen(props.session.lines, 0));
  const [text, setText] = useState('');
  const [flash, setFlash] = useState<Flash>();
  const [error, setError] = useState<string>();
  const input = useRef<HTMLInputElement>(null);
  const line = s.lines[index];
  useEffect(() => input.current?.focus(), [index, s]);
  const apply = (next: TraceSessionView) => {
    setS(next);
    setError(undefined);
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const code = text.trim();
    if (!code || !line) return;
    setText('');
    const res = await call('trace.scan', { visitId: s.visitId, lineNo: line.lineNo, code });
    if (!res.ok) return setError(res.error.message);
    const o = res.value.outcome;
    apply(res.value);
    beep(o.ok);
    setFlash({ kind: !o.ok ? 'bad' : o.warning ? 'warn' : 'ok', message: o.warning ?? o.message, n: (flash?.n ?? 0) + 1 });
    const now = res.value.lines.findIndex((l) => l.lineNo === line.lineNo);
    if (o.ok && res.value.lines[now]?.complete) setIndex(nextOpen(res.value.lines, now));
  };
  const remove = async (code: string) => {
    const res = await call('trace.remove', { visitId: s.visitId, code });
    if (res.ok) apply(res.value);
    else setError(res.error.message);
  };
  const reason = async (l: TraceLineView, r: string) => {
    const res = await call('trace.reason', { visitId: s.visitId, lineNo: l.lineNo, reason: (r || undefined) as never });
    if (res.ok) apply(res.value);
    else setError(res.error.message);
  };
  const open = s.lines.filter((l) => !l.ready).length;
  const go = () => (s.ready ? props.onDone() : setError(`还有 ${open} 种药品未扫够追溯码，也未选择无码原因`));
  const move = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowDown') setIndex(Math.min(s.lines.length - 1, index + 1));
    else if (e.key === 'ArrowUp') setIndex(Math.max(0, index - 1));
    else return;
    e.preventDefault();
  };
  useKeys({ F4: go, Escape: props.onBack }, props.active);
  return (
    <Panel title="药品追溯码扫码（每盒一码）">
      {s.notes.map((n) => <p key={n} className="badge warn">{n}</p>)}
      <form onSubmit={(e) => void submit(e)} className="trace-scan">
        <label className="field">
          <span className="field-label">扫码：{line ? line.name : ''}（↑↓ 换药品）</span>
          <input ref={input} value={text} onChange={(e) => setText(e.target.value)} onKeyDown={move} aria-label="扫描追溯码" autoComplete="off" inputMode="numeric" disabled={!props.active} />
        </label>
        {flash ? <div key={flash.n} className={`trace-flash ${flash.kind}`} role="status" data-testid="trace-flash">{flash.message}</div> : null}
      </form>
      <ErrorLine error={error} />
      <table className="grid compact" aria-label="药品追溯码">
        <thead><tr><th>药品</th><th className="num">已扫 / 应扫</th><th>追溯码</th><th>状态</th></tr></thead>
        <tbody>
          {s.lines.map((l, i) => (
            <LineRow key={l.lineNo} line={l} selected={i === index} reasons={s.reasons} onSelect={() => setIndex(i)} onRemove={(c) => void remove(c)} onReason={(r) => void reason(l, r)} />
          ))}
        </tbody>
      </table>
      <p data-testid="trace-total">本次已扫追溯码 {s.codeCount} 个{open ? `，还有 ${open} 种药品待处理` : '，可以收款'}</p>
      <KeyBar keys={[{ key: 'Enter', label: '确认扫码' }, { key: 'F4', label: '继续收款', onClick: go }, { key: 'Esc', label: '返回', onClick: props.onBack }]} />
    </Panel>
  );
}
