// What turns a receipt page into PDF bytes, and what prints it. Two implementations: Chromium via
// playwright-core (browser mode, CLI, tests, bench) and Electron (printToPDF / webContents.print).
import type { SheetPaper } from './html-style';

export interface PdfRenderer {
  /** The HTML of one sheet as PDF bytes (the page size comes from the sheet's CSS). */
  pdf(html: string, paper: SheetPaper): Promise<Buffer>;
  close(): Promise<void>;
}

export interface PrinterInfo {
  name: string;
  displayName: string;
  isDefault: boolean;
}

export interface SheetPrintOptions {
  paper: SheetPaper;
  /** System printer name; empty = the default printer. */
  deviceName: string;
  /** Show the sheet and the print dialog instead of printing silently. */
  preview: boolean;
}

/** Prints a sheet on a system printer (Electron only; the browser prints through its own dialog). */
export interface SheetPrinter {
  print(html: string, opts: SheetPrintOptions): Promise<{ ok: true } | { ok: false; reason: string }>;
  printers(): Promise<PrinterInfo[]>;
}
