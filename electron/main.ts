// Electron main process: one instance, secure window, the API contract over IPC, the same
// services as browser mode (composed in electron/app/compose.ts).
import { app, BrowserWindow, dialog, safeStorage } from 'electron';
import path from 'node:path';
import { composeApp, type RunningApp } from './app/compose';
import { defaultDataDir } from './platform/paths';
import { parseArgs, stringFlag } from './cli/args';
import { APP_FLAGS } from './app/flags';
import { createMainWindow, hardenSession, isOurWindow, warnOnCloseWhenUnsent } from './windows';
import { registerApiIpc } from './ipc';
import { registerFilePicker } from './file-picker';
import { AppFailure } from './core/result';
import { acquireDataDirLock } from './app/lock';
import { DbCorruptFailure } from './store/recovery';
import { setSecretProtector } from './audit/key';
import { restoreInto } from './store/backup';

export async function bootstrap(argv: string[]): Promise<RunningApp> {
  // Chromium's own switches share this command line: ours are read, theirs left alone.
  const args = parseArgs(argv, APP_FLAGS, { allowUnknown: true });
  const dataDir = path.resolve(stringFlag(args, 'data-dir') ?? defaultDataDir());
  // The same data-folder lock as browser mode: a second app on this folder (either mode) is refused.
  const releaseLock = acquireDataDirLock(dataDir);
  useSafeStorage();
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
    resolveSession: running.services.sessions,
  });
  registerFilePicker((event) => isOurWindow(event.sender));
  const win = createMainWindow(path.join(__dirname, '..', 'renderer'));
  const forwarder = running.services.settlement.forwarder;
  warnOnCloseWhenUnsent(win, () => forwarder.status().unsent);
  return running;
}

/**
 * Secrets (the audit key) sealed by the operating system where Electron can: DPAPI on Windows, the
 * keychain on macOS, the desktop's secret store on Linux (not its plain-text fallback).
 */
function useSafeStorage(): void {
  const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend?.() : undefined;
  if (!safeStorage.isEncryptionAvailable() || backend === 'basic_text') return;
  setSecretProtector({
    encrypt: (plain) => safeStorage.encryptString(plain.toString('base64')),
    decrypt: (sealed) => Buffer.from(safeStorage.decryptString(sealed), 'base64'),
  });
}

/** A damaged database at start: offer the last good backup; true when it was restored. */
function offerRestore(err: DbCorruptFailure): boolean {
  const choice = dialog.showMessageBoxSync({
    type: 'error',
    title: '数据库已损坏',
    message: err.error.message,
    buttons: ['用这份备份恢复并重新启动', '退出'],
    defaultId: 0,
    cancelId: 1,
  });
  if (choice !== 0) return false;
  try {
    restoreInto(path.dirname(err.file), err.backup!.file);
    return true;
  } catch (e) {
    dialog.showErrorBox('恢复失败', e instanceof AppFailure ? e.error.message : String(e));
    return false;
  }
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
      if (err instanceof DbCorruptFailure && err.backup && offerRestore(err)) {
        app.relaunch();
        app.exit(0);
        return;
      }
      const msg = err instanceof AppFailure ? err.error.message : String(err);
      dialog.showErrorBox('一站式结算窗口无法启动', msg);
      app.exit(1);
    });
}

if (require.main === module) runMain();
