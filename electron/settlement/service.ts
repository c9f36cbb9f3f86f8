// The SettlementService (SettleCore.service): person lookup, pre-settle (pure),
// settle (one SQLite transaction: document + layers + year-to-date + outbox), cancel, and reads.
// Online, the forwarder sends at once and the window waits briefly for the network's
// confirmation; offline, the window settles with the engine and the cached person data within
// the setup's offline limits, and the forwarder replays the visit when the network returns.
import { dec, toFen, yuan } from '../core/money';
import { AppFailure } from '../core/result';
import { chinaDate } from '../core/time';
import type { PolicyPack } from '../core/engine';
import type { Db } from '../store/db';
import type { SettlementDoc } from '../store/settlements';
import { stmt } from '../store/stmt';
import type { SettingsRepo } from '../store/settings';
import type { AppLogger } from '../platform/logger';
import type { NetPerson, NetworkClient } from '../network/client';
import type { Forwarder } from '../network/forwarder';
import { isUndoStep } from '../network/forwarder';
import { commitSettlement } from './commit';
import type { InstitutionSetup, InsuredPersonView, SettlementDailySummary, SettlementListItem, SettlementPreInput, SettlementPreView, SettlementSearchInput, SettlementSettleInput, SettlementView } from '../api/contract';
import type { SettleRepos } from './repos';
import { computeSettlement, type Computed } from './compute';
import { lookupPerson, personView, ageText } from './persons';
import { offlineRefusal, readLimits } from './limits';
import { documentNumbers, settlementDoc, storedPerson } from './documents';
import { Canceller } from './cancel';
import { markHisCancelled, markHisSettled, type HisMarks } from './his-marks';
import { listItem, settlementView } from './views';
import { dailySummary } from './summary';

export interface SettlementServiceDeps {
  db: Db;
  settings: SettingsRepo;
  log: AppLogger;
  now: () => Date;
  repos: SettleRepos;
  policies: { choose(personRegion: string | undefined, date: string, facilityRegion?: string): PolicyPack | undefined };
  institution: () => InstitutionSetup;
  client: () => NetworkClient | undefined;
  forwarder: Forwarder;
  /** Durable msgid allocation (the cancellation's 2208/2305 is sent by the service itself). */
  nextMsgid: (infno: string) => string;
  /** How long an online settlement waits for the network's confirmation. Default 3000 ms. */
  onlineWaitMs?: number;
  /** How long a cancellation waits for what is under way, and its request's timeout. */
  cancel?: { waitMs?: number; requestTimeoutMs?: number };
  /** The HIS bridge's visits (marked settled / cancelled in the same transaction as the money). */
  his?: () => HisMarks | undefined;
}

/**
 * A settlement's input inside the app: who settles, the HIS revision its lines were pre-settled at,
 * and a check run inside the transaction that throws when those lines no longer hold.
 */
export type SettleRequest = SettlementSettleInput & { operatorId: string; hisRevision?: number; verify?: () => void };

interface Prepared {
  person: NetPerson;
  fetchedAt: string;
  computed: Computed;
  adjustmentFen: number;
  adjustmentIds: string[];
  facilityLevel: string;
}

const fail = (code: string, message: string, detail: string, field?: string): never => {
  throw new AppFailure({ code, message, detail, field });
};

export class SettlementService {
  private lastProbe = 0;
  readonly canceller: Canceller;

  constructor(private readonly deps: SettlementServiceDeps) {
    this.canceller = new Canceller({
      db: deps.db, repos: deps.repos, log: deps.log, now: deps.now, institution: deps.institution, client: deps.client,
      forwarder: deps.forwarder, nextMsgid: deps.nextMsgid, online: () => this.reachable(), ...deps.cancel,
      within: (c, original) => markHisCancelled(deps.his?.(), original, c, deps.log),
    });
  }

  private get r(): SettleRepos {
    return this.deps.repos;
  }

