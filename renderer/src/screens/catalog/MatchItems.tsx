// The HIS items of the matching screen, one row each: the HIS's description, the proposed or
// confirmed national code with its score, the state and where the matching stands on the network.
import type { CatalogHisItemView } from '../../../../electron/api/contract';
import { MATCH_STATE, METHOD, UPLOAD_STATE, scoreColor } from './catalog-text';

export function MatchItems(props: {
  rows: CatalogHisItemView[];
  cur: number;
  onPick(i: number): void;
  onKey(e: React.KeyboardEvent): void;
  onUndo(h: CatalogHisItemView): void;
}) {
  return (
    <table className="grid" tabIndex={0} onKeyDown={props.onKey} aria-label="HIS 项目列表" data-testid="his-items">
      <thead>
        <tr><th>HIS 编码</th><th>HIS 名称</th><th>规格</th><th>厂家</th><th>医保编码</th><th>医保名称</th><th>评分</th><th>状态</th><th>医保</th></tr>
      </thead>
      <tbody>
        {props.rows.map((h, i) => (
          <tr key={h.hisCode} className={i === props.cur ? 'selected' : ''} onClick={() => props.onPick(i)} data-state={h.state}>
            <td>{h.hisCode}</td><td>{h.name}</td><td>{h.spec}</td><td>{h.manufacturer}</td>
            <td>{h.code || '—'}</td>
            <td>{h.match ? `${h.match.name} ${h.match.spec} ${h.match.manufacturer}` : '—'}</td>
            <td title={METHOD[h.method] ?? ''}>{h.state === 'selfPay' ? '—' : <b style={{ color: scoreColor(h.score) }}>{h.score}</b>}</td>
            <td>{MATCH_STATE[h.state]}{h.method === 'tie' && h.state === 'proposed' ? '（多个相近）' : ''}</td>
            <td>
              {UPLOAD_STATE[h.upload]}
              {h.uploadError ? <span className="error-line">：{h.uploadError}</span> : null}
              {h.upload === 'uploaded' || h.upload === 'accepted' ? <> <button onClick={() => props.onUndo(h)}>撤销</button></> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
