// A visit at the network before the patient pays: the entitlement check (2001), the registration
// (2201 / inpatient 2401), the visit information with its diagnoses (2203) and the fee lines (2204 /
// 2301, then the discharge 2402), so that at the window only the pre-settlement and the settlement
// remain. Every call is durable (./net-calls.ts). A visit the HIS changed after its lines were
// uploaded is uploaded again: the old batch taken back first (2205), then 2203 and 2204 with a new
// batch number. One visit's steps run one at a time (a second caller waits for the first).
import crypto from 'node:crypto';
import { AppFailure } from '../core/result';
import {
  BusinessRejectedError, isNetworkError, type Cert, type FeeLineInput, type FeeLineResult, type FeeSplit, type MedType, type NetworkClient,
  type PersonRef,
} from '../network/client';
import type { VisitClinical } from '../network/forwarder';
import type { AppLogger } from '../platform/logger';
import type { Db } from '../store/db';
import { durableCall, type CallDeps } from './net-calls';
import { NetVisitRepo, type NetVisitRow } from './net-visit-repo';
import { resendOpenCall } from './net-resolve';

/** A fee line as uploaded: the stored line's codes, quantity, price and time. */
export interface UploadLine {
  code: string;
  hospCode: string;
  quantity: string;
  unitPrice: string;
  time: string;
}

/** Everything a visit's upload is made of. */
export interface VisitUpload {
  visitRef: string;
  person: PersonRef & { idNumber: string };
  medType: MedType;
  lines: UploadLine[];
  clinical: VisitClinical;
}

/** A visit ready for 2206 / 2207 (inpatient 2303 / 2304). */
export interface ReadyVisit {
  netVisitId: number;
  visitId: string;
  batchNo: string;
  split: FeeSplit;
  /** The certificate it was registered with: 2206 / 2207 must carry the same. */
  cert: Cert;
  /** The network's class of each line, in the order of the upload. */
  lineClasses: Pick<FeeLineResult, 'class' | 'selfPayRatio'>[];
}

export interface NetVisitsDeps {
  db: Db;
  client: () => NetworkClient | undefined;
  nextMsgid: (infno: string) => string;
  log: AppLogger;
  now: () => Date;
}

const fail = (code: string, message: string, detail: string, field?: string): never => {
  throw new AppFailure({ code, message, detail, field });
};

/** What an upload sends, independent of when: lines, clinical data, type and person. */
export function uploadFingerprint(u: VisitUpload): string {
  const k = u.clinical;
  const body = [u.medType, u.person.personNo, u.person.insutype, u.lines.map((l) => [l.code, l.hospCode, l.quantity, l.unitPrice, l.time]),
    k.dept, k.doctor, k.caty, k.diagnoses.map((d) => [d.code, d.name]), k.disease ?? null, k.bed ?? null];
  return crypto.createHash('sha256').update(JSON.stringify(body)).digest('hex');
}

/** The visit's begin (earliest line time) and end (latest). */
function span(u: VisitUpload): { begin: string; end: string } {
  const times = u.lines.map((l) => l.time).sort();
  return { begin: times[0], end: times[times.length - 1] };
}

export class NetVisits {
  readonly repo: NetVisitRepo;
  private readonly running = new Map<string, Promise<unknown>>();

  constructor(private readonly deps: NetVisitsDeps) {
    this.repo = new NetVisitRepo(deps.db, deps.now);
  }

  private get calls(): CallDeps {
    return { db: this.deps.db, repo: this.repo, nextMsgid: this.deps.nextMsgid };
  }

  private client(): NetworkClient {
    const c = this.deps.client();
    if (!c) fail('NETWORK_NOT_SET', '医保网络未设置', 'no network client');
    return c!;
  }

