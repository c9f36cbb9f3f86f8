// 结算后自动打印: once a settlement is done, print its receipt when the printer setup says so.
// Electron sends it to the printer; in browser mode the sheet (the archived receipt's own page,
// fitted to one sheet) is printed from a hidden frame through the browser's print window, and the
// window says which of these happened — or plainly that nothing was printed and why.
import { useEffect, useRef } from 'react';
import { call } from '../useCall';
import { printInFrame } from './print-frame';

export interface PrintReport {
  message?: string;
  error?: string;
}

/** Prints receipt `receiptNo` (sheet `reprintNo`) from a hidden frame; the outcome in Chinese. */
export async function printInBrowser(receiptNo: string, reprintNo: number, serverMessage: string): Promise<PrintReport> {
  const sheet = await call('receipt.sheet', { receiptNo, reprintNo });
  if (!sheet.ok) return { error: `浏览器未能打印收据：${sheet.error.message}；请点“查看收据 PDF”后在浏览器中打印（Ctrl+P）` };
  const printed = await printInFrame(sheet.value.html);
  if (!printed) return { error: '浏览器没有打开打印窗口，收据未打印：请点“查看收据 PDF”后在浏览器中打印（Ctrl+P）' };
  // The server's word on the paper (a sheet moved to A4) is kept; else the paper is named.
  const paperNote = /（([^）]*纸[^）]*)）/.exec(serverMessage)?.[1] ?? `${sheet.value.paper} 纸`;
  return { message: `已自动打印：已打开浏览器的打印窗口，请选择打印机并确认（${paperNote}）` };
}

export function useAutoPrint(settlementId: string, receiptNo: string, report: (r: PrintReport) => void): void {
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void (async () => {
      const setup = await call('receipt.setup.get');
      if (!setup.ok || !setup.value.autoPrint) return;
      const res = await call('window.print', { settlementId });
      if (!res.ok) return report({ error: `自动打印失败：${res.error.message}` });
      if (!res.value.printed) return report({ error: `自动打印失败：${res.value.message}` });
      if (!res.value.openUrl) return report({ message: `已自动打印：${res.value.message}` });
      const r = await printInBrowser(res.value.receiptNo ?? receiptNo, res.value.reprintNo ?? 0, res.value.message);
      report(r);
    })();
    // Once per settlement: the done screen is made anew for the next one.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
}
