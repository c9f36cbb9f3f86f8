// The `receipts` service (PrintServices.receipts): issue and archive receipts, print them on
// the configured printer, reprint ("重打 N", counted), search, and find their PDFs.
import fs from 'node:fs';
import type { Db } from '../store/db';
import type { SettingsRepo } from '../store/settings';
import { AppFailure } from '../core/result';
import { maskName } from '../core/mask';
import { fromFen, fmt } from '../core/money';
import {
  buildReceiptData, buildReversalReceipt, checkPayload, chinaDateTime, isReceiptNo, type CheckSigner, type ReceiptData, type ReceiptInstitution,
  type ReceiptPerson, type ReceiptSource, type ReversalInfo,
} from '../core/receipt';
import { renderReceiptHtml } from './html';
import { renderReceiptEscPos, type ThermalPaper } from './escpos/receipt';
import type { PdfRenderer, SheetPrinter } from './pdf';
import { ReceiptsRepo, type ReceiptFilter } from './repo';
import { absoluteArchivePath, archiveRelPath, isCompletePdf, writeAtomically } from './archive';
import { readSetup, type PrinterSetup } from './setup';
import { archivedLayout, layoutNote, renderFitted, type SheetLayout } from './fit';
import { sendThermal, type ThermalTarget } from './thermal';

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

function notFound(receiptNo: string): AppFailure {
  return new AppFailure({ code: 'RECEIPT_NOT_FOUND', message: `没有找到结算单 ${receiptNo}`, detail: `no receipt ${receiptNo}`, field: 'receiptNo' });
}

function sheetPaper(setup: PrinterSetup): 'A5' | 'A4' {
  return setup.paper === 'A4' ? 'A4' : 'A5';
}

