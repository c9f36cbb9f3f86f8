// Hand-entered fee lines (village clinics, or a visit the HIS does not send): search the catalog,
// Enter adds the highlighted item, quantities editable, Delete removes; empty search + Enter goes on.
import { useEffect, useRef, useState } from 'react';
import type { CatalogItemView, PersonView, PreSettleInput, WindowVisitType } from '../../../electron/api/contract';
import { ErrorLine, Money, Panel } from '../components/ui';
import { call, useCall } from '../useCall';
import { quantityProblem } from './amounts';
import { useKeys } from './keys';
import { KeyBar } from './KeyBar';
import { ChronicFields } from './VisitStep';

interface Line {
  item: CatalogItemView;
  quantity: string;
}

const CLASS_NAMES = { A: '甲', B: '乙', C: '丙' } as const;

/** A decimal string as an integer and its scale ("0.1250" -> [1250n, 10000n]). */
function scaled(text: string): [bigint, bigint] {
  const [i, f = ''] = (text || '0').split('.');
  const scale = 10n ** BigInt(f.length);
  return [BigInt(i || '0') * scale + BigInt(f || '0'), scale];
}

/** Display only: quantity x unit price, half-up to the fen (integer arithmetic, no float money). */
function lineAmount(price: string, quantity: string): string {
  const [p, ps] = scaled(price);
  const [q, qs] = scaled(quantity);
  const den = ps * qs;
  const fen = (p * q * 100n * 2n + den) / (2n * den);
  return `${fen / 100n}.${String(fen % 100n).padStart(2, '0')}`;
}

/** A unit price as priced (drug prices carry four decimals), at least two decimals. */
function unitPrice(price: string): string {
  const [i, f = ''] = price.split('.');
  const trimmed = f.replace(/0+$/, '');
  return `${i}.${trimmed.length >= 2 ? trimmed : (trimmed + '00').slice(0, 2)}`;
}

