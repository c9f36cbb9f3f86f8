// The printing output of the receipts service: where a sheet goes once archived. A thermal
// printer gets ESC/POS bytes; Electron's printer gets the sheet in the layout its archived PDF
// was fitted to; browser mode gets the archived PDF's URL for the browser's own print window.
import type { ReceiptData } from '../core/receipt';
import { renderReceiptEscPos, type ThermalPaper } from './escpos/receipt';
import type { SheetPrinter } from './pdf';
import type { PrinterSetup } from './setup';
import { sendThermal, type ThermalTarget } from './thermal';
import type { SheetLayouts } from './sheet-layouts';
import type { PrintOptions, PrintOutcome } from './service-types';

export interface PrintOutputDeps {
  setup: () => PrinterSetup;
  /** Present in Electron only. */
  printer?: SheetPrinter;
  sheets: SheetLayouts;
  confirmedAt: (receiptNo: string) => string | undefined;
}

export type OutputResult = Omit<PrintOutcome, 'receiptNo' | 'reprintNo' | 'pdfPath'>;

async function toThermal(data: ReceiptData, reprintNo: number, paper: ThermalPaper, s: PrinterSetup, deps: PrintOutputDeps): Promise<OutputResult> {
  if (!s.thermalPath) return { target: 'thermal', ok: false, message: '未设置热敏打印机端口，请在系统设置中设置打印机' };
  const target: ThermalTarget = s.thermalKind === 'serial' ? { kind: 'serial', path: s.thermalPath, baudRate: s.thermalBaud } : { kind: 'file', path: s.thermalPath };
  try {
    await sendThermal(renderReceiptEscPos(data, { paper, reprintNo, confirmedAt: deps.confirmedAt(data.receiptNo) }), target);
    return { target: 'thermal', ok: true, message: '已发送到热敏打印机' };
  } catch (err) {
    return { target: 'thermal', ok: false, message: `热敏打印机打印失败：${(err as Error).message}` };
  }
}

/** Sends the sheet (original or reprint N) to the configured output; says what happened, in Chinese. */
export async function printOutput(
  deps: PrintOutputDeps, data: ReceiptData, reprintNo: number, opts: PrintOptions, pdfPath: string | undefined,
): Promise<OutputResult> {
  const s = deps.setup();
  if (s.paper === 'escpos58' || s.paper === 'escpos80') return toThermal(data, reprintNo, s.paper, s, deps);
  const preview = opts.preview ?? s.preview;
  const note = deps.sheets.paperNote(data.receiptNo, reprintNo, pdfPath);
  const noted = (message: string) => (note ? `${message}（${note}）` : message);
  if (!deps.printer) {
    if (!pdfPath) return { target: 'browser', ok: false, message: '结算单 PDF 生成失败，无法在浏览器中打印（详情见日志）' };
    const file = pdfPath.split(/[\\/]/).pop()!;
    return { target: 'browser', ok: true, message: noted('请在浏览器的打印窗口中打印'), pdfUrl: `/receipts/${encodeURIComponent(file)}` };
  }
  // The printer gets the sheet in the layout its archived PDF was fitted to.
  const layout = await deps.sheets.layoutOf(data, reprintNo);
  const res = await deps.printer.print(deps.sheets.html(data, reprintNo, layout), { paper: layout.paper, deviceName: s.printerName, preview });
  const target = preview ? 'preview' : 'printer';
  return res.ok ? { target, ok: true, message: noted(preview ? '已打开打印预览' : '已发送到打印机') } : { target, ok: false, message: `打印失败：${res.reason}` };
}
