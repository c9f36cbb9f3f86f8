// Electron main/preload wiring with the `electron` module mocked (no binary exists here).
import { beforeEach, describe, expect, it, vi } from 'vitest';

const h = vi.hoisted(() => {
  const handlers = new Map<string, (...args: unknown[]) => unknown>();
  const windows: { id: number; webContents: unknown; opts: unknown }[] = [];
  const exposed = new Map<string, unknown>();
  const dialogAnswers: number[] = [];
  const dialogCalls: { message: string }[] = [];
  /** The answers of the message boxes shown: awaiting one runs after the app's own handler of it. */
  const dialogShown: Promise<unknown>[] = [];
  const sessionHandlers: Record<string, (...a: unknown[]) => unknown> = {};
  return { handlers, windows, exposed, sessionHandlers, dialogAnswers, dialogCalls, dialogShown };
});

vi.mock('electron', () => {
  class FakeContents {
    listeners = new Map<string, (...a: unknown[]) => void>();
    openHandler?: (d: { url: string }) => { action: string };
    on(ev: string, fn: (...a: unknown[]) => void) {
      this.listeners.set(ev, fn);
      return this;
    }
    setWindowOpenHandler(fn: (d: { url: string }) => { action: string }) {
      this.openHandler = fn;
    }
  }
  let nextId = 1;
  class BrowserWindow {
    id = nextId++;
    webContents = new FakeContents();
    winListeners = new Map<string, (...a: unknown[]) => void>();
    closed = 0;
    constructor(public opts: unknown) {
      h.windows.push(this);
    }
    on(ev: string, fn: (...a: unknown[]) => void) {
      this.winListeners.set(ev, fn);
    }
    close() {
      const event = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
      this.winListeners.get('close')?.(event);
      if (!event.defaultPrevented) this.closed++;
    }
    once() {}
    loadFile() {
      return Promise.resolve();
    }
    static fromWebContents(wc: unknown) {
      return (h.windows.find((w) => w.webContents === wc) as unknown) ?? null;
    }
  }
  return {
    BrowserWindow,
    ipcMain: {
      handle: (ch: string, fn: (...a: unknown[]) => unknown) => h.handlers.set(ch, fn),
      removeHandler: (ch: string) => h.handlers.delete(ch),
    },
    ipcRenderer: { invoke: vi.fn(async (...a: unknown[]) => ({ invoked: a })) },
    contextBridge: { exposeInMainWorld: (k: string, v: unknown) => h.exposed.set(k, v) },
    shell: { openExternal: vi.fn() },
    dialog: {
      showMessageBox: (_w: unknown, o: { message: string }) => {
        h.dialogCalls.push(o);
        const answer = Promise.resolve({ response: h.dialogAnswers.shift() ?? 0 });
        h.dialogShown.push(answer);
        return answer;
      },
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: (...a: unknown[]) => unknown) => (h.sessionHandlers.request = fn),
        setPermissionCheckHandler: (fn: (...a: unknown[]) => unknown) => (h.sessionHandlers.check = fn),
        webRequest: { onHeadersReceived: (fn: (...a: unknown[]) => unknown) => (h.sessionHandlers.headers = fn) },
      },
    },
  };
});

import { createMainWindow, hardenSession, isOurWindow, warnOnCloseWhenUnsent } from '../../electron/windows';
import { registerApiIpc } from '../../electron/ipc';
import { API_IPC_CHANNEL } from '../../electron/api/contract';
import { Dispatcher } from '../../electron/api/dispatch';
import { none } from '../../electron/api/validate';
import { silentLogger } from '../../electron/platform/logger';

beforeEach(() => {
  h.handlers.clear();
});

