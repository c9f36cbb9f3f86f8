// The HIS changes the visit while the patient stands at the window: the settlement the cashier
// confirms is refused (nothing is charged on the old lines), the window pre-settles again at once
// and shows the new amounts with a note; confirmed again, the visit is settled at its new total.
import { test, expect } from '@playwright/test';
import { demoVisits } from '../../../electron/his/demo/visits';
import type { HisBridge } from '../../../electron/his';
import type { SettlementService } from '../../../electron/settlement/service';
import { startWindowApp, seedOperators, login, injectDemoVisits, type WindowApp } from './harness';
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

test('a HIS change after the pre-settlement: refused, pre-settled again, then settled at the new total', async ({ page }) => {
  await login(page, app);
  await page.getByLabel('模拟读卡器中的卡').selectOption('ordinary');
  await page.keyboard.press('F2');
  const visits = page.getByRole('table', { name: '待结算就诊' });
  await expect(visits).toBeFocused(NET);
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('实收现金')).toBeFocused(NET);
  const title = page.getByRole('heading', { name: /第三步：预结算与收款/ });
  await expect(title).toContainText(/，6 项，/, NET);

  // The doctor adds an ECG; the HIS sends the visit again.
  const bridge = app.services.his;
  const changed = demoVisits(app.running.app.ctx.now(), 'E2E').find((v) => v.hisVisitId === 'MZE2E01')!;
  changed.lines.push({ ...changed.lines[0], lineNo: '7', itemCode: 'JC0002', itemName: '常规心电图检查', quantity: '1', unitPrice: '15.00', amount: '15.00' });
  expect(bridge.service.receive(changed, 'api')).toMatchObject({ ok: true, outcome: 'replaced' });

  await page.keyboard.type('500');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: '已按最新明细重新预结算' })).toBeVisible(NET);
  await expect(title).toContainText(/，7 项，/, NET);
  expect(bridge.service.get('MZE2E01')!.state).not.toBe('settled');

  await page.getByLabel('实收现金').fill('500');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('settled-state')).toHaveText('结算成功', NET);
  const his = bridge.service.get('MZE2E01')!;
  expect(his.state).toBe('settled');
  expect(app.services.settlement.service.get(his.settlement!.settlementId).fees.total).toBe(his.total);
});
