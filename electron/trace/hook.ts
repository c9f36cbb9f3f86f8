// The two calls the settle area makes inside its own transactions (the only way in from there):
//   traceWithin(doc, db)                    after a settlement is written: its drug lines as sold
//                                           (codes, or the reason for none), the code history, and
//                                           a 3505 queued per drug line; the scan session goes.
//   traceCancelWithin(cancel, original, db) after a cancellation is written: the sales returned,
//                                           the code history given back, a 3506 queued for every
//                                           3505 that left (one that did not is voided).
// Both run in a savepoint and never throw: a trace failure must not lose a settlement the network
// may already have made; it is logged and the settlement commits without its trace rows.
import type { Db } from '../store/db';
import type { SettlementDoc, StoredLine } from '../store/settlements';
import { Dec } from '../core/money';
import { isDrugLine } from './rules';
import { TraceRepo, type SaleRow, type SessionLine } from './repo';
import { UploadQueue } from './queue-repo';

type Listener = { log(line: string): void; queued(): void };
const listeners = new Set<Listener>();

/** The trace area hears of hook failures (its log) and of new rows (its sender); returns the unsubscribe. */
export function onTraceHook(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

function guarded(db: Db, what: string, fn: () => boolean): void {
  let queued = false;
  try {
    queued = db.transaction(fn)();
  } catch (err) {
    const line = `trace: ${what} failed, committed without its trace rows: ${err instanceof Error ? err.stack : String(err)}`;
    if (!listeners.size) console.error(line);
    for (const l of listeners) l.log(line);
  }
  // The sender reads the rows after the enclosing transaction commits.
  if (queued) setImmediate(() => listeners.forEach((l) => l.queued()));
}

export function traceWithin<D extends SettlementDoc>(doc: D, db: Db): D {
  if (doc.kind !== 'settlement') return doc;
  const repo = new TraceRepo(db, () => new Date(doc.createdAt));
  if (!repo.hasSession(doc.visitRef)) return doc;
  guarded(db, `settlement ${doc.id}`, () => recordSale(doc, repo, new UploadQueue(db, () => new Date(doc.createdAt))));
  return doc;
}

function saleRow(doc: SettlementDoc, l: StoredLine, s: SessionLine | undefined, codes: SaleRow['codes']): SaleRow {
  return {
    settlementId: doc.id, lineNo: l.lineNo, businessDate: doc.businessDate, listCode: l.code, hospCode: l.hospCode, name: s?.name ?? l.name,
    quantity: l.quantity, unitPrice: l.unitPrice, pack: s?.pack ?? 1, split: s?.split ?? false, codes,
    reason: codes.length ? undefined : s?.reason ?? 'notScanned', prescriber: s?.prescriber ?? '', lotNo: s?.lotNo, madeOn: s?.madeOn, returned: false,
  };
}

function recordSale(doc: SettlementDoc, repo: TraceRepo, queue: UploadQueue): boolean {
  const session = new Map(repo.lines(doc.visitRef).map((l) => [l.lineNo, l]));
  const scans = repo.scans(doc.visitRef);
  let queued = false;
  for (const l of doc.lines) {
    const s = session.get(l.lineNo);
    const mine = s && s.hospCode === l.hospCode ? s : undefined;
    if (!mine && !isDrugLine(l)) continue;
    const codes = mine ? scans.filter((x) => x.lineNo === l.lineNo).map((x) => ({ code: x.code, units: x.units })) : [];
    const sale = saleRow(doc, l, mine, codes);
    repo.addSale(sale);
    for (const c of codes) sold(repo, sale, c, 1);
    queue.add(doc.id, l.lineNo, '3505');
    queued = true;
  }
  repo.dropSession(doc.visitRef);
  return queued;
}

/** A code's history after a sale (+1) or its return (-1). */
function sold(repo: TraceRepo, sale: SaleRow, c: { code: string; units: string }, sign: 1 | -1): void {
  const h = repo.history(c.code) ?? { wholeSold: 0, unitsUsed: '0', pack: sale.pack, listCode: sale.listCode };
  if (sale.split) h.unitsUsed = Dec.max(0, new Dec(h.unitsUsed).plus(new Dec(c.units).times(sign))).toFixed();
  else h.wholeSold = Math.max(0, h.wholeSold + sign);
  repo.putHistory(c.code, h);
}

export function traceCancelWithin(cancellation: SettlementDoc, original: SettlementDoc, db: Db): void {
  const now = () => new Date(cancellation.createdAt);
  const repo = new TraceRepo(db, now);
  const sales = repo.sales(original.id);
  if (!sales.length || sales.every((s) => s.returned)) return;
  guarded(db, `cancellation ${cancellation.id} of ${original.id}`, () => recordReturn(original, sales, repo, new UploadQueue(db, now)));
}

function recordReturn(original: SettlementDoc, sales: SaleRow[], repo: TraceRepo, queue: UploadQueue): boolean {
  repo.markReturned(original.id);
  let queued = false;
  for (const sale of sales) {
    for (const c of sale.codes) sold(repo, sale, c, -1);
    const up = queue.find(original.id, sale.lineNo, '3505');
    if (!up) continue;
    if (up.state === 'waiting') queue.finish(up.id, 'void', '结算已撤销，销售记录未上传，无需退货');
    else if (up.state === 'sending' || up.state === 'done') {
      queue.add(original.id, sale.lineNo, '3506');
      queued = true;
    }
  }
  return queued;
}
