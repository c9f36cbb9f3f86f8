// Cancelling a settlement, committed locally only when it can be carried out. What of the
// settlement may be at the network decides (planCancel):
// - nothing of it, or only its visit and fee lines: no money moved at the network, so it is
//   cancelled locally at once; what of the visit is there is taken back later (queued undo steps);
// - its settlement: the 2208 (inpatient 2305) is sent first, and only the network's acceptance
//   commits the local cancellation (and the cashier refunds). A refusal changes nothing locally and
//   is shown with the network's message; with the network unreachable it is refused until it is back;
// - maybe its settlement (the settle step in flight or of unknown outcome): the forwarder resolves
//   it first (a short wait); until it has, the cancellation is refused.
// Each 2208/2305 attempt is stored with its msgid before it leaves (cancel_requests). One whose
// outcome stays unknown (no answer, a crash) is resolved later (5203, then 2601); found applied, it
// commits the local cancellation then, so the day's list shows the truth.
import { AppFailure } from '../core/result';
import { chinaDate } from '../core/time';
import type { InstitutionSetup } from '../api/contract';
import type { AppLogger } from '../platform/logger';
import type { Db } from '../store/db';
import type { SettlementDoc } from '../store/settlements';
import type { OutboxMessage } from '../store/outbox';
import { BusinessRejectedError, isNetworkError, NotSentError, SqliteMessageLog, type NetSettlement, type NetworkClient } from '../network/client';
import type { Forwarder } from '../network/forwarder';
import { callStep, planCancel, type PlannedStep, type StepContext } from '../network/forwarder/steps';
import { resolveCancel } from '../network/forwarder/resolve';
import { recordCancelled } from '../network/forwarder/confirm';
import type { CancelRequest } from './cancel-requests';
import { cancellationDoc, documentNumbers } from './documents';
import type { SettleRepos } from './repos';
import { traceCancelWithin } from '../trace/hook';

export interface CancellerDeps {
  db: Db;
  repos: SettleRepos;
  log: AppLogger;
  now: () => Date;
  institution: () => InstitutionSetup;
  client: () => NetworkClient | undefined;
  forwarder: Forwarder;
  nextMsgid: (infno: string) => string;
  /** Whether the network answers now (seen recently, else a short probe). */
  online: () => Promise<boolean>;
  /** How long a cancellation waits for the forwarder to settle what is under way. Default 5000 ms. */
  waitMs?: number;
  /** Timeout of the 2208/2305 request. Default 10000 ms. */
  requestTimeoutMs?: number;
  /** Runs inside the cancellation's transaction (the HIS visit's state); throws to refuse. */
  within?: (cancellation: SettlementDoc, original: SettlementDoc) => void;
}

/** Messages of a settlement not finished yet: waiting, being sent, of unknown outcome. */
const OUTSTANDING: readonly OutboxMessage['state'][] = ['queued', 'sending', 'unknown'];

const refuse = (code: string, message: string, detail: string): never => {
  throw new AppFailure({ code, message, detail, field: 'settlementId' });
};

const NOT_DONE = '该结算仍然有效，未撤销，请勿退款。';

export class Canceller {
  /** Attempts whose request is under way in this process (never resolved from outside meanwhile). */
  private readonly inFlight = new Set<number>();
  private resuming: Promise<void> | undefined;

  constructor(private readonly deps: CancellerDeps) {}

  private get r(): SettleRepos {
    return this.deps.repos;
  }

  /** Cancels `doc` by what of it is at the network; returns the cancellation document. */
  async cancel(doc: SettlementDoc, reason: string, operatorId: string): Promise<SettlementDoc> {
    const earlier = await this.settleOpenAttempt(doc);
    if (earlier) return earlier;
    const plan = await this.settledPlan(doc);
    if (plan.kind === 'local') return this.commitLocal(doc, reason, operatorId, plan.steps);
    return this.atNetwork(doc, reason, operatorId);
  }

