// The API contract over Electron IPC: one channel, sender checked, payload validated by the
// dispatcher, sessions kept in the main process (the page holds only an opaque token).
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { API_IPC_CHANNEL, type ApiResult } from './api/contract';
import type { Dispatcher, Session } from './api/dispatch';

export interface IpcOptions {
  dispatcher: Dispatcher;
  isOurSender: (event: IpcMainInvokeEvent) => boolean;
  resolveSession?: (token: string) => Session | undefined;
}

export function registerApiIpc(opts: IpcOptions): () => void {
  const handler = async (event: IpcMainInvokeEvent, method: unknown, input: unknown, token: unknown): Promise<ApiResult<unknown>> => {
    if (!opts.isOurSender(event)) return { ok: false, error: { code: 'FORBIDDEN_SENDER', message: '拒绝来自未知窗口的请求' } };
    if (typeof method !== 'string' || method.length > 100) return { ok: false, error: { code: 'UNKNOWN_METHOD', message: '不支持的操作' } };
    const session = typeof token === 'string' && opts.resolveSession ? opts.resolveSession(token) : undefined;
    return opts.dispatcher.dispatch(method, input, { session, channel: 'ipc' });
  };
  ipcMain.handle(API_IPC_CHANNEL, handler);
  return () => ipcMain.removeHandler(API_IPC_CHANNEL);
}
