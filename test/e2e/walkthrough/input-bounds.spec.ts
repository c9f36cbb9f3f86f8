// Numbers are refused at once, with a message, and old messages go when the input changes:
// a negative quantity in the village clinic, letters and absurd amounts of cash.
import { test, expect } from '@playwright/test';
import { startWindowApp, seedOperators, login, screenshotPath, type WindowApp } from '../window/harness';

let app: WindowApp;
test.beforeEach(async () => {
  app = await startWindowApp();
  await seedOperators(app);
});
test.afterEach(async () => {
  await app.close();
});

test('village quantity "-3" and bad cash are refused at once; a stale message goes when the input changes', async ({ page }) => {
  await login(page, app);
  await page.keyboard.press('F10');
  await page.getByLabel('模拟读卡器中的卡').selectOption('poor');
  await page.keyboard.press('F2');
  const search = page.getByLabel('目录检索');
  await expect(search).toBeFocused();
  await search.fill('ybzl');
  await expect(page.getByRole('table', { name: '检索结果' })).toContainText('一般诊疗费');
  await page.keyboard.press('Enter');
  const qty = page.getByLabel('一般诊疗费 数量');
  await qty.fill('-3');
  const lines = page.getByRole('table', { name: '费用明细' });
  await expect(lines.getByRole('alert')).toHaveText('数量不能为负数');
  await expect(qty).toHaveValue('-3');
  await page.screenshot({ path: screenshotPath('62-village-negative-quantity') });
  await search.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert').last()).toContainText('一般诊疗费：数量不能为负数');
  await expect(page.getByRole('table', { name: '各重保障' })).toHaveCount(0);
  await qty.fill('1');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await search.focus();
  await page.keyboard.press('Enter');

  const tendered = page.getByLabel('实收现金');
  await expect(tendered).toBeFocused();
  const due = Number(await page.getByTestId('cash-due').textContent());
  if (due > 0) {
    await tendered.fill('0.01');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('alert')).toContainText('实收金额不足');
  }
  await tendered.fill('abc');
  await expect(page.getByRole('alert')).toHaveText('实收金额只能是数字，最多两位小数');
  await expect(page.getByRole('alert')).not.toContainText('实收金额不足');
  await tendered.fill('-5');
  await expect(page.getByRole('alert')).toHaveText('实收金额不能为负数');
  await tendered.fill('99999999999999');
  await expect(page.getByRole('alert')).toHaveText('实收金额不能超过 20000.00 元，请核对');
  await expect(page.getByTestId('change')).toHaveText('—');
  await page.screenshot({ path: screenshotPath('63-cash-refused-at-once') });
  await tendered.fill('100');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByTestId('change')).not.toHaveText('—');
});
