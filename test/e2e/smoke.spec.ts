// Smoke: `npm start` in browser mode on a fresh data dir serves the Chinese shell, and data
// written through the API survives a kill and restart.
import { test, expect } from '@playwright/test';
import { startApp, freshDataDir, screenshotPath } from './support/app';

test('npm start serves the Chinese shell, and data survives a restart', async ({ page, request }) => {
  const dataDir = freshDataDir();
  let storeId = '';
  const first = await startApp({ dataDir, viaNpm: true });
  try {
    const html = await (await request.get(first.url)).text();
    expect(html).toContain('一站式结算窗口');
    await page.goto(first.url);
    await expect(page.getByRole('heading', { name: '一站式结算窗口' })).toBeVisible();
    await page.screenshot({ path: screenshotPath('smoke-shell'), fullPage: true });
    const info = await (await request.post(first.url + 'api/app.info', { data: { input: {} } })).json();
    expect(info.ok).toBe(true);
    expect(info.value.dataDir).toBe(dataDir);
    storeId = info.value.storeId as string;
    expect(storeId).toMatch(/^[0-9a-f-]{36}$/);
  } finally {
    await first.kill();
  }
  const second = await startApp({ dataDir });
  try {
    const info = await (await request.post(second.url + 'api/app.info', { data: { input: {} } })).json();
    expect(info.value.storeId).toBe(storeId);
  } finally {
    await second.stop();
  }
});