  /** An earlier attempt of unknown outcome is resolved first: its cancellation if it was applied. */
  private async settleOpenAttempt(doc: SettlementDoc): Promise<SettlementDoc | undefined> {
    const open = this.r.cancels.openFor(doc.id);
    if (!open) return undefined;
    await this.resolve(open);
    const done = this.r.settlements.cancellationOf(doc.id);
    if (done) return done;
    if (this.r.cancels.openFor(doc.id)) {
      refuse('CANCEL_UNKNOWN', `上一次撤销的结果尚未核实（医保网络无应答），暂不能再撤销。${NOT_DONE}`, `open cancel attempt ${open.msgid} of ${doc.id}`);
    }
    return undefined;
  }

  /**
   * The plan once nothing of the settlement is under way that decides it: a settle step in flight
   * or of unknown outcome is resolved first, and a settlement at the network finishes its queued
   * steps (an inpatient discharge) before its cancellation goes. Refused when that takes too long.
   */
  private async settledPlan(doc: SettlementDoc) {
    const deadline = Date.now() + (this.deps.waitMs ?? 5000);
    for (let round = 0; ; round++) {
      const messages = this.r.outbox.forSettlement(doc.id);
      const net = this.r.network.get(doc.id);
      const settleQueued = messages.some((m) => m.step === 'settle');
      const plan = planCancel(doc.visitType, messages, { settled: !settleQueued && net?.state === 'confirmed' && !!net.netSettlementId, visit: !!net?.visitId });
      const busy = plan.kind === 'uncertain' || (plan.kind === 'network' && messages.some((m) => OUTSTANDING.includes(m.state)));
      if (!busy) return plan;
      if (!(await this.deps.online())) this.refuseOffline(doc, plan.kind === 'network');
      if (Date.now() >= deadline) {
        refuse('CANCEL_BUSY', `该结算还有报文正在与医保网络核实，暂不能撤销，请稍后再试。${NOT_DONE}`, `${doc.id}: ${plan.kind}, messages outstanding`);
      }
      if (round === 0) this.deps.forwarder.drainNow();
      await this.changed(doc.id, Math.min(250, deadline - Date.now()));
    }
  }

  private refuseOffline(doc: SettlementDoc, atNetwork: boolean): never {
    const what = atNetwork ? '该结算已在医保结算，须医保网络同意才能撤销' : '该结算是否已在医保结算尚未核实，暂不能撤销';
    return refuse('CANCEL_NETWORK_DOWN', `医保网络不可用：${what}。请在网络恢复后再撤销；${NOT_DONE}`, `network down; ${doc.id} cannot be cancelled now`);
  }

  /** Resolves after the forwarder reports a change of the settlement, or after `ms`. */
  private changed(settlementId: string, ms: number): Promise<void> {
    return new Promise((resolve) => {
      let off = () => {};
      const t = setTimeout(() => (off(), resolve()), Math.max(0, ms));
      off = this.deps.forwarder.onChange((id) => {
        if (id !== settlementId) return;
        clearTimeout(t);
        off();
        resolve();
      });
    });
  }

  /** The 2208/2305 first; the local cancellation only when the network accepted it. */
  private async atNetwork(doc: SettlementDoc, reason: string, operatorId: string): Promise<SettlementDoc> {
    const client = this.deps.client();
    if (!client || !(await this.deps.online())) this.refuseOffline(doc, true);
    const infno = doc.visitType === 'inpatient' ? '2305' : '2208';
    const req = this.deps.db.transaction(() => {
      if (this.r.cancels.openFor(doc.id)) refuse('CANCEL_IN_PROGRESS', '该结算正在撤销中，请稍候', `${doc.id} has an open cancel attempt`);
      return this.r.cancels.insert({ settlementId: doc.id, infno, msgid: this.deps.nextMsgid(infno), reason, operatorId });
    })();
    this.inFlight.add(req.id);
    let outcome;
    try {
      outcome = await callStep(client!, 'cancel', this.stepContext(doc), { msgid: req.msgid, timeoutMs: this.deps.requestTimeoutMs ?? 10_000 });
    } catch (err) {
      this.inFlight.delete(req.id);
      return this.failed(req, doc, err);
    }
    this.inFlight.delete(req.id);
    return this.accepted(req, doc, outcome.kind === 'cancelled' ? outcome.settlement : undefined);
  }