  async lookupPerson(q: { certType: 'ssCard' | 'eVoucher' | 'idNumber'; certNo: string; name?: string; cardSn?: string }): Promise<InsuredPersonView> {
    const f = this.deps.forwarder;
    const found = await lookupPerson(
      { client: this.deps.client, cache: this.r.persons, ytd: this.r.ytd, outbox: this.r.outbox, now: this.deps.now, log: this.deps.log, online: () => f.networkOnline },
      q,
    );
    return personView(found, this.deps.now());
  }

  /**
   * Whether a settlement now goes to the network: seen online within the last 30 s, else a quick
   * probe (9001, 1.5 s; at most every 10 s while it is down), so a window never waits long.
   */
  async isOnline(): Promise<boolean> {
    const f = this.deps.forwarder;
    if (!this.deps.client()) return false;
    const fresh = f.lastContactAt !== undefined && Date.now() - f.lastContactAt.getTime() < 30_000;
    if (f.networkOnline === true && fresh) return true;
    if (f.networkOnline !== false || Date.now() - this.lastProbe > 10_000) {
      this.lastProbe = Date.now();
      return f.probe(1500);
    }
    return false;
  }

  /** For a cancellation, whose refusal must be true: seen online just now, else a 9001 probe every time. */
  private async reachable(): Promise<boolean> {
    const f = this.deps.forwarder;
    if (!this.deps.client()) return false;
    const fresh = f.lastContactAt !== undefined && Date.now() - f.lastContactAt.getTime() < 30_000;
    return (f.networkOnline === true && fresh) || f.probe(1500);
  }

  private prepare(input: SettlementPreInput): Prepared {
    const cached = this.r.persons.get(input.person.personNo);
    if (!cached) fail('PERSON_NOT_LOOKED_UP', '请先读卡或查询参保人信息', `person ${input.person.personNo} not in the cache`, 'person.personNo');
    const person = cached!.data;
    const inst = this.deps.institution();
    const v = input.visit;
    const pack = this.deps.policies.choose(person.insuranceRegion, v.date, inst.region);
    if (!pack) fail('NO_POLICY', `没有适用于参保地 ${person.insuranceRegion}、就诊日期 ${v.date} 的结算政策包`, `no pack for ${person.insuranceRegion} on ${v.date}`, 'visit.date');
    const book = this.r.ytd.book(person.personNo, Number(v.date.slice(0, 4)));
    const computed = computeSettlement({
      pack: pack!,
      person: { insuranceType: person.insuranceType, identities: person.identities, enrolled: person.enrolled, region: person.insuranceRegion, accountBalance: person.accountBalance },
      visit: { type: v.type, facilityLevel: v.facilityLevel ?? inst.level, date: v.date, lines: v.lines, fees: v.fees },
      book,
      useAccount: input.useAccount ?? false,
    });
    const open = this.r.differences.openFor(person.personNo);
    return {
      person, fetchedAt: cached!.fetchedAt, computed, facilityLevel: v.facilityLevel ?? inst.level,
      adjustmentFen: open.reduce((a, d) => a + d.cashDiffFen, 0), adjustmentIds: open.map((d) => d.settlementId),
    };
  }

  private offlineCheck(personNo: string, totalFen: number): string | undefined {
    const day = chinaDate(this.deps.now());
    return offlineRefusal(readLimits(this.deps.settings), totalFen, this.r.ytd.offlineTotalFen(personNo, day));
  }

  /** The engine's result with its trace; writes nothing. */
  async preSettle(input: SettlementPreInput): Promise<SettlementPreView> {
    const p = this.prepare(input);
    const r = p.computed.result;
    const online = await this.isOnline();
    const refusal = this.offlineCheck(p.person.personNo, p.computed.fees.totalFen);
    const cached = this.r.persons.get(p.person.personNo)!;
    const source = this.deps.now().getTime() - new Date(cached.fetchedAt).getTime() < 60_000 && online ? 'network' : 'cache';
    return {
      packId: r.packId,
      packHash: r.packHash,
      fees: { total: r.fees.total.toFixed(2), inScope: r.fees.inScope.toFixed(2), preSelfPay: r.fees.preSelfPay.toFixed(2), fullSelfPay: r.fees.fullSelfPay.toFixed(2) },
      layers: r.layers.map((l) => ({ key: l.key, name: l.name, ytdKey: l.ytdKey, base: l.base.toFixed(2), amount: l.amount.toFixed(2), trace: l.trace })),
      funds: yuan(p.computed.fundsFen),
      account: yuan(p.computed.accountFen),
      cash: yuan(p.computed.cashFen),
      adjustment: yuan(p.adjustmentFen),
      cashDue: yuan(p.computed.cashFen + p.adjustmentFen),
      trace: r.trace,
      warnings: r.warnings.map((w) => w.message),
      online,
      offlineAllowed: !refusal,
      offlineMessage: refusal,
      personSource: source,
      personAgeText: ageText(source, cached.fetchedAt, this.deps.now()).text,
    };
  }