export function createReceiptsService(deps: ServiceDeps): ReceiptsService {
  const repo = new ReceiptsRepo(deps.db, deps.now);
  const setup = () => readSetup(deps.settings);
  const confirmed = (receiptNo: string) => repo.get(receiptNo)?.confirmedAt;

  function load(receiptNo: string): ReceiptData {
    const data = isReceiptNo(receiptNo) ? repo.data(receiptNo) : undefined;
    if (!data) throw notFound(receiptNo);
    return data;
  }

  /** The layout each sheet (receipt and reprint number) was fitted to, in this run. */
  const layouts = new Map<string, { layout: SheetLayout; pages: number }>();
  const layoutKey = (receiptNo: string, reprintNo: number) => `${receiptNo}#${reprintNo}`;

  /** The page(s) to print: the sheet, and the detail list after it when the setup asks for one. */
  function sheetHtml(data: ReceiptData, reprintNo: number, layout: SheetLayout, details = setup().detailList): string {
    return renderReceiptHtml(data, { paper: layout.paper, dense: layout.dense, reprintNo, confirmedAt: confirmed(data.receiptNo), details });
  }

  /**
   * Renders the sheet in the first layout that keeps it on one page (fit.ts), then with the
   * detail list attached when the setup wants it; remembers the layout.
   */
  async function fitted(data: ReceiptData, reprintNo: number) {
    const paper = sheetPaper(setup());
    const f = await renderFitted((layout) => sheetHtml(data, reprintNo, layout, false), deps.pdf, paper);
    if (setup().detailList && data.details?.length) f.bytes = await deps.pdf.pdf(sheetHtml(data, reprintNo, f.layout, true), f.layout.paper);
    layouts.set(layoutKey(data.receiptNo, reprintNo), { layout: f.layout, pages: f.pages });
    if (f.layout.paper !== paper || f.layout.dense) {
      deps.log.info(`receipt ${data.receiptNo} (reprint ${reprintNo}) fitted to ${f.layout.paper}${f.layout.dense ? ' dense' : ''}, ${f.pages} page(s), setup paper ${paper}`);
    }
    return f;
  }

  /** Renders the sheet (original or reprint N) into the archive unless it is there. */
  async function ensurePdf(data: ReceiptData, reprintNo: number): Promise<string> {
    const abs = absoluteArchivePath(deps.dataDir, archiveRelPath(data.settledAt, data.receiptNo, reprintNo));
    if (isCompletePdf(abs)) return abs;
    writeAtomically(abs, (await fitted(data, reprintNo)).bytes);
    return abs;
  }

  /** The paper note for the cashier: from this run's fit, else from the archived file itself. */
  function paperNote(receiptNo: string, reprintNo: number, pdfPath: string | undefined): string | undefined {
    const known = layouts.get(layoutKey(receiptNo, reprintNo)) ?? (pdfPath ? archivedLayout(fs.readFileSync(pdfPath)) : undefined);
    if (!known) return undefined;
    const layout = 'layout' in known ? known.layout : { paper: known.paper, dense: false };
    return layoutNote(sheetPaper(setup()), layout, known.pages);
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

  async function archive(data: ReceiptData) {
    if (!isReceiptNo(data.receiptNo)) throw new AppFailure({ code: 'VALIDATION', message: '结算单号格式不正确', field: 'receiptNo' });
    const rel = archiveRelPath(data.settledAt, data.receiptNo);
    const { row, inserted } = repo.insertOnce(data, rel);
    const stored = inserted ? data : load(row.receiptNo);
    const pdfPath = await tryPdf(stored, 0);
    if (inserted) deps.log.info(`receipt ${data.receiptNo} archived (settlement ${data.settlementId})`);
    return { receiptNo: data.receiptNo, pdfPath: pdfPath ?? absoluteArchivePath(deps.dataDir, rel), archived: pdfPath !== undefined };
  }

  function listItem(receiptNo: string): ReceiptListItem {
    let r = repo.get(receiptNo);
    if (!r) throw notFound(receiptNo);
    // The search shows what the queue knows: an offline settlement drained since reads as confirmed.
    if (r.offline && !r.confirmedAt) {
      refreshConfirmation({ offline: true, settlementId: r.settlementId, receiptNo } as ReceiptData, undefined);
      r = repo.get(receiptNo)!;
    }
    return {
      receiptNo: r.receiptNo, settlementId: r.settlementId, kind: r.kind, settledAt: r.settledAt,
      patientName: maskName(r.patientName), idMasked: r.idMasked, total: fmt(fromFen(r.totalFen)), cash: fmt(fromFen(r.cashFen)),
      offline: r.offline, confirmed: !!r.confirmedAt, printCount: r.printCount, reprintCount: r.reprintCount,
    };
  }

  async function output(data: ReceiptData, reprintNo: number, opts: PrintOptions, pdfPath: string | undefined): Promise<Omit<PrintOutcome, 'receiptNo' | 'reprintNo' | 'pdfPath'>> {
    const s = setup();
    if (s.paper === 'escpos58' || s.paper === 'escpos80') {
      if (!s.thermalPath) return { target: 'thermal', ok: false, message: '未设置热敏打印机端口，请在系统设置中设置打印机' };
      const target: ThermalTarget = s.thermalKind === 'serial' ? { kind: 'serial', path: s.thermalPath, baudRate: s.thermalBaud } : { kind: 'file', path: s.thermalPath };
      try {
        await sendThermal(renderReceiptEscPos(data, { paper: s.paper, reprintNo, confirmedAt: confirmed(data.receiptNo) }), target);
        return { target: 'thermal', ok: true, message: '已发送到热敏打印机' };
      } catch (err) {
        return { target: 'thermal', ok: false, message: `热敏打印机打印失败：${(err as Error).message}` };
      }
    }
    const preview = opts.preview ?? s.preview;
    const note = paperNote(data.receiptNo, reprintNo, pdfPath);
    const noted = (message: string) => (note ? `${message}（${note}）` : message);
    if (!deps.printer) {
      if (!pdfPath) return { target: 'browser', ok: false, message: '结算单 PDF 生成失败，无法在浏览器中打印（详情见日志）' };
      const file = pdfPath.split(/[\\/]/).pop()!;
      return { target: 'browser', ok: true, message: noted('请在浏览器的打印窗口中打印'), pdfUrl: `/receipts/${encodeURIComponent(file)}` };
    }
    // The printer gets the sheet in the layout its archived PDF was fitted to.
    const layout = layouts.get(layoutKey(data.receiptNo, reprintNo))?.layout ?? (await fitted(data, reprintNo)).layout;
    const res = await deps.printer.print(sheetHtml(data, reprintNo, layout), { paper: layout.paper, deviceName: s.printerName, preview });
    const target = preview ? 'preview' : 'printer';
    return res.ok ? { target, ok: true, message: noted(preview ? '已打开打印预览' : '已发送到打印机') } : { target, ok: false, message: `打印失败：${res.reason}` };
  }

  /** An offline receipt not yet marked confirmed: ask the settle area whether it is by now. */
  function refreshConfirmation(data: ReceiptData, confirmedAt: string | undefined): void {
    if (!data.offline || confirmedAt || !deps.confirmation) return;
    try {
      const at = deps.confirmation(data.settlementId);
      if (at) repo.markConfirmed(data.settlementId, chinaDateTime(at));
    } catch (err) {
      deps.log.warn(`receipt ${data.receiptNo}: confirmation lookup failed: ${(err as Error).message}`);
    }
  }

  async function print(receiptNo: string, opts: PrintOptions = {}): Promise<PrintOutcome> {
    const data = load(receiptNo);
    refreshConfirmation(data, repo.get(receiptNo)?.confirmedAt);
    const row = repo.get(receiptNo)!;
    const reprintNo = opts.reprint || row.printCount > 0 || row.reprintCount > 0 ? repo.nextReprint(receiptNo) : 0;
    const pdfPath = await tryPdf(data, reprintNo);
    const out = await output(data, reprintNo, opts, pdfPath);
    repo.logPrint({ receiptNo, reprintNo, target: out.target, operator: opts.operator, ok: out.ok, detail: out.message, pdfPath });
    deps.log.info(`receipt ${receiptNo} print ${reprintNo ? `reprint ${reprintNo}` : 'original'} -> ${out.target} ${out.ok ? 'ok' : 'failed'}`);
    return { receiptNo, reprintNo, pdfPath: pdfPath ?? '', ...out };
  }

  return {
    sign: deps.sign,
    archive,
    async issue(source, institution, person) {
      const built = buildReceiptData(source, institution, person, deps.sign);
      if (!built.ok) throw new AppFailure(built.error);
      const traceCodes = deps.traceCodes?.(built.value.settlementId);
      if (traceCodes) built.value.traceCodes = traceCodes;
      const { pdfPath } = await archive(built.value);
      return { receipt: load(built.value.receiptNo), pdfPath };
    },
    async issueReversal(originalReceiptNo, reversal) {
      const receipt = buildReversalReceipt(load(originalReceiptNo), reversal, deps.sign);
      const { pdfPath } = await archive(receipt);
      return { receipt: load(receipt.receiptNo), pdfPath };
    },
    print,
    reprint: (receiptNo, opts = {}) => print(receiptNo, { ...opts, reprint: true }),
    search: (filter) => repo.search(filter).map((r) => listItem(r.receiptNo)),
    get(receiptNo) {
      const data = isReceiptNo(receiptNo) ? repo.data(receiptNo) : undefined;
      return data ? { data, item: listItem(receiptNo), prints: repo.prints(receiptNo) } : undefined;
    },
    pdfPath(receiptNo, reprintNo = 0) {
      const data = isReceiptNo(receiptNo) ? repo.data(receiptNo) : undefined;
      if (!data) return undefined;
      const abs = absoluteArchivePath(deps.dataDir, archiveRelPath(data.settledAt, receiptNo, reprintNo));
      return isCompletePdf(abs) ? abs : undefined;
    },
    html: (receiptNo, reprintNo = 0) => sheetHtml(load(receiptNo), reprintNo, layouts.get(layoutKey(receiptNo, reprintNo))?.layout ?? { paper: sheetPaper(setup()), dense: false }),
    async sheet(receiptNo, reprintNo = 0) {
      const data = load(receiptNo);
      const layout = layouts.get(layoutKey(receiptNo, reprintNo))?.layout ?? (await fitted(data, reprintNo)).layout;
      return { html: sheetHtml(data, reprintNo, layout), paper: layout.paper };
    },
    escpos: (receiptNo, paper, reprintNo = 0) => renderReceiptEscPos(load(receiptNo), { paper, reprintNo, confirmedAt: confirmed(receiptNo) }),
    markConfirmed: (settlementId, at) => repo.markConfirmed(settlementId, chinaDateTime(at)),
    verify(qrText) {
      const m = /^YBJS\|([^|]{1,60})\|([A-Z][A-Z0-9-]{3,39})\|([0-9A-F]{8})$/.exec(qrText.trim());
      if (!m) return { ok: false, message: '不是本系统结算单的二维码' };
      const data = repo.data(m[2]);
      if (!data || data.settlementId !== m[1]) return { ok: false, message: '本机没有该结算单' };
      const ok = deps.sign(checkPayload(data)) === m[3] && data.qr.check === m[3];
      return ok ? { ok, receiptNo: m[2], message: '核验通过：结算单与存档一致' } : { ok, receiptNo: m[2], message: '校验码不符：结算单可能被改动' };
    },
  };
}