describe('Electron main window', () => {
  it('is isolated, sandboxed, without Node, and loads our file', () => {
    const win = createMainWindow('/app/renderer') as unknown as { opts: { webPreferences: Record<string, unknown> } };
    const prefs = win.opts.webPreferences;
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(String(prefs.preload)).toMatch(/preload\.js$/);
  });

  it('denies navigation away from the app and every new window', () => {
    const win = createMainWindow('/app/renderer') as unknown as { webContents: { listeners: Map<string, (...a: unknown[]) => void>; openHandler: (d: { url: string }) => { action: string } } };
    const prevent = vi.fn();
    win.webContents.listeners.get('will-navigate')!({ preventDefault: prevent }, 'https://evil.example/');
    expect(prevent).toHaveBeenCalled();
    expect(win.webContents.openHandler({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(win.webContents.openHandler({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
  });

  it('denies permission requests and sets the CSP on every response', () => {
    hardenSession();
    const cb = vi.fn();
    h.sessionHandlers.request(null, 'media', cb);
    expect(cb).toHaveBeenCalledWith(false);
    expect(h.sessionHandlers.check()).toBe(false);
    const hcb = vi.fn();
    h.sessionHandlers.headers({ responseHeaders: {} }, hcb);
    expect(hcb.mock.calls[0][0].responseHeaders['Content-Security-Policy'][0]).toContain("default-src 'self'");
  });
});

describe('API over IPC', () => {
  function setup() {
    const d = new Dispatcher(silentLogger);
    d.register('app.info', { role: 'public', input: none(), run: () => ({ name: 'x' }) as never });
    const win = createMainWindow('/app/renderer') as unknown as { webContents: unknown };
    registerApiIpc({ dispatcher: d, isOurSender: (e) => isOurWindow(e.sender) });
    return { handler: h.handlers.get(API_IPC_CHANNEL)!, win };
  }

  it('answers our own window', async () => {
    const { handler, win } = setup();
    expect(await handler({ sender: win.webContents }, 'app.info', undefined, undefined)).toEqual({ ok: true, value: { name: 'x' } });
  });

  it('refuses a sender that is not one of our windows', async () => {
    const { handler } = setup();
    expect(await handler({ sender: {} }, 'app.info', undefined, undefined)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
  });

  it('validates the payload through the dispatcher', async () => {
    const { handler, win } = setup();
    expect(await handler({ sender: win.webContents }, 'app.info', { junk: 1 }, undefined)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await handler({ sender: win.webContents }, 42, undefined, undefined)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });
});

describe('preload', () => {
  it('exposes exactly one object: the contract call over the one channel, and the file picker over its own', async () => {
    await import('../../electron/preload.js');
    expect([...h.exposed.keys()]).toEqual(['settleApi']);
    const bridge = h.exposed.get('settleApi') as { call: (m: string, i: unknown, t?: string) => Promise<unknown>; mode: string };
    expect(Object.keys(bridge).sort()).toEqual(['call', 'mode', 'pickFile']);
    expect(await bridge.call('app.info', {}, 'tok')).toEqual({ invoked: [API_IPC_CHANNEL, 'app.info', {}, 'tok'] });
  });
});

describe('closing with unsent settlements', () => {
  type Win = { close(): void; closed: number };
  it('closes at once when nothing is unsent', () => {
    const win = createMainWindow('/app/renderer') as unknown as Win;
    warnOnCloseWhenUnsent(win as never, () => 0);
    win.close();
    expect(win.closed).toBe(1);
  });

  it('warns with the count, stays open on cancel, closes when confirmed', async () => {
    const win = createMainWindow('/app/renderer') as unknown as Win;
    warnOnCloseWhenUnsent(win as never, () => 3);
    h.dialogCalls.length = 0;
    h.dialogAnswers.push(0, 1);
    win.close();
    await h.dialogShown.at(-1);
    expect(win.closed).toBe(0);
    expect(h.dialogCalls[0].message).toContain('3 笔结算尚未上传');
    win.close();
    await h.dialogShown.at(-1);
    expect(win.closed).toBe(1);
  });
});
