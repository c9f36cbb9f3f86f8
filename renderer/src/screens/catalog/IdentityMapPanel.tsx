// 人员身份类别对照: the network's identity codes come from the downloaded 1901 dictionary
// (PSN_IDET_TYPE), never typed in; for each the technician chooses which of the window's
// identities it is (poverty, low income, destitute, severe disability, at risk) or none. Saved
// into the network setup's identity map; codes of the map the dictionary no longer has are shown
// so they can be cleared.
import { useEffect, useState } from 'react';
import type { CatalogDictRowView, NetworkIdentity, NetworkSetupView } from '../../../../electron/api/contract';
import { ErrorLine, Notice, Panel } from '../../components/ui';
import { call } from '../../useCall';

const IDENTITIES: [NetworkIdentity, string][] = [
  ['poverty', '建档立卡贫困人口'], ['lowIncome', '低保对象'], ['destitute', '特困人员'], ['severeDisability', '重度残疾人'], ['atRisk', '边缘易致贫户'],
];

export function IdentityMapPanel(props: { version: number }) {
  const [rows, setRows] = useState<CatalogDictRowView[]>([]);
  const [setup, setSetup] = useState<NetworkSetupView>();
  const [map, setMap] = useState<Record<string, NetworkIdentity>>({});
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  useEffect(() => {
    void (async () => {
      const [d, s] = await Promise.all([call('catalog.dict.list', { type: 'PSN_IDET_TYPE' }), call('network.setup.get')]);
      if (d.ok) setRows(d.value);
      if (s.ok) {
        setSetup(s.value);
        setMap(s.value.identityMap);
      } else setError(s.error.message);
    })();
  }, [props.version]);
  const save = async () => {
    if (!setup) return;
    const res = await call('network.setup.set', { ...setup, identityMap: map });
    if (!res.ok) return setError(res.error.message);
    setError(undefined);
    setSetup(res.value);
    setNotice(`已保存人员身份类别对照 ${Object.keys(map).length} 项`);
  };
  const choose = (code: string, v: string) => {
    setNotice(undefined);
    const next = { ...map };
    if (v) next[code] = v as NetworkIdentity;
    else delete next[code];
    setMap(next);
  };
  const stale = Object.keys(map).filter((k) => !rows.some((r) => r.value === k));
  return (
    <Panel title="人员身份类别对照（来自医保字典 PSN_IDET_TYPE）" actions={<button onClick={() => void save()} disabled={!rows.length}>保存对照</button>}>
      {rows.length === 0 ? <p>尚未下载人员身份类别字典，请先同步医保目录。</p> : (
        <table className="grid" aria-label="人员身份类别对照">
          <thead><tr><th>医保代码</th><th>医保名称</th><th>本窗口身份</th></tr></thead>
          <tbody>
            {[...rows, ...stale.map((value) => ({ value, label: '（字典中已无此代码）', parent: '' }))].map((r) => (
              <tr key={r.value}>
                <td>{r.value}</td><td>{r.label}</td>
                <td>
                  <select aria-label={`身份 ${r.value}`} value={map[r.value] ?? ''} onChange={(e) => choose(r.value, e.target.value)}>
                    <option value="">不对照</option>
                    {IDENTITIES.map(([k, n]) => <option key={k} value={k}>{n}</option>)}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ErrorLine error={error} />
      {notice ? <Notice>{notice}</Notice> : null}
    </Panel>
  );
}
