// 目录变更审核: what the syncs changed (new codes, class, self-pay ratio, price cap, expired),
// by default only the changes that touch HIS items already matched; the technician reviews them
// by keyboard: ↑/↓ moves, Space marks, Enter marks the marked (or the current one) reviewed.
import { useCallback, useEffect, useState, type KeyboardEvent } from 'react';
import type { CatalogChangeView } from '../../../../electron/api/contract';
import { ErrorLine, Key, Notice, Panel } from '../../components/ui';
import { call } from '../../useCall';
import { CHANGE_KIND, changeValue } from './catalog-text';

export function ChangesPanel(props: { version: number }) {
  const [matchedOnly, setMatchedOnly] = useState(true);
  const [rows, setRows] = useState<CatalogChangeView[]>([]);
  const [total, setTotal] = useState(0);
  const [cur, setCur] = useState(0);
  const [marked, setMarked] = useState<Set<number>>(new Set());
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const load = useCallback(async () => {
    const res = await call('catalog.changes.list', { matchedOnly, pendingOnly: true, limit: 200 });
    if (!res.ok) return setError(res.error.message);
    setRows(res.value.items);
    setTotal(res.value.total);
    setCur((c) => Math.min(c, Math.max(0, res.value.items.length - 1)));
  }, [matchedOnly]);
  useEffect(() => void load(), [load, props.version]);
  const review = async (ids: number[]) => {
    if (!ids.length) return;
    const res = await call('catalog.changes.review', { ids });
    if (!res.ok) return setError(res.error.message);
    setNotice(`已审核 ${res.value.reviewed} 条变更`);
    setMarked(new Set());
    void load();
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') setCur((c) => Math.min(rows.length - 1, c + 1));
    else if (e.key === 'ArrowUp') setCur((c) => Math.max(0, c - 1));
    else if (e.key === ' ' && rows[cur]) {
      const id = rows[cur].id;
      setMarked((m) => {
        const n = new Set(m);
        if (n.has(id)) n.delete(id);
        else n.add(id);
        return n;
      });
    } else if (e.key === 'Enter' && rows[cur]) void review(marked.size ? [...marked] : [rows[cur].id]);
    else return;
    e.preventDefault();
  };
  return (
    <Panel
      title={`目录变更审核（待审核 ${total} 条）`}
      actions={<>
        <label><input type="checkbox" checked={matchedOnly} onChange={(e) => setMatchedOnly(e.target.checked)} /> 只看已对照的 HIS 项目</label>{' '}
        <button onClick={() => void review(rows.map((r) => r.id))} disabled={!rows.length}>本页全部标记已审核</button>
      </>}
    >
      <p className="field-hint"><Key>↑</Key><Key>↓</Key> 选择，<Key>空格</Key> 勾选，<Key>Enter</Key> 标记已审核。结算按就诊日期当天有效的甲乙类与自付比例计算。</p>
      <ErrorLine error={error} />
      {notice ? <Notice>{notice}</Notice> : null}
      {rows.length === 0 ? <p>没有待审核的变更。</p> : (
        <table className="grid" tabIndex={0} onKeyDown={onKey} aria-label="目录变更列表" data-testid="changes">
          <thead><tr><th></th><th>医保编码</th><th>名称</th><th>变更</th><th>变更前</th><th>变更后</th><th>生效日期</th><th>影响的 HIS 项目</th></tr></thead>
          <tbody>
            {rows.map((c, i) => (
              <tr key={c.id} className={i === cur ? 'selected' : ''} onClick={() => setCur(i)}>
                <td>{marked.has(c.id) ? '☑' : '☐'}</td><td>{c.code}</td><td>{c.name}</td><td>{CHANGE_KIND[c.kind] ?? c.kind}</td>
                <td>{changeValue(c.kind, c.before)}</td><td>{changeValue(c.kind, c.after)}</td><td>{c.effective || '—'}</td>
                <td>{c.hisItems.map((h) => `${h.hisCode} ${h.name}`).join('；') || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}
