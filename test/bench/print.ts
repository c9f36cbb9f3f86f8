// print.receipt_pdf_ms: the median time to render one receipt (HTML built from the model, then
// Chromium's PDF) with the renderer warm, as the receipts service does it after a settlement.
// Also print.receipt_pdf_cold_ms (first render, browser start included) and print.escpos_ms.
import path from 'node:path';
import fs from 'node:fs';
import type { BenchSuite } from './registry';
import { ChromiumPdfRenderer } from '../../electron/print/pdf-chromium';
import { renderReceiptHtml } from '../../electron/print/html';
import { renderReceiptEscPos } from '../../electron/print/escpos/receipt';
import { receiptFromCaseFile } from '../../electron/print/case-receipt';
import { DEMO_CHECK_KEY, hmacSigner } from '../../electron/print/check';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const round = (n: number) => Math.round(n * 10) / 10;

export const suite: BenchSuite = {
  name: 'print',
  async run() {
    const file = path.join(__dirname, '..', 'cases', 'zibo-poverty-township-inpatient.json');
    const source = fs.existsSync(file) ? file : path.join(__dirname, '..', '..', '..', 'shared', 'cases', 'zibo-poverty-township-inpatient.json');
    const built = receiptFromCaseFile(source, { sign: hmacSigner(DEMO_CHECK_KEY) });
    if (!built.ok) throw new Error(built.error.message);
    const receipt = built.value;
    const renderer = new ChromiumPdfRenderer();
    try {
      let t = performance.now();
      await renderer.pdf(renderReceiptHtml(receipt, { paper: 'A5' }), 'A5');
      const cold = performance.now() - t;
      const times: number[] = [];
      for (let i = 0; i < 15; i++) {
        t = performance.now();
        await renderer.pdf(renderReceiptHtml({ ...receipt, receiptNo: `R0120200615${String(i + 2).padStart(4, '0')}` }, { paper: 'A5', reprintNo: i % 3 }), 'A5');
        times.push(performance.now() - t);
      }
      const esc: number[] = [];
      for (let i = 0; i < 200; i++) {
        t = performance.now();
        renderReceiptEscPos(receipt, { paper: 'escpos80' });
        esc.push(performance.now() - t);
      }
      return { 'print.receipt_pdf_ms': round(median(times)), 'print.receipt_pdf_cold_ms': round(cold), 'print.escpos_ms': round(median(esc)) };
    } finally {
      await renderer.close();
    }
  },
};
