// The receipts a cashier hands out, as the window makes them in Chromium: a mobile payment names
// its method and transaction reference on the done screen and on the archived sheet. The archived
// PDFs (what the browser's print gets) have their pages counted (pdfinfo) and drawn to PNG
// (pdftoppm) under test-results/receipts-e2e/ for people to look at.
import { test, expect, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { startWindowApp, seedOperators, login, injectDemoVisits, screenshotPath, type WindowApp } from './harness';
import { NET } from '../support/waits';

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
  const receipts = app.services.receipts;
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
  await expect(visits).toBeFocused(NET);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('due-label')).toHaveText('应收现金', NET);
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
  await expect(visits).toBeFocused(NET);
  await expect(visits.getByRole('row', { selected: true })).toContainText('住院');
  await expect(visits.getByRole('row', { selected: true })).toContainText('31');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('实收现金')).toBeFocused(NET);
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

type Printed = { frame: boolean; title: string; text: string; html: string };

/** Records every print() (in any frame) instead of opening the print window: which frame printed what. */
async function recordPrints(page: Page): Promise<void> {
  await page.addInitScript({
    content: `window.print = () => {
      const top = window.top;
      top.__printed = top.__printed || [];
      top.__printed.push({ frame: window !== window.top, title: document.title, text: document.body ? document.body.innerText : '', html: document.documentElement.outerHTML });
    };`,
  });
}

async function printed(page: Page): Promise<Printed[]> {
  return page.evaluate('window.__printed || []') as Promise<Printed[]>;
}

/** Reads the ordinary resident's card, settles the cold visit in cash, returns the receipt number. */
async function settleOrdinaryInCash(page: Page): Promise<string> {
  await page.getByLabel('模拟读卡器中的卡').selectOption('ordinary');
  await page.keyboard.press('F2');
  await expect(page.getByRole('table', { name: '待结算就诊' })).toBeFocused(NET);
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('实收现金')).toBeFocused(NET);
  await page.keyboard.type('100');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('settled-state')).toHaveText('结算成功', { timeout: 60_000 });
  return (await page.getByTestId('receipt-no').textContent())!;
}

test('结算后自动打印 (on by default) prints the receipt sheet in browser mode, and the window says so', async ({ page }) => {
  await recordPrints(page);
  await login(page, app);
  const receiptNo = await settleOrdinaryInCash(page);
  await expect(page.getByTestId('print-message')).toContainText('已自动打印：已打开浏览器的打印窗口');
  await expect(page.getByTestId('print-message')).toContainText('A5 纸');
  await expect.poll(async () => (await printed(page)).length).toBe(1);
  const [sheet] = await printed(page);
  expect(sheet.frame).toBe(true);
  expect(sheet.text).toContain('医疗费用一站式结算单');
  expect(sheet.text).toContain(receiptNo);
  expect(sheet.html).toContain('size: A5');
  expect(sheet.text).not.toContain('下一位患者');
  // Counted as the original's print; the keyboard stays on the window's next step.
  const receipts = app.services.receipts;
  expect(receipts.get(receiptNo)!.item.printCount).toBe(1);
  await expect(page.getByRole('button', { name: '下一位患者（Enter）' })).toBeFocused();
  await page.screenshot({ path: screenshotPath('41-auto-printed') });
});

test('打印日结单 prints the day sheet on its own A4 page, not the screen with its sidebar', async ({ page, browser }) => {
  await recordPrints(page);
  await login(page, app);
  const receiptNo = await settleOrdinaryInCash(page);
  await expect.poll(async () => (await printed(page)).length).toBe(1);
  await page.keyboard.press('Enter');
  await page.keyboard.press('F11');
  await page.getByRole('button', { name: '打印日结单' }).click();
  await expect(page.getByText('已打开日结单的打印窗口')).toBeVisible();
  await expect.poll(async () => (await printed(page)).length).toBe(2);
  const day = (await printed(page))[1];
  expect(day.frame).toBe(true);
  expect(day.title).toMatch(/^日结单 /);
  for (const words of ['收费员日结单', '应交现金', '收款员签字', '当日结算明细（共 1 笔）', receiptNo, '赵**']) expect(day.text).toContain(words);
  for (const screen of ['收费窗口', '日结与撤销', '待上传队列', '撤销所选结算']) expect(day.text).not.toContain(screen);
  // The page as the printer gets it: one A4 sheet (Chromium's own print to PDF), kept as PNG.
  const sheet = await browser.newPage();
  await sheet.setContent(day.html);
  fs.mkdirSync(OUT, { recursive: true });
  const pdf = path.join(OUT, 'day-sheet.pdf');
  fs.writeFileSync(pdf, await sheet.pdf({ preferCSSPageSize: true, printBackground: true }));
  await sheet.close();
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  expect(info).toMatch(/Pages:\s+1\b/);
  expect(info).toMatch(/Page size:.*\(A4\)/);
  execFileSync('pdftoppm', ['-r', '80', '-png', '-singlefile', pdf, path.join(OUT, 'day-sheet')]);
});
