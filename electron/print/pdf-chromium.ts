// PDF rendering with Chromium through playwright-core: ONE browser kept warm and reused, one
// page, renders queued one at a time. Used in browser mode, by the CLI, the tests and the bench.
import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { PdfRenderer } from './pdf';
import type { SheetPaper } from './html-style';

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run',
];

const CANDIDATES = [
  '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

/** The Chromium to use: $SETTLE_CHROMIUM, else the first system Chromium found. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.SETTLE_CHROMIUM) return env.SETTLE_CHROMIUM;
  return CANDIDATES.find((p) => fs.existsSync(p));
}

export class ChromiumPdfRenderer implements PdfRenderer {
  private browser: Promise<{ browser: Browser; context: BrowserContext; page: Page }> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(private readonly executablePath = findChromium()) {}

  private start() {
    if (!this.executablePath) throw new Error('no Chromium found (install the chromium package or set SETTLE_CHROMIUM)');
    const executablePath = this.executablePath;
    this.browser ??= (async () => {
      const { chromium } = await import('playwright-core');
      const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
      const context = await browser.newContext({ bypassCSP: true, javaScriptEnabled: true, offline: true });
      const page = await context.newPage();
      return { browser, context, page };
    })();
    return this.browser;
  }

  pdf(html: string, _paper: SheetPaper): Promise<Buffer> {
    if (this.closed) return Promise.reject(new Error('PDF renderer is closed'));
    const job = this.queue.then(async () => {
      const { page } = await this.start();
      await page.setContent(html, { waitUntil: 'load' });
      await page.evaluate('document.fonts.ready.then(() => true)');
      return page.pdf({ preferCSSPageSize: true, printBackground: true });
    });
    this.queue = job.catch(() => undefined);
    return job;
  }

  async close(): Promise<void> {
    this.closed = true;
    const b = this.browser;
    this.browser = undefined;
    if (!b) return;
    await this.queue;
    try {
      await (await b).browser.close();
    } catch {
      // the browser failed to start or is already gone
    }
  }
}
