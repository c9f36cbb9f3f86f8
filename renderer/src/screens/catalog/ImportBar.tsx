// Importing the HIS item list: a CSV file the HIS exported (UTF-8 or GB18030, header row), or the
// items the HIS interface has sent that have no matching yet. Each item gets a proposal at once.
import { useState } from 'react';
import type { CatalogImportView } from '../../../../electron/api/contract';
import { call } from '../../useCall';

const text = (v: CatalogImportView) => `已导入 ${v.imported} 项：按医保编码匹配 ${v.byCode} 项，按名称规格建议 ${v.byName} 项，未找到 ${v.none} 项`;

function base64(buf: ArrayBuffer): string {
  const bytes = new Uint8Array(buf);
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export function ImportBar(props: { onImported(text: string): void; onError(message: string): void }) {
  const [busy, setBusy] = useState(false);
  const run = async (fn: () => ReturnType<typeof call<'catalog.his.import'>>) => {
    setBusy(true);
    const res = await fn();
    setBusy(false);
    if (res.ok) props.onImported(text(res.value));
    else props.onError(res.error.message);
  };
  const onFile = async (f: File | undefined) => {
    if (!f) return;
    const contentBase64 = base64(await f.arrayBuffer());
    await run(() => call('catalog.his.import', { contentBase64 }));
  };
  return (
    <p>
      <label>
        导入 HIS 项目清单（CSV）：
        <input type="file" accept=".csv,text/csv" aria-label="HIS 项目清单文件" disabled={busy} onChange={(e) => void onFile(e.target.files?.[0])} />
      </label>{' '}
      <button disabled={busy} onClick={() => void run(() => call('catalog.his.importBridge'))}>导入 HIS 接口未对照项目</button>
      {busy ? ' 正在导入并自动匹配…' : ''}
    </p>
  );
}