export function ManualLines(props: {
  person: PersonView;
  active: boolean;
  busy: boolean;
  error?: string;
  village?: boolean;
  onPreSettle(input: PreSettleInput): void;
  onBack(): void;
}) {
  const [q, setQ] = useState('');
  const [results, setResults] = useState<CatalogItemView[]>([]);
  const [hit, setHit] = useState(0);
  const [lines, setLines] = useState<Line[]>([]);
  const [visitType, setVisitType] = useState<WindowVisitType>('outpatient');
  const [chronic, setChronic] = useState({ code: props.person.chronic[0]?.code ?? '', days: '30' });
  const [error, setError] = useState<string>();
  const search = useRef<HTMLInputElement>(null);
  useEffect(() => search.current?.focus(), []);
  useEffect(() => {
    let stale = false;
    const t = setTimeout(async () => {
      if (!q.trim()) return setResults([]);
      const res = await call('window.catalog.search', { q: q.trim() });
      if (stale) return;
      if (res.ok) {
        setResults(res.value);
        setHit(0);
        setError(undefined);
      } else setError(res.error.message);
    }, 120);
    return () => {
      stale = true;
      clearTimeout(t);
    };
  }, [q]);
  const limits = useCall('window.inputLimits.get');
  // A message from the last pre-settle attempt stays only until the cashier changes something.
  const [outerSeen, setOuterSeen] = useState(false);
  useEffect(() => setOuterSeen(false), [props.error]);
  const maxQuantity = limits.value?.maxQuantity ?? 999;
  const problems = lines.map((l) => quantityProblem(l.quantity, maxQuantity));
  const total = lines.reduce((fen, l, i) => (problems[i] ? fen : fen + BigInt(lineAmount(l.item.price, l.quantity).replace('.', ''))), 0n);
  const go = () => {
    if (!lines.length || props.busy) return setError(lines.length ? undefined : '请先录入至少一条费用');
    const bad = problems.findIndex(Boolean);
    if (bad >= 0) return setError(`${lines[bad].item.name}：${problems[bad]}`);
    const input: PreSettleInput = {
      ticket: props.person.ticket,
      lines: lines.map((l) => ({ code: l.item.code, quantity: l.quantity || '0' })),
      visitType,
    };
    if (visitType === 'chronicOutpatient') {
      input.chronicCode = chronic.code || undefined;
      input.prescriptionDays = chronic.days ? Number(chronic.days) : undefined;
    }
    props.onPreSettle(input);
  };
  const add = (item: CatalogItemView) => {
    setLines((ls) => {
      const found = ls.findIndex((l) => l.item.code === item.code);
      if (found < 0) return [...ls, { item, quantity: '1' }];
      // Adding again counts one more (a quantity being corrected is left as typed).
      return ls.map((l, i) => (i === found && /^\d+$/.test(l.quantity) ? { ...l, quantity: String(BigInt(l.quantity) + 1n) } : l));
    });
    setQ('');
  };
  const onSearchKey = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setHit((h) => Math.min(results.length - 1, h + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setHit((h) => Math.max(0, h - 1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (q.trim() && results[hit]) add(results[hit]);
      else if (!q.trim()) go();
    }
  };
  useKeys({ F4: go, Escape: props.onBack }, props.active);
  return (
    <Panel title={props.village ? '录入费用（门诊统筹）' : '手工录入费用'}>
      <div className="form">
        <label className="field">
          <span className="field-label">目录检索（名称、拼音首字母或编码）</span>
          <input ref={search} value={q} onChange={(e) => setQ(e.target.value)} onKeyDown={onSearchKey} aria-label="目录检索" />
        </label>
        <label className="field">
          <span className="field-label">就诊类别</span>
          <select value={visitType} onChange={(e) => setVisitType(e.target.value as WindowVisitType)} aria-label="就诊类别">
            <option value="outpatient">普通门诊（门诊统筹）</option>
            <option value="chronicOutpatient">门诊慢性病</option>
          </select>
        </label>
      </div>
      {visitType === 'chronicOutpatient' ? (
        <ChronicFields person={props.person} code={chronic.code} days={chronic.days} onChange={(code, days) => setChronic({ code, days })} />
      ) : null}
      {results.length ? (
        <table className="grid compact" aria-label="检索结果">
          <thead><tr><th>编码</th><th>名称</th><th>规格</th><th>类别</th><th className="num">单价</th></tr></thead>
          <tbody>
            {results.map((r, i) => (
              <tr key={r.code} className={i === hit ? 'selected' : ''} onClick={() => add(r)}>
                <td className="mono">{r.code}</td><td>{r.name}</td><td>{r.spec} {r.unit}</td><td>{CLASS_NAMES[r.class]}类</td><td className="money">{unitPrice(r.price)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : q.trim() ? <p>没有找到匹配的目录项目</p> : null}
      <table className="grid compact" aria-label="费用明细">
        <thead><tr><th>名称</th><th>类别</th><th className="num">单价</th><th className="num">数量</th><th className="num">金额</th><th></th></tr></thead>
        <tbody>
          {lines.map((l, i) => (
            <tr key={l.item.code}>
              <td>{l.item.name} <span className="field-hint">{l.item.spec}</span></td>
              <td>{CLASS_NAMES[l.item.class]}类</td>
              <td className="money">{unitPrice(l.item.price)}</td>
              <td className="num">
                <input
                  className="qty"
                  value={l.quantity}
                  aria-label={`${l.item.name} 数量`}
                  aria-invalid={problems[i] ? true : undefined}
                  onChange={(e) => {
                    setError(undefined);
                    setOuterSeen(true);
                    setLines(lines.map((x, j) => (j === i ? { ...x, quantity: e.target.value.trim() } : x)));
                  }}
                  onKeyDown={(e) => {
                    if (e.key === 'Delete') setLines(lines.filter((_, j) => j !== i));
                    if (e.key === 'Enter') { e.preventDefault(); search.current?.focus(); }
                  }}
                />
              </td>
              <td className="money">{problems[i] ? <span className="error-line" role="alert">{problems[i]}</span> : <Money value={lineAmount(l.item.price, l.quantity)} />}</td>
              <td><button type="button" onClick={() => setLines(lines.filter((_, j) => j !== i))} aria-label={`删除 ${l.item.name}`}>删除</button></td>
            </tr>
          ))}
          <tr><td colSpan={4}><strong>合计（{lines.length} 项）</strong></td><td className="money"><Money value={`${total / 100n}.${String(total % 100n).padStart(2, '0')}`} strong /></td><td></td></tr>
        </tbody>
      </table>
      <ErrorLine error={error ?? (outerSeen ? undefined : props.error)} />
      {props.busy ? <p>正在预结算…</p> : null}
      <KeyBar
        keys={[
          { key: 'Enter', label: '添加检索到的项目（检索框为空时：预结算）' },
          { key: 'F4', label: '预结算', onClick: go },
          { key: 'Delete', label: '删除该行（在数量框中）' },
          { key: 'Esc', label: '返回', onClick: props.onBack },
        ]}
      />
    </Panel>
  );
}
