// The main window, secure by default: isolated, sandboxed preload, no Node in the page,
// navigation and new windows denied, permission requests denied.
import { BrowserWindow, session, shell, type WebContents } from 'electron';
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