  private stepContext(doc: SettlementDoc): StepContext {
    const net = this.r.network.get(doc.id)!;
    return { doc, net, original: { doc, net } };
  }

  private async failed(req: CancelRequest, doc: SettlementDoc, err: unknown): Promise<SettlementDoc> {
    const detail = err instanceof Error ? err.message : String(err);
    if (err instanceof BusinessRejectedError) {
      this.r.cancels.set(req.id, 'refused', { message: err.errMsg || err.message });
      this.deps.log.warn(`cancel of ${doc.id}: ${req.infno} ${req.msgid} refused by the network: ${err.infcode} ${err.errMsg}`);
      return refuse('CANCEL_REFUSED', `医保网络拒绝撤销：${err.errMsg || err.message}。${NOT_DONE}`, `cancel of ${doc.id} refused: ${err.infcode}`);
    }
    // The request certainly never left (or another request before it failed, e.g. the sign-in).
    if (err instanceof NotSentError || (isNetworkError(err) && err.msgid !== req.msgid)) {
      this.r.cancels.set(req.id, 'notSent', { message: detail });
      this.deps.forwarder.observe(false);
      return this.refuseOffline(doc, true);
    }
    this.r.cancels.set(req.id, 'unknown', { message: detail });
    this.deps.log.warn(`cancel of ${doc.id}: ${req.infno} ${req.msgid} outcome unknown (${detail}); resolving`);
    const done = await this.resolve(req);
    if (done) return done;
    if (this.r.cancels.get(req.id)?.state === 'notApplied') {
      return refuse('CANCEL_NOT_DONE', `医保网络无应答，撤销未完成（已向医保核实）。${NOT_DONE}可稍后重试。`, `cancel of ${doc.id} not applied`);
    }
    return refuse(
      'CANCEL_UNKNOWN',
      `医保网络无应答，撤销结果未知：系统会自动向医保核实，核实前${NOT_DONE}稍后可在“今日结算”中查看结果。`,
      `cancel of ${doc.id}: outcome of ${req.msgid} unknown`,
    );
  }

  /** The network accepted the cancellation: the local cancellation is committed with its record. */
  private accepted(req: CancelRequest, doc: SettlementDoc, s: NetSettlement | undefined): SettlementDoc {
    const canc = this.write(doc, req.reason, req.operatorId, 'online', (c) => {
      recordCancelled({ network: this.r.network, differences: this.r.differences, policy: () => 'institution' }, c, doc, s, true);
      // Its refused or held steps (a refused discharge) never go now; nothing else of it is open.
      this.r.outbox.cancelOpen(doc.id);
      this.r.cancels.set(req.id, 'accepted', { cancellationId: c.id });
    });
    this.deps.log.info(`settlement ${doc.id} cancelled at the network (${req.infno} ${req.msgid}) by ${canc.id}`);
    return canc;
  }

