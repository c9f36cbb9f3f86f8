// The other window paths, keyboard first: card-free settlement refused for an ordinary resident
// (and allowed for the poor), a chronic outpatient visit, the village clinic screen, then the
// operator's cancellation and daily summary.
import { test, expect, type Page } from '@playwright/test';
import { startWindowApp, seedOperators, login, injectDemoVisits, screenshotPath, type WindowApp } from './harness';
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

async function cardFree(page: Page, idNumber: string, name: string) {
  await page.keyboard.press('F5');
  const form = page.getByRole('form', { name: '无卡结算' });
  await form.getByLabel('身份证号').fill(idNumber);
  await form.getByLabel('姓名').fill(name);
  await page.keyboard.press('Enter');
}

test('card-free settlement is refused for an ordinary resident and done for the poor', async ({ page }) => {
  await login(page, app);
  await cardFree(page, '37030319850115061X', '赵志强');
  await expect(page.getByRole('alert')).toContainText('不能无卡结算', NET);
  await page.screenshot({ path: screenshotPath('20-card-free-refused') });
  await page.getByLabel('身份证号').fill('370303195803120316');
  await page.getByLabel('姓名').fill('张建国');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('person-name')).toHaveText('张建国', NET);
  await expect(page.getByText('无卡结算').first()).toBeVisible();
  // The poor patient's chronic visit (second row), 90 days allowed for a stable registration.
  // The visit list takes the keys once it has the focus (a key pressed before that is lost).
  const visits = page.getByRole('table', { name: '待结算就诊' });
  await expect(visits).toBeFocused(NET);
  await page.keyboard.press('ArrowDown');
  await expect(visits.getByRole('row', { selected: true })).toContainText('门诊慢性病');
  await page.getByLabel('处方用药天数').fill('90');
  await page.keyboard.press('F4');
  await expect(page.getByRole('heading', { name: /门诊慢性病（高血压）/ })).toBeVisible(NET);
  await page.keyboard.press('F8');
  await page.getByLabel('交易单号').fill('WX20200615001');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('settled-state')).toHaveText('结算成功', NET);
  await expect(page.locator('.done-box')).toContainText('无卡结算');
  const audit = app.running.app.ctx.db.prepare("SELECT summary FROM audit_log WHERE action = 'window.settle'").all() as { summary: string }[];
  expect(audit[0].summary).toContain('无卡');
});

test('a chronic outpatient visit: registered disease only, up to 3 months of medicine, year-to-date chronic burden shown', async ({ page }) => {
  await login(page, app);
  await page.getByLabel('模拟读卡器中的卡').selectOption('lowIncome');
  await page.keyboard.press('F2');
  await expect(page.getByTestId('person-name')).toHaveText('李秀英', NET);
  await expect(page.getByRole('region', { name: '参保人' })).toContainText('高血压（I10）', NET);
  await expect(page.getByText('慢病个人负担（合规）')).toBeVisible();
  const visits = page.getByRole('table', { name: '待结算就诊' });
  await expect(visits.getByRole('row', { selected: true })).toContainText('门诊慢性病');
  await page.getByLabel('处方用药天数').fill('120');
  await page.keyboard.press('F4');
  await expect(page.getByRole('alert')).toContainText('最长 3 个月', NET);
  await page.getByLabel('处方用药天数').fill('84');
  await page.keyboard.press('F4');
  // Online the split is the network's, by its fund types (the local chronic layer is its explanation).
  await expect(page.getByRole('table', { name: '各重保障' })).toContainText('医保及各项保障合计', NET);
  await page.screenshot({ path: screenshotPath('21-chronic-presettle') });
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('settled-state')).toHaveText('结算成功', NET);
});

test('village clinic: hand-entered lines with the catalog search, employee personal account', async ({ page }) => {
  await login(page, app);
  await page.keyboard.press('F10');
  await page.getByLabel('模拟读卡器中的卡').selectOption('employee');
  await page.keyboard.press('F2');
  await expect(page.getByTestId('person-name')).toHaveText('刘芳', NET);
  const search = page.getByLabel('目录检索');
  await expect(search).toBeFocused();
  await search.fill('ybzl');
  await expect(page.getByRole('table', { name: '检索结果' })).toContainText('一般诊疗费');
  await page.keyboard.press('Enter');
  await search.fill('amxl');
  await expect(page.getByRole('table', { name: '检索结果' })).toContainText('阿莫西林');
  await page.keyboard.press('Enter');
  await page.getByLabel('阿莫西林胶囊 数量').fill('24');
  await expect(page.getByRole('table', { name: '费用明细' })).toContainText('13.00');
  await search.focus();
  await page.screenshot({ path: screenshotPath('22-village-lines') });
  await page.keyboard.press('Enter');
  await expect(page.getByText('个人账户支付（F7）')).toBeVisible(NET);
  await expect(page.getByTestId('cash-due')).toHaveText('0.00', NET);
  await page.keyboard.press('F7');
  await expect(page.getByTestId('cash-due')).not.toHaveText('0.00', NET);
  await page.keyboard.press('F7');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('settled-state')).toHaveText('结算成功', NET);
  await expect(page.locator('.done-box')).toContainText('个人账户支付');
});

test('the operator cancels a settlement with a reason and the password, and sees the daily summary', async ({ page }) => {
  await login(page, app);
  for (const key of ['poor', 'ordinary']) {
    await page.getByLabel('模拟读卡器中的卡').selectOption(key);
    await page.keyboard.press('F2');
    await expect(page.getByRole('table', { name: '待结算就诊' })).toBeFocused(NET);
    await page.keyboard.press('Enter');
    await expect(page.getByLabel('实收现金')).toBeFocused(NET);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('settled-state')).toHaveText('结算成功', NET);
    await page.keyboard.press('Enter');
  }
  await page.keyboard.press('F11');
  await expect(page.getByTestId('sum-count')).toHaveText('2');
  const before = (await page.getByTestId('cash-to-hand-in').textContent())!;
  const list = page.getByRole('table', { name: '今日结算列表' });
  await expect(list).not.toContainText('张建国');
  await expect(list).toContainText('张**');
  await page.screenshot({ path: screenshotPath('30-daily-summary'), fullPage: true });
  await expect(list).toBeFocused();
  await page.keyboard.press('F8');
  const dialog = page.getByRole('dialog', { name: '撤销结算' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('操作员密码').fill('wrong-pass');
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('alert')).toContainText('密码不正确');
  await dialog.getByLabel('操作员密码').fill('cash-pass-1');
  await page.screenshot({ path: screenshotPath('31-cancel-dialog') });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toContainText('已撤销收据', NET);
  await expect(list).toContainText('已撤销');
  await expect(page.getByTestId('sum-count')).toHaveText('2');
  await expect(page.getByTestId('cash-to-hand-in')).not.toHaveText(before);
  await expect(page.getByRole('img', { name: '各重保障支付金额' })).toBeVisible();
});
