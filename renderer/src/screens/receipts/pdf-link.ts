// Browser mode: an archived receipt PDF is opened with the session in the query (a new tab cannot
// send our header); the browser's own print dialog prints it.
import { getSessionToken } from '../../api';

export function receiptPdfHref(pdfUrl: string): string {
  const token = getSessionToken();
  return token ? `${pdfUrl}?session=${encodeURIComponent(token)}` : pdfUrl;
}

export function openReceiptPdf(pdfUrl: string): void {
  window.open(receiptPdfHref(pdfUrl), '_blank', 'noopener');
}
