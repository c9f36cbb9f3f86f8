// The network decides online. The visit is taken to the network first (./net-visits.ts), the
// network pre-settles it (2206 / 2303: what the window shows before the patient pays), and the
// settlement (2207 / 2304) is sent before anything is committed locally, its msgid stored first
// (settle_requests). Only the network's answer commits the settlement, with the network's figures
// (the local engine's result kept beside, ./explain.ts). An answer that does not come is resolved
// (5203 with the setl_id when the answer was logged, else 2601 on the msgid) before the cashier
// is told anything; what cannot be resolved now stays open and is resolved at the next start and
// every few seconds, committing the settlement if it turns out applied.
import { AppFailure } from '../core/result';
import { dec, toFen } from '../core/money';
import { chinaDate } from '../core/time';
import {
  BusinessRejectedError, NotSentError, SqliteMessageLog, isNetworkError, type MedType, type NetSettlement, type NetworkClient, type PersonRef,
  type SendOptions,
} from '../network/client';
import { confirmedAmounts } from '../network/forwarder';
import { resolveSettleAttempt, type Resolution } from '../network/forwarder/resolve';
import type { InstitutionSetup } from '../api/contract';
import type { AppLogger } from '../platform/logger';
import type { Db } from '../store/db';
import type { SettlementDoc } from '../store/settlements';
import { commitSettlement } from './commit';
import { storedLines } from './compute';
import { documentNumbers, networkSettlementDoc, storedPerson } from './documents';
import { differencesOf, explanation, networkClasses, networkFees, networkLayers, networkYtd } from './explain';
import { markHisSettled, type HisMarks } from './his-marks';
import { LocalExplanationsRepo } from './local-repo';
import type { NetVisits, ReadyVisit } from './net-visits';
import type { Prepared, SettleRequest } from './prepare';
import type { SettleRepos } from './repos';
import { SettleRequestsRepo, type SettleRequestRecord } from './settle-requests';

export interface OnlineDeps {
  db: Db;
  repos: SettleRepos;
  log: AppLogger;
  now: () => Date;
  institution: () => InstitutionSetup;
  client: () => NetworkClient | undefined;
  nextMsgid: (infno: string) => string;
  netVisits: NetVisits;
  his?: () => HisMarks | undefined;
  /** The local engine's side of a stored request (recovery): recomputed from the request. */
  prepare: (input: StoredInput) => Prepared;
  /** Timeout of the 2207 / 2304 request. Default 10000 ms. */
  requestTimeoutMs?: number;
  /** How long an unknown outcome is resolved at the window before the cashier is told. Default 8000 ms. */
  resolveWaitMs?: number;
  /** Test hooks (the chaos run kills the process here): after the msgid was stored, after the answer came. */
  hooks?: { afterBegin?(): void; afterAnswer?(): void };
}

/** The caller's input as stored with the attempt (no function: the in-transaction check ran before sending). */
export type StoredInput = Omit<SettleRequest, 'verify'>;

/** What a settlement is built from, stored with its attempt before the request leaves. */
interface StoredRequest {
  input: StoredInput;
  person: PersonRef;
  medType: MedType;
  ready: ReadyVisit;
  dischargeDate?: string;
}

const fail = (code: string, message: string, detail: string): never => {
  throw new AppFailure({ code, message, detail });
};

/** The network could not be reached: nothing of the settlement happened there. */
export class NetworkDownError extends Error {}

export class OnlineSettler {
  readonly requests: SettleRequestsRepo;
  readonly locals: LocalExplanationsRepo;
  private readonly resolving = new Map<number, Promise<SettlementDoc | undefined>>();
  private resuming: Promise<void> | undefined;

  constructor(private readonly deps: OnlineDeps) {
    this.requests = new SettleRequestsRepo(deps.db, deps.now);
    this.locals = new LocalExplanationsRepo(deps.db);
  }

  private client(): NetworkClient {
    const c = this.deps.client();
    if (!c) throw new NetworkDownError('no network client');
    return c;
  }

  /** 2206 / 2303: the network's split of the uploaded batch; stores nothing. */
  async preSettle(person: PersonRef, medType: MedType, ready: ReadyVisit, useAccount: boolean, dischargeDate?: string, timeoutMs?: number): Promise<NetSettlement> {
    const client = this.client();
    const base = { person, cert: ready.cert, visitId: ready.visitId, medType, batchNo: ready.batchNo, total: ready.split.total, useAccount };
    const a = medType === 'inpatient'
      ? await client.preSettle2303({ ...base, split: ready.split, dischargeDate }, { timeoutMs })
      : await client.preSettle2206(base, { timeoutMs });
    return a.settlement;
  }