  /** One visit's steps at a time: a caller waits for the steps under way, then runs its own. */
  private serial<T>(visitRef: string, fn: () => Promise<T>): Promise<T> {
    const before = this.running.get(visitRef) ?? Promise.resolve();
    const next = before.catch(() => undefined).then(fn);
    const tail = next.catch(() => undefined);
    this.running.set(visitRef, tail);
    void tail.then(() => {
      if (this.running.get(visitRef) === tail) this.running.delete(visitRef);
    });
    return next;
  }

  /** Brings the visit to the state `u` describes at the network; throws what stops it (recorded on the row). */
  ensure(u: VisitUpload, timeoutMs?: number): Promise<ReadyVisit> {
    return this.serial(u.visitRef, async () => {
      const row = this.openRow(u);
      try {
        const ready = await this.bringUp(row, u, timeoutMs);
        return ready;
      } catch (err) {
        this.noteProblem(row, err);
        throw err;
      }
    });
  }

  private openRow(u: VisitUpload): NetVisitRow {
    const row = this.repo.open({
      visitRef: u.visitRef, personNo: u.person.personNo, medType: u.medType, insutype: u.person.insutype, insuranceRegion: u.person.insuranceRegion,
      certType: 'idNumber', certNo: u.person.idNumber,
    });
    if (row.settledBy) fail('ALREADY_SETTLED', `该就诊（${u.visitRef}）已结算，不能重复结算`, `net visit ${u.visitRef} settled by ${row.settledBy}`, 'visit.ref');
    if (row.personNo !== u.person.personNo || row.medType !== u.medType || row.insutype !== u.person.insutype) {
      fail('NET_VISIT_CONFLICT', `该就诊（${u.visitRef}）已按另一参保人或就诊类别在医保登记，请联系技术人员在医保撤销后再结算`,
        `net visit ${u.visitRef} registered for ${row.personNo}/${row.medType}/${row.insutype}`, 'visit.ref');
    }
    return row;
  }

  private noteProblem(row: NetVisitRow, err: unknown): void {
    if (err instanceof AppFailure) this.repo.problem(row.id, { code: err.error.code, message: err.error.message, field: err.error.field });
    else if (err instanceof BusinessRejectedError) this.repo.problem(row.id, { code: 'NETWORK_REFUSED', message: `医保网络：${err.errMsg || err.message}` });
  }

  private async bringUp(first: NetVisitRow, u: VisitUpload, timeoutMs?: number): Promise<ReadyVisit> {
    let row = first;
    if (!row.visitId) row = await this.register(row, u, timeoutMs);
    const fp = uploadFingerprint(u);
    for (let round = 0; round < 4; round++) {
      if (row.batchNo && row.fingerprint === fp && row.uploaded) {
        if (u.medType === 'inpatient' && !row.discharged) row = await this.discharge(row, u, timeoutMs);
        return this.ready(row);
      }
      if (row.batchNo) this.repo.retireBatch(row.id, row.batchNo);
      row = await this.takeBackStale(this.repo.byId(row.id)!, timeoutMs);
      row = await this.upload(row, u, fp, timeoutMs);
    }
    return fail('NET_VISIT_UNSETTLED', '费用明细多次上传仍与 HIS 不一致，请稍后重试', `net visit ${u.visitRef}: upload did not settle`);
  }

  private ready(row: NetVisitRow): ReadyVisit {
    return {
      netVisitId: row.id, visitId: row.visitId!, batchNo: row.batchNo!, split: row.uploaded!.split,
      cert: { type: 'idNumber', no: row.certNo }, lineClasses: row.uploaded!.lines.map((l) => ({ class: l.class, selfPayRatio: l.selfPayRatio })),
    };
  }

