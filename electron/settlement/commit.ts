// THE durable write of a settlement: document, layers, visit claim, network record, year-to-date,
// outbox messages, warnings, collected differences and the HIS visit's state, in one SQLite
// transaction (WAL, synchronous=FULL). Nothing is sent that was not first stored here.
import { toFen } from '../core/money';
import { AppFailure } from '../core/result';
import type { Db } from '../store/db';
import type { SettlementDoc } from '../store/settlements';
import type { SettlementWarning } from '../core/engine';
import { planSettlement, type PlannedStep } from '../network/forwarder/steps';
import type { SettleRepos } from './repos';
import { traceWithin } from '../trace/hook';

export interface CommitInput {
  businessDate: string;
  /** Builds the document once its daily sequence number is known (inside the transaction). */
  build(seq: number): SettlementDoc;
  warnings?: readonly SettlementWarning[];
  /** Open differences of earlier settlements collected (or refunded) with this one. */
  collects?: readonly string[];
  /** Runs last, inside the transaction (the HIS visit's state); throws to refuse the settlement. */
  within?: (doc: SettlementDoc) => void;
  /** The network steps left to send (default: every step of the visit type; none when the network already settled it). */
  steps?: PlannedStep[];
}

/** The write itself, as one transaction function per database (made once, not per settlement). */
const writers = new WeakMap<Db, (r: SettleRepos, c: CommitInput) => SettlementDoc>();

export function commitSettlement(db: Db, r: SettleRepos, c: CommitInput): SettlementDoc {
  let write = writers.get(db);
  if (!write) {
    // The drug lines' traceability records (3505 queued) are written in the same transaction.
    write = db.transaction((r: SettleRepos, c: CommitInput) => traceWithin(writeSettlement(r, c), db));
    writers.set(db, write);
  }
  return write(r, c);
}

function writeSettlement(r: SettleRepos, c: CommitInput): SettlementDoc {
  const seq = r.settlements.nextDaySeq(c.businessDate);
  const doc = c.build(seq);
  if (doc.businessDate !== c.businessDate) throw new Error(`document of ${doc.businessDate} numbered in the sequence of ${c.businessDate}`);
  r.settlements.insert(doc, seq);
  if (!r.settlements.claimVisit(doc.visitRef, doc.id)) {
    throw new AppFailure({
      code: 'ALREADY_SETTLED', message: `该就诊（${doc.visitRef}）已结算，不能重复结算`,
      detail: `visit ${doc.visitRef} already claimed`, field: 'visit.ref',
    });
  }
  const offline = doc.kind === 'settlement' && doc.mode === 'offline' ? { businessDate: doc.businessDate, fen: doc.totalFen } : undefined;
  r.ytd.apply(doc.person.personNo, doc.ytdDelta, 1, offline);
  r.outbox.enqueue(doc.id, doc.person.personNo, c.steps ?? planSettlement(doc.visitType));
  for (const w of c.warnings ?? []) {
    r.warnings.add({
      settlementId: doc.id, personNo: doc.person.personNo, kind: w.kind, thresholdFen: toFen(w.threshold),
      amountFen: toFen(w.amount), message: w.message, createdAt: doc.createdAt,
    });
  }
  if (c.collects?.length) r.differences.markCollected([...c.collects], doc.id);
  c.within?.(doc);
  return doc;
}
