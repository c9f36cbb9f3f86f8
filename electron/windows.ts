// The main window, secure by default: isolated, sandboxed preload, no Node in the page,
// navigation and new windows denied, permission requests denied.
import { BrowserWindow, dialog, session, shell, type WebContents } from 'electron';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY } from './host/csp';

const ourWindows = new Set<number>();

/** True when `contents` belongs to a window this app created (the IPC sender check). */
export function isOurWindow(contents: WebContents): boolean {
  const win = BrowserWindow.fromWebContents(contents);
  return win !== null && ourWindows.has(win.id);
}

export function hardenSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
}

export function denyNavigation(contents: WebContents, appUrl: string): void {
  contents.on('will-navigate', (event, url) => {
    if (url !== appUrl) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    // Only http(s) links leave the app, and then in the system browser, never in a new window.
    if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export function createMainWindow(rendererDir: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1366,
    height: 768,
    minWidth: 1024,
    minHeight: 700,
    title: '一站式结算窗口',
    show: false,
    webPreferences: {
      preload: path.join(__dirname, 'preload.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    },
  });
  ourWindows.add(win.id);
  win.on('closed', () => ourWindows.delete(win.id));
  const indexFile = path.join(rendererDir, 'index.html');
  const appUrl = `file://${indexFile.replace(/\\/g, '/').replace(/^([A-Za-z]):/, '/$1:')}`;
  denyNavigation(win.webContents, appUrl);
  win.once('ready-to-show', () => win.show());
  void win.loadFile(indexFile);
  return win;
}

/**
 * Closing the window while settlements are still unsent is allowed (they are stored and go out at
 * the next start), but never silently: the cashier is told how many wait and must confirm.
 */
export function warnOnCloseWhenUnsent(win: BrowserWindow, unsent: () => number): void {
  let confirmed = false;
  win.on('close', (event) => {
    const n = unsent();
    if (confirmed || n === 0) return;
    event.preventDefault();
    void dialog
      .showMessageBox(win, {
        type: 'warning',
        title: '还有结算未上传',
        message: `还有 ${n} 笔结算尚未上传医保。`,
        detail: '这些结算已安全保存在本机，下次启动后会自动上传。若今天不再开机，请先联网等待上传完成再关闭。',
        buttons: ['取消', '仍然关闭'],
        defaultId: 0,
        cancelId: 0,
      })
      .then(({ response }) => {
        if (response !== 1) return;
        confirmed = true;
        win.close();
      });
  });
}
