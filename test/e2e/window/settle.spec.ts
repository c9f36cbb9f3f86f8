// The cashier's main path, keyboard only: a simulated social security card, the demo HIS visits,
// the poor patient's inpatient stay pre-settled with every layer, cash taken with change, the
// receipt PDF archived; then the same with the network down, and the queue draining after.
import { test, expect, type Page } from '@playwright/test';
import { startWindowApp, seedOperators, login, injectDemoVisits, setNetworkFaults, screenshotPath, type WindowApp } from './harness';
import { NET } from '../support/waits';

let app: WindowApp;
test.beforeEach(async () => {
  app = await startWindowApp();
  await seedOperators(app);
  await injectDemoVisits(app);
});
test.afterEach(async () => {
  await app.close();
});

async function readCard(page: Page, personKey: string) {
  await page.getByLabel('模拟读卡器中的卡').selectOption(personKey);
  await page.keyboard.press('F2');
}

async function settleInpatient(page: Page, shots: string | undefined) {
  const visits = page.getByRole('table', { name: '待结算就诊' });
  await expect(visits).toBeFocused(NET);
  await expect(visits.getByRole('row', { selected: true })).toContainText('住院');
  if (shots) await page.screenshot({ path: screenshotPath(`${shots}-person-visits`) });
  await page.keyboard.press('Enter');
  const layers = page.getByRole('table', { name: '各重保障' });
  await expect(layers).toBeVisible(NET);
  // Online the network names the funds (城乡居民基本医疗保险基金); offline the local engine's name.
  await expect(layers).toContainText(/基本医疗保险基金|基本医保统筹/, NET);
  await expect(layers).toContainText('起付');
  const due = (await page.getByTestId('cash-due').textContent())!;
  await expect(page.getByLabel('实收现金')).toBeFocused(NET);
  await page.keyboard.type('5000');
  if (shots) await page.screenshot({ path: screenshotPath(`${shots}-presettle-pay`) });
  return due;
}

test('a cashier settles the poor patient\'s inpatient visit by card and gets the receipt PDF', async ({ page, request }) => {
  await login(page, app);
  await expect(page.getByRole('heading', { name: '第一步：识别参保人' })).toBeVisible();
  await page.getByRole('button', { name: '载入演示就诊（HIS 模拟）' }).click();
  await expect(page.getByRole('status')).toHaveText(/HIS 模拟已发送 6 条演示就诊/);
  await page.screenshot({ path: screenshotPath('10-window-identify') });
  await readCard(page, 'poor');
  await expect(page.getByTestId('person-name')).toHaveText('张建国', NET);
  await expect(page.getByTestId('person-id')).toHaveText('370303********0316');
  await expect(page.getByText('建档立卡贫困人口')).toBeVisible();
  await expect(page.getByText('联网数据')).toBeVisible(NET);
  const due = await settleInpatient(page, '11');
  const change = (5000 * 100 - Math.round(Number(due) * 100)) / 100;
  await expect(page.getByTestId('change')).toHaveText(change.toFixed(2));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('settled-state')).toHaveText('结算成功', NET);
  await expect(page.getByTestId('done-change')).toHaveText(change.toFixed(2));
  await page.screenshot({ path: screenshotPath('12-settled-receipt') });
  const href = await page.getByTestId('receipt-link').getAttribute('href');
  const pdf = await request.get(new URL(href!, app.url).toString());
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
  const noSession = await request.get(new URL(href!.replace(/\?.*$/, ''), app.url).toString());
  expect(noSession.status()).toBe(401);
  // Next patient: Enter goes back to reading a card.
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: '第一步：识别参保人' })).toBeVisible();
});

test('with the network down the settlement is queued, and the queue drains when it returns', async ({ page }) => {
  await login(page, app);
  // Read once online so the person is cached, then take the network down.
  await readCard(page, 'poor');
  await expect(page.getByText('联网数据')).toBeVisible(NET);
  await page.keyboard.press('Escape');
  // The person's visits went to the network ahead (registration, fee lines): done before it goes down.
  await app.services.window.aheadIdle();
  setNetworkFaults(app, 'drop=1');
  await page.keyboard.press('F2');
  await expect(page.getByText(/离线缓存/)).toBeVisible(NET);
  await settleInpatient(page, '13-offline');
  await expect(page.getByText(/医保网络不可用/).first()).toBeVisible(NET);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('settled-state')).toContainText('已离线结算', NET);
  await page.screenshot({ path: screenshotPath('14-settled-offline') });
  setNetworkFaults(app, '');
  await page.keyboard.press('Enter');
  await page.keyboard.press('F11');
  const list = page.getByRole('table', { name: '今日结算列表' });
  await expect(list).toContainText('待上传');
  await expect(async () => {
    await page.keyboard.press('F5');
    await expect(list).toContainText('已确认', { timeout: 1000 });
  }).toPass({ timeout: 60_000 });
});
