// 目录同步: starts a sync (13xx + 9102 by version, 1312/1318/1319, 1901), shows its progress bar
// while it runs (polled), and what each catalog holds; a sync stopped by the network goes on from
// where it stopped when started again.
import { useCallback, useEffect, useState } from 'react';
import type { CatalogSummaryView, CatalogSyncStatusView } from '../../../../electron/api/contract';
import { ErrorLine, Notice, Panel } from '../../components/ui';
import { call } from '../../useCall';

function countsText(s: CatalogSyncStatusView): string {
  const rows = Object.values(s.counts.catalogs).reduce((a, b) => a + b, 0);
  return `新增或变更 ${rows} 行，字典 ${s.counts.dictionaries} 项，变更记录 ${s.counts.changes} 条`;
}

export function SyncPanel(props: { onSynced(): void }) {
  const [status, setStatus] = useState<CatalogSyncStatusView>();
  const [summary, setSummary] = useState<CatalogSummaryView>();
  const [error, setError] = useState<string>();
  const load = useCallback(async () => {
    const [st, sm] = await Promise.all([call('catalog.sync.status'), call('catalog.summary')]);
    if (st.ok) setStatus(st.value);
    if (sm.ok) setSummary(sm.value);
    if (!st.ok) setError(st.error.message);
  }, []);
  useEffect(() => void load(), [load]);
  useEffect(() => {
    if (!status?.running) return;
    const t = setInterval(async () => {
      const st = await call('catalog.sync.status');
      if (!st.ok) return;
      setStatus(st.value);
      if (!st.value.running) {
        void load();
        props.onSynced();
      }
    }, 400);
    return () => clearInterval(t);
  }, [status?.running, load, props]);
  const start = async () => {
    setError(undefined);
    const res = await call('catalog.sync.start');
    if (res.ok) setStatus(res.value);
    else setError(res.error.message);
  };
  const pct = Math.round((status?.fraction ?? 0) * 100);
  return (
    <Panel title="目录同步" actions={<button onClick={() => void start()} disabled={status?.running} aria-label="开始同步目录">{status?.running ? '同步中…' : '同步医保目录'}</button>}>
      {status?.running ? (
        <p>
          <progress max={100} value={pct} aria-label="同步进度" /> {pct}% {status.step} {status.total ? `${status.done}/${status.total}` : ''}
        </p>
      ) : null}
      {status && !status.running && status.phase === 'done' ? <Notice>同步完成：{countsText(status)}</Notice> : null}
      {status?.phase === 'failed' ? <ErrorLine error={`同步中断：${status.error ?? ''}（已下载的内容已保存，再次同步将从中断处继续）`} /> : null}
      <ErrorLine error={error} />
      {summary ? (
        <table className="grid" aria-label="目录概况">
          <thead><tr><th>目录</th><th>名称</th><th>条目</th><th>有效</th><th>版本</th><th>同步时间</th></tr></thead>
          <tbody>
            {summary.catalogs.map((c) => (
              <tr key={c.catalog}><td>{c.catalog}</td><td>{c.name}</td><td>{c.rows}</td><td>{c.valid}</td><td>{c.ver ?? '未下载'}</td><td>{c.syncedAt ?? '—'}</td></tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {summary ? <p className="field-hint">甲乙类/自付比例/限价 {summary.terms} 条；字典 {summary.dictionaries.length} 类（{summary.dictionaries.slice(0, 6).map((d) => d.name).join('、')}…）</p> : null}
    </Panel>
  );
}
