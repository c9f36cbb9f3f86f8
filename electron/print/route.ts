// Browser mode: GET /receipts/<receiptNo>.pdf (or <receiptNo>-R<N>.pdf for reprint N) serves an
// archived PDF to the UI so the browser's print can be used. Needs a valid operator session, by
// the `session` query parameter (window.open cannot set headers) or the x-settle-session header.
import fs from 'node:fs';
import type http from 'node:http';
import { SESSION_HEADER } from '../api/contract';
import type { Session } from '../api/dispatch';
import type { ReceiptsService } from './service';

export type ExtraRoute = (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => boolean | Promise<boolean>;

const PDF_PATH = /^\/receipts\/([A-Z][A-Z0-9-]{3,39}?)(?:-R(\d{1,4}))?\.pdf$/;

function deny(res: http.ServerResponse, status: number, text: string): true {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
  return true;
}

export function receiptPdfRoute(receipts: ReceiptsService, resolveSession: () => ((token: string) => Session | undefined) | undefined): ExtraRoute {
  return (req, res, url) => {
    const m = PDF_PATH.exec(url.pathname);
    if (!m) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') return deny(res, 405, '请求方式不正确');
    const resolve = resolveSession();
    if (resolve) {
      const header = req.headers[SESSION_HEADER];
      const token = url.searchParams.get('session') ?? (typeof header === 'string' ? header : undefined);
      if (!token || !resolve(token)) return deny(res, 401, '请先登录');
    }
    const file = receipts.pdfPath(m[1], m[2] ? Number(m[2]) : 0);
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
