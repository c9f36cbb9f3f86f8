// Browser mode: an archived receipt PDF is opened through a one-time link (a new tab cannot send
// our header, and a session token never goes into a URL); the browser's own print dialog prints it.
import { openOnce } from '../../window/links';

export function openReceiptPdf(pdfUrl: string): void {
  void openOnce(pdfUrl);
}
