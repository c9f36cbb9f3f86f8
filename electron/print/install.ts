// The print area in the app: the `receipts` service, the receipt.* API calls, and the browser-mode
// route serving archived PDFs. Electron mode renders and prints with Electron (loaded lazily, so
// plain Node never touches the electron package); every other mode uses one warm Chromium through
// playwright-core, which pdf-chromium.ts loads lazily and build:electron leaves out of the bundle.
// pdf-chromium itself is imported statically: a dynamic import('./pdf-chromium.js') of TypeScript
// source fails under Playwright's test loader (every browser-mode e2e test).
import type { AppContext } from '../platform/context';
import type { Dispatcher } from '../api/dispatch';
import type { ReceiptSheetView, ReceiptListItemView, ReceiptSetupView } from '../api/contract';
import type { Session } from '../api/dispatch';
import type { ReceiptData } from '../core/receipt';
import { AppFailure } from '../core/result';
import { none, obj, optional, str, bool, int } from '../api/validate';
import { createReceiptsService, type ReceiptListItem, type ReceiptsService } from './service';
import { ChromiumPdfRenderer } from './pdf-chromium';
import type { PdfRenderer, SheetPrinter } from './pdf';
import { hmacSigner, storeCheckKey } from './check';
import { receiptPdfRoute, type ExtraRoute } from './route';
import { PdfLinks } from './links';
import { readSetup, setupInput, writeSetup, type PrinterSetup } from './setup';
import { cjkFontStatus } from './font';
import { archiveFileName } from './archive';

// The API views mirror the service's types; these lines fail to compile if they drift apart.
const _sheet = (d: ReceiptData): ReceiptSheetView => d;
const _item = (i: ReceiptListItem): ReceiptListItemView => i;
const _setup = (s: PrinterSetup): ReceiptSetupView => s;
void _sheet, void _item, void _setup;

const day = /^\d{4}-\d{2}-\d{2}$/;
const receiptNoInput = str({ min: 4, max: 40, pattern: /^[A-Z][A-Z0-9-]{3,39}$/ });

async function outputs(ctx: AppContext): Promise<{ pdf: PdfRenderer; printer?: SheetPrinter }> {
  if (ctx.mode !== 'electron') return { pdf: new ChromiumPdfRenderer() };
  const { createElectronOutput } = await import('./electron-output.js');
  return createElectronOutput();
}

const pdfPathInput = str({ min: 10, max: 80, pattern: /^\/receipts\/[A-Z][A-Z0-9-]{3,39}?(?:-R\d{1,4})?\.pdf$/ });

