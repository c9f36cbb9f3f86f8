// 打印机: paper (A5 / A4 sheet, 58 / 80 mm thermal), the system printer (Electron), the thermal
// printer's serial port or device path, preview and automatic printing after a settlement.
import type { ReceiptPaper, ReceiptSetupView } from '../../../../electron/api/contract';
import { ErrorLine, Field, Notice, Panel } from '../../components/ui';
import { useCall } from '../../useCall';
import { useSetupForm } from '../../useSetupForm';

const PAPERS: [ReceiptPaper, string][] = [
  ['A5', 'A5 结算单（推荐）'],
  ['A4', 'A4 结算单'],
  ['escpos58', '58 毫米热敏小票'],
  ['escpos80', '80 毫米热敏小票'],
];

export function PrinterPanel() {
  const { form, edit: set, save, saved, error } = useSetupForm('receipt.setup.get', 'receipt.setup.set');
  const printers = useCall('receipt.printers');
  if (!form) return <Panel title="打印机"><ErrorLine error={error} /></Panel>;
  const thermal = form.paper === 'escpos58' || form.paper === 'escpos80';
  const list = printers.value?.printers ?? [];
  return (
    <Panel title="打印机">
      <p>{printers.value?.message ?? ''}</p>
      {printers.value && !printers.value.font.ok ? <p className="error-line">{printers.value.font.message}</p> : null}
      <form className="form" onSubmit={(e) => { e.preventDefault(); void save(); }}>
        <Field label="纸张">
          <select value={form.paper} onChange={(e) => set({ paper: e.target.value as ReceiptPaper })}>
            {PAPERS.map(([v, t]) => <option key={v} value={v}>{t}</option>)}
          </select>
        </Field>
        {!thermal && printers.value?.mode === 'electron' ? (
          <Field label="打印机" hint="不选则使用系统默认打印机">
            {list.length ? (
              <select value={form.printerName} onChange={(e) => set({ printerName: e.target.value })}>
                <option value="">系统默认打印机</option>
                {list.map((p) => <option key={p.name} value={p.name}>{p.displayName}{p.isDefault ? '（默认）' : ''}</option>)}
              </select>
            ) : <input value={form.printerName} onChange={(e) => set({ printerName: e.target.value })} />}
          </Field>
        ) : !thermal ? null : (
          <>
            <Field label="连接方式">
              <select value={form.thermalKind} onChange={(e) => set({ thermalKind: e.target.value as ReceiptSetupView['thermalKind'] })}>
                <option value="serial">串口（COM 口 / USB 转串口）</option>
                <option value="file">设备路径（如 /dev/usb/lp0）</option>
              </select>
            </Field>
            <Field label={form.thermalKind === 'serial' ? '串口' : '设备路径'} hint="例如 COM3、/dev/ttyUSB0"><input value={form.thermalPath} onChange={(e) => set({ thermalPath: e.target.value.trim() })} /></Field>
            {form.thermalKind === 'serial' ? (
              <Field label="波特率"><input type="number" value={form.thermalBaud} onChange={(e) => set({ thermalBaud: Number(e.target.value) })} /></Field>
            ) : null}
          </>
        )}
        <Field label="打印前预览"><input type="checkbox" checked={form.preview} onChange={(e) => set({ preview: e.target.checked })} /></Field>
        <Field label="结算后自动打印"><input type="checkbox" checked={form.autoPrint} onChange={(e) => set({ autoPrint: e.target.checked })} /></Field>
        <Field label="附费用明细清单（每项收费，另页打印）"><input type="checkbox" checked={form.detailList} onChange={(e) => set({ detailList: e.target.checked })} /></Field>
        <ErrorLine error={error ?? printers.error} />
        {saved ? <Notice>已保存</Notice> : null}
        <button type="submit" className="primary">保存</button>
      </form>
    </Panel>
  );
}
