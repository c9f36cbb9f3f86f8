// The candidates for the current HIS item, best score first; the technician may search the whole
// catalog instead (by code, pinyin initials, name, maker or approval number). ↑/↓ choose, Enter
// or the number key confirms the chosen one.
import { useEffect, useState, type KeyboardEvent, type RefObject } from 'react';
import type { CatalogCandidateView, CatalogHisItemView } from '../../../../electron/api/contract';
import { Key, Panel } from '../../components/ui';
import { call } from '../../useCall';
import { scoreColor } from './catalog-text';

export function Candidates(props: {
  item: CatalogHisItemView | undefined;
  searchRef: RefObject<HTMLInputElement | null>;
  onConfirm(code: string): void;
  onBack(): void;
  onList(list: CatalogCandidateView[]): void;
}) {
  const [q, setQ] = useState('');
  const [list, setList] = useState<CatalogCandidateView[]>([]);
  const [cur, setCur] = useState(0);
  const hisCode = props.item?.hisCode;
  useEffect(() => setQ(''), [hisCode]);
  useEffect(() => {
    if (!hisCode) return setList([]);
    let live = true;
    const t = setTimeout(async () => {
      const res = await call('catalog.match.candidates', { hisCode, ...(q.trim() ? { q: q.trim() } : {}) });
      if (!live || !res.ok) return;
      setList(res.value);
      props.onList(res.value);
      setCur(0);
    }, q ? 150 : 0);
    return () => {
      live = false;
      clearTimeout(t);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [hisCode, q]);
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') setCur((c) => Math.min(list.length - 1, c + 1));
    else if (e.key === 'ArrowUp') setCur((c) => Math.max(0, c - 1));
    else if (e.key === 'Enter' && list[cur]) props.onConfirm(list[cur].item.code);
    else if (e.key === 'Escape') props.onBack();
    else return;
    e.preventDefault();
  };
  return (
    <Panel title={props.item ? `候选医保目录：${props.item.name}` : '候选医保目录'}>
      <label className="field">
        <span className="field-label">查找医保目录</span>
        <input ref={props.searchRef} value={q} onChange={(e) => setQ(e.target.value)} onKeyDown={onKey} aria-label="查找医保目录" placeholder="编码、拼音首字母、名称、厂家或批准文号" />
      </label>
      <p className="field-hint"><Key>↑</Key><Key>↓</Key> 选择，<Key>Enter</Key> 确认对照，<Key>Esc</Key> 回到项目列表</p>
      <table className="grid" aria-label="候选列表" data-testid="candidates">
        <thead><tr><th>#</th><th>评分</th><th>医保编码</th><th>名称</th><th>规格</th><th>剂型</th><th>厂家</th><th>批准文号</th></tr></thead>
        <tbody>
          {list.map((c, i) => (
            <tr key={c.item.code} className={i === cur ? 'selected' : ''} onClick={() => props.onConfirm(c.item.code)}>
              <td>{i < 9 ? i + 1 : ''}</td><td><b style={{ color: scoreColor(c.score) }}>{c.score}</b></td><td>{c.item.code}</td><td>{c.item.name}</td>
              <td>{c.item.spec}</td><td>{c.item.dosageForm}</td><td>{c.item.manufacturer}</td><td>{c.item.approvalNo}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}
