// The technician's chores without typed paths (a file chooser for the policy pack) and the demo's
// plain 模拟断网 switch: the badge goes offline and back; the demo persons' ID numbers are listed.
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { startWindowApp, seedOperators, login, screenshotPath, ADMIN, type WindowApp } from '../window/harness';

let app: WindowApp;
test.beforeEach(async () => {
  app = await startWindowApp();
  await seedOperators(app);
});
test.afterEach(async () => {
  await app.close();
});

test('policy import through the file chooser', async ({ page }) => {
  await login(page, app, ADMIN);
  await page.keyboard.press('F12');
  await page.getByRole('button', { name: '政策包', exact: true }).click();
  const pack = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'policies', 'zibo-2020.json'), 'utf8'));
  Object.assign(pack, { id: 'zibo-2021-chooser', name: '淄博 2021（选择文件）', effective: { from: '2021-01-01', to: '2021-12-31' } });
  await page.getByLabel('选择政策包文件并导入').setInputFiles({ name: 'zibo-2021.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(pack)) });
  await expect(page.getByRole('status').filter({ hasText: '已导入' })).toContainText('已导入策略包 淄博 2021（选择文件）（zibo-2021-chooser），文件 zibo-2021.json');
  await expect(page.getByRole('table')).toContainText('zibo-2021-chooser');
  await page.screenshot({ path: screenshotPath('64-policy-file-chooser') });
});

test('the demo switch takes the network down and back; the demo persons are listed in full', async ({ page }) => {
  await login(page, app);
  const badge = page.getByLabel('医保网络状态');
  const sw = page.getByLabel('模拟断网（演示）');
  await expect(sw).not.toBeChecked();
  await sw.check();
  await expect(badge).toHaveText('医保网络离线', { timeout: 10_000 });
  await page.getByText('演示人员的身份证号').click();
  await expect(page.getByRole('table', { name: '演示人员名单' })).toContainText('370303195803120316');
  await page.screenshot({ path: screenshotPath('65-demo-offline-switch') });
  await sw.uncheck();
  await expect(badge).toHaveText('医保网络在线', { timeout: 10_000 });
});