function registerCalls(ctx: AppContext, d: Dispatcher, receipts: ReceiptsService, printer: SheetPrinter | undefined, links: PdfLinks): void {
  d.register('receipt.search', {
    role: 'any',
    input: obj({ from: optional(str({ pattern: day })), to: optional(str({ pattern: day })), receiptNo: optional(receiptNoInput), settlementId: optional(str({ min: 1, max: 60 })), name: optional(str({ min: 1, max: 30 })) }),
    run: (f) => receipts.search(f),
  });
  d.register('receipt.get', {
    role: 'any',
    input: obj({ receiptNo: receiptNoInput }),
    run: ({ receiptNo }) => {
      const got = receipts.get(receiptNo);
      if (!got) throw new AppFailure({ code: 'RECEIPT_NOT_FOUND', message: `没有找到结算单 ${receiptNo}`, field: 'receiptNo' });
      const prints = got.prints.map(({ reprintNo, target, ok, detail, printedAt }) => ({ reprintNo, target, ok, detail, printedAt }));
      return { receipt: got.data, item: got.item, pdfUrl: `/receipts/${archiveFileName(receiptNo)}`, prints };
    },
  });
  const printInput = obj({ receiptNo: receiptNoInput, preview: optional(bool()) });
  d.register('receipt.print', { role: 'any', input: printInput, run: (i, c) => view(receipts.print(i.receiptNo, { preview: i.preview, operator: c.session?.operatorId }), links) });
  d.register('receipt.reprint', { role: 'any', input: printInput, run: (i, c) => view(receipts.reprint(i.receiptNo, { preview: i.preview, operator: c.session?.operatorId }), links) });
  d.register('receipt.link', { role: 'any', input: obj({ url: pdfPathInput }), run: ({ url }) => ({ url: links.mint(url) }) });
  // The sheet itself, for the window's automatic print in browser mode (printed from a frame).
  d.register('receipt.sheet', {
    role: 'any',
    input: obj({ receiptNo: receiptNoInput, reprintNo: optional(int({ min: 0, max: 9999 })) }),
    run: ({ receiptNo, reprintNo }) => {
      if (!receipts.get(receiptNo)) throw new AppFailure({ code: 'RECEIPT_NOT_FOUND', message: `没有找到结算单 ${receiptNo}`, field: 'receiptNo' });
      return receipts.sheet(receiptNo, reprintNo ?? 0);
    },
  });
  d.register('receipt.printers', {
    role: 'technician',
    input: none(),
    run: async () => {
      const font = cjkFontStatus();
      if (!printer) return { mode: 'browser' as const, printers: [], message: '浏览器模式：打印时使用浏览器自带的打印窗口选择打印机（A5/A4）；结算后自动打印会打开浏览器的打印窗口，由收费员确认打印；热敏打印机请填写串口或设备路径。', font };
      const printers = await printer.printers();
      return { mode: 'electron' as const, printers, message: printers.length ? `找到 ${printers.length} 台打印机` : '系统中没有找到打印机，请先安装打印机驱动', font };
    },
  });
  d.register('receipt.setup.get', { role: 'any', input: none(), run: () => readSetup(ctx.settings) });
  d.register('receipt.setup.set', { role: 'technician', input: setupInput, run: (s) => writeSetup(ctx.settings, s) });
}

async function view(p: ReturnType<ReceiptsService['print']>, links: PdfLinks) {
  const { receiptNo, reprintNo, target, ok, message, pdfUrl } = await p;
  return pdfUrl ? { receiptNo, reprintNo, target, ok, message, pdfUrl: links.mint(pdfUrl) } : { receiptNo, reprintNo, target, ok, message };
}

/** The settle area's word on a settlement's network state (asked at print time: it installs after us). */
export type SettlementLookup = (settlementId: string) => { network?: { state?: string; confirmedAt?: string } } | undefined;

export interface PrintDeps {
  sessions: (token: string) => Session | undefined;
  settlement: SettlementLookup;
  /** The trace area's counts of a settlement's drug traceability codes. */
  traceCodes?: (settlementId: string) => ReceiptData['traceCodes'];
}

/** What the print area gives the composition root. */
export interface PrintServices {
  receipts: ReceiptsService;
  links: PdfLinks;
  /** Browser mode's route serving archived PDFs. */
  route: ExtraRoute;
}

function settlementConfirmedAt(lookup: SettlementLookup, settlementId: string): Date | undefined {
  const net = lookup(settlementId)?.network;
  if (net?.state !== 'confirmed' || !net.confirmedAt) return undefined;
  const at = new Date(net.confirmedAt);
  return Number.isNaN(at.getTime()) ? undefined : at;
}

export async function installPrint(ctx: AppContext, d: Dispatcher, deps: PrintDeps): Promise<PrintServices> {
  const out = await outputs(ctx);
  ctx.onClose(() => out.pdf.close());
  const font = cjkFontStatus();
  if (!font.ok) ctx.log.warn(`receipts: ${font.message}`);
  const receipts = createReceiptsService({
    db: ctx.db, dataDir: ctx.dataDir, settings: ctx.settings, now: () => ctx.now(), sign: hmacSigner(storeCheckKey(ctx.settings)),
    pdf: out.pdf, printer: out.printer, log: ctx.log, confirmation: (id) => settlementConfirmedAt(deps.settlement, id),
    traceCodes: deps.traceCodes,
  });
  const links = new PdfLinks();
  const route = receiptPdfRoute(receipts, links, deps.sessions);
  registerCalls(ctx, d, receipts, out.printer, links);
  return { receipts, links, route };
}
