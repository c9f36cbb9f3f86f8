// The SettlementService (SettleCore.service): person lookup, pre-settle, settle, cancel, reads.
// Online the network decides (./online.ts): the visit is taken to the network ahead (./net-visits.ts),
// the network pre-settles it (its split shown with the local engine's explanation beside), and
// its settlement is committed only with the network's figures. Offline the local engine settles,
// within the setup's offline limits, with the cached person data; the forwarder replays the visit
// when the network returns. A person the local engine cannot settle (a remote region without its
// pack, an insurance type the pack has no rule for) is settled online only.
import { dec, toFen } from '../core/money';
import { AppFailure } from '../core/result';
import { chinaDate } from '../core/time';
import type { PolicyPack } from '../core/engine';
import type { Db } from '../store/db';
import type { SettlementDoc } from '../store/settlements';
import { stmt } from '../store/stmt';
import type { SettingsRepo } from '../store/settings';
import type { AppLogger } from '../platform/logger';
import { BusinessRejectedError, isNetworkError, type NetworkClient } from '../network/client';
import type { ClinicalDoc, Forwarder, VisitClinical } from '../network/forwarder';
import { isUndoStep, planSettlement, type PlannedStep } from '../network/forwarder';
import { commitSettlement } from './commit';
import type { InstitutionSetup, InsuredPersonView, SettlementDailySummary, SettlementListItem, SettlementPreInput, SettlementPreView, SettlementSearchInput, SettlementView } from '../api/contract';
import type { SettleRepos } from './repos';
import { storedLines, linesFromTotals } from './compute';
import { lookupPerson, personView, ageText } from './persons';
import { offlineRefusal, readLimits } from './limits';
import { documentNumbers, settlementDoc, storedPerson } from './documents';
import { Canceller } from './cancel';
import { markHisCancelled, markHisSettled, type HisMarks } from './his-marks';
import { listItem, settlementView } from './views';
import { dailySummary } from './summary';
import { prepareVisit, type Prepared, type SettleRequest } from './prepare';
import { NetVisits, uploadFingerprint, type VisitUpload } from './net-visits';
import { NetworkDownError, OnlineSettler } from './online';
import { localPreView, networkPreView } from './previews';
import type { CenterLink } from '../center/link';

export type { SettleRequest } from './prepare';

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
  /** How long a cancellation queued at the network is waited for. Default 3000 ms. */
  onlineWaitMs?: number;
  /** How long a cancellation waits for what is under way, and its request's timeout. */
  cancel?: { waitMs?: number; requestTimeoutMs?: number };
  /** The HIS bridge's visits (marked settled / cancelled in the same transaction as the money). */
  his?: () => HisMarks | undefined;
  /** The visit's doctor, department, diagnoses … for its steps at the network (forwarder/clinical.ts). */
  clinical?: (doc: ClinicalDoc) => VisitClinical;
  /** The network-first settlement's request timeout, resolve wait and test hooks. */
  online?: { requestTimeoutMs?: number; resolveWaitMs?: number; hooks?: { afterBegin?(): void; afterAnswer?(): void } };
  /** The center (--center): the other windows' year-to-date and offline day, and the center-wide offline hold. */
  center?: CenterLink;
}

/** What an offline settlement sends when the visit is already at the network (registered ahead). */
interface OfflinePlan {
  steps?: PlannedStep[];
  within?: (doc: SettlementDoc) => void;
  cert?: { certType: string; certNo: string };
}

const fail = (code: string, message: string, detail: string, field?: string): never => {
  throw new AppFailure({ code, message, detail, field });
};

const NO_CLINICAL: VisitClinical = { dept: { code: '', name: '' }, caty: '', doctor: { code: '', name: '' }, diagnoses: [] };

/** A refusal by the network of a visit's step (2001, 2201, 2203, 2204 …): the cashier is told in the network's words. */
function refusalOf(err: unknown, ref: string): unknown {
  if (!(err instanceof BusinessRejectedError)) return err;
  return new AppFailure({
    code: 'NETWORK_REFUSED', message: `医保网络拒绝（${err.infno}）：${err.errMsg || err.message}。本次未结算，请勿收款。`,
    detail: `${ref}: ${err.infno} ${err.msgid} refused: ${err.infcode} ${err.errMsg}`,
  });
}

/** The network could not be reached (nothing of the step happened, or it is not known and stays open). */
function isDown(err: unknown): boolean {
  return err instanceof NetworkDownError || (isNetworkError(err) && err.kind !== 'rejected');
}

const STALE_TO_OFFLINE = '医保网络连接中断，本次未结算：请重新预结算（将按本地政策脱机结算，金额可能不同），核对后再收款';
const STALE_TO_ONLINE = '医保网络已恢复：本次将由医保网络结算，金额以医保为准，请重新预结算，核对后再收款';

