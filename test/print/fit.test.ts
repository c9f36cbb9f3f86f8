// One sheet, whatever the stay: a receipt that runs over A5 is set tighter, and one that still runs
// over goes to A4, which the print outcome tells the cashier. Real Chromium; pages counted by
// pdfinfo and by our own reader of the PDF.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { ChromiumPdfRenderer } from '../../electron/print/pdf-chromium';
import { renderReceiptHtml } from '../../electron/print/html';
import { archivedLayout, layoutNote, layoutsFor, pdfPageCount, renderFitted } from '../../electron/print/fit';
import type { ReceiptData } from '../../electron/core/receipt';
import { longReceipt, pdfPages, pdfText, savePng, squash, tempDir } from './helpers';

let renderer: ChromiumPdfRenderer;
let dir: string;

beforeAll(() => {
  renderer = new ChromiumPdfRenderer();
  dir = tempDir('receipt-fit-');
});
afterAll(async () => renderer.close());

async function fit(name: string, r: ReceiptData, paper: 'A5' | 'A4' = 'A5') {
  const f = await renderFitted((l) => renderReceiptHtml(r, { paper: l.paper, dense: l.dense }), renderer, paper);
  const file = path.join(dir, `${name}.pdf`);
  fs.writeFileSync(file, f.bytes);
  return { ...f, file };
}

describe('fitting the receipt to one sheet', () => {
  it('tries A5, A5 tighter, then A4 (and A4 tighter); an A4 setup never goes smaller', () => {
    expect(layoutsFor('A5')).toEqual([{ paper: 'A5', dense: false }, { paper: 'A5', dense: true }, { paper: 'A4', dense: false }, { paper: 'A4', dense: true }]);
    expect(layoutsFor('A4').every((l) => l.paper === 'A4')).toBe(true);
    expect(layoutNote('A5', { paper: 'A5', dense: true })).toBeUndefined();
    expect(layoutNote('A5', { paper: 'A4', dense: false })).toContain('已自动改用 A4 纸');
  });

  it('counts pages as pdfinfo does and reads the paper of an archived sheet', async () => {
    const over = longReceipt(60);
    for (const [name, paper] of [['count-a5', 'A5'], ['count-a4', 'A4']] as const) {
      const file = path.join(dir, `${name}.pdf`);
      const bytes = await renderer.pdf(renderReceiptHtml(over, { paper }), paper);
      fs.writeFileSync(file, bytes);
      expect(pdfPageCount(bytes)).toBe(pdfPages(file));
      expect(pdfPageCount(bytes)).toBeGreaterThan(1);
      expect(archivedLayout(bytes)).toEqual({ paper, pages: pdfPages(file) });
    }
  }, 120_000);

  it('a sheet that runs over A5 by a few lines is set tighter and stays on one A5 sheet', async () => {
    const r = longReceipt(4);
    const plain = path.join(dir, 'plain.pdf');
    fs.writeFileSync(plain, await renderer.pdf(renderReceiptHtml(r, { paper: 'A5' }), 'A5'));
    expect(pdfPages(plain)).toBe(2);
    const f = await fit('dense-a5', r);
    expect(f.layout).toEqual({ paper: 'A5', dense: true });
    expect(pdfPages(f.file)).toBe(1);
    const text = squash(pdfText(f.file));
    expect(text).toContain(r.qr.check);
    expect(text).toContain('本单为医保一站式结算凭证');
    savePng(f.file, 'fit-a5-dense');
  }, 120_000);

  it('a sheet too long for A5 even when tight goes to one A4 sheet', async () => {
    const f = await fit('a4', longReceipt(10));
    expect(f.layout.paper).toBe('A4');
    expect(pdfPages(f.file)).toBe(1);
    expect(execFileSync('pdfinfo', [f.file], { encoding: 'utf8' })).toMatch(/Page size:.*\(A4\)/);
    savePng(f.file, 'fit-a4');
  }, 120_000);
});
