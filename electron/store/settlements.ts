// Repository of settlement documents: immutable once written (the schema refuses UPDATE and
// DELETE), a cancellation is a new document linked to the one it cancels. Integer fen throughout.
// The mutable network side of a document lives in settlement-network.ts.
import type { Db } from './db';
import { stmt } from './stmt';
import { optText, type Row } from './row';
import { pack } from './packed';
import { SETTLEMENT_JSON as J, type CategoryTotals, type SettlementBody, type StoredLayer, type StoredLine, type YtdDelta } from './schemas/settlement';

export type VisitSource = 'his' | 'manual';
export type SettlementKind = 'settlement' | 'cancellation';
export type SettleMode = 'online' | 'offline';

export interface StoredPerson {
  personNo: string;
  name: string;
  idNumber: string;
  insuranceType: 'resident' | 'employee';
  /** Wire insurance type code (390, 310...). */
  insutype: string;
  /** insuplc_admdvs. */
  insuranceRegion: string;
  identities: string[];
  enrolled: string[];
  region: string;
  certType: string;
  certNo: string;
}

export type { CategoryTotals, StoredLayer, StoredLine, YtdDelta } from './schemas/settlement';

export interface SettlementDoc {
  id: string;
  receiptNo: string;
  kind: SettlementKind;
  cancelsId?: string;
  visitRef: string;
  visitSource: VisitSource;
  person: StoredPerson;
  visitType: 'outpatient' | 'chronicOutpatient' | 'inpatient';
  facilityLevel: string;
  visitDate: string;
  /** A chronic visit's registered disease, as chosen at the window. */
  chronicCode?: string;
  /** An employee's personal account balance after the settlement, as known when it was committed. */
  accountBalanceAfterFen?: number;
  packId: string;
  packHash: string;
  totalFen: number;
  inScopeFen: number;
  preSelfPayFen: number;
  fullSelfPayFen: number;
  fundsFen: number;
  accountFen: number;
  cashFen: number;
  /** Earlier differences collected (+) or refunded (-) with this settlement's cash. */
  adjustmentFen: number;
  categories: CategoryTotals;
  lines: StoredLine[];
  trace: string[];
  ytdDelta: YtdDelta;
  payment: { method: string; reference?: string; tenderedFen?: number };
  operatorId: string;
  cardFree: boolean;
  mode: SettleMode;
  personFetchedAt?: string;
  reason?: string;
  businessDate: string;
  createdAt: string;
  layers: StoredLayer[];
}


const COLUMNS = [
  'doc_key', 'id', 'receipt_no', 'kind', 'cancels_id', 'visit_ref', 'visit_source', 'person_no', 'person_name', 'id_number',
  'insurance_type', 'insutype', 'insurance_region', 'identities', 'enrolled', 'region', 'cert_type', 'cert_no',
  'visit_type', 'facility_level', 'visit_date', 'pack_id', 'pack_hash', 'total_fen', 'in_scope_fen',
  'pre_self_pay_fen', 'full_self_pay_fen', 'funds_fen', 'account_fen', 'cash_fen', 'adjustment_fen', 'categories',
  'lines', 'trace', 'ytd_delta', 'payment_method', 'payment_ref', 'tendered_fen', 'operator_id', 'card_free', 'mode',
  'person_fetched_at', 'reason', 'business_date', 'created_at', 'layers', 'body',
] as const;

type Body = SettlementBody;

/** The columns a list needs (no JSON parts): cheap to read many of. */
const HEAD_COLUMNS = COLUMNS.filter((c) => !['identities', 'enrolled', 'categories', 'lines', 'trace', 'ytd_delta', 'layers', 'body'].includes(c)).join(', ');

/** A day's documents are keyed day x 10^7 + sequence: one key range per day, appended in order. */
export const DAY_SPAN = 10_000_000;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The first key of a business day (YYYY-MM-DD), or undefined for anything else. */
export function dayKey(businessDate: string): number | undefined {
  const m = DAY.exec(businessDate);
  return m ? Number(m[1] + m[2] + m[3]) * DAY_SPAN : undefined;
}

function docKey(businessDate: string, seq: number): number {
  const base = dayKey(businessDate);
  if (base === undefined) throw new Error(`business date must be YYYY-MM-DD: ${businessDate}`);
  if (!Number.isSafeInteger(seq) || seq < 1 || seq >= DAY_SPAN) throw new Error(`daily sequence out of range: ${seq}`);
  return base + seq;
}

