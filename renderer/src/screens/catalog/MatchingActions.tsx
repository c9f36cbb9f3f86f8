// The matching screen's whole-list actions: confirm the sure proposals in bulk, upload the
// confirmed matchings (3301), and read back which ones the network has accepted (1317).
import { useState } from 'react';
import { call } from '../../useCall';

export function MatchingActions(props: { onDone(notice: string): void; onError(message: string): void }) {
  const [busy, setBusy] = useState(false);
  const bulk = async (minScore: number) => {
    const res = await call('catalog.match.confirmAll', { minScore });
    if (!res.ok) return props.onError(res.error.message);
    props.onDone(`已批量确认评分 ≥ ${minScore} 的建议 ${res.value.confirmed} 项${res.value.skipped ? `，${res.value.skipped} 项需人工处理` : ''}`);
  };
  const upload = async () => {
    setBusy(true);
    const res = await call('catalog.match.upload');
    setBusy(false);
    if (!res.ok) return props.onError(res.error.message);
    const r = res.value;
    props.onDone(`已上传对照 ${r.uploaded} 项，医保已接受 ${r.accepted} 项${r.rejected.length ? `，医保拒绝 ${r.rejected.length} 项` : ''}`);
  };
  const refresh = async () => {
    const res = await call('catalog.match.refresh');
    if (!res.ok) return props.onError(res.error.message);
    props.onDone(`医保已接受 ${res.value.accepted} 项${res.value.missing ? `，${res.value.missing} 项医保端已查不到` : ''}`);
  };
  return (
    <>
      <button onClick={() => void bulk(90)}>确认评分 ≥ 90 的建议</button>{' '}
      <button onClick={() => void upload()} disabled={busy}>{busy ? '上传中…' : '上传对照（3301）'}</button>{' '}
      <button onClick={() => void refresh()}>查询医保接受情况</button>
    </>
  );
}
