// The receipt's stylesheet: one sheet of A5 (or A4), black on white, a CJK font named first so
// Chinese never prints as boxes (Linux: fonts-noto-cjk; Windows: Microsoft YaHei / SimSun).

export type SheetPaper = 'A5' | 'A4';

export const CJK_FONT_STACK =
  '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "SimSun", "WenQuanYi Micro Hei", sans-serif';

/**
 * Type size and spacing per paper. A5 is set tight so a long inpatient stay (the category table
 * with every class column, every layer, QR code and footer) stays on one sheet; `dense` is the
 * second try for a sheet that still runs over (see fit.ts).
 */
function metrics(paper: SheetPaper, dense: boolean): { size: number; lh: number; cell: string; gap: string; margin: string } {
  // A4 holds more than A5 (the fallback for a sheet too long for A5): its line is set at most
  // as much larger as the page is (297 / 210).
  if (paper === 'A4') return dense ? { size: 9.5, lh: 1.15, cell: '0 0.3em', gap: '0.2em', margin: '10mm 12mm' } : { size: 10.5, lh: 1.25, cell: '0.04em 0.35em', gap: '0.3em', margin: '14mm 16mm' };
  return dense ? { size: 7.8, lh: 1.14, cell: '0 0.3em', gap: '0.15em', margin: '6mm 7mm' } : { size: 8.6, lh: 1.2, cell: '0 0.3em', gap: '0.22em', margin: '7mm 8mm' };
}

export function receiptCss(paper: SheetPaper, dense = false): string {
  const m = metrics(paper, dense);
  return `
@page { size: ${paper}; margin: ${m.margin}; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; background: #fff; color: #000; }
body { font-family: ${CJK_FONT_STACK}; font-size: ${m.size}pt; line-height: ${m.lh}; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.sheet { position: relative; }
h1 { font-size: 1.18em; text-align: center; margin: 0; font-weight: normal; }
h2 { font-size: 1.62em; text-align: center; margin: 0.1em 0 0.3em; letter-spacing: 0.12em; }
.meta { display: grid; grid-template-columns: 1fr 1fr; gap: 0 1.2em; border-top: 1.5pt solid #000; border-bottom: 0.6pt solid #000; padding: 0.25em 0; }
.meta div, .patient div { white-space: nowrap; overflow: hidden; }
.k { color: #333; }
.banner { border: 1.6pt solid #000; text-align: center; font-weight: bold; font-size: 1.2em; padding: 0.15em; margin: 0.35em 0; }
.banner small { display: block; font-weight: normal; font-size: 0.72em; }
.stamp { position: absolute; top: 0; right: 0; border: 1.4pt solid #000; padding: 0.05em 0.45em; font-weight: bold; font-size: 1.15em; transform: rotate(6deg); }
.patient { display: grid; grid-template-columns: 1fr 1fr; gap: 0 1.2em; padding: 0.3em 0; border-bottom: 0.6pt solid #000; }
.patient .wide { grid-column: 1 / 3; white-space: normal; }
section { margin-top: ${m.gap}; }
.sec { font-weight: bold; border-left: 3pt solid #000; padding-left: 0.35em; margin-bottom: 0.15em; }
table { width: 100%; border-collapse: collapse; }
th, td { border: 0.5pt solid #555; padding: ${m.cell}; }
th { font-weight: normal; background: #eee; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.sum td { font-weight: bold; border-top: 1pt solid #000; }
.parts { display: grid; grid-template-columns: repeat(4, 1fr); gap: 0 0.8em; margin-top: 0.2em; }
.parts div { white-space: nowrap; }
.cap { font-size: 0.92em; }
.method { font-size: 0.92em; }
.ref { font-family: "DejaVu Sans Mono", Consolas, monospace; letter-spacing: 0.02em; }
.pay { margin-top: 0.4em; border: 1.6pt solid #000; padding: 0.3em 0.5em; display: grid; grid-template-columns: 1fr auto; align-items: center; gap: 0.1em 1em; }
.pay .big { font-size: 1.75em; font-weight: bold; text-align: right; white-space: nowrap; }
.pay .eq { grid-column: 1 / 3; font-size: 0.92em; border-top: 0.5pt dashed #000; padding-top: 0.2em; }
.foot { display: grid; grid-template-columns: auto 1fr; gap: 0 0.8em; align-items: center; margin-top: 0.45em; border-top: 0.6pt solid #000; padding-top: 0.3em; font-size: 0.9em; }
.foot p { margin: 0.1em 0; }
.warn { font-size: 0.92em; margin: 0.2em 0 0; }
.details { break-before: page; page-break-before: always; }
.details table { table-layout: fixed; }
.details th, .details td { white-space: nowrap; }
.details td:nth-child(2) { font-size: 0.8em; white-space: normal; word-break: break-all; }
.details td:nth-child(3), .details td:nth-child(4) { white-space: normal; }
.details th:nth-child(1) { width: 5%; } .details th:nth-child(2) { width: 23%; } .details th:nth-child(3) { width: 28%; }
.details th:nth-child(4) { width: 12%; } .details th:nth-child(5) { width: 8%; } .details th:nth-child(6) { width: 6%; }
.details th:nth-child(7) { width: 8%; } .details th:nth-child(8) { width: 10%; }
`;
}
