// What the `receipts` service offers (PrintServices.receipts) and what it is given: the types the
// service's modules (service.ts and the modules it composes) and its users share.
import type { Db } from '../store/db';
import type { SettingsRepo } from '../store/settings';
import type { CheckSigner, ReceiptData, ReceiptInstitution, ReceiptPerson, ReceiptSource, ReversalInfo } from '../core/receipt';
import type { ThermalPaper } from './escpos/receipt';
import type { PdfRenderer, SheetPrinter } from './pdf';
import type { ReceiptFilter, ReceiptsRepo } from './repo';

export interface PrintOptions {
  /** Force a reprint mark; a receipt printed before is always printed as a reprint. */
  reprint?: boolean;
  /** Override the setup's preview switch for this print. */
  preview?: boolean;
  operator?: string;
}

export interface PrintOutcome {
  receiptNo: string;
  /** 0 for the original sheet, N for "重打 N". */
  reprintNo: number;
  target: 'printer' | 'preview' | 'browser' | 'thermal';
  ok: boolean;
  /** Chinese, for the window. */
  message: string;
  /** The archived PDF of exactly this sheet (absolute); empty when it could not be rendered. */
  pdfPath: string;
  /** Browser mode: the URL (on the app's own host) of the sheet's PDF, for the browser's print. */
  pdfUrl?: string;
}

export interface ReceiptListItem {
  receiptNo: string;
  settlementId: string;
  kind: ReceiptData['kind'];
  settledAt: string;
  /** Masked (张**). */
  patientName: string;
  idMasked: string;
  total: string;
  cash: string;
  offline: boolean;
  /** An offline settlement the network has confirmed since. */
  confirmed: boolean;
  printCount: number;
  reprintCount: number;
}

export interface ReceiptsService {
  /** Stores and archives a built receipt (idempotent by receipt number: the first data wins). */
  archive(data: ReceiptData): Promise<{ receiptNo: string; pdfPath: string; archived: boolean }>;
  /** Builds the receipt of a settlement and archives it. */
  issue(source: ReceiptSource, institution: ReceiptInstitution, person: ReceiptPerson): Promise<{ receipt: ReceiptData; pdfPath: string }>;
  /** Builds and archives the reversal receipt of a cancelled settlement. */
  issueReversal(originalReceiptNo: string, reversal: ReversalInfo): Promise<{ receipt: ReceiptData; pdfPath: string }>;
  print(receiptNo: string, opts?: PrintOptions): Promise<PrintOutcome>;
  reprint(receiptNo: string, opts?: Omit<PrintOptions, 'reprint'>): Promise<PrintOutcome>;
  search(filter: ReceiptFilter): ReceiptListItem[];
  get(receiptNo: string): { data: ReceiptData; item: ReceiptListItem; prints: ReturnType<ReceiptsRepo['prints']> } | undefined;
  /** Absolute path of the archived PDF (the original, or reprint N), when it exists. */
  pdfPath(receiptNo: string, reprintNo?: number): string | undefined;
  html(receiptNo: string, reprintNo?: number): string;
  /** The sheet as fitted to one page (layout from this run, else fitted anew), for printing by the browser. */
  sheet(receiptNo: string, reprintNo?: number): Promise<{ html: string; paper: 'A5' | 'A4' }>;
  escpos(receiptNo: string, paper: ThermalPaper, reprintNo?: number): Buffer;
  /** The network confirmed an offline settlement: later prints say so instead of "pending". Returns receipts updated. */
  markConfirmed(settlementId: string, at: Date): number;
  /** Checks a scanned QR text against the archive: the receipt exists and its check value matches. */
  verify(qrText: string): { ok: boolean; receiptNo?: string; message: string };
  readonly sign: CheckSigner;
}

export interface ServiceDeps {
  db: Db;
  dataDir: string;
  settings: SettingsRepo;
  now: () => Date;
  sign: CheckSigner;
  pdf: PdfRenderer;
  /** Present in Electron only. */
  printer?: SheetPrinter;
  log: { info(m: string): void; warn(m: string): void; error(m: string): void };
  /** When the network confirmed an offline settlement (from the settle area), if it has. */
  confirmation?: (settlementId: string) => Date | undefined;
  /** The drug traceability codes of a settlement (the trace area), shown on its sheet. */
  traceCodes?: (settlementId: string) => ReceiptData['traceCodes'];
}