  /**
   * Resolves an attempt of unknown outcome: found applied, the local cancellation is committed
   * (returned); found not applied, the attempt is closed. Undefined when the network cannot tell now.
   */
  private async resolve(req: CancelRequest): Promise<SettlementDoc | undefined> {
    const doc = this.r.settlements.get(req.settlementId);
    const client = this.deps.client();
    if (!doc || !client || this.inFlight.has(req.id)) return undefined;
    if (this.r.settlements.cancellationOf(doc.id)) {
      this.r.cancels.set(req.id, 'notApplied', { message: 'cancelled otherwise meanwhile' });
      return undefined;
    }
    let r;
    this.inFlight.add(req.id);
    try {
      // An answer logged before a crash names the cancellation record: 5203 finds it.
      const log = new SqliteMessageLog(this.deps.db);
      r = await resolveCancel(client, this.stepContext(doc), req, { answerOf: (id) => log.answerOf(id), funds: client.setup.fundMap });
    } catch (err) {
      this.r.cancels.set(req.id, 'unknown', { message: `resolving: ${err instanceof Error ? err.message : String(err)}` });
      return undefined;
    } finally {
      this.inFlight.delete(req.id);
    }
    if (r.kind === 'applied') return this.accepted(req, doc, r.outcome.kind === 'cancelled' ? r.outcome.settlement : undefined);
    if (r.kind === 'conflict') {
      // The network refused the reversal: whether the cancellation applied is for a person to find out.
      this.r.cancels.set(req.id, 'unknown', { message: r.message });
      this.deps.log.error(`cancel attempt ${req.msgid} of ${doc.id}: ${r.message}`);
      return undefined;
    }
    this.r.cancels.set(req.id, 'notApplied', { message: r.note });
    this.deps.log.info(`cancel attempt ${req.msgid} of ${doc.id} was not applied at the network; closed`);
    return undefined;
  }

  /** Resolves every open attempt (at start, and from time to time while any is open). */
  async resumeOpen(): Promise<void> {
    if (this.resuming) return this.resuming;
    this.resuming = (async () => {
      for (const req of this.r.cancels.open()) {
        try {
          await this.resolve(req);
        } catch (err) {
          this.deps.log.error(`resolving cancel attempt ${req.msgid}: ${err instanceof Error ? err.stack : String(err)}`);
        }
      }
    })().finally(() => (this.resuming = undefined));
    return this.resuming;
  }

  /** Nothing of it reached the network as a settlement: cancelled locally; `undo` takes its visit back. */
  commitLocal(doc: SettlementDoc, reason: string, operatorId: string, undo: PlannedStep[]): SettlementDoc {
    const canc = this.write(doc, reason, operatorId, 'offline', (c) => {
      this.r.outbox.cancelOpen(doc.id);
      this.r.network.setState(doc.id, 'cancelled');
      if (undo.length) this.r.outbox.enqueue(c.id, doc.person.personNo, undo);
      else this.r.network.create(c.id, 'local');
    });
    this.deps.log.info(`settlement ${doc.id} cancelled locally by ${canc.id}${undo.length ? ` (undo: ${undo.map((u) => u.infno).join(', ')})` : ''}`);
    return canc;
  }

  /** The cancellation document and everything that goes back with it, in one transaction. */
  private write(doc: SettlementDoc, reason: string, operatorId: string, mode: 'online' | 'offline', network: (c: SettlementDoc) => void): SettlementDoc {
    const now = this.deps.now();
    const businessDate = chinaDate(now);
    const inst = this.deps.institution();
    return this.deps.db.transaction(() => {
      if (this.r.settlements.cancellationOf(doc.id)) refuse('ALREADY_CANCELLED', '该结算已撤销', `${doc.id} already cancelled`);
      const seq = this.r.settlements.nextDaySeq(businessDate);
      const c = cancellationDoc(doc, { numbers: documentNumbers(inst.terminalNo, businessDate, seq), reason, operatorId, mode, businessDate, createdAt: now.toISOString() });
      this.r.settlements.insert(c, seq);
      this.r.settlements.releaseVisit(doc.visitRef, doc.id);
      const offline = doc.mode === 'offline' ? { businessDate: doc.businessDate, fen: doc.totalFen } : undefined;
      this.r.ytd.apply(doc.person.personNo, doc.ytdDelta, -1, offline);
      this.r.differences.reopenCollectedBy(doc.id);
      for (const d of this.r.outbox.deadLetters().filter((x) => x.settlementId === doc.id)) this.r.outbox.resolveDead(d.id, 'cancelled', operatorId, reason);
      this.r.network.setCancelledBy(doc.id, c.id);
      network(c);
      this.deps.within?.(c, doc);
      traceCancelWithin(c, doc, this.deps.db);
      return c;
    })();
  }
}
