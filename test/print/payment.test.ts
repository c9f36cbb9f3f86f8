// A receipt paid by WeChat or Alipay says so: the personal part is labelled by its method and the
// transaction reference is printed (A5 sheet through real Chromium, and the thermal bytes); cash
// stays 个人现金支付. PNGs of the sheets go to test-results/receipts/ for people to look at.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { ChromiumPdfRenderer } from '../../electron/print/pdf-chromium';
import { renderReceiptHtml } from '../../electron/print/html';
import { renderReceiptEscPos } from '../../electron/print/escpos/receipt';
import { buildReversalReceipt, receiptPayment } from '../../electron/core/receipt';
import { DEMO_CHECK_KEY, hmacSigner } from '../../electron/print/check';
import { caseFiles, caseReceipt, pdfPages, pdfText, savePng, squash, tempDir } from './helpers';
import { lines, parseEscPos } from './escpos-parse';

const REF = '4200000612202006150123456789';
let renderer: ChromiumPdfRenderer;
let dir: string;

beforeAll(() => {
  renderer = new ChromiumPdfRenderer();
  dir = tempDir('receipt-payment-');
});
afterAll(async () => renderer.close());

async function sheetText(name: string, html: string): Promise<{ text: string; pdf: string }> {
  const pdf = path.join(dir, `${name}.pdf`);
  fs.writeFileSync(pdf, await renderer.pdf(html, 'A5'));
  expect(pdfPages(pdf)).toBe(1);
  return { text: squash(pdfText(pdf)), pdf };
}

const inpatient = () => caseFiles().find((f) => f.includes('township-inpatient'))!;

describe('the payment method on the receipt', () => {
  it('keeps the method name and drops the "no reference" dash', () => {
    expect(receiptPayment({ method: 'wechat', reference: ` ${REF} ` })).toEqual({ method: 'wechat', name: '微信支付', reference: REF });
    expect(receiptPayment({ method: 'alipay', reference: '-' })).toEqual({ method: 'alipay', name: '支付宝' });
    expect(receiptPayment({ method: 'cash', reference: 'x' })).toEqual({ method: 'cash', name: '现金' });
  });

  it('a WeChat payment prints 微信支付 and its transaction reference, not 个人现金支付', async () => {
    const r = caseReceipt(inpatient(), { payment: { method: 'wechat', reference: REF } });
    const { text, pdf } = await sheetText('wechat', renderReceiptHtml(r, { paper: 'A5' }));
    expect(text).toContain(`个人支付（微信支付）支付方式：微信支付交易单号：${REF}大写：${r.capital.cashPaid}`);
    expect(text).toContain(`交易单号：${REF}`);
    expect(text).toContain(`+个人支付（微信支付）${r.cashPaid}`);
    expect(text).not.toContain('个人现金');
    savePng(pdf, 'mobile-payment-wechat');
  }, 120_000);

  it('cash stays cash, with no transaction reference', async () => {
    const r = caseReceipt(inpatient(), { payment: { method: 'cash' } });
    const { text } = await sheetText('cash', renderReceiptHtml(r, { paper: 'A5' }));
    expect(text).toContain(`个人现金支付大写：${r.capital.cashPaid}`);
    expect(text).toContain(`+个人现金${r.cashPaid}`);
    expect(text).not.toContain('交易单号');
    expect(text).not.toContain('微信');
  }, 120_000);

  it('the reversal of an Alipay payment refunds it the way it came', async () => {
    const r = caseReceipt(inpatient(), { payment: { method: 'alipay', reference: REF } });
    const rev = buildReversalReceipt(r, { settlementId: `${r.settlementId}-C`, receiptNo: 'R01202310010009', settledAt: '2023-10-02 09:15:00', operatorName: '演示收费员', offline: false }, hmacSigner(DEMO_CHECK_KEY));
    const { text } = await sheetText('alipay-reversal', renderReceiptHtml(rev, { paper: 'A5' }));
    expect(text).toContain('退还个人支付（支付宝原路退回）');
    expect(text).toContain(`交易单号：${REF}`);
  }, 120_000);

  it('the thermal receipt names the method and prints the reference on every paper width', () => {
    const r = caseReceipt(inpatient(), { payment: { method: 'wechat', reference: REF } });
    for (const paper of ['escpos58', 'escpos80'] as const) {
      const text = squash(lines(parseEscPos(renderReceiptEscPos(r, { paper }))).join('\n'));
      expect(text).toContain(`个人支付（微信支付）${r.cashPaid}`);
      expect(text).toContain('支付方式：微信支付');
      expect(text).toContain(`交易单号：${REF}`);
    }
    const cash = squash(lines(parseEscPos(renderReceiptEscPos(caseReceipt(inpatient()), { paper: 'escpos58' }))).join('\n'));
    expect(cash).toContain(`个人现金支付`);
    expect(cash).not.toContain('交易单号');
  });
});
