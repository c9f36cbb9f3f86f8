// Browser mode: compose the app and serve it on 127.0.0.1 (used by `npm start` where no
// Electron binary exists, by the end-to-end tests, and by benchmarks).
import path from 'node:path';
import fs from 'node:fs';
import { composeApp, type RunningApp } from './compose';
import { startHost, type RunningHost } from '../host/server';
import { projectRoot } from '../platform/paths';
import type { StartOptions } from '../platform/context';

export interface BrowserModeOptions extends Omit<StartOptions, 'mode'> {
  port: number;
}

export interface RunningBrowserApp {
  app: RunningApp;
  host: RunningHost;
  close(): Promise<void>;
}

export async function startBrowserMode(opts: BrowserModeOptions): Promise<RunningBrowserApp> {
  const app = await composeApp({ ...opts, mode: 'browser' });
  const staticDir = path.join(projectRoot(), 'dist', 'renderer');
  if (!fs.existsSync(path.join(staticDir, 'index.html'))) app.ctx.log.warn(`UI not built at ${staticDir}`);
  const extra = app.services.hostRoutes;
  try {
    const host = await startHost({
      port: opts.port,
      staticDir,
      dispatcher: app.dispatcher,
      log: app.ctx.log,
      resolveSession: app.services.sessions,
      extraRoutes: async (req, res, url) => {
        for (const route of extra) if (await route(req, res, url)) return true;
        return false;
      },
    });
    app.ctx.onClose(() => host.close());
    return { app, host, close: () => app.close() };
  } catch (err) {
    await app.close();
    throw err;
  }
}
