// The Electron print path with `electron` mocked (no Electron binary here; the real path is
// verified on a desktop): printToPDF options, silent print to the configured printer, preview,
// failure reasons, the printer list, and the install choosing it in Electron mode.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const h = vi.hoisted(() => {
  const calls: { kind: string; args: unknown[]; win: number }[] = [];
  const state = { printResult: [true, ''] as [boolean, string], printers: [] as unknown[], windows: [] as unknown[] };
  let next = 1;
  class FakeBrowserWindow {
    id = next++;
    destroyed = false;
    visible: boolean;
    options: Record<string, unknown>;
    webContents: Record<string, (...a: unknown[]) => unknown>;
    constructor(opts: Record<string, unknown>) {
      this.options = opts;
      this.visible = Boolean(opts.show);
      state.windows.push(this);
      const id = this.id;
      this.webContents = {
        executeJavaScript: async (code: unknown) => { calls.push({ kind: 'exec', args: [code], win: id }); return true; },
        printToPDF: async (o: unknown) => { calls.push({ kind: 'printToPDF', args: [o], win: id }); return Buffer.from('%PDF-1.4 fake\n%%EOF\n'); },
        print: (o: unknown, cb: unknown) => {
          calls.push({ kind: 'print', args: [o], win: id });
          setTimeout(() => (cb as (s: boolean, r: string) => void)(...state.printResult), 1);
        },
        getPrintersAsync: async () => state.printers,
      };
    }
    async loadURL(url: string) { calls.push({ kind: 'loadURL', args: [url], win: this.id }); }
    destroy() { this.destroyed = true; state.windows = state.windows.filter((w) => w !== this); }
    isDestroyed() { return this.destroyed; }
    static getAllWindows() { return state.windows; }
  }
  return { calls, state, FakeBrowserWindow };
});

vi.mock('electron', () => ({ BrowserWindow: h.FakeBrowserWindow }));

import { ElectronPdfRenderer, ElectronSheetPrinter } from '../../electron/print/electron-output';
import { renderReceiptHtml } from '../../electron/print/html';
import { caseFiles, caseReceipt, tempDir } from './helpers';
import { composeApp } from '../../electron/app/compose';
import type { ReceiptsService } from '../../electron/print/service';

const html = renderReceiptHtml(caseReceipt(caseFiles()[0]), { paper: 'A5' });

beforeEach(() => {
  h.calls.length = 0;
  h.state.printResult = [true, ''];
  h.state.printers = [];
  h.state.windows = [];
});

describe('Electron PDF', () => {
  it('loads the sheet, waits for fonts, prints to PDF at the CSS page size, and destroys the window', async () => {
    const pdf = await new ElectronPdfRenderer().pdf(html, 'A5');
    expect(pdf.toString()).toContain('%PDF');
    const kinds = h.calls.map((c) => c.kind);
    expect(kinds).toEqual(['loadURL', 'exec', 'printToPDF']);
    expect(String(h.calls[0].args[0]).startsWith('data:text/html;charset=utf-8,')).toBe(true);
    expect(decodeURIComponent(String(h.calls[0].args[0]).slice(29))).toBe(html);
    expect(h.calls[1].args[0]).toContain('document.fonts.ready');
    expect(h.calls[2].args[0]).toMatchObject({ pageSize: 'A5', preferCSSPageSize: true, printBackground: true });
    expect(h.state.windows).toHaveLength(0);
  });
});

describe('Electron printing', () => {
  it('prints silently to the configured printer', async () => {
    const res = await new ElectronSheetPrinter().print(html, { paper: 'A5', deviceName: 'EPSON_L3150', preview: false });
    expect(res).toEqual({ ok: true });
    const print = h.calls.find((c) => c.kind === 'print')!;
    expect(print.args[0]).toMatchObject({ silent: true, deviceName: 'EPSON_L3150', printBackground: true, margins: { marginType: 'none' } });
    const size = (print.args[0] as { pageSize: unknown }).pageSize;
    expect(process.platform === 'linux' ? size : 'A5').toEqual(process.platform === 'linux' ? { width: 148000, height: 210000 } : 'A5');
    expect(h.state.windows).toHaveLength(0);
  });

  it('previews: shows the sheet and opens the print dialog (not silent); default printer when none set', async () => {
    await new ElectronSheetPrinter().print(html, { paper: 'A4', deviceName: '', preview: true });
    const print = h.calls.find((c) => c.kind === 'print')!;
    expect(print.args[0]).toMatchObject({ silent: false, deviceName: undefined });
  });

  it('passes the failure reason on', async () => {
    h.state.printResult = [false, 'Print job canceled'];
    const res = await new ElectronSheetPrinter().print(html, { paper: 'A5', deviceName: 'X', preview: false });
    expect(res).toEqual({ ok: false, reason: 'Print job canceled' });
  });

  it('lists printers from getPrintersAsync', async () => {
    h.state.printers = [
      { name: 'EPSON_L3150', displayName: 'EPSON L3150', description: '', options: { 'printer-is-default': 'true' } },
      { name: 'XP-58', displayName: '', description: '', options: {} },
    ];
    const list = await new ElectronSheetPrinter().printers();
    expect(list).toEqual([
      { name: 'EPSON_L3150', displayName: 'EPSON L3150', isDefault: true },
      { name: 'XP-58', displayName: 'XP-58', isDefault: false },
    ]);
    expect(h.state.windows).toHaveLength(0);
  });
});

describe('the print area in Electron mode', () => {
  it('archives with printToPDF and prints silently with webContents.print', async () => {
    const app = await composeApp({ dataDir: tempDir('receipts-electron-'), mode: 'electron', flags: new Map([['network', 'off'], ['his-port', '0']]) });
    try {
      const receipts = app.services.receipts;
      const r = caseReceipt(caseFiles()[0]);
      const { pdfPath } = await receipts.archive(r);
      expect(h.calls.some((c) => c.kind === 'printToPDF')).toBe(true);
      expect(receipts.pdfPath(r.receiptNo)).toBe(pdfPath);
      const out = await receipts.print(r.receiptNo);
      expect(out).toMatchObject({ target: 'printer', ok: true, reprintNo: 0 });
      const again = await receipts.print(r.receiptNo, { preview: true });
      expect(again).toMatchObject({ target: 'preview', ok: true, reprintNo: 1 });
      const printed = h.calls.filter((c) => c.kind === 'print');
      expect(printed).toHaveLength(2);
      const last = h.calls.filter((c) => c.kind === 'loadURL').pop()!;
      expect(decodeURIComponent(String(last.args[0]))).toContain('重打 1');
    } finally {
      await app.close();
    }
  });
});
