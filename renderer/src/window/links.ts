// Links the browser opens itself (receipt PDFs) carry the session as a query parameter, since a
// plain link cannot send the session header.
import { getSessionToken } from '../api';

export function withSession(url: string): string {
  const token = getSessionToken();
  return token ? `${url}${url.includes('?') ? '&' : '?'}session=${encodeURIComponent(token)}` : url;
}
