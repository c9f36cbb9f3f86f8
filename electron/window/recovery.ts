// What a crash (kill -9, power cut) between a settlement's commit and the steps after it leaves is
// made good at start: every settlement and cancellation committed before this start gets its
// archived receipt (the sheet's data, then its PDF), in the background. The HIS visit's state is
// written in the settlement's own transaction; visits that earlier versions left waiting (or
// settled after a cancellation) are corrected here too.
import fs from 'node:fs';
import * as v from 'valibot';
import { storedJson } from '../store/stored-json';
import type { AppContext } from '../platform/context';
import type { WindowServices } from './deps';
import { SettlementsRepo, type SettlementDoc } from '../store/settlements';
import { absoluteArchivePath, archiveRelPath } from '../print/archive';
import { markHisCancelled, markHisSettled } from '../settlement/his-marks';
import type { ReceiptIssuer } from './receipt-issuer';

export interface RecoveryReport {
  /** Receipts issued for documents that had none. */
  receipts: number;
  /** Archived PDFs written again (the receipt's data was stored, its PDF was not). */
  pdfs: number;
  /** HIS visits marked settled / cancelled after the fact. */
  hisSettled: number;
  hisCancelled: number;
  failed: number;
}

export interface RecoveryDeps {
  ctx: AppContext;
  services: Pick<WindowServices, 'his' | 'receipts' | 'operatorName'>;
  issuer: ReceiptIssuer;
}

/** What earlier starts checked (store_meta 'recovery_checked', 078): documents up to docKey, receipts up to receiptRowid. */
const CheckedSchema = v.object({ docKey: v.pipe(v.number(), v.safeInteger()), receiptRowid: v.pipe(v.number(), v.safeInteger()) });
type Checked = v.InferOutput<typeof CheckedSchema>;
const CHECKED = storedJson({ table: 'store_meta', tableZh: '存储信息', field: 'value', fieldZh: '启动检查进度' }, CheckedSchema);

/** What is to be made good, taken at install: before the app serves anything, so none of it is the running app's own. */
export interface RecoveryPlan {
  /** Documents without a receipt, oldest first. */
  documents: string[];
  /** Stored receipts (their archived PDFs are checked in the background). */
  receipts: { receipt_no: string; settled_at: string }[];
  report: RecoveryReport;
  /** What will have been checked once this plan is carried out without a failure. */
  upTo: Checked;
}

function checked(d: RecoveryDeps): Checked {
  const row = d.ctx.db.prepare("SELECT value FROM store_meta WHERE key = 'recovery_checked'").get() as { value: string } | undefined;
  return CHECKED.readOpt(row?.value, 'recovery_checked') ?? { docKey: 0, receiptRowid: 0 };
}

/**
 * At install: the HIS visits' states are corrected at once; the receipts to check are listed. Only
 * what came since the last start that was made good entirely: a crash leaves its marks at the end.
 */
export function planRecovery(d: RecoveryDeps): RecoveryPlan {
  const report: RecoveryReport = { receipts: 0, pdfs: 0, hisSettled: 0, hisCancelled: 0, failed: 0 };
  const since = checked(d);
  hisStates(d, new SettlementsRepo(d.ctx.db), report, since);
  const documents = d.ctx.db
    .prepare('SELECT s.id FROM settlements s WHERE s.doc_key > ? AND NOT EXISTS (SELECT 1 FROM receipts r WHERE r.receipt_no = s.receipt_no) ORDER BY s.doc_key')
    .all(since.docKey) as { id: string }[];
  const receipts = d.ctx.db.prepare('SELECT receipt_no, settled_at FROM receipts WHERE rowid > ? ORDER BY rowid').all(since.receiptRowid) as RecoveryPlan['receipts'];
  const last = d.ctx.db.prepare('SELECT (SELECT max(doc_key) FROM settlements) AS docKey, (SELECT max(rowid) FROM receipts) AS receiptRowid').get() as Checked;
  const upTo = { docKey: last.docKey ?? since.docKey, receiptRowid: last.receiptRowid ?? since.receiptRowid };
  return { documents: documents.map((r) => r.id), receipts, report, upTo };
}

