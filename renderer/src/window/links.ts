// Links the browser opens itself (receipt PDFs): a new tab cannot send the session header, and a
// session token must never sit in a URL, so each opening asks the app for a one-time link.
import type { MouseEvent } from 'react';
import { useEffect, useState } from 'react';
import { call } from '../useCall';

/** A one-time link for `url` (already one when it carries `link=`), or undefined when refused. */
export async function oneTimeLink(url: string): Promise<string | undefined> {
  if (/[?&]link=/.test(url)) return url;
  const res = await call('receipt.link', { url });
  return res.ok ? res.value.url : undefined;
}

export async function openOnce(url: string): Promise<void> {
  const link = await oneTimeLink(url);
  if (link) window.open(link, '_blank', 'noopener');
}

/** onClick for an anchor to a receipt PDF: opens it through a fresh one-time link. */
export function openOnClick(url: string) {
  return (e: MouseEvent) => {
    e.preventDefault();
    void openOnce(url);
  };
}

/** A one-time link for an anchor's href (for copying or a middle click); undefined until ready. */
export function useOneTimeLink(url: string | undefined): string | undefined {
  const [link, setLink] = useState<string>();
  useEffect(() => {
    let live = true;
    setLink(undefined);
    if (url) void oneTimeLink(url).then((l) => live && setLink(l));
    return () => {
      live = false;
    };
  }, [url]);
  return link;
}