  /** 2001 before fees are taken, then 2201 (inpatient 2401). */
  private async register(row: NetVisitRow, u: VisitUpload, timeoutMs?: number): Promise<NetVisitRow> {
    const client = this.client();
    const { begin } = span(u);
    const k = u.clinical;
    if (!this.repo.openCall(row.id, 'register')) {
      const e = await client.entitlement2001({ person: u.person, medType: u.medType, begin, disease: k.disease }, { timeoutMs });
      if (!e.entitled) {
        fail('NOT_ENTITLED', `医保网络：该参保人当前不能享受医保待遇（${e.problems.join('；') || '待遇检查未通过'}），不能按医保结算`, `2001 not entitled: ${e.problems.join('; ')}`);
      }
    }
    const cert: Cert = { type: 'idNumber', no: row.certNo };
    const r = u.medType === 'inpatient'
      ? await durableCall(this.calls, row.id, 'register', '2401', {
        person: u.person, cert, hisVisitNo: u.visitRef, begin, diagnoses: k.diagnoses, dept: k.dept, doctor: k.doctor, bed: k.bed ?? '',
      }, (i, o) => client.admit2401(i, o), { timeoutMs, summary: (a) => ({ visitId: a.visitId }) })
      : await durableCall(this.calls, row.id, 'register', '2201', {
        person: u.person, cert, hisVisitNo: u.visitRef, begin, doctor: k.doctor, dept: k.dept, caty: k.caty,
      }, (i, o) => client.register2201(i, o), { timeoutMs, summary: (a) => ({ visitId: a.visitId }) });
    this.repo.registered(row.id, r.answer.visitId);
    this.deps.log.info(`net visit ${u.visitRef}: registered as ${r.answer.visitId}`);
    return this.repo.byId(row.id)!;
  }

  /** 2203 (outpatient) and the fee lines under a new batch number, recorded with what they uploaded. */
  private async upload(row: NetVisitRow, u: VisitUpload, fp: string, timeoutMs?: number): Promise<NetVisitRow> {
    const client = this.client();
    const k = u.clinical;
    const { begin } = span(u);
    if (u.medType === 'inpatient' && row.discharged) {
      fail('NET_VISIT_DISCHARGED', '该住院已在医保办理出院，费用变更须先在医保撤销出院，请联系技术人员', `net visit ${u.visitRef} discharged; lines changed`);
    }
    if (u.medType !== 'inpatient') {
      const info = { person: u.person, visitId: row.visitId!, medType: u.medType, begin, diagnoses: k.diagnoses, dept: k.dept, doctor: k.doctor, disease: k.disease };
      const sent = await durableCall(this.calls, row.id, 'visitInfo', '2203', info, (i, o) => client.visitInfo2203(i, o), { timeoutMs });
      // An earlier attempt's 2203 (other diagnoses) was completed: this visit's goes now (a repeat replaces it).
      if (JSON.stringify(sent.input) !== JSON.stringify(info)) await durableCall(this.calls, row.id, 'visitInfo', '2203', info, (i, o) => client.visitInfo2203(i, o), { timeoutMs });
    }
    const rev = row.batchRev + 1;
    const batchNo = `U${row.id}R${rev}`;
    const lines: FeeLineInput[] = u.lines.map((l, i) => ({
      lineNo: `${batchNo}-${i + 1}`, listCode: l.code, hospCode: l.hospCode, quantity: l.quantity, unitPrice: l.unitPrice, time: l.time, dept: k.dept, doctor: k.doctor,
    }));
    const input = { person: u.person, visitId: row.visitId!, batchNo, medType: u.medType, disease: k.disease, lines, fingerprint: fp, rev };
    const sent = await durableCall(this.calls, row.id, 'fees', u.medType === 'inpatient' ? '2301' : '2204', input,
      ({ fingerprint: _f, rev: _r, ...i }, o) => (u.medType === 'inpatient' ? client.uploadFees2301(i, o) : client.uploadFees2204(i, o)),
      { timeoutMs, summary: (a) => ({ split: a.split }) });
    const done = sent.input as typeof input;
    this.repo.uploadedBatch(row.id, done.batchNo, done.rev, done.fingerprint, {
      split: sent.answer.split, lines: sent.answer.lines.map((l) => ({ lineNo: l.lineNo, class: l.class, selfPayRatio: l.selfPayRatio })),
    });
    this.deps.log.info(`net visit ${u.visitRef}: ${lines.length} line(s) uploaded as batch ${done.batchNo}`);
    return this.repo.byId(row.id)!;
  }

