// The setup forms share one hook (load, edit, save, say what happened): a refused save shows the
// app's Chinese message and keeps the edits; an edit clears it; a save says 已保存 and the value is
// there after a reload of the page.
import { test, expect } from '@playwright/test';
import { startWindowApp, seedOperators, login, ADMIN, type WindowApp } from './harness';

let app: WindowApp;
test.beforeEach(async () => {
  app = await startWindowApp();
  await seedOperators(app);
});
test.afterEach(async () => {
  await app.close();
});

test('setup forms: refused with the message, edited, saved, still there after a reload', async ({ page }) => {
  await login(page, app, ADMIN);
  await page.keyboard.press('F12');
  const sections = page.getByRole('navigation', { name: '设置项目' });

  // 机构信息: the app refuses a region that is not six digits; the edit stays in the form.
  await sections.getByRole('button', { name: '机构信息' }).click();
  await page.getByLabel('行政区划代码').fill('3703');
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page.getByLabel('行政区划代码')).toHaveValue('3703');
  await page.getByLabel('行政区划代码').fill('370303');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await page.getByLabel('机构名称').fill('测试镇卫生院');
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await expect(page.getByRole('status')).toHaveText('已保存');

  // 输入上限: a quantity that is not a whole number is refused before the call.
  await sections.getByRole('button', { name: '输入上限' }).click();
  await page.getByLabel('单条费用数量上限').fill('9x');
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText('数量上限应为 1 到 100000 的整数');
  await page.getByLabel('单条费用数量上限').fill('500');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await expect(page.getByRole('status')).toHaveText('已保存');

  // Both are stored: the forms load them again.
  await page.reload();
  await expect(page.getByLabel('当前操作员')).toBeVisible();
  await page.keyboard.press('F12');
  await sections.getByRole('button', { name: '机构信息' }).click();
  await expect(page.getByLabel('机构名称')).toHaveValue('测试镇卫生院');
  await expect(page.getByLabel('行政区划代码')).toHaveValue('370303');
  await sections.getByRole('button', { name: '输入上限' }).click();
  await expect(page.getByLabel('单条费用数量上限')).toHaveValue('500');
});