  /**
   * Sends the settlement and commits it with the network's figures. Throws NetworkDownError when
   * it certainly never reached the network (the caller may settle offline), else AppFailure with
   * the words for the cashier.
   */
  async settle(input: StoredInput, p: Prepared, ready: ReadyVisit, medType: MedType, dischargeDate: string | undefined): Promise<SettlementDoc> {
    const client = this.client();
    const person: PersonRef = { personNo: p.person.personNo, insutype: p.person.insutype, insuranceRegion: p.person.insuranceRegion };
    const infno = medType === 'inpatient' ? '2304' : '2207';
    const stored: StoredRequest = { input, person, medType, ready, dischargeDate };
    let req = this.deps.db.transaction(() => {
      if (this.requests.openFor(input.visit.ref)) fail('SETTLE_IN_PROGRESS', '该就诊正在向医保结算，请稍候', `${input.visit.ref} has an open settle attempt`);
      return this.requests.insert({ visitRef: input.visit.ref, personNo: person.personNo, infno, msgid: this.deps.nextMsgid(infno), request: stored });
    })();
    this.deps.hooks?.afterBegin?.();
    const opts: SendOptions = {
      msgid: req.msgid,
      timeoutMs: this.deps.requestTimeoutMs ?? 10_000,
      renewMsgid: async (inf) => {
        req = this.requests.renew(req, this.deps.nextMsgid(inf));
        return req.msgid;
      },
    };
    const body = { person, cert: ready.cert, visitId: ready.visitId, medType, batchNo: ready.batchNo, total: ready.split.total, useAccount: input.useAccount ?? false, split: ready.split };
    let s: NetSettlement;
    try {
      s = (medType === 'inpatient' ? await client.settle2304({ ...body, dischargeDate }, opts) : await client.settle2207(body, opts)).settlement;
    } catch (err) {
      return this.failed(req, err);
    }
    this.deps.hooks?.afterAnswer?.();
    return this.commit(req, s, p);
  }

  private async failed(req: SettleRequestRecord<StoredRequest>, err: unknown): Promise<SettlementDoc> {
    if (err instanceof BusinessRejectedError && err.msgid === req.msgid) {
      this.requests.set(req.id, 'refused', { message: err.errMsg || err.message });
      this.deps.log.warn(`settle ${req.visitRef}: ${req.infno} ${req.msgid} refused by the network: ${err.infcode} ${err.errMsg}`);
      return fail('SETTLE_REFUSED', `医保网络拒绝结算：${err.errMsg || err.message}。本次未结算，请勿收款。`, `${req.infno} refused: ${err.infcode}`);
    }
    // Never left: the request itself, or a call before it (the sign-in) failed.
    if (err instanceof NotSentError || (isNetworkError(err) && err.msgid !== req.msgid) || !isNetworkError(err)) {
      this.requests.set(req.id, 'notSent', { message: err instanceof Error ? err.message : String(err) });
      if (err instanceof BusinessRejectedError) return fail('SETTLE_REFUSED', `医保网络：${err.errMsg || err.message}。本次未结算，请勿收款。`, `sign-in refused before ${req.infno}`);
      if (!isNetworkError(err)) throw err;
      throw new NetworkDownError(err.detail ?? err.message);
    }
    this.requests.set(req.id, 'unknown', { message: err.detail ?? err.message });
    this.deps.log.warn(`settle ${req.visitRef}: ${req.infno} ${req.msgid} outcome unknown (${err.detail ?? err.message}); resolving`);
    const doc = await this.resolveFor(req.visitRef, this.deps.resolveWaitMs ?? 8000);
    if (doc) return doc;
    const now = this.requests.get<StoredRequest>(req.id);
    if (now?.state === 'notApplied') {
      return fail('SETTLE_NOT_DONE', '医保网络无应答：已向医保核实，本次结算未生效，请勿收款，可重新结算。', `${req.infno} ${req.msgid} not applied`);
    }
    return fail('SETTLE_UNKNOWN', `医保网络无应答，结算结果未知：系统正在向医保核实，核实前请勿收款。${now?.message && now.state === 'unknown' && now.message.startsWith('医保') ? now.message : ''}`,
      `${req.infno} ${req.msgid} outcome unknown`);
  }

