// The archive/PDF side of the receipts service: a receipt's data stored once (the first data
// wins) and each sheet (original, reprint N) rendered into the archive unless a whole PDF is
// already there. A failed render never fails the settlement: it is logged and retried at the
// next print.
import { AppFailure } from '../core/result';
import { isReceiptNo, type ReceiptData } from '../core/receipt';
import type { ReceiptsRepo } from './repo';
import { absoluteArchivePath, archiveRelPath, isCompletePdf, writeAtomically } from './archive';
import type { SheetLayouts } from './sheet-layouts';

export interface PdfArchiveDeps {
  dataDir: string;
  log: { info(m: string): void; error(m: string): void };
  repo: ReceiptsRepo;
  sheets: SheetLayouts;
  /** The stored data of a receipt (throws when there is none). */
  load: (receiptNo: string) => ReceiptData;
}

export function createPdfArchive(deps: PdfArchiveDeps) {
  const pathOf = (settledAt: string, receiptNo: string, reprintNo: number) =>
    absoluteArchivePath(deps.dataDir, archiveRelPath(settledAt, receiptNo, reprintNo));

  /** Renders the sheet (original or reprint N) into the archive unless it is there. */
  async function ensurePdf(data: ReceiptData, reprintNo: number): Promise<string> {
    const abs = pathOf(data.settledAt, data.receiptNo, reprintNo);
    if (isCompletePdf(abs)) return abs;
    writeAtomically(abs, (await deps.sheets.fitted(data, reprintNo)).bytes);
    return abs;
  }

  /** ensurePdf that never throws: a failed render is logged and retried at the next print. */
  async function tryPdf(data: ReceiptData, reprintNo: number): Promise<string | undefined> {
    try {
      return await ensurePdf(data, reprintNo);
    } catch (err) {
      deps.log.error(`receipt ${data.receiptNo} PDF (reprint ${reprintNo}) not archived: ${(err as Error).message}`);
      return undefined;
    }
  }

  /** Stores and archives a built receipt (idempotent by receipt number: the first data wins). */
  async function archive(data: ReceiptData) {
    if (!isReceiptNo(data.receiptNo)) throw new AppFailure({ code: 'VALIDATION', message: '结算单号格式不正确', field: 'receiptNo' });
    const rel = archiveRelPath(data.settledAt, data.receiptNo);
    const { row, inserted } = deps.repo.insertOnce(data, rel);
    const stored = inserted ? data : deps.load(row.receiptNo);
    const pdfPath = await tryPdf(stored, 0);
    if (inserted) deps.log.info(`receipt ${data.receiptNo} archived (settlement ${data.settlementId})`);
    return { receiptNo: data.receiptNo, pdfPath: pdfPath ?? absoluteArchivePath(deps.dataDir, rel), archived: pdfPath !== undefined };
  }

  /** Absolute path of the archived PDF (the original, or reprint N), when a whole one exists. */
  function pdfPath(data: ReceiptData, reprintNo: number): string | undefined {
    const abs = pathOf(data.settledAt, data.receiptNo, reprintNo);
    return isCompletePdf(abs) ? abs : undefined;
  }

  return { tryPdf, archive, pdfPath };
}