  /** Settles a visit: one transaction; online it waits briefly for the network's confirmation. */
  async settle(input: SettleRequest): Promise<SettlementView> {
    const claimed = this.r.settlements.claimOf(input.visit.ref);
    if (claimed) fail('ALREADY_SETTLED', `该就诊（${input.visit.ref}）已结算，不能重复结算`, `visit ${input.visit.ref} held by ${claimed}`, 'visit.ref');
    const p = this.prepare(input);
    const online = await this.isOnline();
    const totalFen = p.computed.fees.totalFen;
    if (!online) {
      const refusal = this.offlineCheck(p.person.personNo, totalFen);
      if (refusal) fail('OFFLINE_LIMIT', refusal, `offline settlement refused: total ${totalFen} fen`);
    }
    const doc = this.write(input, p, online ? 'online' : 'offline');
    this.deps.log.info(`settlement ${doc.id} (${doc.receiptNo}) committed ${doc.mode}, total ${totalFen} fen, cash ${doc.cashFen} fen`);
    this.deps.forwarder.kick();
    if (online) await this.awaitConfirmation(doc.id, totalFen);
    return this.view(doc);
  }

  private write(input: SettleRequest, p: Prepared, mode: 'online' | 'offline') {
    const now = this.deps.now();
    const businessDate = chinaDate(now);
    const inst = this.deps.institution();
    const tendered = input.payment.tendered === undefined ? undefined : toFen(dec(input.payment.tendered));
    return commitSettlement(this.deps.db, this.r, {
      businessDate,
      warnings: p.computed.result.warnings,
      collects: p.adjustmentIds,
      within: (doc) => {
        input.verify?.();
        markHisSettled(this.deps.his?.(), doc, input.hisRevision);
      },
      build: (seq) =>
        settlementDoc({
          numbers: documentNumbers(inst.terminalNo, businessDate, seq),
          person: storedPerson(p.person, input.person),
          visit: { ref: input.visit.ref, source: input.visit.source ?? 'manual', type: input.visit.type, facilityLevel: p.facilityLevel, date: input.visit.date },
          computed: p.computed,
          adjustmentFen: p.adjustmentFen,
          payment: { method: input.payment.method, reference: input.payment.reference, tenderedFen: tendered },
          operatorId: input.operatorId,
          cardFree: input.cardFree ?? false,
          mode,
          personFetchedAt: p.fetchedAt,
          businessDate,
          createdAt: now.toISOString(),
        }),
    });
  }

  /**
   * Waits for the confirmation. When the network turned out to be down, nothing of the settlement
   * reached it and it is above the offline limits, it is cancelled locally and refused.
   */
  private async awaitConfirmation(id: string, totalFen: number): Promise<void> {
    const state = await this.deps.forwarder.waitFor(id, this.deps.onlineWaitMs ?? 3000);
    if (state !== 'pending' || this.deps.forwarder.networkOnline !== false || this.r.outbox.anySent(id)) return;
    const doc = this.r.settlements.get(id)!;
    const refusal = this.offlineCheck(doc.person.personNo, 0) ?? offlineRefusal(readLimits(this.deps.settings), totalFen, 0);
    if (!refusal) return;
    this.canceller.commitLocal(doc, '网络中断且超出脱机限额，系统自动撤销', doc.operatorId, []);
    fail('OFFLINE_LIMIT', refusal, `network went down during settlement ${id}; cancelled locally`);
  }

