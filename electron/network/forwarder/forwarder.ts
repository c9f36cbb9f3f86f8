// The forwarder: replays the outbox to the network. Messages of one person go strictly in order
// (one worker per person); persons go in parallel up to `concurrency`. Every msgid is persisted
// before its request leaves. Failures follow the client's taxonomy:
//   NotSent          -> resend later with the SAME msgid (backoff with jitter); SignInEnded (the
//                       platform refused it, nothing applied, the client could not resend): a NEW one
//   UnknownOutcome   -> resolve first (./resolve.ts): a money step by 5203 / 2601, then redone with a
//                       NEW msgid if not applied; any other step sent again under the SAME msgid there
//   BusinessRejected -> dead letter with the network's message; the settlement waits for a person
//   RequestIncomplete (the client refused to send: a required value is missing) -> dead letter with
//                       the Chinese message naming it; nothing left
// Counts are honest: whatever is not confirmed is unsent, whatever is being sent is in flight.
import type { QueueStatusView } from '../../api/contract';
import type { Db } from '../../store/db';
import type { AppLogger } from '../../platform/logger';
import type { OutboxMessage, OutboxRepo } from '../../store/outbox';
import type { SettlementDoc, SettlementsRepo } from '../../store/settlements';
import type { NetworkState, SettlementNetworkRepo } from '../../store/settlement-network';
import type { DifferencePolicy, DifferencesRepo } from '../../store/differences';
import { BusinessRejectedError, SignInEndedError, isNetworkError, retryAs, type FeeSplit, type NetworkClient } from '../client';
import { AppFailure } from '../../core/result';
import { callStep, type StepContext, type StepOutcome } from './steps';
import type { VisitClinical } from './clinical';
import { recordOutcome, type ConfirmDeps } from './confirm';
import { GroupCommit } from './group-commit';
import { resolveUnknown } from './resolve';
import { backoffMs } from './backoff';

export interface ForwarderOptions {
  /** Persons forwarded in parallel. Default 8. */
  concurrency?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Per-request timeout of forwarded calls. Default 15000 ms. */
  requestTimeoutMs?: number;
  random?: () => number;
  /** Test hooks (the chaos run kills the process here): after the msgid was stored, after the answer came. */
  hooks?: { afterBegin?(m: OutboxMessage): void; afterAnswer?(m: OutboxMessage): void };
}

export interface ForwarderDeps {
  db: Db;
  outbox: OutboxRepo;
  settlements: SettlementsRepo;
  network: SettlementNetworkRepo;
  differences: DifferencesRepo;
  differencePolicy: () => DifferencePolicy;
  /** The configured client, or undefined when no network is set up (everything stays queued). */
  client: () => NetworkClient | undefined;
  /** Allocates a durable msgid inside the caller's transaction (MsgIdSource.nextSync). */
  nextMsgid: (infno: string) => string;
  /** The visit's doctor, department, diagnoses … for the visit steps (./clinical.ts); none: they are refused as incomplete. */
  clinical?: (doc: SettlementDoc) => VisitClinical;
  /** The logged answer of a msgid (SqliteMessageLog.answerOf): a settlement answered before a crash is found by 5203. */
  answerOf?: (msgid: string) => Record<string, unknown> | undefined;
  log: AppLogger;
  options?: ForwarderOptions;
}

/** Settlement documents kept in memory (a few per person worker). */
const DOC_CACHE = 64;

/** The forwarder's honest counts are exactly what the queue screen shows. */
export type ForwarderStatus = QueueStatusView;

/** What the queue screen shows of a failure: the client's Chinese message only (the English detail goes to the log). */
function describe(err: unknown): string {
  if (isNetworkError(err)) return err.message;
  return '系统内部错误，请联系技术人员（详情见日志）';
}

/** The English detail of a failure, for the log. */
function detailOf(err: unknown): string {
  if (isNetworkError(err)) return `${err.kind}: ${err.detail ?? err.message}`;
  return err instanceof Error ? err.message : String(err);
}