  private async discharge(row: NetVisitRow, u: VisitUpload, timeoutMs?: number): Promise<NetVisitRow> {
    const client = this.client();
    const k = u.clinical;
    const input = { person: u.person, visitId: row.visitId!, end: span(u).end, diagnoses: k.diagnoses, dept: k.dept, doctor: k.doctor, bed: k.bed, dischargeWay: k.dischargeWay ?? '1' };
    await durableCall(this.calls, row.id, 'discharge', '2402', input, (i, o) => client.discharge2402(i, o), { timeoutMs });
    this.repo.discharged(row.id);
    return this.repo.byId(row.id)!;
  }

  /** Takes back the batches the visit no longer holds (2205; inpatient 2302 of every unsettled line). */
  private async takeBackStale(row: NetVisitRow, timeoutMs?: number): Promise<NetVisitRow> {
    const client = this.client();
    const person: PersonRef = { personNo: row.personNo, insutype: row.insutype, insuranceRegion: row.insuranceRegion };
    for (const batchNo of row.staleBatches) {
      if (row.medType === 'inpatient') {
        await durableCall(this.calls, row.id, `unfees:${batchNo}`, '2302', { person, visitId: row.visitId!, lineNo: '0000' }, (i, o) => client.cancelFees2302(i, o), { timeoutMs });
      } else {
        await durableCall(this.calls, row.id, `unfees:${batchNo}`, '2205', { person, visitId: row.visitId!, batchNo }, (i, o) => client.cancelFees2205(i, o), { timeoutMs });
      }
      this.repo.batchTakenBack(row.id, batchNo);
      this.deps.log.info(`net visit ${row.visitRef}: batch ${batchNo} taken back`);
    }
    return this.repo.byId(row.id)!;
  }

  /**
   * Background: batches left behind by visits settled another way (offline, after the HIS changed
   * them) are taken back while the network answers; a failure waits for the next round.
   */
  async sweep(timeoutMs?: number): Promise<number> {
    let n = 0;
    for (const row of this.repo.withStaleBatches()) {
      if (!row.settledBy) continue;
      try {
        await this.serial(row.visitRef, () => this.takeBackStale(this.repo.byId(row.id)!, timeoutMs));
        n += 1;
      } catch (err) {
        if (!isNetworkError(err)) this.deps.log.warn(`net visit ${row.visitRef}: taking back stale batches failed: ${err instanceof Error ? err.message : String(err)}`);
        if (isNetworkError(err) && err.kind !== 'rejected') break;
      }
    }
    return n;
  }

  /**
   * Background: calls of unknown outcome sent again as they were (./net-resolve.ts) while the
   * network answers; stops at the first that gets no answer (the next round tries again).
   */
  async resolveOpen(timeoutMs?: number): Promise<number> {
    let n = 0;
    for (const call of this.repo.openCalls()) {
      const row = this.repo.byId(call.netVisitId);
      if (!row) continue;
      try {
        await this.serial(row.visitRef, async () => {
          // Sent again by the window meanwhile: nothing left to do.
          if (this.repo.openCall(row.id, call.step)?.id !== call.id) return;
          await resendOpenCall({ ...this.calls, log: this.deps.log }, this.client(), call, timeoutMs);
          n += 1;
        });
      } catch (err) {
        if (isNetworkError(err) && err.kind !== 'rejected') break;
        this.deps.log.warn(`net visit ${row.visitRef}: ${call.infno} ${call.msgid} sent again: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    return n;
  }

  /** The visit's row, if it was ever taken to the network. */
  get(visitRef: string): NetVisitRow | undefined {
    return this.repo.get(visitRef);
  }
}