  /**
   * Cancels a settlement (the caller checked who may: authorizeCancel). Committed locally only
   * when it can be carried out (Canceller): at the network first when the network holds it.
   */
  async cancel(settlementId: string, reason: string, operatorId: string): Promise<SettlementView> {
    const doc = this.r.settlements.get(settlementId);
    if (!doc) fail('NOT_FOUND', '没有找到该结算记录', `settlement ${settlementId} not found`, 'settlementId');
    if (doc!.kind !== 'settlement') fail('NOT_CANCELLABLE', '撤销单不能再撤销', `${settlementId} is a cancellation`, 'settlementId');
    if (this.r.settlements.cancellationOf(settlementId)) fail('ALREADY_CANCELLED', '该结算已撤销', `${settlementId} already cancelled`, 'settlementId');
    const canc = await this.canceller.cancel(doc!, reason, operatorId);
    if (this.r.network.get(canc.id)?.state === 'pending') {
      this.deps.forwarder.kick();
      if (await this.isOnline()) await this.deps.forwarder.waitFor(canc.id, this.deps.onlineWaitMs ?? 3000);
    }
    return this.get(canc.id);
  }

  /**
   * Gives up a rejected step of a cancellation that takes back a visit that never settled
   * (2205/2202, 2302/2404): no money moves with it, so when the network refuses it for good a
   * person may stop trying, with a reason; the visit stays registered at the network, to be
   * cleared there. A rejected 2208/2305 cannot be given up: the network still holds that settlement.
   */
  abandonUndo(deadLetterId: number, reason: string, operatorId: string): void {
    const dl = this.r.outbox.deadLetter(deadLetterId);
    if (!dl || dl.resolvedAt) fail('NOT_FOUND', '该失败项不存在或已处理', `dead letter ${deadLetterId} not found or resolved`, 'deadLetterId');
    const m = this.r.outbox.get(dl!.outboxId);
    if (!m || !isUndoStep(m.step)) {
      fail('NOT_ABANDONABLE', '只有挂号、入院或明细撤销的失败项可以放弃；结算和结算撤销只能修正后重试', `dead letter ${deadLetterId} is not an undo step`, 'deadLetterId');
    }
    this.deps.db.transaction(() => {
      this.r.outbox.resolveDead(dl!.id, 'cancelled', operatorId, reason);
      this.r.outbox.cancelOpen(m!.settlementId);
      this.r.network.setState(m!.settlementId, 'local');
    })();
    this.deps.log.warn(`undo of ${m!.settlementId} abandoned after the network refused ${m!.infno}: ${reason}`);
  }

  get(settlementId: string): SettlementView {
    const doc = this.r.settlements.get(settlementId);
    if (!doc) fail('NOT_FOUND', '没有找到该结算记录', `settlement ${settlementId} not found`, 'settlementId');
    return this.view(doc!);
  }

  /** The view of a document in hand (a settlement just written is not read back). */
  private view(doc: SettlementDoc): SettlementView {
    const warnings = stmt(this.deps.db, 'SELECT message FROM settlement_warnings WHERE settlement_id = ? ORDER BY id')
      .all(doc.id) as { message: string }[];
    return settlementView(doc, this.r.network.get(doc.id), {
      cancelledById: this.r.settlements.cancellationOf(doc.id)?.id,
      difference: this.r.differences.get(doc.id),
      warnings: warnings.map((w) => w.message),
    });
  }

  /** The operator's day: counts, totals by layer and payment method, cash to hand in. */
  dailySummary(operatorId: string, date: string): SettlementDailySummary {
    return dailySummary(this.r, operatorId, date);
  }

  search(f: SettlementSearchInput): SettlementListItem[] {
    return this.r.settlements
      .searchHeads({ personNo: f.personNo, visitRef: f.visitRef, dateFrom: f.from, dateTo: f.to, operatorId: f.operatorId, limit: f.limit })
      .map((d) => listItem(d, this.r.network.get(d.id), d.kind === 'settlement' && !!this.r.settlements.cancellationOf(d.id)));
  }
}
