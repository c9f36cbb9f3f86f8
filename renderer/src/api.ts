// The renderer's only door to the services: the typed contract object. In Electron it goes
// through the preload bridge; in browser mode, through POST /api/<method> on our own origin.
import { API_HTTP_PREFIX, SESSION_HEADER, type Api, type ApiMethod, type ApiResult } from '../../electron/api/contract';

interface Bridge {
  call(method: string, input: unknown, token: string | undefined): Promise<unknown>;
}

let sessionToken: string | undefined = sessionStorage.getItem('settle.session') ?? undefined;

export function setSessionToken(token: string | undefined): void {
  sessionToken = token;
  if (token) sessionStorage.setItem('settle.session', token);
  else sessionStorage.removeItem('settle.session');
}

export function getSessionToken(): string | undefined {
  return sessionToken;
}

async function httpCall(method: string, input: unknown): Promise<ApiResult<unknown>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (sessionToken) headers[SESSION_HEADER] = sessionToken;
  try {
    const res = await fetch(API_HTTP_PREFIX + method, { method: 'POST', headers, body: JSON.stringify({ input }) });
    return (await res.json()) as ApiResult<unknown>;
  } catch {
    return { ok: false, error: { code: 'HOST_UNREACHABLE', message: '无法连接结算服务，请确认程序仍在运行' } };
  }
}

const bridge = (window as unknown as { settleApi?: Bridge }).settleApi;

export const api: Api = {
  call(method: ApiMethod, ...rest: unknown[]) {
    const input = rest[0];
    if (bridge) return bridge.call(method, input, sessionToken) as Promise<ApiResult<never>>;
    return httpCall(method, input) as Promise<ApiResult<never>>;
  },
} as Api;

/** Listeners for "session ended" (an expired or locked session answers NOT_LOGGED_IN). */
const sessionListeners = new Set<() => void>();
export function onSessionLost(fn: () => void): () => void {
  sessionListeners.add(fn);
  return () => sessionListeners.delete(fn);
}
export function notifySessionLost(): void {
  for (const fn of sessionListeners) fn();
}