function toRow(d: SettlementDoc, seq: number): unknown[] {
  const p = d.person;
  const body: Body = {
    identities: p.identities, enrolled: p.enrolled, categories: d.categories, lines: d.lines, trace: d.trace, ytdDelta: d.ytdDelta, layers: d.layers,
    ...(d.chronicCode ? { chronicCode: d.chronicCode } : {}),
    ...(d.accountBalanceAfterFen !== undefined ? { accountBalanceAfterFen: d.accountBalanceAfterFen } : {}),
  };
  return [
    docKey(d.businessDate, seq), d.id, d.receiptNo, d.kind, d.cancelsId ?? null, d.visitRef, d.visitSource, p.personNo, p.name, p.idNumber,
    p.insuranceType, p.insutype, p.insuranceRegion, '', '', p.region,
    p.certType, p.certNo, d.visitType, d.facilityLevel, d.visitDate, d.packId, d.packHash, d.totalFen, d.inScopeFen,
    d.preSelfPayFen, d.fullSelfPayFen, d.fundsFen, d.accountFen, d.cashFen, d.adjustmentFen,
    '', '', '', '',
    d.payment.method, d.payment.reference ?? null, d.payment.tenderedFen ?? null, d.operatorId, d.cardFree ? 1 : 0,
    d.mode, d.personFetchedAt ?? null, d.reason ?? null, d.businessDate, d.createdAt, '', pack(body),
  ];
}

/** The JSON parts: packed in `body`, or (documents written before 075) in their own columns. */
function bodyOf(r: Row): Body {
  const id = r.id as string;
  if (r.body !== null && r.body !== undefined) return J.body.read(r.body, id);
  return {
    identities: J.identities.read(r.identities, id),
    enrolled: J.enrolled.read(r.enrolled, id),
    categories: J.categories.read(r.categories, id),
    lines: J.lines.read(r.lines, id),
    trace: J.trace.read(r.trace, id),
    ytdDelta: J.ytdDelta.read(r.ytd_delta, id),
    layers: J.layers.read(r.layers, id),
  };
}

/** A document's own fields without its JSON parts (what a list shows). */
export type SettlementHead = Omit<SettlementDoc, 'person' | 'categories' | 'lines' | 'trace' | 'ytdDelta' | 'layers'> & {
  person: Omit<StoredPerson, 'identities' | 'enrolled'>;
};

function headFromRow(r: Row): SettlementHead {
  return {
    id: r.id as string,
    receiptNo: r.receipt_no as string,
    kind: r.kind as SettlementKind,
    cancelsId: optText(r.cancels_id),
    visitRef: r.visit_ref as string,
    visitSource: r.visit_source as VisitSource,
    person: {
      personNo: r.person_no as string,
      name: r.person_name as string,
      idNumber: r.id_number as string,
      insuranceType: r.insurance_type as StoredPerson['insuranceType'],
      insutype: r.insutype as string,
      insuranceRegion: r.insurance_region as string,
      region: r.region as string,
      certType: r.cert_type as string,
      certNo: r.cert_no as string,
    },
    visitType: r.visit_type as SettlementDoc['visitType'],
    facilityLevel: r.facility_level as string,
    visitDate: r.visit_date as string,
    packId: r.pack_id as string,
    packHash: r.pack_hash as string,
    totalFen: r.total_fen as number,
    inScopeFen: r.in_scope_fen as number,
    preSelfPayFen: r.pre_self_pay_fen as number,
    fullSelfPayFen: r.full_self_pay_fen as number,
    fundsFen: r.funds_fen as number,
    accountFen: r.account_fen as number,
    cashFen: r.cash_fen as number,
    adjustmentFen: r.adjustment_fen as number,
    payment: {
      method: r.payment_method as string,
      reference: optText(r.payment_ref),
      tenderedFen: r.tendered_fen === null ? undefined : (r.tendered_fen as number),
    },
    operatorId: r.operator_id as string,
    cardFree: r.card_free === 1,
    mode: r.mode as SettleMode,
    personFetchedAt: optText(r.person_fetched_at),
    reason: optText(r.reason),
    businessDate: r.business_date as string,
    createdAt: r.created_at as string,
  };
}

function fromRow(r: Row): SettlementDoc {
  const head = headFromRow(r);
  const b = bodyOf(r);
  return {
    ...head,
    person: { ...head.person, identities: b.identities, enrolled: b.enrolled },
    categories: b.categories, lines: b.lines, trace: b.trace, ytdDelta: b.ytdDelta, layers: b.layers,
    ...(b.chronicCode ? { chronicCode: b.chronicCode } : {}),
    ...(b.accountBalanceAfterFen !== undefined ? { accountBalanceAfterFen: b.accountBalanceAfterFen } : {}),
  };
}

export interface SearchFilter {
  personNo?: string;
  visitRef?: string;
  dateFrom?: string;
  dateTo?: string;
  operatorId?: string;
  kind?: SettlementKind;
  limit?: number;
}

const INSERT = `INSERT INTO settlements (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`;

