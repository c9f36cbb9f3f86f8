// Electron's file picker for the technicians' chores (policy import, restore): the page asks over
// one IPC channel, the main process shows the native open dialog and answers the chosen path (or
// null). Only our own window may ask. Imported by electron/main.ts only.
import { BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { PICK_FILE_CHANNEL } from './api/contract';

const FILTERS: Record<string, { title: string; filters: { name: string; extensions: string[] }[] }> = {
  policy: { title: '选择政策包文件', filters: [{ name: '政策包（JSON）', extensions: ['json'] }] },
  backup: { title: '选择备份文件', filters: [{ name: '备份文件', extensions: ['db', 'sqlite', 'bak'] }, { name: '所有文件', extensions: ['*'] }] },
};

export function registerFilePicker(isOurSender: (event: IpcMainInvokeEvent) => boolean): () => void {
  ipcMain.handle(PICK_FILE_CHANNEL, async (event, kind: unknown) => {
    const spec = typeof kind === 'string' ? FILTERS[kind] : undefined;
    if (!isOurSender(event) || !spec) return null;
    const win = BrowserWindow.fromWebContents(event.sender) ?? undefined;
    const opts = { title: spec.title, filters: spec.filters, properties: ['openFile' as const] };
    const r = win ? await dialog.showOpenDialog(win, opts) : await dialog.showOpenDialog(opts);
    return r.canceled || !r.filePaths[0] ? null : r.filePaths[0];
  });
  return () => ipcMain.removeHandler(PICK_FILE_CHANNEL);
}
