// The receipt of every shared case rendered to PDF by real Chromium: one A5 page whose text
// (pdftotext) has every layer's name and amount and the capital-numeral totals; a PNG of each is
// saved under test-results/receipts/ for people to look at.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { ChromiumPdfRenderer } from '../../electron/print/pdf-chromium';
import { renderReceiptHtml } from '../../electron/print/html';
import { buildReversalReceipt } from '../../electron/core/receipt';
import { DEMO_CHECK_KEY, hmacSigner } from '../../electron/print/check';
import { cjkFontStatus } from '../../electron/print/font';
import { caseFiles, caseReceipt, pdfPages, pdfText, savePng, squash, tempDir } from './helpers';

let renderer: ChromiumPdfRenderer;
let dir: string;

beforeAll(() => {
  renderer = new ChromiumPdfRenderer();
  dir = tempDir('receipt-pdf-');
});
afterAll(async () => renderer.close());

async function render(name: string, html: string, paper: 'A5' | 'A4' = 'A5'): Promise<string> {
  const file = path.join(dir, `${name}.pdf`);
  fs.writeFileSync(file, await renderer.pdf(html, paper));
  return file;
}

describe('receipt PDF in Chromium', () => {
  it('has a CJK font on this machine (Chinese never prints as boxes)', () => {
    expect(cjkFontStatus().ok).toBe(true);
  });

  for (const file of caseFiles()) {
    const name = path.basename(file, '.json');
    it(`${name}: one A5 sheet with every layer, amount and capital total`, async () => {
      const r = caseReceipt(file);
      const pdf = await render(name, renderReceiptHtml(r, { paper: 'A5' }));
      expect(pdfPages(pdf)).toBe(1);
      expect(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })).toMatch(/Page size:\s+419\.\d+ x 595\.\d+|Page size:\s+420 x 59[45]/);
      const text = squash(pdfText(pdf));
      expect(text).toContain(squash(r.institution.name));
      expect(text).toContain(r.receiptNo);
      expect(text).toContain(r.settlementId);
      expect(text).toContain(r.patient.idMasked);
      for (const l of r.layers) {
        expect(text, l.name).toContain(squash(l.name) + l.amount);
      }
      expect(text).toContain(`大写：${r.capital.total}`);
      expect(text).toContain(`大写：${r.capital.fundTotal}`);
      expect(text).toContain(`大写：${r.capital.cashPaid}`);
      expect(text).toContain(`${r.cashPaid}元`);
      expect(text).toContain(r.qr.check);
      expect(text).not.toContain('脱机结算');
      expect(text).not.toContain('重打');
      expect(fs.statSync(savePng(pdf, name)).size).toBeGreaterThan(10_000);
    });
  }

  it('marks offline settlement and reprint N on the sheet', async () => {
    const r = caseReceipt(caseFiles()[0], { offline: true });
    const pdf = await render('offline-reprint', renderReceiptHtml(r, { paper: 'A5', reprintNo: 3 }));
    const text = squash(pdfText(pdf));
    expect(text).toContain('脱机结算，待医保中心确认');
    expect(text).toContain('重打3');
    savePng(pdf, 'offline-reprint-3');
  });

  it('renders the reversal receipt of a cancelled settlement', async () => {
    const r = caseReceipt(caseFiles()[1]);
    const rev = buildReversalReceipt(r, { settlementId: `${r.settlementId}-C`, receiptNo: 'R01202310010002', settledAt: '2023-10-02 09:15:00', operatorName: '演示收费员', offline: false }, hmacSigner(DEMO_CHECK_KEY));
    const pdf = await render('reversal', renderReceiptHtml(rev, { paper: 'A5' }));
    const text = squash(pdfText(pdf));
    expect(text).toContain('结算撤销单');
    expect(text).toContain(`原结算单号${r.receiptNo}`);
    expect(text).toContain(`退还个人现金大写：${r.capital.cashPaid}`);
    expect(text).toContain(`个人现金-${r.cashPaid}`);
    expect(text).toContain(`-${r.fees.total}`);
    savePng(pdf, 'reversal');
  });

  it('renders A4 as one A4 page', async () => {
    const r = caseReceipt(caseFiles()[0]);
    const pdf = await render('a4', renderReceiptHtml(r, { paper: 'A4' }), 'A4');
    expect(pdfPages(pdf)).toBe(1);
    expect(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })).toMatch(/Page size:\s+595\.\d+ x 841\.\d+|A4/);
    savePng(pdf, 'a4');
  });

  it('escapes text from outside (a name with markup stays text)', async () => {
    const r = caseReceipt(caseFiles()[0]);
    const html = renderReceiptHtml({ ...r, operator: '<b>王</b>&"' }, { paper: 'A5' });
    expect(html).not.toContain('<b>王</b>');
    expect(html).toContain('&lt;b&gt;王&lt;/b&gt;&amp;&quot;');
  });
});
