// Institution codes and names, facility level, region and this window's terminal number.
import type { InstitutionSetup } from '../../../../electron/api/contract';
import { Panel, Field, ErrorLine, Notice } from '../../components/ui';
import { useSetupForm } from '../../useSetupForm';

const LEVELS: [InstitutionSetup['level'], string][] = [
  ['village', '村卫生室'],
  ['township', '乡镇卫生院'],
  ['county', '县级'],
  ['city', '市级'],
  ['province', '省级'],
];

export function InstitutionPanel() {
  const { form, edit: set, save, saved, error } = useSetupForm('setup.institution.get', 'setup.institution.set');
  if (!form) return <Panel title="机构信息"><ErrorLine error={error} /></Panel>;
  return (
    <Panel title="机构信息">
      <form className="form" onSubmit={(e) => { e.preventDefault(); void save(); }}>
        <Field label="定点机构编码"><input value={form.code} onChange={(e) => set({ code: e.target.value.trim().toUpperCase() })} /></Field>
        <Field label="机构名称"><input value={form.name} onChange={(e) => set({ name: e.target.value })} /></Field>
        <Field label="机构级别">
          <select value={form.level} onChange={(e) => set({ level: e.target.value as InstitutionSetup['level'] })}>
            {LEVELS.map(([v, t]) => <option key={v} value={v}>{t}</option>)}
          </select>
        </Field>
        <Field label="行政区划代码" hint="6 位数字"><input value={form.region} onChange={(e) => set({ region: e.target.value.trim() })} /></Field>
        <Field label="窗口号" hint="2 位数字；同一机构的每个收费窗口必须不同"><input value={form.terminalNo} onChange={(e) => set({ terminalNo: e.target.value.trim() })} /></Field>
        <ErrorLine error={error} />
        {saved ? <Notice>已保存</Notice> : null}
        <button type="submit" className="primary">保存</button>
      </form>
    </Panel>
  );
}
