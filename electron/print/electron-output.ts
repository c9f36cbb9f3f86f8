// Electron's side of receipts: printToPDF for the archive, webContents.print for the sheet (silent
// to the configured printer, or the sheet shown with the print dialog for a preview), and the
// printer list from getPrintersAsync. Loaded only in Electron mode (dynamic import from install).
import { BrowserWindow } from 'electron';
import type { PdfRenderer, PrinterInfo, SheetPrinter, SheetPrintOptions } from './pdf';
import type { SheetPaper } from './html-style';

/** A5 and A4 in microns, for webContents.print on Linux where a named size is sometimes ignored. */
const MICRONS: Record<SheetPaper, { width: number; height: number }> = {
  A5: { width: 148000, height: 210000 },
  A4: { width: 210000, height: 297000 },
};

function sheetWindow(show: boolean): BrowserWindow {
  return new BrowserWindow({
    show,
    width: 620,
    height: 860,
    title: '结算单预览',
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: true, webviewTag: false },
  });
}

/** Loads the sheet and waits for its fonts (a CJK font still loading prints as blanks). */
async function load(win: BrowserWindow, html: string): Promise<void> {
  await win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
  await win.webContents.executeJavaScript('document.fonts.ready.then(() => true)');
}

export class ElectronPdfRenderer implements PdfRenderer {
  async pdf(html: string, paper: SheetPaper): Promise<Buffer> {
    const win = sheetWindow(false);
    try {
      await load(win, html);
      return await win.webContents.printToPDF({ pageSize: paper, preferCSSPageSize: true, printBackground: true, margins: { top: 0, bottom: 0, left: 0, right: 0 } });
    } finally {
      win.destroy();
    }
  }

  async close(): Promise<void> {
    // windows are made per render and destroyed at once
  }
}

export class ElectronSheetPrinter implements SheetPrinter {
  async print(html: string, opts: SheetPrintOptions): Promise<{ ok: true } | { ok: false; reason: string }> {
    const win = sheetWindow(opts.preview);
    try {
      await load(win, html);
      const result = await new Promise<{ ok: true } | { ok: false; reason: string }>((resolve) => {
        win.webContents.print(
          {
            silent: !opts.preview,
            printBackground: true,
            deviceName: opts.deviceName || undefined,
            pageSize: process.platform === 'linux' ? MICRONS[opts.paper] : opts.paper,
            margins: { marginType: 'none' },
          },
          (success, failureReason) => resolve(success ? { ok: true } : { ok: false, reason: failureReason || 'Print job failed' }),
        );
      });
      return result;
    } finally {
      if (!win.isDestroyed()) win.destroy();
    }
  }

  async printers(): Promise<PrinterInfo[]> {
    const existing = BrowserWindow.getAllWindows()[0];
    const win = existing ?? sheetWindow(false);
    try {
      const list = await win.webContents.getPrintersAsync();
      return list.map((p) => ({
        name: p.name,
        displayName: p.displayName || p.name,
        isDefault: Boolean((p as { isDefault?: boolean }).isDefault) || (p.options as Record<string, string> | undefined)?.['printer-is-default'] === 'true',
      }));
    } finally {
      if (!existing && !win.isDestroyed()) win.destroy();
    }
  }
}

export function createElectronOutput(): { pdf: PdfRenderer; printer: SheetPrinter } {
  return { pdf: new ElectronPdfRenderer(), printer: new ElectronSheetPrinter() };
}
