// The simulated network's books: persons (year-to-date, account), visits and their fee lines,
// settlements, what each msgid applied (for 2601), uploaded/result files. In memory.
import type Decimal from 'decimal.js';
import { Dec } from '../../core/money';
import { DEMO_PERSONS, type DemoPerson } from '../../demo/persons';
import type { YtdBook } from '../../core/engine';

export class SimReject extends Error {
  constructor(message: string, readonly infcode = -1) {
    super(message);
  }
}

export interface SimPerson {
  demo: DemoPerson;
  insutype: string;
  ytd?: YtdBook;
  account: Decimal;
}

export interface SimLine {
  lineNo: string;
  listCode: string;
  amount: Decimal;
  quantity: string;
  unitPrice: string;
  class: 'A' | 'B' | 'C';
  selfPayRatio: string;
  itemType: string;
  fullSelfPay: Decimal;
  preSelfPay: Decimal;
  inScope: Decimal;
  batchNo: string;
  msgid: string;
  /** The settlement that took the line (set while settled). */
  settledBy?: string;
  result: Record<string, unknown>;
}

export interface SimVisit {
  visitId: string;
  personNo: string;
  insutype: string;
  kind: 'outpatient' | 'inpatient';
  medType: string;
  institution: string;
  hisVisitNo: string;
  begin: string;
  diseaseCode: string;
  state: 'open' | 'discharged' | 'cancelled';
  lines: Map<string, SimLine>;
  msgid: string;
}

export interface SimSettlement {
  settlementId: string;
  visitId: string;
  personNo: string;
  institution: string;
  insutype: string;
  clrType: string;
  /** The msgid that created this record. */
  msgid: string;
  infno: string;
  date: string;
  status: 'valid' | 'cancelled' | 'reversed';
  /** For a cancellation record: the settlement it cancels. */
  cancels?: string;
  /** For an original: its cancellation record, once cancelled. */
  cancelledBy?: string;
  setlinfo: Record<string, unknown>;
  setldetail: Record<string, unknown>[];
  medfee: Decimal;
  fund: Decimal;
  account: Decimal;
  /** The person's year-to-date book before and after (to undo an original). */
  ytdBefore?: YtdBook;
  ytdDelta?: YtdBook;
}

/** What a msgid did, so 2601 can undo it. */
export interface AppliedEffect {
  msgid: string;
  infno: string;
  personNo: string;
  /** Undoes the effect; throws SimReject when it can no longer be undone. */
  undo?: () => void;
  reversed: boolean;
}

let stateCounter = 0;

/**
 * The settlement records by id (a Map, in the order they were made), also indexed by visit, so
 * that "the visit's valid settlement" (asked by every settle) looks at the visit's few records
 * instead of every record the network holds.
 */
export class SettlementBook extends Map<string, SimSettlement> {
  private readonly byVisit = new Map<string, Set<string>>();

  override set(id: string, s: SimSettlement): this {
    const before = super.get(id);
    if (before && before.visitId !== s.visitId) this.byVisit.get(before.visitId)?.delete(id);
    super.set(id, s);
    // Called by Map's constructor before the index exists (never with entries here).
    if (!this.byVisit) return this;
    let ids = this.byVisit.get(s.visitId);
    if (!ids) this.byVisit.set(s.visitId, (ids = new Set()));
    ids.add(id);
    return this;
  }

  override delete(id: string): boolean {
    const s = super.get(id);
    if (s) this.byVisit.get(s.visitId)?.delete(id);
    return super.delete(id);
  }

  override clear(): void {
    this.byVisit.clear();
    super.clear();
  }

  /** The records of one visit, in the order they were made. */
  *ofVisit(visitId: string): IterableIterator<SimSettlement> {
    for (const id of this.byVisit.get(visitId) ?? []) {
      const s = super.get(id);
      if (s) yield s;
    }
  }
}

export class SimState {
  readonly persons = new Map<string, SimPerson>();
  readonly visits = new Map<string, SimVisit>();
  readonly settlements = new SettlementBook();
  readonly applied = new Map<string, AppliedEffect>();
  readonly files = new Map<string, { filename: string; content: string }>();
  readonly signIns = new Map<string, { opter: string; at: string; signedOut: boolean }>();
  readonly tokens = new Map<string, string>();
  /** msgids reversed (2601) before they ever arrived: refused if they arrive later. */
  readonly tombstones = new Set<string>();
  private seq = 0;
  /** Two digits in every id this simulator gives, so simulators of one process never collide. */
  readonly instance: string;

  constructor(persons: readonly DemoPerson[] = DEMO_PERSONS, instance?: string) {
    this.instance = instance ?? (++stateCounter % 100).toString().padStart(2, '0');
    for (const p of persons) {
      this.persons.set(p.personNo, { demo: p, insutype: p.insuranceType === 'employee' ? '310' : '390', account: new Dec(p.accountBalance) });
    }
  }

  /** A new id with a prefix, unique within this simulator: e.g. V + stamp + sequence. */
  nextId(prefix: string, stamp: string): string {
    this.seq += 1;
    return `${prefix}${stamp}${this.instance}${String(this.seq).padStart(6, '0')}`;
  }

  person(personNo: string): SimPerson {
    const p = this.persons.get(personNo);
    if (!p) throw new SimReject(`人员编号 ${personNo} 不存在`);
    return p;
  }

  visit(visitId: string, personNo?: string): SimVisit {
    const v = this.visits.get(visitId);
    if (!v) throw new SimReject(`就诊ID ${visitId} 不存在`);
    if (personNo && v.personNo !== personNo) throw new SimReject(`就诊ID ${visitId} 不属于人员 ${personNo}`);
    return v;
  }

  /** The valid (not cancelled, not reversed) original settlement of a visit, if any. */
  validSettlementOf(visitId: string): SimSettlement | undefined {
    for (const s of this.settlements.ofVisit(visitId)) {
      if (!s.cancels && s.status === 'valid') return s;
    }
    return undefined;
  }

  record(effect: Omit<AppliedEffect, 'reversed'>): void {
    this.applied.set(effect.msgid, { ...effect, reversed: false });
  }
}
