// The receipts a cashier hands out, as the window makes them in Chromium: a mobile payment names
// its method and transaction reference on the done screen and on the archived sheet. The archived
// PDFs (what the browser's print gets) have their pages counted (pdfinfo) and drawn to PNG
// (pdftoppm) under test-results/receipts-e2e/ for people to look at.
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { startWindowApp, seedOperators, login, injectDemoVisits, screenshotPath, type WindowApp } from './harness';

const OUT = path.resolve(__dirname, '..', '..', '..', 'test-results', 'receipts-e2e');

let app: WindowApp;
test.beforeEach(async () => {
  app = await startWindowApp();
  await seedOperators(app);
  await injectDemoVisits(app);
});
test.afterEach(async () => {
  await app.close();
});

/** The done screen's receipt as archived (the file the browser's print gets), saved with its pages as PNG. */
function archivedReceipt(receiptNo: string, name: string): { pages: number; text: string } {
  const receipts = app.service<{ pdfPath(no: string): string | undefined }>('receipts')!;
  const archived = receipts.pdfPath(receiptNo);
  expect(archived, `archived PDF of ${receiptNo}`).toBeTruthy();
  fs.mkdirSync(OUT, { recursive: true });
  const pdf = path.join(OUT, `${name}.pdf`);
  fs.copyFileSync(archived!, pdf);
  for (const old of fs.readdirSync(OUT).filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png'))) fs.rmSync(path.join(OUT, old));
  execFileSync('pdftoppm', ['-r', '110', '-png', pdf, path.join(OUT, name)]);
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  return { pages, text };
}

test('paid by Alipay: the window labels the amount by method, the done screen and the receipt show method and reference', async ({ page }) => {
  const ref = '2020061522001400009876543210';
  await login(page, app);
  await page.getByLabel('模拟读卡器中的卡').selectOption('ordinary');
  await page.keyboard.press('F2');
  const visits = page.getByRole('table', { name: '待结算就诊' });
  await expect(visits).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('due-label')).toHaveText('应收现金');
  await page.keyboard.press('F8');
  await expect(page.getByTestId('due-label')).toHaveText('应收（微信）');
  await page.getByLabel('移动支付方式').selectOption('alipay');
  await expect(page.getByTestId('due-label')).toHaveText('应收（支付宝）');
  await expect(page.getByText('应收现金')).toHaveCount(0);
  await page.getByLabel('交易单号').fill(ref);
  await page.getByLabel('交易单号').press('Enter');
  // The first settlement starts the warm Chromium that renders the archived PDF: allow for it.
  await expect(page.getByTestId('settled-state')).toHaveText('结算成功', { timeout: 60_000 });
  await expect(page.getByTestId('paid-by')).toHaveText('个人支付（支付宝）');
  await expect(page.getByTestId('payment-reference')).toHaveText(ref);
  await expect(page.locator('.done-box')).not.toContainText('个人现金');
  await page.screenshot({ path: screenshotPath('40-mobile-payment-done') });
  const sheet = archivedReceipt((await page.getByTestId('receipt-no').textContent())!, 'mobile-payment-alipay');
  expect(sheet.pages).toBe(1);
  expect(sheet.text).toContain(`个人支付（支付宝）支付方式：支付宝交易单号：${ref}`);
  expect(sheet.text).not.toContain('个人现金');
});

test('the 31-line inpatient stay, paid in cash: the archived receipt is ONE A5 sheet with QR code and footer', async ({ page }) => {
  await login(page, app);
  await page.getByLabel('模拟读卡器中的卡').selectOption('poor');
  await page.keyboard.press('F2');
  const visits = page.getByRole('table', { name: '待结算就诊' });
  await expect(visits).toBeFocused();
  await expect(visits.getByRole('row', { selected: true })).toContainText('住院');
  await expect(visits.getByRole('row', { selected: true })).toContainText('31');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('实收现金')).toBeFocused();
  await page.keyboard.type('5000');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('settled-state')).toHaveText('结算成功', { timeout: 60_000 });
  await expect(page.getByTestId('paid-by')).toHaveText('个人现金支付');
  const sheet = archivedReceipt((await page.getByTestId('receipt-no').textContent())!, 'inpatient-31-lines-a5');
  expect(sheet.pages).toBe(1);
  const info = execFileSync('pdfinfo', [path.join(OUT, 'inpatient-31-lines-a5.pdf')], { encoding: 'utf8' });
  expect(info).toMatch(/Page size:.*\(A5\)/);
  expect(sheet.text).toContain('校验码');
  expect(sheet.text).toContain('本单为医保一站式结算凭证');
  expect(sheet.text).toContain('西药费');
});
