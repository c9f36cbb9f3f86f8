// The header badge and setup's status line follow the network both ways within seconds: a failed
// test sign-in (faults on) turns both 离线 without navigating; with the faults off the watch sees
// the network back and both turn 在线 again.
import { test, expect } from '@playwright/test';
import { startWindowApp, seedOperators, login, setNetworkFaults, screenshotPath, ADMIN, type WindowApp } from '../window/harness';

let app: WindowApp;
test.beforeEach(async () => {
  app = await startWindowApp();
  await seedOperators(app);
});
test.afterEach(async () => {
  await app.close();
});

test('the network badge goes offline after a failed sign-in and comes back by itself', async ({ page }) => {
  await login(page, app, ADMIN);
  const badge = page.getByLabel('医保网络状态');
  await page.keyboard.press('F12');
  await page.getByRole('button', { name: '医保网络', exact: true }).click();
  await page.getByRole('button', { name: '测试签到' }).click();
  await expect(page.getByText(/签到成功/)).toBeVisible();
  await expect(badge).toHaveText('医保网络在线', { timeout: 5000 });
  await expect(page.getByLabel('连接状态')).toHaveText('在线');

  setNetworkFaults(app, 'drop=1');
  await page.getByRole('button', { name: '测试签到' }).click();
  await expect(page.getByText('医保网络无应答', { exact: false })).toBeVisible();
  // No navigation: both follow within a few seconds.
  await expect(badge).toHaveText('医保网络离线', { timeout: 5000 });
  await expect(page.getByLabel('连接状态')).toHaveText('离线', { timeout: 5000 });
  await page.screenshot({ path: screenshotPath('60-network-badge-offline') });

  setNetworkFaults(app, '');
  await expect(badge).toHaveText('医保网络在线', { timeout: 10_000 });
  await expect(page.getByLabel('连接状态')).toHaveText('在线', { timeout: 5000 });
  await page.screenshot({ path: screenshotPath('61-network-badge-back-online') });
});
