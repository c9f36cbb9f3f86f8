// Keeps a receipt on ONE sheet: render it on the setup's paper, count the PDF's pages, and when it
// runs over, try the tighter layout, then (from A5) the next larger paper. The layout chosen is
// what the printer gets too, and a change of paper is said on screen with the print outcome.
import type { PdfRenderer } from './pdf';
import type { SheetPaper } from './html-style';

export interface SheetLayout {
  paper: SheetPaper;
  dense: boolean;
}

/**
 * Pages of a PDF as Chromium and Electron (Skia) write it: page dictionaries are plain objects,
 * never in compressed object streams. Falls back to the page tree's /Count.
 */
export function pdfPageCount(pdf: Buffer): number {
  const text = pdf.toString('latin1');
  const pages = text.match(/\/Type\s*\/Page(?![A-Za-z])/g)?.length ?? 0;
  if (pages > 0) return pages;
  const count = /\/Type\s*\/Pages[^>]*?\/Count\s+(\d+)/.exec(text) ?? /\/Count\s+(\d+)/.exec(text);
  return count ? Number(count[1]) : 0;
}

/** The layouts to try, in order, for a sheet set up for `paper`. */
export function layoutsFor(paper: SheetPaper): SheetLayout[] {
  if (paper === 'A4') return [{ paper: 'A4', dense: false }, { paper: 'A4', dense: true }];
  return [{ paper: 'A5', dense: false }, { paper: 'A5', dense: true }, { paper: 'A4', dense: false }, { paper: 'A4', dense: true }];
}

export interface FittedPdf {
  bytes: Buffer;
  layout: SheetLayout;
  pages: number;
}

/** Renders `html(layout)` in the first layout that gives one page (else the last one tried). */
export async function renderFitted(html: (layout: SheetLayout) => string, pdf: PdfRenderer, paper: SheetPaper): Promise<FittedPdf> {
  let last: FittedPdf | undefined;
  for (const layout of layoutsFor(paper)) {
    const bytes = await pdf.pdf(html(layout), layout.paper);
    // A count we cannot read (0) is taken as one page: never loop on an unreadable file.
    last = { bytes, layout, pages: Math.max(1, pdfPageCount(bytes)) };
    if (last.pages === 1) return last;
  }
  return last!;
}

/** What the cashier is told when the sheet left the setup's paper; undefined when it did not. */
export function layoutNote(setupPaper: SheetPaper, layout: SheetLayout, pages = 1): string | undefined {
  if (layout.paper !== setupPaper) {
    return `本结算单内容较多，${setupPaper} 纸放不下，已自动改用 ${layout.paper} 纸，请在打印机中放入 ${layout.paper} 纸`;
  }
  if (pages > 1) return `本结算单内容较多，${layout.paper} 纸打印共 ${pages} 页`;
  return undefined;
}

/** The paper and pages of an archived sheet, read from its first MediaBox (A4 is 595 pt wide). */
export function archivedLayout(pdf: Buffer): { paper: SheetPaper; pages: number } | undefined {
  const box = /\/MediaBox\s*\[\s*[-\d.]+\s+[-\d.]+\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(pdf.toString('latin1'));
  if (!box) return undefined;
  const width = Math.min(Number(box[1]), Number(box[2]));
  return { paper: width > 500 ? 'A4' : 'A5', pages: Math.max(1, pdfPageCount(pdf)) };
}
