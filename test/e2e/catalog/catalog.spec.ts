// A technician's first and monthly catalog work in the real UI (browser mode, Chromium): sync the
// national catalogs from the built-in network (progress bar, 10,000+ drug rows), choose the
// identity map from the downloaded dictionary, import a HIS item list of 2,000 items (each
// proposed with a score), confirm the sure ones in bulk and work through others by keyboard
// (Enter, number keys, Z), upload the matching (3301) and undo one (3302); after the network
// publishes a new version, review the changes that touch matched items.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { startWindowApp, seedOperators, login, screenshotPath, ADMIN, type WindowApp } from '../window/harness';
import { hisCsv, hisItemList } from '../../catalog/his-list';
import { chinaDate } from '../../../electron/core/time';

let app: WindowApp;
let admin: string;
test.beforeEach(async () => {
  app = await startWindowApp();
  admin = await seedOperators(app);
});
test.afterEach(async () => {
  await app.close();
});

test('sync, match 2,000 HIS items by keyboard, upload and undo, review the changes', async ({ page }) => {
  test.setTimeout(300_000);
  await login(page, app, ADMIN);
  await page.keyboard.press('Alt+7');
  await page.getByRole('button', { name: '开始同步目录' }).click();
  await expect(page.getByLabel('同步进度')).toBeVisible();
  await expect(page.getByText(/同步完成：新增或变更 \d+ 行/)).toBeVisible({ timeout: 180_000 });
  const drugs = page.getByLabel('目录概况').locator('tr', { hasText: '西药中成药' });
  await expect(drugs).toContainText(/\d{5}/);
  expect(Number((await drugs.locator('td').nth(2).innerText()).trim())).toBeGreaterThanOrEqual(10_000);
  await page.screenshot({ path: screenshotPath('catalog-sync'), fullPage: true });
  // The identity map is chosen from the downloaded dictionary (1901 PSN_IDET_TYPE), not typed.
  const identities = page.getByLabel('人员身份类别对照');
  await expect(identities.locator('tr', { hasText: '2302' })).toContainText('特困人员');
  await page.getByLabel('身份 2302').selectOption('destitute');
  await page.getByLabel('身份 2301').selectOption('lowIncome');
  await page.getByRole('button', { name: '保存对照' }).click();
  await expect(page.getByText(/已保存人员身份类别对照 \d+ 项/)).toBeVisible();
  const setup = await app.api('network.setup.get', undefined, admin);
  expect(setup.value.identityMap).toMatchObject({ '2302': 'destitute', '2301': 'lowIncome' });

  // The HIS's item list: 2,000 items, a third with their national code, the rest described.
  const db = app.running.app.ctx.db;
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'his-list-')), 'his-items.csv');
  fs.writeFileSync(file, hisCsv(hisItemList(db, 2000, chinaDate(app.running.app.ctx.now()))));
  await page.keyboard.press('Alt+8');
  await page.getByLabel('HIS 项目清单文件').setInputFiles(file);
  await expect(page.getByText(/已导入 2000 项：按医保编码匹配 \d+ 项，按名称规格建议 \d+ 项/)).toBeVisible({ timeout: 60_000 });
  await page.getByRole('button', { name: '确认评分 ≥ 90 的建议' }).click();
  await expect(page.getByText(/已批量确认评分 ≥ 90 的建议 \d+ 项/)).toBeVisible({ timeout: 60_000 });

  // By keyboard: the first open item confirmed with Enter (its proposal) or 1 (the best candidate).
  const counts = page.getByTestId('match-counts');
  const confirmed = async () => Number(/已确认 (\d+)/.exec(await counts.innerText())![1]);
  const before = await confirmed();
  const table = page.getByTestId('his-items');
  await table.focus();
  const first = table.locator('tbody tr').first();
  const firstName = await first.locator('td').nth(1).innerText();
  await expect(page.getByTestId('candidates').locator('tbody tr').first()).toBeVisible();
  await page.keyboard.press(await first.getAttribute('data-state') === 'proposed' ? 'Enter' : '1');
  await expect(page.getByText(`已确认：${firstName}`)).toBeVisible();
  // The counts follow the confirmation's message after their own refresh: wait for them.
  await expect.poll(confirmed).toBe(before + 1);
  // The site's own item (no catalog row): Z marks it self-paid.
  await page.getByLabel('筛选 HIS 项目').fill('陪护费');
  await expect(table.locator('tbody tr').first()).toContainText('陪护费');
  await table.focus();
  await page.keyboard.press('z');
  await expect(page.getByText(/已标记自费：陪护费/)).toBeVisible();
  await page.getByLabel('筛选 HIS 项目').fill('');
  // A technician's own search: / then type, Enter confirms the chosen candidate.
  await table.focus();
  await page.keyboard.press('/');
  const row = db.prepare("SELECT code, name FROM catalog_items WHERE catalog = '1301' AND valid = 1 LIMIT 1 OFFSET 333").get() as { code: string; name: string };
  await page.keyboard.type(row.code);
  await expect(page.getByTestId('candidates').locator('tbody tr').first()).toContainText(row.code);
  await page.keyboard.press('Enter');
  await expect(page.getByText(/已确认：/)).toBeVisible();
  // The screenshot: a short list (the first items), the counts and the candidates in view.
  await page.getByRole('tab', { name: '全部' }).click();
  await page.getByLabel('筛选 HIS 项目').fill('H0000');
  await expect(table.locator('tbody tr')).toHaveCount(9);
  await table.locator('tbody tr').nth(1).click();
  await expect(page.getByTestId('candidates').locator('tbody tr').first()).toBeVisible();
  // Every scrolled box back to its top, so the screenshot shows the counts and the list's start.
  await page.evaluate("document.querySelectorAll('*').forEach((e) => { e.scrollTop = 0; })");
  await page.screenshot({ path: screenshotPath('catalog-matching'), fullPage: true });
  await page.getByLabel('筛选 HIS 项目').fill('');

  // Upload (3301), then undo one (3302).
  await page.getByRole('button', { name: '上传对照（3301）' }).click();
  await expect(page.getByText(/已上传对照 \d+ 项，医保已接受 \d+ 项/)).toBeVisible({ timeout: 120_000 });
  const sim = app.services.network.sim()!;
  const held = sim.matchings().filter((m) => m.vali_flag === '1').length;
  await expect.poll(confirmed).toBe(held);
  await page.getByRole('tab', { name: '已确认' }).click();
  const uploaded = table.locator('tbody tr').first();
  const undoName = await uploaded.locator('td').nth(1).innerText();
  await expect(uploaded).toContainText('医保已接受');
  await uploaded.getByRole('button', { name: '撤销' }).click();
  await expect(page.getByText(`已撤销医保端对照：${undoName}`)).toBeVisible();
  expect(sim.matchings().filter((m) => m.vali_flag === '1').length).toBe(held - 1);

  // The network publishes a version; the next sync logs its changes; those of matched items are reviewed.
  sim.publishCatalog();
  await page.keyboard.press('Alt+7');
  await page.getByRole('button', { name: '开始同步目录' }).click();
  await expect(page.getByText(/同步完成：新增或变更 \d+ 行，字典 \d+ 项，变更记录 [1-9]\d* 条/)).toBeVisible({ timeout: 120_000 });
  // Make sure a matched item is touched by a class change (setup through the service).
  const change = db.prepare("SELECT code FROM catalog_changes WHERE kind = 'class' AND code IN (SELECT code FROM catalog_items WHERE valid = 1) LIMIT 1").get() as { code: string };
  const his = db.prepare("SELECT his_code FROM catalog_his_items WHERE state = 'confirmed' LIMIT 1").get() as { his_code: string };
  app.services.catalog.matching.confirm(his.his_code, ADMIN.id, change.code);
  await page.keyboard.press('Alt+8');
  await page.keyboard.press('Alt+7');
  const changes = page.getByTestId('changes');
  await expect(changes.locator('tr', { hasText: change.code })).toContainText('甲乙类变更');
  await page.screenshot({ path: screenshotPath('catalog-changes-review'), fullPage: true });
  const pending = async () => Number(/待审核 (\d+) 条/.exec(await page.getByRole('heading', { name: /目录变更审核/ }).innerText())![1]);
  const n = await pending();
  await changes.focus();
  await page.keyboard.press(' ');
  await page.keyboard.press('Enter');
  await expect(page.getByText('已审核 1 条变更')).toBeVisible();
  await expect.poll(pending).toBe(n - 1);
});