export class SettlementService {
  private lastProbe = 0;
  readonly canceller: Canceller;
  readonly netVisits: NetVisits;
  readonly online: OnlineSettler;

  constructor(private readonly deps: SettlementServiceDeps) {
    this.canceller = new Canceller({
      db: deps.db, repos: deps.repos, log: deps.log, now: deps.now, institution: deps.institution, client: deps.client,
      forwarder: deps.forwarder, nextMsgid: deps.nextMsgid, online: () => this.reachable(), ...deps.cancel,
      within: (c, original) => markHisCancelled(deps.his?.(), original, c, deps.log),
    });
    this.netVisits = new NetVisits({ db: deps.db, client: deps.client, nextMsgid: deps.nextMsgid, log: deps.log, now: deps.now });
    this.online = new OnlineSettler({
      db: deps.db, repos: deps.repos, log: deps.log, now: deps.now, institution: deps.institution, client: deps.client,
      nextMsgid: deps.nextMsgid, netVisits: this.netVisits, his: deps.his, prepare: (i) => this.prepare(i), ...deps.online,
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
   * probe (1.5 s; at most every 10 s while it is down), so a window never waits long.
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

  /** For a cancellation, whose refusal must be true: seen online just now, else a probe every time. */
  private async reachable(): Promise<boolean> {
    const f = this.deps.forwarder;
    if (!this.deps.client()) return false;
    const fresh = f.lastContactAt !== undefined && Date.now() - f.lastContactAt.getTime() < 30_000;
    return (f.networkOnline === true && fresh) || f.probe(1500);
  }

  private prepare(input: SettlementPreInput): Prepared {
    return prepareVisit({ repos: this.r, policies: this.deps.policies, institution: this.deps.institution, center: this.deps.center }, input);
  }

  private offlineCheck(personNo: string, totalFen: number): string | undefined {
    const day = chinaDate(this.deps.now());
    const others = this.deps.center?.othersOfflineFen(personNo, day) ?? 0;
    return offlineRefusal(readLimits(this.deps.settings), totalFen, this.r.ytd.offlineTotalFen(personNo, day) + others);
  }

  /** Asks the center (when linked) for what the other windows hold of the person: read by prepare and the limits. */
  private async askCenter(input: SettlementPreInput): Promise<void> {
    await this.deps.center?.totalsFor(input.person.personNo, chinaDate(this.deps.now()), Number(input.visit.date.slice(0, 4)));
  }

  /** The visit as it goes to the network: the stored lines, the clinical data (HIS, 5301, setup), the person. */
  uploadOf(input: SettlementPreInput, p: Prepared): VisitUpload {
    const v = input.visit;
    const lines = p.computed?.lines ?? storedLines(v.lines?.length ? v.lines : v.fees ? linesFromTotals(v.fees, v.date) : [], v.date);
    const clinical = this.deps.clinical?.({ visitRef: v.ref, visitSource: v.source ?? 'manual', visitType: v.type, visitDate: v.date, chronicCode: v.chronicCode, person: { personNo: p.person.personNo } }) ?? NO_CLINICAL;
    return {
      visitRef: v.ref,
      person: { personNo: p.person.personNo, insutype: p.person.insutype, insuranceRegion: p.person.insuranceRegion, idNumber: p.person.idNumber },
      medType: v.type,
      lines: lines.map((l) => ({ code: l.code, hospCode: l.hospCode, quantity: l.quantity, unitPrice: l.unitPrice, time: l.time })),
      clinical,
    };
  }

  /** The person identified here before with this ID number (the person cache), or undefined. */
  cachedPersonNo(idNumber: string): string | undefined {
    return (this.r.persons.find('idNumber', idNumber) ?? this.r.persons.find('idNumber', idNumber.toUpperCase()))?.personNo;
  }

  /** Takes the visit to the network ahead of the patient (the HIS sent it, the person is known); writes only the network's side. */
  async uploadAhead(input: SettlementPreInput): Promise<void> {
    if (this.r.settlements.claimOf(input.visit.ref) || !(await this.isOnline())) return;
    const p = this.prepare(input);
    await this.netVisits.ensure(this.uploadOf(input, p));
  }

  private dischargeDate(u: VisitUpload): string | undefined {
    return u.medType === 'inpatient' ? u.lines.map((l) => l.time).sort().pop()?.slice(0, 10) : undefined;
  }

  /** The pre-settlement: online the network's (its split, the local explanation beside), else the local engine's. */
  async preSettle(input: SettlementPreInput): Promise<SettlementPreView> {
    await this.askCenter(input);
    const p = this.prepare(input);
    const online = await this.isOnline();
    const cached = this.r.persons.get(p.person.personNo)!;
    if (online) {
      try {
        const u = this.uploadOf(input, p);
        const ready = await this.netVisits.ensure(u);
        const ref = { personNo: p.person.personNo, insutype: p.person.insutype, insuranceRegion: p.person.insuranceRegion };
        const s = await this.online.preSettle(ref, u.medType, ready, input.useAccount ?? false, this.dischargeDate(u));
        return networkPreView(p, s, { online: true, offlineAllowed: false, personSource: 'network', personAgeText: ageText('network', cached.fetchedAt, this.deps.now()).text });
      } catch (err) {
        if (!isDown(err)) throw refusalOf(err, input.visit.ref);
        this.deps.forwarder.observe(false);
        this.deps.log.warn(`pre-settlement of ${input.visit.ref}: the network did not answer (${err instanceof Error ? err.message : String(err)}); offline`);
      }
    }
    const refusal = this.offlineProblem(input, p);
    if (!p.computed) throw p.missing!;
    const source = 'cache' as const;
    return localPreView({ ...p, computed: p.computed }, {
      online: false, offlineAllowed: !refusal, offlineMessage: refusal, personSource: source, personAgeText: ageText(source, cached.fetchedAt, this.deps.now()).text,
    });
  }

  /** Why the visit cannot be settled offline (the limits, a remote patient, an insurance type without rules), or undefined. */
  private offlineProblem(input: SettlementPreInput, p: Prepared): string | undefined {
    if (!p.computed) return `医保网络不可用：${p.missing!.error.message}`;
    return this.offlineCheck(p.person.personNo, p.computed.fees.totalFen);
  }

  /** Settles a visit: online the network decides first; offline one local transaction within the limits. */
  async settle(input: SettleRequest): Promise<SettlementView> {
    const claimed = this.r.settlements.claimOf(input.visit.ref);
    if (claimed) fail('ALREADY_SETTLED', `该就诊（${input.visit.ref}）已结算，不能重复结算`, `visit ${input.visit.ref} held by ${claimed}`, 'visit.ref');
    // An earlier attempt whose outcome is not known is resolved first: it may have settled the visit.
    const earlier = await this.online.resolveFor(input.visit.ref, 3000);
    if (earlier) return this.view(earlier);
    if (this.online.requests.openFor(input.visit.ref)) {
      fail('SETTLE_UNKNOWN', '上一次结算的结果尚未核实（医保网络无应答），请勿收款，稍后重试', `open settle attempt of ${input.visit.ref}`, 'visit.ref');
    }
    await this.askCenter(input);
    const p = this.prepare(input);
    if ((await this.isOnline()) || (await this.probeForHeld(input.visit.ref))) {
      if (input.basis === 'local') fail('PRESETTLE_STALE', STALE_TO_ONLINE, `${input.visit.ref}: pre-settled offline, the network is back`, 'preId');
      try {
        const u = this.uploadOf(input, p);
        const ready = await this.netVisits.ensure(u);
        input.verify?.();
        const { verify: _v, ...stored } = input;
        return this.view(await this.online.settle(stored, p, ready, u.medType, this.dischargeDate(u)));
      } catch (err) {
        if (!isDown(err)) throw refusalOf(err, input.visit.ref);
        this.deps.forwarder.observe(false);
        if (input.basis === 'network') fail('PRESETTLE_STALE', STALE_TO_OFFLINE, `${input.visit.ref}: the network went down before the settlement left`, 'preId');
      }
    } else if (input.basis === 'network') {
      fail('PRESETTLE_STALE', STALE_TO_OFFLINE, `${input.visit.ref}: pre-settled online, the network is down`, 'preId');
    }
    return this.settleOffline(input, p);
  }

  /**
   * A visit with a step of unknown outcome at the network cannot be settled offline: rather than
   * refuse it on a stale "down", the network is asked now (a cashier's retry is a real retry).
   */
  private async probeForHeld(visitRef: string): Promise<boolean> {
    const nv = this.netVisits.get(visitRef);
    if (!nv || !this.deps.client() || !this.netVisits.repo.anyOpenCall(nv.id)) return false;
    return this.deps.forwarder.probe(1500);
  }

  private async settleOffline(input: SettleRequest, p: Prepared): Promise<SettlementView> {
    if (!p.computed) fail(p.missing!.error.code, `医保网络不可用：${p.missing!.error.message}`, p.missing!.error.detail ?? 'no local result', p.missing!.error.field);
    const refusal = this.offlineCheck(p.person.personNo, p.computed!.fees.totalFen);
    if (refusal) fail('OFFLINE_LIMIT', refusal, `offline settlement refused: total ${p.computed!.fees.totalFen} fen`);
    await this.holdAtCenter(input, p);
    const plan = this.offlinePlan(input, p);
    const doc = this.write(input, p, plan);
    this.deps.log.info(`settlement ${doc.id} (${doc.receiptNo}) committed offline, total ${doc.totalFen} fen, cash ${doc.cashFen} fen`);
    this.deps.forwarder.kick();
    return this.view(doc);
  }

  /** Linked to a center: the amount is held there first, so two windows cannot both pass the person's day limit. */
  private async holdAtCenter(input: SettleRequest, p: Prepared): Promise<void> {
    if (!this.deps.center) return;
    const day = chinaDate(this.deps.now());
    const personNo = p.person.personNo;
    const held = await this.deps.center.holdOffline({
      personNo, day, visitRef: input.visit.ref, fen: p.computed!.fees.totalFen,
      ownDayFen: this.r.ytd.offlineTotalFen(personNo, day), limitFen: toFen(dec(readLimits(this.deps.settings).perPersonDay)),
    });
    if (held.refusal) fail('OFFLINE_LIMIT', held.refusal, `center-wide offline limit: ${personNo} on ${day}`);
  }

  /**
   * What of the visit the network already has (taken there ahead): its registration is not sent
   * again; a batch uploaded as the visit still is settled as it is (only 2207 / 2304 remain); a
   * batch that no longer holds is taken back in the background while the replay uploads anew.
   */
  private offlinePlan(input: SettlementPreInput, p: Prepared): OfflinePlan {
    const nv = this.netVisits.get(input.visit.ref);
    if (!nv) return {};
    // A step whose outcome is not known (a registration, a fee batch the network may hold): the
    // replay would register or charge the visit a second time. Settled when the network answers.
    const open = this.netVisits.repo.anyOpenCall(nv.id);
    if (open) {
      fail('NET_STEP_UNKNOWN', `该就诊向医保上传（${open.infno}）的结果未知（网络中断），暂不能脱机结算，请待网络恢复后结算`, `net visit ${nv.visitRef}: ${open.infno} ${open.msgid} outcome unknown`);
    }
    if (!nv.visitId) return {};
    const all = planSettlement(input.visit.type).filter((s) => s.step !== 'register' && s.step !== 'admit');
    const u = this.uploadOf(input, p);
    const current = nv.batchNo && nv.uploaded && nv.fingerprint === uploadFingerprint(u) && (u.medType !== 'inpatient' || nv.discharged);
    if (!current && u.medType === 'inpatient') {
      fail('NET_VISIT_DISCHARGED', '该住院已在医保登记，费用明细与医保不一致，须联网结算', `net visit ${nv.visitRef}: inpatient upload stale`);
    }
    const steps = current ? all.filter((s) => s.step === 'settle') : all;
    return {
      steps,
      // The replay's 2207 / 2304 must carry the certificate the visit was registered with.
      cert: { certType: nv.certType, certNo: nv.certNo },
      within: (doc) => {
        this.r.network.setVisitId(doc.id, nv.visitId);
        if (current) this.r.network.setFeeSplit(doc.id, { ...nv.uploaded!.split, batchNo: nv.batchNo });
        else if (nv.batchNo) this.netVisits.repo.retireBatch(nv.id, nv.batchNo);
        this.netVisits.repo.settled(input.visit.ref, doc.id);
      },
    };
  }

  private write(input: SettleRequest, p: Prepared, plan: OfflinePlan) {
    const now = this.deps.now();
    const businessDate = chinaDate(now);
    const inst = this.deps.institution();
    const computed = p.computed!;
    const tendered = input.payment.tendered === undefined ? undefined : toFen(dec(input.payment.tendered));
    return commitSettlement(this.deps.db, this.r, {
      businessDate,
      warnings: computed.result.warnings,
      collects: p.adjustmentIds,
      steps: plan.steps,
      within: (doc) => {
        input.verify?.();
        plan.within?.(doc);
        markHisSettled(this.deps.his?.(), doc, input.hisRevision);
      },
      build: (seq) =>
        settlementDoc({
          numbers: documentNumbers(inst.terminalNo, businessDate, seq),
          person: storedPerson(p.person, plan.cert ?? input.person),
          visit: { ref: input.visit.ref, source: input.visit.source ?? 'manual', type: input.visit.type, facilityLevel: p.facilityLevel, date: input.visit.date, chronicCode: input.visit.chronicCode },
          computed,
          accountBalanceAfterFen: p.person.insuranceType === 'employee' ? toFen(dec(p.person.accountBalance || '0')) - computed.accountFen : undefined,
          adjustmentFen: p.adjustmentFen,
          payment: { method: input.payment.method, reference: input.payment.reference, tenderedFen: tendered },
          operatorId: input.operatorId,
          cardFree: input.cardFree ?? false,
          mode: 'offline',
          personFetchedAt: p.fetchedAt,
          businessDate,
          createdAt: now.toISOString(),
        }),
    });
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
