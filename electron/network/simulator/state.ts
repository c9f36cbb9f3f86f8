// The simulated platform's books: sign-ins, visits and their fee lines, settlements, the year-to-
// date figures per person, account balances, reconciliation totals per day, applied messages (for
// 2601) and the files it keeps. Every lookup a request needs is a map access, so the cost of a
// request does not grow with the history.
import { Dec, ZERO } from '../../core/money';
import type { PricedLine } from './calc';
import type { PlatformPerson } from './persons';

export interface SignIn {
  signNo: string;
  opterNo: string;
  institution: string;
  atMs: number;
  day: string;
  ended?: string;
}

export interface Line {
  sn: string;
  batch: string;
  medListCodg: string;
  medinsListCodg: string;
  cnt: string;
  pric: string;
  feeTime: string;
  diseCodg: string;
  priced: PricedLine;
  result: Record<string, unknown>;
  settled?: string;
}

export interface Diagnosis {
  medType: string;
  diseCodg: string;
  diseName: string;
  main: { code: string; name: string };
  rows: number;
}

export interface Visit {
  mdtrtId: string;
  psnNo: string;
  insutype: string;
  kind: 'op' | 'ip';
  medType: string;
  iptOtpNo: string;
  institution: string;
  begntime: string;
  certType: string;
  certNo: string;
  state: 'open' | 'cancelled' | 'discharged';
  diag?: Diagnosis;
  discharge?: { endtime: string; dscgWay: string };
  lines: Map<string, Line>;
  /** Batch → line serial numbers (outpatient: chrg_bchno; inpatient: one batch "IPT"). */
  batches: Map<string, string[]>;
  /** Batch → the valid settlement of it. */
  settledBatches: Map<string, string>;
  settlements: string[];
}

export interface Settlement {
  setlId: string;
  mdtrtId: string;
  psnNo: string;
  batch: string;
  msgid: string;
  infno: string;
  status: 'valid' | 'cancelled' | 'reversed';
  /** For a cancellation record: the settlement it cancels. */
  cancels?: string;
  cancelledBy?: string;
  setlinfo: Record<string, unknown>;
  setldetail: Record<string, unknown>[];
  ytd: Record<string, Dec>;
  ytdKey: string;
  month: number;
  acct: Dec;
  day: string;
  institution: string;
  clr: { insutype: string; clrType: string; optins: string };
  sums: { medfee: Dec; fund: Dec; acct: Dec; cash: Dec };
}

export interface Applied {
  msgid: string;
  infno: string;
  psnNo: string;
  /** The settlement (2207/2208/2304/2305) or visit (2401) the message made. */
  ref: string;
  reversed: boolean;
}

export interface Totals {
  cnt: number;
  medfee: Dec;
  fund: Dec;
  acct: Dec;
  cash: Dec;
}

export interface StoredFile {
  filename: string;
  expiresMs: number;
  institution: string;
  /** Uploaded or produced bytes; catalog files are rendered on demand instead. */
  bytes?: Buffer;
  catalog?: { cat: string; n: number; generation: number };
}

const emptyTotals = (): Totals => ({ cnt: 0, medfee: ZERO, fund: ZERO, acct: ZERO, cash: ZERO });

export class Books {
  readonly persons = new Map<string, PlatformPerson>();
  readonly byCertno = new Map<string, PlatformPerson>();
  readonly byCard = new Map<string, PlatformPerson>();
  readonly byKey = new Map<string, PlatformPerson>();
  /** E-voucher token → person key and when it was issued. */
  readonly tokens = new Map<string, { key: string; atMs: number }>();
  readonly signIns = new Map<string, SignIn>();
  /** Current sign-in per institution + operator (a newer 9001 replaces the older). */
  readonly currentSignIn = new Map<string, string>();
  readonly visits = new Map<string, Visit>();
  /** institution|ipt_otp_no → mdtrt_id of the open visit. */
  readonly openVisitNo = new Map<string, string>();
  readonly settlements = new Map<string, Settlement>();
  readonly applied = new Map<string, Applied>();
  readonly accounts = new Map<string, Dec>();
  /** psn|year|insutype → cum_type_code → 12 monthly increments. */
  readonly ytd = new Map<string, Map<string, Dec[]>>();
  /** institution|insutype|clr_type|optins|day → totals of originals [0] and cancellation records [1]. */
  readonly dayTotals = new Map<string, [Totals, Totals]>();
  /** institution|optins|day → settlement record ids (3202 detail reconciliation). */
  readonly dayIndex = new Map<string, Set<string>>();
  readonly files = new Map<string, StoredFile>();
  private readonly seq = new Map<string, number>();

