// Electron main process: one instance, secure window, the API contract over IPC, the same
// services as browser mode (composed in electron/app/compose.ts).
import { app, BrowserWindow, dialog } from 'electron';
import path from 'node:path';
import { composeApp, type RunningApp } from './app/compose';
import { defaultDataDir } from './app/paths';
import { parseArgs, stringFlag } from './cli/args';
import { APP_FLAGS } from './app/flags';
import { createMainWindow, hardenSession, isOurWindow, warnOnCloseWhenUnsent } from './windows';
import { registerApiIpc } from './ipc';
import type { Session } from './api/dispatch';
import { AppFailure } from './core/result';
import { acquireDataDirLock } from './app/lock';

export async function bootstrap(argv: string[]): Promise<RunningApp> {
  // Chromium's own switches share this command line: ours are read, theirs left alone.
  const args = parseArgs(argv, APP_FLAGS, { allowUnknown: true });
  const dataDir = path.resolve(stringFlag(args, 'data-dir') ?? defaultDataDir());
  // The same data-folder lock as browser mode: a second app on this folder (either mode) is refused.
  const releaseLock = acquireDataDirLock(dataDir);
  let composed: RunningApp;
  try {
    composed = await composeApp({ dataDir, mode: 'electron', flags: args.flags });
  } catch (err) {
    releaseLock();
    throw err;
  }
  const running: RunningApp = { ...composed, close: () => composed.close().finally(releaseLock) };
  hardenSession();
  registerApiIpc({
    dispatcher: running.dispatcher,
    isOurSender: (event) => isOurWindow(event.sender),
    resolveSession: running.registry.services.get('sessions.resolve') as ((t: string) => Session | undefined) | undefined,
  });
  const win = createMainWindow(path.join(__dirname, '..', 'renderer'));
  const forwarder = running.registry.services.get('settlement.forwarder') as { status(): { unsent: number } } | undefined;
  warnOnCloseWhenUnsent(win, () => forwarder?.status().unsent ?? 0);
  return running;
}

export function runMain(): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  let running: RunningApp | undefined;
  app.on('second-instance', () => BrowserWindow.getAllWindows()[0]?.focus());
  app.on('web-contents-created', (_e, contents) => contents.on('will-attach-webview', (ev) => ev.preventDefault()));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => void running?.close());
  app
    .whenReady()
    .then(async () => {
      running = await bootstrap(process.argv.slice(2));
    })
    .catch((err: unknown) => {
      const msg = err instanceof AppFailure ? err.error.message : String(err);
      dialog.showErrorBox('一站式结算窗口无法启动', msg);
      app.exit(1);
    });
}

if (require.main === module) runMain();
