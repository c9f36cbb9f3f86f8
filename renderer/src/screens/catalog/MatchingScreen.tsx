// 目录对照 (Alt+8): the HIS's items matched to national codes. Import the HIS item list (CSV, or
// the items the HIS interface has sent with no matching), each gets a proposal with its score;
// confirm from a score in bulk, then work through the rest by keyboard: ↑/↓ item, Enter confirm
// the proposal, 1-9 confirm candidate n, / search the catalog, Z self-paid. Upload the confirmed
// matchings (3301), undo one (3302), and see which ones the network has accepted (1317).
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { CatalogCandidateView, CatalogHisItemView, CatalogMatchListView } from '../../../../electron/api/contract';
import { ErrorLine, Key, Notice, Panel } from '../../components/ui';
import { call } from '../../useCall';
import type { ScreenProps } from '../registry';
import { MatchItems } from './MatchItems';
import { Candidates } from './Candidates';
import { ImportBar } from './ImportBar';
import { MatchingActions } from './MatchingActions';

type Filter = 'open' | 'confirmed' | 'selfPay' | 'all';
const FILTERS: [Filter, string][] = [['open', '待处理'], ['confirmed', '已确认'], ['selfPay', '自费'], ['all', '全部']];

export function MatchingScreen(_props: ScreenProps) {
  const [filter, setFilter] = useState<Filter>('open');
  const [q, setQ] = useState('');
  const [page, setPage] = useState<CatalogMatchListView>();
  const [cur, setCur] = useState(0);
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const candidates = useRef<CatalogCandidateView[]>([]);
  const searchRef = useRef<HTMLInputElement>(null);
  const tableRef = useRef<HTMLDivElement>(null);
  const load = useCallback(async () => {
    const res = await call('catalog.match.list', { filter, q, limit: 100 });
    if (!res.ok) return setError(res.error.message);
    setPage(res.value);
    setCur((c) => Math.min(c, Math.max(0, res.value.items.length - 1)));
  }, [filter, q]);
  useEffect(() => void load(), [load]);
  const rows = page?.items ?? [];
  const item = rows[cur];
  const focusList = () => tableRef.current?.querySelector<HTMLTableElement>('table')?.focus();
  const act = async (what: () => Promise<{ ok: boolean; error?: { message: string } }>, done: string) => {
    setError(undefined);
    const res = await what();
    if (!res.ok) return setError(res.error?.message);
    setNotice(done);
    await load();
    focusList();
  };
  const confirm = (code?: string) => item && act(() => call('catalog.match.confirm', { hisCode: item.hisCode, ...(code ? { code } : {}) }), `已确认：${item.name}`);
  const selfPay = () => item && act(() => call('catalog.match.selfPay', { hisCode: item.hisCode }), `已标记自费：${item.name}`);
  const undo = (h: CatalogHisItemView) => act(() => call('catalog.match.undo', { hisCode: h.hisCode }), `已撤销医保端对照：${h.name}`);
  const onKey = (e: KeyboardEvent) => {
    const n = Number(e.key);
    if (e.key === 'ArrowDown') setCur((c) => Math.min(rows.length - 1, c + 1));
    else if (e.key === 'ArrowUp') setCur((c) => Math.max(0, c - 1));
    else if (e.key === 'Enter') void confirm();
    else if (n >= 1 && n <= 9 && candidates.current[n - 1]) void confirm(candidates.current[n - 1].item.code);
    else if (e.key === 'z' || e.key === 'Z') void selfPay();
    else if (e.key === '/') searchRef.current?.focus();
    else return;
    e.preventDefault();
  };
  const c = page?.counts;
  return (
    <div>
      <Panel title="目录对照" actions={<MatchingActions onDone={(n) => { setNotice(n); setError(undefined); void load(); }} onError={setError} />}>
        <ImportBar onImported={(text) => { setNotice(text); void load(); }} onError={setError} />
        {c ? (
          <p data-testid="match-counts">
            待对照 {c.todo} · 待确认 {c.proposed} · 已确认 {c.confirmed} · 自费 {c.selfPay} · 已上传 {c.uploaded} · 医保已接受 {c.accepted}
          </p>
        ) : null}
        <p className="field-hint">
          <Key>↑</Key><Key>↓</Key> 选择项目，<Key>Enter</Key> 确认建议，<Key>1</Key>-<Key>9</Key> 选候选并确认，<Key>/</Key> 查找医保目录，<Key>Z</Key> 标记自费。
          未确认对照的项目不能医保结算。
        </p>
        <div role="tablist">
          {FILTERS.map(([f, label]) => (
            <button key={f} role="tab" aria-selected={filter === f} onClick={() => { setFilter(f); setCur(0); }}>{label}</button>
          ))}{' '}
          <input value={q} onChange={(e) => setQ(e.target.value)} aria-label="筛选 HIS 项目" placeholder="HIS 编码、名称或医保编码" />
        </div>
        <ErrorLine error={error} />
        {notice ? <Notice>{notice}</Notice> : null}
        <div ref={tableRef}>
          {rows.length ? <MatchItems rows={rows} cur={cur} onPick={setCur} onKey={onKey} onUndo={(h) => void undo(h)} /> : <p>没有项目。</p>}
        </div>
        {page && page.total > rows.length ? <p className="field-hint">共 {page.total} 项，显示前 {rows.length} 项（处理后自动显示后续项目）。</p> : null}
      </Panel>
      <Candidates item={item} searchRef={searchRef} onConfirm={(code) => void confirm(code)} onBack={focusList} onList={(l) => (candidates.current = l)} />
    </div>
  );
}
