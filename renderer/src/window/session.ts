// The logged-in operator as the renderer knows it (a tiny store with subscribe, for the status bar
// and the screens), and the lock request that the status bar and the idle timer raise.
import { useSyncExternalStore } from 'react';
import type { SessionInfo } from '../../../electron/api/contract';

type Listener = () => void;
let current: SessionInfo | undefined;
const listeners = new Set<Listener>();
const lockListeners = new Set<Listener>();

export function setCurrentSession(s: SessionInfo | undefined): void {
  current = s;
  for (const l of listeners) l();
}

export function currentSession(): SessionInfo | undefined {
  return current;
}

export function useSession(): SessionInfo | undefined {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => current,
  );
}

/** Ask the gate to lock the window now (Ctrl+L, the status bar button). */
export function requestLock(): void {
  for (const l of lockListeners) l();
}

export function onLockRequest(fn: Listener): () => void {
  lockListeners.add(fn);
  return () => lockListeners.delete(fn);
}

export const ROLE_NAMES: Record<SessionInfo['role'], string> = {
  cashier: '收款员',
  technician: '技术人员',
  administrator: '管理员',
};
