// The receipt's QR code as an inline SVG (no image files, no network), made synchronously.
import QRCode from 'qrcode';

/** An SVG of `text` (error correction M), `sizeMm` wide, with a 2-module quiet zone. */
export function qrSvg(text: string, sizeMm: number): string {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  const q = 2;
  let path = '';
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      if (modules.get(r, c)) path += `M${c + q} ${r + q}h1v1h-1z`;
    }
  }
  const dim = n + 2 * q;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${dim} ${dim}" width="${sizeMm}mm" height="${sizeMm}mm" ` +
    `shape-rendering="crispEdges" role="img" aria-label="结算核验二维码"><rect width="${dim}" height="${dim}" fill="#fff"/>` +
    `<path d="${path}" fill="#000"/></svg>`
  );
}
