// HIS file import: the watched folder, the column mapping (one select per field, filled from the
// sample file's header row), a preview of the first rows and of the visits they make, and the
// files processed so far. Saved mapping applies to every file dropped afterwards.
import { useEffect, useState } from 'react';
import type { HisDropPreview, HisDropSetup, HisVisitType } from '../../../../../electron/api/contract';
import { Panel, Field, ErrorLine, Notice, Money } from '../../../components/ui';
import { call, useCall } from '../../../useCall';
import { dateTime } from '../../../format';
import { fileToBase64, VISIT_TYPE_NAMES } from './shared';

function typeValuesText(v: Record<string, HisVisitType>): string {
  return Object.entries(v).map(([k, t]) => `${k}=${t}`).join('\n');
}

function parseTypeValues(text: string): Record<string, HisVisitType> | string {
  const out: Record<string, HisVisitType> = {};
  for (const line of text.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const [k, t] = line.split('=').map((s) => s.trim());
    if (!k || !(t in VISIT_TYPE_NAMES)) return `“${line}”格式不正确，应为 HIS中的值=outpatient / chronicOutpatient / inpatient`;
    out[k] = t as HisVisitType;
  }
  return out;
}

export function HisDropPanel() {
  const status = useCall('his.drop.get');
  const [form, setForm] = useState<HisDropSetup | undefined>();
  const [typeText, setTypeText] = useState('');
  const [preview, setPreview] = useState<HisDropPreview | undefined>();
  const [sample, setSample] = useState<{ name: string; base64?: string } | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  useEffect(() => {
    if (status.value && !form) {
      setForm(status.value.setup);
      setTypeText(typeValuesText(status.value.setup.visitTypeValues));
    }
  }, [status.value, form]);
  if (!form || !status.value) return <Panel title="HIS 文件导入"><ErrorLine error={status.error} /></Panel>;
  const fields = status.value.fields;

  const currentSetup = (): HisDropSetup | undefined => {
    const values = parseTypeValues(typeText);
    if (typeof values === 'string') {
      setError(values);
      return undefined;
    }
    return { ...form, visitTypeValues: values };
  };
  const runPreview = async (s = sample) => {
    const setup = currentSetup();
    if (!setup) return;
    const input = s?.base64 ? { contentBase64: s.base64, fileName: s.name, setup } : { ...(s ? { file: s.name } : {}), setup };
    const res = await call('his.drop.preview', input);
    if (res.ok) {
      setPreview(res.value);
      setError(undefined);
    } else {
      setPreview(undefined);
      setError(res.error.message);
    }
  };
  const chooseFile = async (file: File | undefined) => {
    if (!file) return;
    const s = { name: file.name, base64: await fileToBase64(file) };
    setSample(s);
    await runPreview(s);
  };
  const save = async () => {
    const setup = currentSetup();
    if (!setup) return;
    const res = await call('his.drop.set', setup);
    if (res.ok) {
      setNotice('已保存。之后放入接收文件夹的文件按此对照导入。');
      setError(undefined);
      void status.reload();
    } else setError(res.error.message);
  };
  const scan = async () => {
    const res = await call('his.drop.scan');
    if (res.ok) {
      setNotice(res.value.length ? res.value.map((o) => `${o.file}：${o.outcome === 'done' ? `已导入 ${o.visits} 个就诊` : o.outcome === 'duplicate' ? '重复文件，未再导入' : `失败（${o.reason}）`}`).join('；') : '没有可导入的文件');
      void status.reload();
    } else setError(res.error.message);
  };
  const setColumn = (field: string, header: string) => setForm({ ...form, columns: { ...form.columns, [field]: header } });
  const headers = preview?.headers ?? [];

  return (
    <Panel title="HIS 文件导入">
      <p>只能导出文件的 HIS：把 CSV（UTF-8 或 GB18030/GBK，自动识别）或 JSON 文件放入接收文件夹，程序自动导入；成功的文件移到 done，失败的移到 failed 并附原因说明，同一文件不会重复导入。</p>
      <form className="form" onSubmit={(e) => { e.preventDefault(); void save(); }}>
        <Field label="接收文件夹" hint="完整路径">
          <input value={form.folder} onChange={(e) => setForm({ ...form, folder: e.target.value })} />
        </Field>
        <label className="field">
          <span className="field-label">自动导入</span>
          <input type="checkbox" checked={form.enabled} onChange={(e) => setForm({ ...form, enabled: e.target.checked })} />
        </label>
        <Field label="单个文件大小上限（MB）" hint="超过上限的文件不导入，移到 failed 并说明原因">
          <input type="number" min={1} max={1024} value={form.maxFileMB ?? 20} onChange={(e) => setForm({ ...form, maxFileMB: Math.max(1, Math.min(1024, Math.trunc(Number(e.target.value)) || 20)) })} />
        </Field>
        <Field label="多个诊断的分隔符">
          <input value={form.diagnosisSeparator} size={3} onChange={(e) => setForm({ ...form, diagnosisSeparator: e.target.value })} />
        </Field>
        <Field label="就诊类型取值" hint="每行一个：HIS 中的值=outpatient / chronicOutpatient / inpatient（“门诊”“住院”“慢病”已内置）">
          <textarea rows={3} value={typeText} onChange={(e) => setTypeText(e.target.value)} />
        </Field>
      </form>
      <section aria-label="列对照">
        <h3>列对照</h3>
        <p className="field-hint">先选一个示例文件（或接收文件夹中的待导入文件）预览，再为每个字段选择对应的列；不选则按列名自动识别（与字段名或中文名相同的列）。</p>
        <div>
          <input type="file" accept=".csv,.txt,.json" aria-label="选择示例文件" onChange={(e) => void chooseFile(e.target.files?.[0])} />{' '}
          {status.value.pending.length ? (
            <select aria-label="待导入文件" value={sample?.base64 ? '' : sample?.name ?? ''} onChange={(e) => { const s = e.target.value ? { name: e.target.value } : undefined; setSample(s); void runPreview(s); }}>
              <option value="">（接收文件夹中的文件）</option>
              {status.value.pending.map((f) => <option key={f} value={f}>{f}</option>)}
            </select>
          ) : null}{' '}
          <button type="button" onClick={() => void runPreview()}>预览</button>
        </div>
        <table className="grid">
          <thead><tr><th>字段</th><th>对应的列</th><th>自动识别为</th></tr></thead>
          <tbody>
            {fields.map((f) => (
              <tr key={f.field}>
                <td>{f.label}{f.required ? ' *' : ''} <span className="mono field-hint">{f.field}</span></td>
                <td>
                  <select aria-label={`${f.label}对应的列`} value={form.columns[f.field] ?? ''} onChange={(e) => setColumn(f.field, e.target.value)}>
                    <option value="">（自动）</option>
                    {[...new Set([...headers, ...(form.columns[f.field] ? [form.columns[f.field]] : [])])].map((h) => <option key={h} value={h}>{h}</option>)}
                  </select>
                </td>
                <td className="mono">{preview?.resolved[f.field] ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p>
          <button type="button" className="primary" onClick={() => void save()}>保存设置</button> <button type="button" onClick={() => void scan()}>立即导入</button>
        </p>
      </section>
      <ErrorLine error={error ?? status.error} />
      {notice ? <Notice>{notice}</Notice> : null}

      {preview ? (
        <>
          <h3>预览（编码：{preview.encoding === 'gb18030' ? 'GB18030/GBK' : 'UTF-8'}）</h3>
          {preview.headers.length ? (
            <table className="grid">
              <thead><tr>{preview.headers.map((h, i) => <th key={i}>{h}</th>)}</tr></thead>
              <tbody>{preview.rows.map((r, i) => <tr key={i}>{r.map((c, j) => <td key={j}>{c}</td>)}</tr>)}</tbody>
            </table>
          ) : null}
          <ErrorLine error={preview.error} />
          {preview.visits.length ? (
            <table className="grid">
              <thead><tr><th>就诊号</th><th>类型</th><th>患者</th><th className="num">明细数</th><th className="num">金额</th></tr></thead>
              <tbody>
                {preview.visits.map((v) => (
                  <tr key={v.hisVisitId}><td className="mono">{v.hisVisitId}</td><td>{VISIT_TYPE_NAMES[v.visitType]}</td><td>{v.patientName}</td><td className="num">{v.lineCount}</td><td className="num"><Money value={v.total} /></td></tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </>
      ) : null}

      <h3>最近处理的文件</h3>
      <table className="grid">
        <thead><tr><th>文件</th><th>结果</th><th className="num">就诊数</th><th>原因</th><th>时间</th></tr></thead>
        <tbody>
          {status.value.recent.map((f, i) => (
            <tr key={i}><td>{f.fileName}</td><td>{f.outcome === 'done' ? '已导入' : '失败'}</td><td className="num">{f.visits}</td><td>{f.reason}</td><td>{dateTime(f.processedAt)}</td></tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}
