// The smaller findings in the browser: an empty name in card-free asks for the name (cursor there),
// a wrong check digit is caught at once; after card-free identification and after F12 the cursor
// is on the next useful control, never on <body>; 已保存的对照 names the item.
import { test, expect } from '@playwright/test';
import { startWindowApp, seedOperators, login, screenshotPath, ADMIN, type WindowApp } from '../window/harness';
import { NET } from '../support/waits';

let app: WindowApp;
test.beforeEach(async () => {
  app = await startWindowApp();
  await seedOperators(app);
});
test.afterEach(async () => {
  await app.close();
});

const focusedTag = (page: import('@playwright/test').Page) => page.locator(':focus').evaluate((el) => el.tagName).catch(() => 'BODY');

test('card-free: empty name and a wrong check digit are refused with the cursor on the field; then focus moves on', async ({ page }) => {
  await login(page, app);
  await page.keyboard.press('F5');
  const id = page.getByLabel('身份证号', { exact: true });
  await id.fill('370303195803120316');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toHaveText('请填写患者姓名（与身份证一致），用于核对');
  await expect(page.getByLabel('姓名', { exact: true })).toBeFocused();
  await page.keyboard.type('张建国');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await id.fill('370303195803120317');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toHaveText('身份证号校验位不正确（GB 11643），请核对是否输错');
  await expect(id).toBeFocused();
  await page.screenshot({ path: screenshotPath('66-card-free-check-digit') });
  await id.fill('370303195803120316');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('person-name')).toHaveText('张建国', NET);
  // No HIS visits here: the cursor waits on hand entry.
  await expect(page.getByRole('button', { name: '手工录入费用（F6）' })).toBeFocused();
  expect(await focusedTag(page)).not.toBe('BODY');
});

test('F12 puts the cursor in setup; a saved mapping names its item', async ({ page }) => {
  await login(page, app, ADMIN);
  await page.keyboard.press('F12');
  await expect(page.getByRole('navigation', { name: '设置项目' }).getByRole('button', { name: '机构信息' })).toBeFocused();
  await page.getByRole('button', { name: 'HIS 目录对照' }).click();
  await page.getByRole('button', { name: '新增一条' }).click();
  await page.getByLabel('医院项目编码', { exact: true }).fill('X900');
  await page.getByLabel('医院项目名称', { exact: true }).fill('针灸治疗');
  await page.getByRole('textbox', { name: '医保目录名称 不填则同医院项目名称' }).fill('针灸');
  await page.locator('label.field').filter({ has: page.locator('span.field-label', { hasText: /^类别$/ }) }).locator('select').selectOption('C');
  await page.getByRole('button', { name: '保存对照' }).click();
  await expect(page.getByText('已保存“针灸治疗”的对照')).toBeVisible();
});
