// The `receipts` service (PrintServices.receipts): issue and archive receipts, print them on
// the configured printer, reprint ("重打 N", counted), search, and find their PDFs. Composed of
// modules with one job each: the receipt records (receipt-records.ts), layout fitting
// (sheet-layouts.ts), the PDF archive (pdf-archive.ts) and the printing output (print-output.ts).
import { AppFailure } from '../core/result';
import { buildReceiptData, buildReversalReceipt, chinaDateTime } from '../core/receipt';
import { renderReceiptEscPos } from './escpos/receipt';
import { ReceiptsRepo } from './repo';
import { readSetup } from './setup';
import { createSheetLayouts } from './sheet-layouts';
import { createPdfArchive } from './pdf-archive';
import { printOutput } from './print-output';
import { createReceiptRecords } from './receipt-records';
import type { PrintOptions, PrintOutcome, ReceiptsService, ServiceDeps } from './service-types';

export type { PrintOptions, PrintOutcome, ReceiptListItem, ReceiptsService, ServiceDeps } from './service-types';

export function createReceiptsService(deps: ServiceDeps): ReceiptsService {
  const repo = new ReceiptsRepo(deps.db, deps.now);
  const setup = () => readSetup(deps.settings);
  const records = createReceiptRecords({ repo, sign: deps.sign, log: deps.log, confirmation: deps.confirmation });
  const { load, confirmedAt } = records;
  const sheets = createSheetLayouts({ pdf: deps.pdf, log: deps.log, setup, confirmedAt });
  const pdfs = createPdfArchive({ dataDir: deps.dataDir, log: deps.log, repo, sheets, load });
  const output = { setup, printer: deps.printer, sheets, confirmedAt };

  async function print(receiptNo: string, opts: PrintOptions = {}): Promise<PrintOutcome> {
    const data = load(receiptNo);
    records.refreshConfirmation(data, confirmedAt(receiptNo));
    const row = repo.get(receiptNo)!;
    const reprintNo = opts.reprint || row.printCount > 0 || row.reprintCount > 0 ? repo.nextReprint(receiptNo) : 0;
    const pdfPath = await pdfs.tryPdf(data, reprintNo);
    const out = await printOutput(output, data, reprintNo, opts, pdfPath);
    repo.logPrint({ receiptNo, reprintNo, target: out.target, operator: opts.operator, ok: out.ok, detail: out.message, pdfPath });
    deps.log.info(`receipt ${receiptNo} print ${reprintNo ? `reprint ${reprintNo}` : 'original'} -> ${out.target} ${out.ok ? 'ok' : 'failed'}`);
    return { receiptNo, reprintNo, pdfPath: pdfPath ?? '', ...out };
  }

  return {
    sign: deps.sign,
    archive: pdfs.archive,
    async issue(source, institution, person) {
      const built = buildReceiptData(source, institution, person, deps.sign);
      if (!built.ok) throw new AppFailure(built.error);
      const traceCodes = deps.traceCodes?.(built.value.settlementId);
      if (traceCodes) built.value.traceCodes = traceCodes;
      const { pdfPath } = await pdfs.archive(built.value);
      return { receipt: load(built.value.receiptNo), pdfPath };
    },
    async issueReversal(originalReceiptNo, reversal) {
      const receipt = buildReversalReceipt(load(originalReceiptNo), reversal, deps.sign);
      const { pdfPath } = await pdfs.archive(receipt);
      return { receipt: load(receipt.receiptNo), pdfPath };
    },
    print,
    reprint: (receiptNo, opts = {}) => print(receiptNo, { ...opts, reprint: true }),
    search: (filter) => repo.search(filter).map((r) => records.listItem(r.receiptNo)),
    get(receiptNo) {
      const data = records.find(receiptNo);
      return data ? { data, item: records.listItem(receiptNo), prints: repo.prints(receiptNo) } : undefined;
    },
    pdfPath(receiptNo, reprintNo = 0) {
      const data = records.find(receiptNo);
      return data ? pdfs.pdfPath(data, reprintNo) : undefined;
    },
    html: (receiptNo, reprintNo = 0) => sheets.html(load(receiptNo), reprintNo, sheets.layoutOrSetup(receiptNo, reprintNo)),
    async sheet(receiptNo, reprintNo = 0) {
      const data = load(receiptNo);
      const layout = await sheets.layoutOf(data, reprintNo);
      return { html: sheets.html(data, reprintNo, layout), paper: layout.paper };
    },
    escpos: (receiptNo, paper, reprintNo = 0) => renderReceiptEscPos(load(receiptNo), { paper, reprintNo, confirmedAt: confirmedAt(receiptNo) }),
    markConfirmed: (settlementId, at) => repo.markConfirmed(settlementId, chinaDateTime(at)),
    verify: records.verify,
  };
}
