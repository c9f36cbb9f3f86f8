// Layout fitting of the receipts service: each sheet (receipt and reprint number) rendered in the
// first layout that keeps it on one page (fit.ts), the detail list attached after it when the
// setup asks for one, and the layout remembered for this run, so the printer and the browser get
// the sheet exactly as archived.
import fs from 'node:fs';
import type { ReceiptData } from '../core/receipt';
import { renderReceiptHtml } from './html';
import type { PdfRenderer } from './pdf';
import type { PrinterSetup } from './setup';
import { archivedLayout, layoutNote, renderFitted, type FittedPdf, type SheetLayout } from './fit';

export interface SheetLayoutDeps {
  pdf: PdfRenderer;
  log: { info(m: string): void };
  setup: () => PrinterSetup;
  /** When an offline settlement's receipt was marked confirmed (China time), if it was. */
  confirmedAt: (receiptNo: string) => string | undefined;
}

/** The sheet paper the setup asks for (a thermal setup still archives an A5 sheet). */
export function sheetPaper(setup: PrinterSetup): 'A5' | 'A4' {
  return setup.paper === 'A4' ? 'A4' : 'A5';
}

export function createSheetLayouts(deps: SheetLayoutDeps) {
  /** The layout each sheet (receipt and reprint number) was fitted to, in this run. */
  const layouts = new Map<string, { layout: SheetLayout; pages: number }>();
  const key = (receiptNo: string, reprintNo: number) => `${receiptNo}#${reprintNo}`;

  /** The page(s) to print: the sheet, and the detail list after it when the setup asks for one. */
  function html(data: ReceiptData, reprintNo: number, layout: SheetLayout, details = deps.setup().detailList): string {
    return renderReceiptHtml(data, { paper: layout.paper, dense: layout.dense, reprintNo, confirmedAt: deps.confirmedAt(data.receiptNo), details });
  }

  /**
   * Renders the sheet in the first layout that keeps it on one page (fit.ts), then with the
   * detail list attached when the setup wants it; remembers the layout.
   */
  async function fitted(data: ReceiptData, reprintNo: number): Promise<FittedPdf> {
    const paper = sheetPaper(deps.setup());
    const f = await renderFitted((layout) => html(data, reprintNo, layout, false), deps.pdf, paper);
    if (deps.setup().detailList && data.details?.length) f.bytes = await deps.pdf.pdf(html(data, reprintNo, f.layout, true), f.layout.paper);
    layouts.set(key(data.receiptNo, reprintNo), { layout: f.layout, pages: f.pages });
    if (f.layout.paper !== paper || f.layout.dense) {
      deps.log.info(`receipt ${data.receiptNo} (reprint ${reprintNo}) fitted to ${f.layout.paper}${f.layout.dense ? ' dense' : ''}, ${f.pages} page(s), setup paper ${paper}`);
    }
    return f;
  }

  /** The layout fitted in this run, if any. */
  const known = (receiptNo: string, reprintNo: number): SheetLayout | undefined => layouts.get(key(receiptNo, reprintNo))?.layout;

  return {
    html,
    fitted,
    known,
    /** The layout of this run's fit, else fitted anew. */
    async layoutOf(data: ReceiptData, reprintNo: number): Promise<SheetLayout> {
      return known(data.receiptNo, reprintNo) ?? (await fitted(data, reprintNo)).layout;
    },
    /** The layout of this run's fit, else the setup's paper (for HTML shown without fitting). */
    layoutOrSetup: (receiptNo: string, reprintNo: number): SheetLayout => known(receiptNo, reprintNo) ?? { paper: sheetPaper(deps.setup()), dense: false },
    /** The paper note for the cashier: from this run's fit, else from the archived file itself. */
    paperNote(receiptNo: string, reprintNo: number, pdfPath: string | undefined): string | undefined {
      const known = layouts.get(key(receiptNo, reprintNo)) ?? (pdfPath ? archivedLayout(fs.readFileSync(pdfPath)) : undefined);
      if (!known) return undefined;
      const layout = 'layout' in known ? known.layout : { paper: known.paper, dense: false };
      return layoutNote(sheetPaper(deps.setup()), layout, known.pages);
    },
  };
}

export type SheetLayouts = ReturnType<typeof createSheetLayouts>;