export class SettlementsRepo {
  constructor(private readonly db: Db) {}

  /** Writes a document under its day's sequence number `seq` (from nextDaySeq, in the same transaction). */
  insert(doc: SettlementDoc, seq: number): void {
    stmt(this.db, INSERT).run(...toRow(doc, seq));
  }

  get(id: string): SettlementDoc | undefined {
    const row = stmt(this.db, 'SELECT * FROM settlements WHERE id = ?').get(id) as Row | undefined;
    return row ? fromRow(row) : undefined;
  }

  /** get() without the document's JSON parts (nothing unpacked): for lists and reconciliation's sums. */
  head(id: string): SettlementHead | undefined {
    const row = stmt(this.db, `SELECT ${HEAD_COLUMNS} FROM settlements WHERE id = ?`).get(id) as Row | undefined;
    return row ? headFromRow(row) : undefined;
  }

  /** Receipt numbers and settlement ids are made together: R... <-> S... */
  byReceiptNo(receiptNo: string): SettlementDoc | undefined {
    const direct = this.get(`S${receiptNo.slice(1)}`);
    if (direct?.receiptNo === receiptNo) return direct;
    const row = stmt(this.db, 'SELECT id FROM settlements WHERE receipt_no = ?').get(receiptNo) as { id: string } | undefined;
    return row ? this.get(row.id) : undefined;
  }

  /** The cancellation of a settlement, if one was written (linked on the network record). */
  cancellationOf(id: string): SettlementDoc | undefined {
    const row = stmt(this.db, 'SELECT cancelled_by FROM settlement_network WHERE settlement_id = ?').get(id) as
      | { cancelled_by: string | null }
      | undefined;
    return row?.cancelled_by ? this.get(row.cancelled_by) : undefined;
  }

  /**
   * Documents matching the filter, newest first (document order: day, then the day's sequence).
   * A person's come through settlements_person, a date range is one doc_key range read from its
   * end: neither reads more than it returns.
   */
  search(f: SearchFilter): SettlementDoc[] {
    return this.select('*', f).map(fromRow);
  }

  /** search() without the documents' JSON parts: for lists. */
  searchHeads(f: SearchFilter): SettlementHead[] {
    return this.select(HEAD_COLUMNS, f).map(headFromRow);
  }

  private select(columns: string, f: SearchFilter): Row[] {
    const where: string[] = [];
    const args: unknown[] = [];
    const add = (sql: string, v: unknown) => {
      where.push(sql);
      args.push(v);
    };
    if (f.personNo) add('person_no = ?', f.personNo);
    if (f.visitRef) add('visit_ref = ?', f.visitRef);
    if (f.dateFrom) add('business_date >= ?', f.dateFrom);
    if (f.dateTo) add('business_date <= ?', f.dateTo);
    const from = f.dateFrom ? dayKey(f.dateFrom) : undefined;
    const to = f.dateTo ? dayKey(f.dateTo) : undefined;
    if (from !== undefined) add('doc_key >= ?', from);
    if (to !== undefined) add('doc_key < ?', to + DAY_SPAN);
    if (f.operatorId) add('operator_id = ?', f.operatorId);
    if (f.kind) add('kind = ?', f.kind);
    const sql = `SELECT ${columns} FROM settlements ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY doc_key DESC LIMIT ?`;
    return stmt(this.db, sql).all(...args, f.limit ?? 200) as Row[];
  }

  /** Next number of the day for receipt numbers (inside the settle transaction): one seek. */
  nextDaySeq(businessDate: string): number {
    const base = docKey(businessDate, 1) - 1;
    const row = stmt(this.db, 'SELECT max(doc_key) AS k FROM settlements WHERE doc_key > ? AND doc_key < ?')
      .get(base, base + DAY_SPAN) as { k: number | null };
    return row.k === null ? 1 : row.k - base + 1;
  }

  /** Claims the visit for a settlement; false when a live settlement already holds it. */
  claimVisit(visitRef: string, settlementId: string): boolean {
    const r = stmt(this.db, 'INSERT OR IGNORE INTO visit_claims (visit_ref, settlement_id) VALUES (?, ?)').run(visitRef, settlementId);
    return r.changes === 1;
  }

  releaseVisit(visitRef: string, settlementId: string): void {
    stmt(this.db, 'DELETE FROM visit_claims WHERE visit_ref = ? AND settlement_id = ?').run(visitRef, settlementId);
  }

  /** The live settlement of a visit, if any. */
  claimOf(visitRef: string): string | undefined {
    const row = stmt(this.db, 'SELECT settlement_id FROM visit_claims WHERE visit_ref = ?').get(visitRef) as
      | { settlement_id: string }
      | undefined;
    return row?.settlement_id;
  }
}