export class Forwarder {
  private readonly active = new Map<string, Promise<void>>();
  private readonly listeners = new Set<(settlementId: string) => void>();
  private running = false;
  private kicked = false;
  private timer: NodeJS.Timeout | undefined;
  private timerAt = Infinity;
  private online: boolean | null = null;
  private lastContact: Date | undefined;
  private drainBaseline = 0;
  private readonly opts: Required<Omit<ForwarderOptions, 'hooks'>>;
  private readonly confirmDeps: ConfirmDeps;
  private readonly tx: GroupCommit;
  /** Recently read settlement documents: immutable (the schema refuses UPDATE), read once for their 3-4 messages. */
  private readonly docs = new Map<string, SettlementDoc>();

  constructor(private readonly deps: ForwarderDeps) {
    this.opts = {
      concurrency: deps.options?.concurrency ?? 8,
      baseDelayMs: deps.options?.baseDelayMs ?? 500,
      maxDelayMs: deps.options?.maxDelayMs ?? 30_000,
      requestTimeoutMs: deps.options?.requestTimeoutMs ?? 15_000,
      random: deps.options?.random ?? Math.random,
    };
    this.confirmDeps = { network: deps.network, differences: deps.differences, policy: deps.differencePolicy };
    this.tx = new GroupCommit(deps.db);
  }

  /** Starts forwarding; messages caught mid-send by a crash become unknown (to be resolved). */
  start(): void {
    if (this.running) return;
    const recovered = this.deps.outbox.recoverInFlight();
    if (recovered) this.deps.log.warn(`forwarder: ${recovered} message(s) were in flight at the last stop; resolving them`);
    this.running = true;
    this.pump();
  }

  /** Stops taking new work and waits for the requests under way. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await Promise.allSettled([...this.active.values()]);
    const c = this.deps.outbox.counts();
    if (c.unsentSettlements > 0) {
      this.deps.log.warn(`forwarder stopped with ${c.unsentSettlements} settlement(s) not yet confirmed by the network (${c.unsentMessages} message(s)); they are kept and sent at the next start`);
    }
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** Whether person workers are sending or resolving right now (cheap: no query). */
  get busy(): boolean {
    return this.active.size > 0;
  }

  /** Wakes the forwarder now (a new settlement was queued). */
  kick(): void {
    if (!this.running || this.kicked) return;
    this.kicked = true;
    setImmediate(() => {
      this.kicked = false;
      this.pump();
    });
  }

  /** Every waiting message is due now (the queue screen's "立即上传"). */
  drainNow(): void {
    this.deps.outbox.allDue();
    this.kick();
  }