  constructor(readonly instance: string, persons: PlatformPerson[]) {
    for (const p of persons) {
      this.persons.set(p.psn_no, p);
      this.byCertno.set(p.certno, p);
      this.byCard.set(p.cardNo, p);
      this.byKey.set(p.key, p);
      if (p.account !== undefined) this.accounts.set(p.psn_no, new Dec(p.account));
    }
  }

  /** A new id: prefix + region + yyMMdd + instance + sequence (unique across restarts with a journal). */
  nextId(kind: string, prefix: string, stamp: string, width = 8): string {
    const n = (this.seq.get(kind) ?? 0) + 1;
    this.seq.set(kind, n);
    return `${prefix}${stamp.slice(2, 8)}${this.instance}${String(n).padStart(width, '0')}`;
  }

  counter(kind: string): number {
    const n = (this.seq.get(kind) ?? 0) + 1;
    this.seq.set(kind, n);
    return n;
  }

  private book(psnNo: string, year: number, insutype: string): Map<string, Dec[]> {
    const key = `${psnNo}|${year}|${insutype}`;
    let b = this.ytd.get(key);
    if (!b) {
      b = new Map();
      this.ytd.set(key, b);
      const seed = this.persons.get(psnNo)?.ytdSeed;
      if (seed && ['310', '390'].includes(insutype)) for (const [code, v] of Object.entries(seed)) this.bump(b, code, 1, new Dec(v));
    }
    return b;
  }

  private bump(b: Map<string, Dec[]>, code: string, month: number, v: Dec): void {
    let m = b.get(code);
    if (!m) b.set(code, (m = Array.from({ length: 12 }, () => ZERO)));
    m[month - 1] = m[month - 1].plus(v);
  }

  /** The year-to-date amount of a code up to and including `month`. */
  ytdOf(psnNo: string, year: number, insutype: string, code: string, month = 12): Dec {
    const m = this.book(psnNo, year, insutype).get(code);
    if (!m) return ZERO;
    let s = ZERO;
    for (let i = 0; i < month; i++) s = s.plus(m[i]);
    return s;
  }

  ytdCodes(psnNo: string, year: number, insutype: string): string[] {
    return [...this.book(psnNo, year, insutype).keys()];
  }

  /** Adds (sign 1) or takes back (sign -1) a settlement's year-to-date figures. */
  applyYtd(s: Settlement, sign: 1 | -1): void {
    const [psn, year, insutype] = s.ytdKey.split('|');
    const b = this.book(psn, Number(year), insutype);
    for (const [code, v] of Object.entries(s.ytd)) this.bump(b, code, s.month, sign === 1 ? v : v.negated());
  }

  /** Adds (sign 1) or takes back (sign -1) a settlement record in the day totals. */
  applyTotals(s: Settlement, sign: 1 | -1): void {
    const key = `${s.institution}|${s.clr.insutype}|${s.clr.clrType}|${s.clr.optins}|${s.day}`;
    let t = this.dayTotals.get(key);
    if (!t) this.dayTotals.set(key, (t = [emptyTotals(), emptyTotals()]));
    const bucket = t[s.cancels ? 1 : 0];
    bucket.cnt += sign;
    bucket.medfee = bucket.medfee.plus(s.sums.medfee.times(sign));
    bucket.fund = bucket.fund.plus(s.sums.fund.times(sign));
    bucket.acct = bucket.acct.plus(s.sums.acct.times(sign));
    bucket.cash = bucket.cash.plus(s.sums.cash.times(sign));
    const ik = `${s.institution}|${s.clr.optins}|${s.day}`;
    let set = this.dayIndex.get(ik);
    if (!set) this.dayIndex.set(ik, (set = new Set()));
    if (sign === 1) set.add(s.setlId);
    else set.delete(s.setlId);
  }

  /** Keeps a file; expired files are dropped from the front (files expire in the order they come). */
  putFile(no: string, f: StoredFile, atMs: number): void {
    for (const [k, old] of this.files) {
      if (old.expiresMs >= atMs) break;
      this.files.delete(k);
    }
    this.files.set(no, f);
  }

  balance(psnNo: string): Dec | undefined {
    return this.accounts.get(psnNo);
  }

  moveAccount(psnNo: string, delta: Dec): void {
    const b = this.accounts.get(psnNo);
    if (b !== undefined) this.accounts.set(psnNo, b.plus(delta));
  }
}
