// The center view (集中库, Alt+5) for the administrator: two windows (own data dirs and ports) on
// one throwaway PostgreSQL; window 01 settles, the administrator at window 02 sees both windows with
// their last contact, unsent counts and today's totals, then reconciles the day center-wide at
// window 01. Screenshots under test-results/screens/center-*.
import { test, expect } from '@playwright/test';
import { startWindowApp, seedOperators, login, screenshotPath, ADMIN, type WindowApp } from './window/harness';
import { startPgCluster, type PgCluster } from '../center/pg-cluster';
import { freshDatabase } from '../center/helpers';
import { byCard, cardOf, outpatientLines, visitRef } from '../settlement/helpers';

let cluster: PgCluster;
let a: WindowApp;
let b: WindowApp;
test.beforeAll(async () => {
  cluster = await startPgCluster();
});
test.afterAll(() => cluster?.stop());
test.afterEach(async () => {
  await a?.close();
  await b?.close();
});

test('the administrator sees every window of the center and reconciles the day over them', async ({ page }) => {
  const url = await freshDatabase(cluster);
  a = await startWindowApp([['center', url]]);
  b = await startWindowApp([['center', url]]);
  await seedOperators(a);
  await seedOperators(b);
  const svc = a.services.settlement.service;
  await svc.lookupPerson(byCard('poor'));
  const s = await svc.settle({ person: cardOf('poor'), visit: { ref: visitRef('E'), type: 'outpatient', date: '2020-06-15', lines: outpatientLines() }, payment: { method: 'cash' }, operatorId: ADMIN.id });
  await a.services.center.link!.drain();

  await login(page, b, ADMIN);
  await page.keyboard.press('Alt+5');
  await expect(page.getByTestId('center-status')).toContainText('已连接集中库，本窗口号 02');
  const rows = page.getByTestId('center-windows').locator('tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('01');
  await expect(rows.nth(0)).toContainText(s.fees.total);
  await page.screenshot({ path: screenshotPath('center-windows'), fullPage: true });

  await login(page, a, ADMIN);
  await page.keyboard.press('Alt+5');
  await page.getByRole('button', { name: '全中心对账' }).click();
  await expect(page.getByTestId('center-reconcile')).toContainText('对账平衡');
  await expect(page.getByTestId('center-reconcile')).toContainText('窗口01：1 笔');
  await page.screenshot({ path: screenshotPath('center-reconcile'), fullPage: true });
});