  /** Called with a settlement id whenever its network state may have changed. Returns the unsubscribe. */
  onChange(fn: (settlementId: string) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private emit(settlementId: string): void {
    for (const fn of this.listeners) fn(settlementId);
  }

  /** Waits (at most `ms`) until the settlement is no longer pending; returns its network state. */
  waitFor(settlementId: string, ms: number): Promise<NetworkState | undefined> {
    const state = () => this.deps.network.get(settlementId)?.state;
    return new Promise((resolve) => {
      if (state() !== 'pending') return resolve(state());
      let off = () => {};
      const t = setTimeout(() => {
        off();
        resolve(state());
      }, ms);
      off = this.onChange((id) => {
        if (id !== settlementId || state() === 'pending') return;
        clearTimeout(t);
        off();
        resolve(state());
      });
    });
  }

  /** The network was seen (true) or not reached (false). Coming back online makes every waiting message due. */
  private seen(online: boolean): void {
    if (online) this.lastContact = new Date();
    const wasOffline = this.online === false;
    this.online = online;
    if (online && wasOffline) {
      this.deps.log.info('forwarder: network reachable again; sending the queue');
      this.drainNow();
    }
  }

  /** Another caller of the same network (a lookup, a test sign-in, the watch) saw it up or down. */
  observe(online: boolean): void {
    this.seen(online);
  }

  /** Asks the network whether it answers (client.ping: 1901, or 9001 when not signed in), within `timeoutMs`. */
  async probe(timeoutMs = 1500): Promise<boolean> {
    const client = this.deps.client();
    if (!client) {
      this.online = false;
      return false;
    }
    try {
      await client.ping({ timeoutMs });
      this.seen(true);
    } catch (err) {
      this.seen(err instanceof BusinessRejectedError);
    }
    return this.online === true;
  }

  get networkOnline(): boolean | null {
    return this.online;
  }

  get lastContactAt(): Date | undefined {
    return this.lastContact;
  }

  status(): ForwarderStatus {
    const c = this.deps.outbox.counts();
    if (c.unsentSettlements === 0) this.drainBaseline = 0;
    else this.drainBaseline = Math.max(this.drainBaseline, c.unsentSettlements);
    return {
      online: this.online,
      lastContactAt: this.lastContact?.toISOString(),
      unsent: c.unsentSettlements,
      unsentMessages: c.unsentMessages,
      inFlight: c.inFlight,
      unknown: c.unknown,
      dead: c.dead,
      held: c.held,
      draining: this.running && this.active.size > 0 && c.unsentSettlements > 0,
      drainTotal: this.drainBaseline,
      drainDone: this.drainBaseline - c.unsentSettlements,
    };
  }

  private schedule(delayMs: number): void {
    const at = Date.now() + Math.max(0, delayMs);
    if (this.timer && this.timerAt <= at) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.timerAt = Infinity;
      this.pump();
    }, Math.max(0, delayMs));
  }

  private pump(): void {
    if (!this.running) return;
    if (!this.deps.client()) {
      this.schedule(5000);
      return;
    }
    // Only as many persons as there are free workers are asked for (a finishing worker pumps again).
    const free = this.opts.concurrency - this.active.size;
    if (free <= 0) return;
    const now = Date.now();
    const { due, nextAt } = this.deps.outbox.heads(free, (p) => this.active.has(p), now);
    for (const head of due) this.startWorker(head.personNo);
    if (nextAt !== undefined) this.schedule(nextAt - now);
  }

  private startWorker(personNo: string): void {
    const run = (async () => {
      try {
        // A message begun in the same transaction that completed the previous one (one commit per
        // message instead of two): it is already 'sending', with its msgid stored.
        let begun: OutboxMessage | undefined;
        for (;;) {
          if (!this.running) return;
          const m = begun ?? this.deps.outbox.head(personNo);
          const chained = begun !== undefined;
          begun = undefined;
          if (!m || (!chained && m.nextAttemptAt > Date.now())) return;
          begun = await this.process(m, chained);
        }
      } catch (err) {
        this.deps.log.error(`forwarder: person worker failed: ${err instanceof Error ? err.stack : String(err)}`);
      } finally {
        this.active.delete(personNo);
        this.kick();
      }
    })();
    this.active.set(personNo, run);
  }

  private doc(id: string): SettlementDoc | undefined {
    let doc = this.docs.get(id);
    if (doc) return doc;
    doc = this.deps.settlements.get(id);
    if (!doc) return undefined;
    if (this.docs.size >= DOC_CACHE) this.docs.delete(this.docs.keys().next().value as string);
    this.docs.set(id, doc);
    return doc;
  }

  private context(m: OutboxMessage): StepContext {
    const doc = this.doc(m.settlementId);
    const net = this.deps.network.get(m.settlementId);
    if (!doc || !net) throw new Error(`outbox ${m.id}: settlement ${m.settlementId} not found`);
    const c: StepContext = { doc, net, sideMsgid: this.deps.nextMsgid };
    if (['register', 'admit', 'fees', 'discharge'].includes(m.step)) c.clinical = this.clinicalOf(doc);
    if (m.step === 'settle') c.split = this.deps.network.feeSplit<FeeSplit>(doc.id);
    if (doc.cancelsId) {
      const od = this.doc(doc.cancelsId);
      const on = this.deps.network.get(doc.cancelsId);
      if (od && on) c.original = { doc: od, net: on };
    }
    return c;
  }

  private clinicalOf(doc: SettlementDoc): VisitClinical | undefined {
    try {
      return this.deps.clinical?.(doc);
    } catch (err) {
      this.deps.log.warn(`forwarder: clinical data of ${doc.id} not available: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
  }

  /** Sends or resolves one message; returns the person's next message when it was begun in the same commit. */
  private async process(m: OutboxMessage, begun: boolean): Promise<OutboxMessage | undefined> {
    const client = this.deps.client();
    let c: StepContext;
    try {
      if (!client) throw new Error('no network client');
      c = this.context(m);
    } catch (err) {
      await this.tx.run(() => this.deps.outbox.unknown({ ...m, attempts: m.attempts + 1 }, 'INTERNAL', String(err), this.later(m.attempts + 1)));
      return undefined;
    }
    if (!begun && (m.state === 'unknown' || m.state === 'sending')) {
      await this.resolve(client, m, c);
      return undefined;
    }
    const sending = begun ? m : await this.begin(m);
    return sending && this.send(client, sending, c);
  }

  /**
   * Stores the msgid of the attempt (a new one unless the last attempt certainly never left) and
   * marks it sending; undefined when the message was cancelled since it was read.
   */
  private begin(m: OutboxMessage): Promise<OutboxMessage | undefined> {
    return this.tx.run(() => this.deps.outbox.beginAttempt(m, m.msgid ?? this.deps.nextMsgid(m.infno), m.infno));
  }

  private later(attempts: number): number {
    return Date.now() + backoffMs(attempts, this.opts.baseDelayMs, this.opts.maxDelayMs, this.opts.random);
  }

  private async send(client: NetworkClient, sent: OutboxMessage, c: StepContext): Promise<OutboxMessage | undefined> {
    this.deps.options?.hooks?.afterBegin?.(sent);
    let cur = sent;
    // The client sends a refused call again under a new msgid (the platform ended the sign-in):
    // the new one is stored with the message before it leaves.
    const renewMsgid = async (infno: string) => {
      const next = await this.tx.run(() => this.deps.outbox.beginAttempt(cur, this.deps.nextMsgid(infno), infno));
      if (!next) throw new Error(`outbox ${cur.id}: cancelled while being sent`);
      cur = next;
      return next.msgid!;
    };
    let outcome: StepOutcome;
    try {
      outcome = await this.tx.awaiting(callStep(client, sent.step, c, { msgid: sent.msgid, timeoutMs: this.opts.requestTimeoutMs, renewMsgid }));
    } catch (err) {
      await this.failed(cur, err);
      return undefined;
    }
    this.deps.options?.hooks?.afterAnswer?.(cur);
    this.seen(true);
    return this.complete(cur, c, outcome, undefined, true);
  }

  private async failed(m: OutboxMessage, err: unknown): Promise<void> {
    const detail = describe(err);
    if (err instanceof AppFailure) {
      // The client refused to send (a required value is missing): nothing left; a person completes it.
      this.deps.log.warn(`forwarder: ${m.infno} ${m.msgid} not sent: ${err.error.detail ?? err.message}`);
      await this.deadLetter(m, err.error.code, err.error.message);
      this.emit(m.settlementId);
      return;
    }
    if (err instanceof SignInEndedError && err.msgid === m.msgid) {
      // Refused for an ended sign-in and not sent again: nothing applied; redo under a new msgid.
      this.seen(true);
      await this.tx.run(() => this.deps.outbox.redo(m, err.message));
      this.emit(m.settlementId);
      return;
    }
    // A failure of another request (the automatic sign-in, the 2203 before a 2204) means ours never left.
    const notOurs = isNetworkError(err) && err.msgid !== m.msgid && err.kind !== 'rejected';
    const advice = notOurs ? 'resendSameMsgid' : retryAs(err);
    if (!isNetworkError(err)) this.deps.log.error(`forwarder: ${m.infno} ${m.msgid}: ${err instanceof Error ? err.stack : detail}`);
    if (advice === 'resendSameMsgid') {
      this.seen(false);
      if (m.attempts <= 1) this.deps.log.info(`forwarder: ${m.infno} ${m.msgid} not sent (${detailOf(err)}); resending later with the same msgid`);
      await this.tx.run(() => this.deps.outbox.notSent(m, 'NOT_SENT', detail, this.later(m.attempts)));
    } else if (advice === 'deadLetter') {
      this.seen(true);
      const e = err as BusinessRejectedError;
      await this.deadLetter(m, e.infcode || 'REJECTED', e.errMsg || e.message);
    } else {
      this.seen(isNetworkError(err) && err.kind === 'badResponse');
      this.deps.log.warn(`forwarder: ${m.infno} ${m.msgid} outcome unknown (${detailOf(err)}); resolving before any redo`);
      await this.tx.run(() => this.deps.outbox.unknown(m, isNetworkError(err) ? err.kind : 'INTERNAL', detail, Date.now() + 200));
    }
    this.emit(m.settlementId);
  }

  private async deadLetter(m: OutboxMessage, code: string, message: string): Promise<void> {
    await this.tx.run(() => {
      this.deps.outbox.dead(m, code, message);
      this.deps.network.setState(m.settlementId, 'dead');
    });
    this.deps.log.warn(`forwarder: ${m.infno} of settlement ${m.settlementId} rejected by the network: ${code} ${message}`);
  }

  /** Records the outcome and marks the message done; with `chain`, begins the person's next message in the same commit. */
  private async complete(m: OutboxMessage, c: StepContext, outcome: StepOutcome, note: string | undefined, chain = false): Promise<OutboxMessage | undefined> {
    const next = await this.tx.run(() => {
      this.deps.outbox.done(m, recordOutcome(this.confirmDeps, m, c, outcome, note));
      if (!chain || !this.running) return undefined;
      const h = this.deps.outbox.head(m.personNo);
      return h && h.state === 'queued' && h.nextAttemptAt <= Date.now() ? this.deps.outbox.beginAttempt(h, h.msgid ?? this.deps.nextMsgid(h.infno), h.infno) : undefined;
    });
    this.emit(m.settlementId);
    if (c.original) this.emit(c.original.doc.id);
    return next;
  }

  private async resolve(client: NetworkClient, m: OutboxMessage, c: StepContext): Promise<void> {
    const ours = new Set(this.deps.outbox.msgidsOf(m.id));
    if (m.msgid) ours.add(m.msgid);
    let r;
    try {
      r = await this.tx.awaiting(resolveUnknown(client, m, c, ours, { answerOf: this.deps.answerOf, funds: client.setup.fundMap, timeoutMs: this.opts.requestTimeoutMs }));
    } catch (err) {
      const detail = describe(err);
      this.deps.log.info(`forwarder: resolving ${m.infno} ${m.msgid} did not finish (${detailOf(err)})`);
      this.seen(isNetworkError(err) && err.kind !== 'notSent' && err.kind !== 'unknownOutcome');
      const next = { ...m, attempts: m.attempts + 1 };
      await this.tx.run(() => this.deps.outbox.unknown(next, 'RESOLVING', `结果未知，查询/冲正未完成：${detail}`, this.later(next.attempts)));
      return;
    }
    this.seen(true);
    this.deps.log.info(`forwarder: resolved ${m.infno} ${m.msgid}: ${r.kind} (${'note' in r ? r.note : r.message})`);
    if (r.kind === 'applied') await this.complete(m, c, r.outcome, r.note);
    else if (r.kind === 'notApplied') await this.tx.run(() => this.deps.outbox.redo(m, '已向医保网络核实：上次发送未生效，将用新的报文重发'));
    else await this.deadLetter(m, r.code, r.message);
    this.emit(m.settlementId);
  }
}