/** In the background: the missing receipts are issued, the missing PDFs rendered; what was made good is not checked again. */
export async function runRecovery(d: RecoveryDeps, plan: RecoveryPlan): Promise<RecoveryReport> {
  const { report } = plan;
  await missingReceipts(d, plan.documents, report);
  await missingPdfs(d, plan.receipts, report);
  const did = report.receipts + report.pdfs + report.hisSettled + report.hisCancelled;
  if (did || report.failed) d.ctx.log.warn(`recovery at start: ${JSON.stringify(report)}`);
  if (!report.failed && d.ctx.db.open) {
    d.ctx.db.prepare("UPDATE store_meta SET value = ? WHERE key = 'recovery_checked'").run(JSON.stringify(plan.upTo));
  }
  return report;
}

function attempt(d: RecoveryDeps, report: RecoveryReport, what: string, fn: () => void): void {
  try {
    fn();
  } catch (err) {
    report.failed += 1;
    d.ctx.log.error(`recovery: ${what}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Open HIS visits whose settlement is committed are settled; settled ones whose settlement was cancelled are cancelled. */
function hisStates(d: RecoveryDeps, docs: SettlementsRepo, report: RecoveryReport, since: Checked): void {
  const his = d.services.his.service;
  for (const s of his.listWaiting()) {
    const id = docs.claimOf(s.hisVisitId);
    const doc = id ? docs.get(id) : undefined;
    if (doc?.visitSource !== 'his') continue;
    attempt(d, report, `his visit ${s.hisVisitId}`, () => {
      markHisSettled(his, doc, undefined);
      report.hisSettled += 1;
    });
  }
  const cancellations = d.ctx.db
    .prepare("SELECT id FROM settlements WHERE doc_key > ? AND kind = 'cancellation' AND visit_source = 'his' ORDER BY doc_key")
    .all(since.docKey) as { id: string }[];
  for (const { id } of cancellations) {
    const canc = docs.get(id)!;
    const v = his.get(canc.visitRef);
    if (v?.state !== 'settled' || v.settlement?.settlementId !== canc.cancelsId) continue;
    const original = docs.get(canc.cancelsId!)!;
    attempt(d, report, `his visit ${canc.visitRef}`, () => {
      markHisCancelled(his, original, canc, d.ctx.log);
      report.hisCancelled += 1;
    });
  }
}

function operatorName(d: RecoveryDeps, id: string): string {
  return d.services.operatorName(id) ?? id;
}

async function missingReceipts(d: RecoveryDeps, ids: string[], report: RecoveryReport): Promise<void> {
  const docs = new SettlementsRepo(d.ctx.db);
  for (const id of ids) {
    const doc = docs.get(id)!;
    try {
      await issue(d, docs, doc);
      report.receipts += 1;
    } catch (err) {
      report.failed += 1;
      d.ctx.log.error(`recovery: receipt of ${doc.id}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

/** Issues the receipt of one document (a settlement's, or a cancellation's reversal sheet). */
export async function issueReceiptOf(d: RecoveryDeps, id: string): Promise<void> {
  const docs = new SettlementsRepo(d.ctx.db);
  const doc = docs.get(id);
  if (doc) await issue(d, docs, doc);
}

async function issue(d: RecoveryDeps, docs: SettlementsRepo, doc: SettlementDoc): Promise<void> {
  const name = operatorName(d, doc.operatorId);
  if (doc.kind === 'settlement') return d.issuer.settlement(doc, name, true);
  const original = docs.get(doc.cancelsId!);
  if (original) await d.issuer.reversal(original, doc, name);
}

/** Receipts whose archived PDF is not on disk (stored, then the crash): rendered again. */
async function missingPdfs(d: RecoveryDeps, rows: RecoveryPlan['receipts'], report: RecoveryReport): Promise<void> {
  const receipts = d.services.receipts;
  for (const r of rows) {
    let file: string;
    try {
      file = absoluteArchivePath(d.ctx.dataDir, archiveRelPath(r.settled_at, r.receipt_no));
    } catch {
      continue;
    }
    if (fs.existsSync(file)) continue;
    const got = receipts.get(r.receipt_no);
    if (!got) continue;
    const out = await receipts.archive(got.data);
    if (out.archived) report.pdfs += 1;
    else report.failed += 1;
  }
}