  /**
   * Resolves the visit's open attempt (if any), trying for up to `waitMs`: the settlement it made
   * (committed now), or undefined (not applied, or not known yet: the attempt stays open).
   */
  async resolveFor(visitRef: string, waitMs = 0): Promise<SettlementDoc | undefined> {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const req = this.requests.openFor<StoredRequest>(visitRef);
      if (!req) return undefined;
      const done = await this.resolveOnce(req);
      const state = this.requests.get(req.id)?.state;
      if (done || (state !== 'unknown' && state !== 'sending')) return done;
      if (Date.now() + 500 >= deadline) return undefined;
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  private resolveOnce(req: SettleRequestRecord<StoredRequest>): Promise<SettlementDoc | undefined> {
    let p = this.resolving.get(req.id);
    if (!p) {
      p = this.resolveNow(req).finally(() => this.resolving.delete(req.id));
      this.resolving.set(req.id, p);
    }
    return p;
  }

  private async resolveNow(req: SettleRequestRecord<StoredRequest>): Promise<SettlementDoc | undefined> {
    const client = this.deps.client();
    if (!client) return undefined;
    const r = req.request;
    let res: Resolution;
    try {
      const log = new SqliteMessageLog(this.deps.db);
      res = await resolveSettleAttempt(client, { person: r.person, visitId: r.ready.visitId, msgid: req.msgid, infno: req.infno },
        { answerOf: (id) => log.answerOf(id), funds: client.setup.fundMap }, new Set(this.requests.msgidsOf(req.visitRef)));
    } catch (err) {
      this.requests.set(req.id, 'unknown', { message: `resolving: ${err instanceof Error ? err.message : String(err)}` });
      return undefined;
    }
    if (res.kind === 'applied' && res.outcome.kind === 'settled') {
      this.deps.log.info(`settle ${req.visitRef}: ${req.infno} ${req.msgid} found applied (${res.note})`);
      let p: Prepared;
      try {
        p = this.deps.prepare(r.input);
      } catch (err) {
        this.deps.log.error(`settle ${req.visitRef}: applied at the network, but the person is not cached: ${err instanceof Error ? err.message : String(err)}`);
        return undefined;
      }
      return this.commit(req, res.outcome.settlement, p);
    }
    if (res.kind === 'conflict') {
      this.requests.set(req.id, 'unknown', { message: res.message });
      this.deps.log.error(`settle ${req.visitRef}: ${res.message}`);
      return undefined;
    }
    this.requests.set(req.id, 'notApplied', { message: 'note' in res ? res.note : '' });
    this.deps.log.info(`settle ${req.visitRef}: ${req.infno} ${req.msgid} not applied at the network; closed`);
    return undefined;
  }

  /** Every open attempt is resolved (at start, and from time to time while any is open). */
  async resumeOpen(): Promise<void> {
    if (this.resuming) return this.resuming;
    this.resuming = (async () => {
      for (const req of this.requests.open<StoredRequest>()) {
        try {
          await this.resolveOnce(req);
        } catch (err) {
          this.deps.log.error(`resolving settle attempt ${req.msgid}: ${err instanceof Error ? err.stack : String(err)}`);
        }
      }
    })().finally(() => (this.resuming = undefined));
    return this.resuming;
  }

  /** The settlement committed with the network's figures, the local result beside, in one transaction. */
  private commit(req: SettleRequestRecord<StoredRequest>, s: NetSettlement, p: Prepared): SettlementDoc {
    const r = req.request;
    const input = r.input;
    const now = this.deps.now();
    const businessDate = chinaDate(now);
    const inst = this.deps.institution();
    const local = p.computed;
    const conf = confirmedAmounts(s);
    const layers = networkLayers(s, local);
    const base = local?.lines ?? storedLines(input.visit.lines ?? [], input.visit.date);
    const lines = networkClasses(base, r.ready.lineClasses);
    const fees = networkFees(s);
    const differences = local ? differencesOf(local, { layers, accountFen: conf.accountFen, cashFen: conf.cashFen, totalFen: conf.totalFen }) : [];
    const trace = [`医保网络结算（${req.infno}，结算ID ${s.settlementId}）：以医保网络的结算结果为准`, ...layers.filter((l) => l.trace).map((l) => `${l.name}：${l.trace}`)];
    const doc = commitSettlement(this.deps.db, this.deps.repos, {
      businessDate,
      warnings: local?.result.warnings,
      collects: p.adjustmentIds,
      steps: [],
      within: (d) => {
        const net = this.deps.repos.network;
        net.setVisitId(d.id, s.visitId || r.ready.visitId);
        net.confirm(d.id, s.settlementId, conf);
        this.requests.set(req.id, 'settled', { settlementId: d.id });
        this.deps.netVisits.repo.settled(input.visit.ref, d.id);
        this.locals.put(d.id, explanation(local, differences, p.missing?.error.message));
        markHisSettled(this.deps.his?.(), d, undefined);
      },
      build: (seq) => networkSettlementDoc({
        numbers: documentNumbers(inst.terminalNo, businessDate, seq),
        // The certificate the visit was registered and settled with at the network (a cancellation carries the same).
        person: storedPerson(p.person, { certType: r.ready.cert.type, certNo: r.ready.cert.no }),
        visit: { ref: input.visit.ref, source: input.visit.source ?? 'manual', type: input.visit.type, facilityLevel: p.facilityLevel, date: input.visit.date, chronicCode: input.visit.chronicCode },
        local, lines, fees, layers, fundsFen: conf.fundsFen, accountFen: conf.accountFen, cashFen: conf.cashFen,
        // The account as the network keeps it (balc), for the receipt.
        accountBalanceAfterFen: p.person.insuranceType === 'employee' ? toFen(dec(s.balance)) : undefined,
        ytdDelta: networkYtd(local, layers, Number(input.visit.date.slice(0, 4))),
        trace,
        adjustmentFen: p.adjustmentFen,
        payment: { method: input.payment.method, reference: input.payment.reference, tenderedFen: input.payment.tendered === undefined ? undefined : toFen(dec(input.payment.tendered)) },
        operatorId: input.operatorId,
        cardFree: input.cardFree ?? false,
        personFetchedAt: p.fetchedAt,
        businessDate,
        createdAt: now.toISOString(),
      }),
    });
    this.deps.log.info(`settlement ${doc.id} (${doc.receiptNo}) committed as the network settled it (${s.settlementId}), total ${doc.totalFen} fen, cash ${doc.cashFen} fen`);
    return doc;
  }
}
