// HIS catalog mapping: the worklist of unmapped items seen in waiting visits (each blocks its
// visits until mapped or marked self-paid), a form to map one item, CSV import, and the list.
import { useState } from 'react';
import type { HisCatalogEntry } from '../../../../../electron/api/contract';
import { Panel, Field, ErrorLine, Notice, Money } from '../../../components/ui';
import { call, useCall } from '../../../useCall';
import { CATEGORY_NAMES, CLASS_NAMES, fileToBase64 } from './shared';

interface Draft {
  hisCode: string;
  hisName: string;
  catalogCode: string;
  catalogName: string;
  class: 'A' | 'B' | 'C';
  selfPayRatio: string;
  category: string;
}

const emptyDraft = (hisCode = '', hisName = ''): Draft => ({ hisCode, hisName, catalogCode: '', catalogName: '', class: 'A', selfPayRatio: '', category: '09' });

function MappingForm(props: { draft: Draft; onSaved(savedName: string): void; onCancel(): void }) {
  const [d, setD] = useState(props.draft);
  const [error, setError] = useState<string | undefined>();
  const save = async () => {
    const res = await call('his.catalog.set', {
      hisCode: d.hisCode, hisName: d.hisName, catalogCode: d.catalogCode, class: d.class, category: d.category,
      ...(d.catalogName ? { catalogName: d.catalogName } : {}), ...(d.class === 'B' ? { selfPayRatio: d.selfPayRatio } : {}),
    });
    if (res.ok) props.onSaved(res.value.hisName);
    else setError(res.error.message);
  };
  return (
    <form className="form" onSubmit={(e) => { e.preventDefault(); void save(); }} onKeyDown={(e) => e.key === 'Escape' && props.onCancel()}>
      <Field label="医院项目编码"><input value={d.hisCode} onChange={(e) => setD({ ...d, hisCode: e.target.value })} /></Field>
      <Field label="医院项目名称"><input value={d.hisName} onChange={(e) => setD({ ...d, hisName: e.target.value })} /></Field>
      <Field label="医保目录编码" hint="丙类（自费）项目可不填">
        <input autoFocus value={d.catalogCode} onChange={(e) => setD({ ...d, catalogCode: e.target.value.trim() })} />
      </Field>
      <Field label="医保目录名称" hint="不填则同医院项目名称"><input value={d.catalogName} onChange={(e) => setD({ ...d, catalogName: e.target.value })} /></Field>
      <Field label="类别">
        <select value={d.class} onChange={(e) => setD({ ...d, class: e.target.value as Draft['class'] })}>
          {Object.entries(CLASS_NAMES).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
        </select>
      </Field>
      {d.class === 'B' ? (
        <Field label="先行自付比例" hint="如 0.10 或 10%"><input value={d.selfPayRatio} onChange={(e) => setD({ ...d, selfPayRatio: e.target.value.trim() })} /></Field>
      ) : null}
      <Field label="收费类别">
        <select value={d.category} onChange={(e) => setD({ ...d, category: e.target.value })}>
          {Object.entries(CATEGORY_NAMES).map(([k, v]) => <option key={k} value={k}>{k} {v}</option>)}
        </select>
      </Field>
      <ErrorLine error={error} />
      <button type="submit" className="primary">保存对照</button> <button type="button" onClick={props.onCancel}>取消（Esc）</button>
    </form>
  );
}

export function HisCatalogPanel() {
  const unmapped = useCall('his.unmapped.list');
  const [search, setSearch] = useState('');
  const list = useCall('his.catalog.list', { search, limit: 200 }, [search]);
  const [editing, setEditing] = useState<Draft | undefined>();
  const [replace, setReplace] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const reload = () => {
    void unmapped.reload();
    void list.reload();
  };
  const selfPay = async (hisCode: string, hisName: string) => {
    if (!window.confirm(`把“${hisName}”标为全自费（丙类）？患者将自付该项目的全部费用。`)) return;
    const res = await call('his.catalog.markSelfPay', { hisCode, hisName });
    if (res.ok) {
      setNotice(`已将 ${hisName} 标为自费`);
      reload();
    } else setError(res.error.message);
  };
  const importCsv = async (file: File | undefined) => {
    if (!file) return;
    if (replace && !window.confirm('导入将替换现有的全部对照，确定吗？')) return;
    const res = await call('his.catalog.import', { contentBase64: await fileToBase64(file), replace });
    if (res.ok) {
      setNotice(`已导入 ${res.value.imported} 条对照，现共 ${res.value.total} 条`);
      setError(undefined);
      reload();
    } else setError(res.error.message);
  };
  const remove = async (e: HisCatalogEntry) => {
    if (!window.confirm(`删除 ${e.hisName} 的对照？`)) return;
    const res = await call('his.catalog.remove', { hisCode: e.hisCode });
    if (res.ok) reload();
    else setError(res.error.message);
  };
  const edit = (e: HisCatalogEntry) =>
    setEditing({ hisCode: e.hisCode, hisName: e.hisName, catalogCode: e.selfPay ? '' : e.catalogCode, catalogName: e.catalogName, class: e.class, selfPayRatio: e.class === 'B' ? e.selfPayRatio : '', category: e.category });

  return (
    <Panel title="HIS 目录对照">
      <p>每个 HIS 收费项目须对照到医保目录（编码、甲/乙/丙类、乙类先行自付比例、收费类别）。有未对照项目的就诊暂不能结算。</p>
      <h3>待对照项目（{unmapped.value?.length ?? 0}）</h3>
      {unmapped.value && unmapped.value.length === 0 ? <p className="field-hint">没有待对照的项目。</p> : null}
      <table className="grid">
        <thead><tr><th>医院项目编码</th><th>名称</th><th className="num">受影响就诊</th><th className="num">金额</th><th>操作</th></tr></thead>
        <tbody>
          {(unmapped.value ?? []).map((u) => (
            <tr key={u.itemCode}>
              <td className="mono">{u.itemCode}</td><td>{u.itemName}</td><td className="num">{u.visits}</td><td className="num"><Money value={u.amount} /></td>
              <td>
                <button onClick={() => setEditing(emptyDraft(u.itemCode, u.itemName))}>对照</button>{' '}
                <button onClick={() => void selfPay(u.itemCode, u.itemName)}>标为自费</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {editing ? <MappingForm key={editing.hisCode} draft={editing} onCancel={() => setEditing(undefined)} onSaved={(name) => { setNotice(`已保存“${name}”的对照`); setEditing(undefined); reload(); }} /> : null}

      <h3>导入对照表</h3>
      <p className="field-hint">CSV（UTF-8 或 GB18030），第一行为表头：医院项目编码、医院项目名称、医保目录编码、医保目录名称、类别（甲/乙/丙）、自付比例、收费类别。整个文件检查通过才导入。</p>
      <input type="file" accept=".csv,.txt" aria-label="选择对照表文件" onChange={(e) => { void importCsv(e.target.files?.[0]); e.target.value = ''; }} />{' '}
      <label><input type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} /> 替换现有全部对照</label>{' '}
      <button onClick={() => setEditing(emptyDraft())}>新增一条</button>
      <ErrorLine error={error ?? unmapped.error ?? list.error} />
      {notice ? <Notice>{notice}</Notice> : null}

      <h3>已对照项目（{list.value?.total ?? 0}）</h3>
      <Field label="查找"><input value={search} placeholder="编码或名称" onChange={(e) => setSearch(e.target.value)} /></Field>
      <table className="grid">
        <thead><tr><th>医院项目</th><th>医保目录</th><th>类别</th><th className="num">自付比例</th><th>收费类别</th><th>操作</th></tr></thead>
        <tbody>
          {(list.value?.items ?? []).map((e) => (
            <tr key={e.hisCode}>
              <td><span className="mono">{e.hisCode}</span> {e.hisName}</td>
              <td>{e.selfPay ? '（标为自费）' : <><span className="mono">{e.catalogCode}</span> {e.catalogName}</>}</td>
              <td>{CLASS_NAMES[e.class]}</td>
              <td className="num">{e.class === 'B' ? e.selfPayRatio : ''}</td>
              <td>{CATEGORY_NAMES[e.category] ?? e.category}</td>
              <td style={{ whiteSpace: 'nowrap' }}><button onClick={() => edit(e)}>修改</button> <button onClick={() => void remove(e)}>删除</button></td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}
