// Browser mode: GET /receipts/<receiptNo>.pdf (or <receiptNo>-R<N>.pdf for reprint N) serves an
// archived PDF to the UI so the browser's print can be used. Needs a one-time link token minted
// for exactly this path (`?link=`, see links.ts: window.open cannot set headers) or a valid
// operator session in the x-settle-session header. A session token is never taken from the URL.
import fs from 'node:fs';
import type http from 'node:http';
import { SESSION_HEADER } from '../api/contract';
import type { Session } from '../api/dispatch';
import type { ReceiptsService } from './service';
import type { PdfLinks } from './links';

export type ExtraRoute = (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => boolean | Promise<boolean>;

const PDF_PATH = /^\/receipts\/([A-Z][A-Z0-9-]{3,39}?)(?:-R(\d{1,4}))?\.pdf$/;

function deny(res: http.ServerResponse, status: number, text: string): true {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
  return true;
}

export function receiptPdfRoute(
  receipts: ReceiptsService,
  links: PdfLinks,
  resolveSession: (token: string) => Session | undefined,
): ExtraRoute {
  return (req, res, url) => {
    const m = PDF_PATH.exec(url.pathname);
    if (!m) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') return deny(res, 405, '请求方式不正确');
    const file = receipts.pdfPath(m[1], m[2] ? Number(m[2]) : 0);
    const header = req.headers[SESSION_HEADER];
    const link = url.searchParams.get('link');
    // A link is spent only by a GET that is about to be answered with the file.
    const byLink = link !== null && links.check(link, url.pathname, req.method === 'GET' && file !== undefined);
    const bySession = typeof header === 'string' && resolveSession(header) !== undefined;
    if (!byLink && !bySession) return deny(res, 401, link ? '链接已失效，请在窗口中重新打开收据' : '请先登录');
    if (!file) return deny(res, 404, '没有找到该结算单的存档');
    const size = fs.statSync(file).size;
    res.writeHead(200, {
      'content-type': 'application/pdf',
      'content-length': size,
      'content-disposition': `inline; filename="${m[0].slice('/receipts/'.length)}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    if (req.method === 'HEAD') res.end();
    else fs.createReadStream(file).pipe(res);
    return true;
  };
}
