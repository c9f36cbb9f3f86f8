// The newcomer's path on today's real clock, through the same entry point as `npm start`:
// create the administrator, open the cashier window, let the demo HIS send its visits, read the
// demo card with one keypress, pre-settle, settle, and get the receipt — no code read, no setup.
import { test, expect } from '@playwright/test';
import { startApp, screenshotPath, type StartedApp } from './support/app';
import { NET } from './support/waits';

let app: StartedApp;
test.beforeEach(async () => {
  app = await startApp();
});
test.afterEach(async () => {
  await app.stop();
});

test('a newcomer settles a demo patient from card to receipt on today\'s date', async ({ page, request }) => {
  await page.goto(app.url);
  await expect(page.getByRole('heading', { name: '创建管理员' })).toBeVisible();
  await page.getByLabel('姓名').fill('新同事');
  await page.getByLabel('密码（至少 6 位）').fill('newcomer-1');
  await page.getByLabel('再次输入密码').fill('newcomer-1');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('当前操作员')).toContainText('新同事');

  await page.keyboard.press('F9');
  await expect(page.getByRole('heading', { name: '第一步：识别参保人' })).toBeVisible();
  await page.getByRole('button', { name: '载入演示就诊（HIS 模拟）' }).click();
  await expect(page.getByRole('status')).toHaveText(/HIS 模拟已发送 \d+ 条演示就诊/);
  await page.getByLabel('模拟读卡器中的卡').selectOption('poor');
  await page.keyboard.press('F2');
  await expect(page.getByTestId('person-name')).toHaveText('张建国', NET);

  const visits = page.getByRole('table', { name: '待结算就诊' });
  await expect(visits).toBeFocused(NET);
  await page.keyboard.press('Enter');
  const layers = page.getByRole('table', { name: '各重保障' });
  // Online the network names the funds (城乡居民基本医疗保险基金); offline the local engine's name.
  await expect(layers).toContainText(/基本医疗保险基金|基本医保统筹/, NET);
  // Today the built-in simulator's demo pack is in force, and the sheet says so.
  await expect(page.getByText(/演示/).first()).toBeVisible();
  const due = Number(await page.getByTestId('cash-due').textContent());
  expect(due).toBeGreaterThanOrEqual(0);
  await page.keyboard.type(String(Math.ceil(due) + 100));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('settled-state')).toHaveText('结算成功', NET);
  await page.screenshot({ path: screenshotPath('00-newcomer-settled') });
  const href = await page.getByTestId('receipt-link').getAttribute('href');
  const pdf = await request.get(new URL(href!, app.url).toString());
  expect(pdf.status()).toBe(200);
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
});
