// The preload (sandboxed): exposes exactly one object to the page, `window.settleApi`, whose only
// function forwards a contract call over the one IPC channel. No Node, no ipcRenderer leak.
import { contextBridge, ipcRenderer } from 'electron';
import { API_IPC_CHANNEL, PICK_FILE_CHANNEL } from './api/contract';

export interface PreloadBridge {
  call(method: string, input: unknown, token: string | undefined): Promise<unknown>;
  /** The native open dialog: the chosen file's path, or null. */
  pickFile(kind: 'policy' | 'backup'): Promise<string | null>;
  readonly mode: 'electron';
}

const bridge: PreloadBridge = {
  call: (method, input, token) => ipcRenderer.invoke(API_IPC_CHANNEL, String(method), input, token),
  pickFile: (kind) => ipcRenderer.invoke(PICK_FILE_CHANNEL, String(kind)) as Promise<string | null>,
  mode: 'electron',
};

contextBridge.exposeInMainWorld('settleApi', bridge);
