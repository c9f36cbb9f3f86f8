// The cashier window's service: identify -> person -> visit -> pre-settle -> settle -> receipt,
// composed from the other areas' services (WindowServices: reader, HIS visits, settlement,
// receipts). Card-free and chronic rules are checked here, on the server.
import type { AppContext } from '../platform/context';
import type { Session } from '../api/dispatch';
import type { PersonView, PreSettleInput, PreSettleView, SettledView, SettleInputView, WindowVisitView } from '../api/contract';
import type { PatientIdentity } from '../devices';
import type { Cert } from '../network/client';
import type { HisVisit } from '../his';
import type { WindowServices } from './deps';
import { getInstitution } from '../platform/institution';
import { AppFailure } from '../core/result';
import { dec, fmt, ZERO } from '../core/money';
import { maskIdNumber, maskName } from '../core/mask';
import { receiptPayment } from '../core/receipt';
import { PersonFinder } from './person';
import { TicketStore, type Ticket } from './tickets';
import { IDENTITY_NAMES, cardFreeBasis, checkChronicVisit, readCardFreeRules, refuseCardFree } from './rules';
import { idNumberProblem } from '../core/id-number';
import { hisVisitLines, manualVisitLines, visitDate, visitFingerprint } from './lines';
import { chinaDate } from '../core/time';
import type { SettlementPort, PortPayment } from './port';
import type { UploadAhead } from './ahead';

export { VISIT_NAMES } from './visit-names';
import { VISIT_NAMES } from './visit-names';
const CERT_TYPES: Record<PatientIdentity['certType'], Cert['type']> = { '01': 'eVoucher', '02': 'idNumber', '03': 'ssCard' };

export interface WindowDeps {
  ctx: AppContext;
  services: WindowServices;
  port: () => SettlementPort;
  /** Takes a patient's HIS visits to the network ahead of the pre-settlement. */
  ahead?: UploadAhead;
}

export class WindowService {
  readonly tickets: TicketStore;
  readonly persons: PersonFinder;

  constructor(private readonly deps: WindowDeps) {
    this.tickets = new TicketStore(deps.ctx.now);
    this.persons = new PersonFinder(deps.ctx.db, () => deps.services.settlement, deps.ctx.now);
  }

  private audit(action: string, session: Session, summary: string): void {
    this.deps.services.audit.append({ action, operatorId: session.operatorId, channel: 'window', summary });
  }

  private pack(region?: string) {
    const inst = getInstitution(this.deps.ctx);
    return this.deps.services.policies.choose(region, chinaDate(this.deps.ctx.now()), inst.region);
  }

  private personView(t: Ticket): PersonView {
    const inst = getInstitution(this.deps.ctx);
    return this.persons.view(t.id, t.method, t, { cardFree: t.cardFree, institutionCode: inst.code, pack: this.pack(t.person.insuranceRegion) });
  }

  async identify(input: { via: 'reader' | 'cardFree'; idNumber?: string; name?: string }, session: Session): Promise<PersonView> {
    if (input.via === 'cardFree') return this.identifyCardFree(input.idNumber ?? '', input.name ?? '', session);
    const reader = this.deps.services.reader;
    const read = await reader.read();
    if (!read.ok) throw new AppFailure(read.error);
    const id = read.value;
    const cert: Cert = { type: CERT_TYPES[id.certType], no: id.certNo, cardSn: id.cardSn };
    const found = await this.persons.find(cert, id.name);
    if (found.person.idNumber.toUpperCase() !== id.idNumber.toUpperCase() && id.source !== 'eVoucher') {
      throw new AppFailure({ code: 'PERSON_MISMATCH', message: '卡片信息与医保网络返回的参保人不一致，请核对', detail: 'card id number differs from 1101 answer' });
    }
    const t = this.tickets.open({ operatorId: session.operatorId, method: id.source, cert, ...found, cardFree: false });
    this.uploadAhead(t);
    return this.personView(t);
  }

  private async identifyCardFree(idNumber: string, name: string, session: Session): Promise<PersonView> {
    // Checked here before the network is asked: a mistyped digit, or the name left out.
    const idProblem = idNumberProblem(idNumber);
    if (idProblem) throw new AppFailure({ code: 'VALIDATION', message: idProblem, field: 'idNumber', detail: 'card-free id number fails GB 11643' });
    if (!name.trim()) throw new AppFailure({ code: 'VALIDATION', message: '请填写患者姓名（与身份证一致），用于核对', field: 'name', detail: 'card-free without a name' });
    const cert: Cert = { type: 'idNumber', no: idNumber.toUpperCase() };
    const found = await this.persons.find(cert, name);
    if (found.person.name !== name.trim()) {
      this.audit('window.cardFreeRefused', session, `无卡识别被拒：${maskIdNumber(cert.no)} 姓名核对不一致`);
      throw new AppFailure({ code: 'NAME_MISMATCH', message: '姓名与身份证号登记的参保人不一致，请核对后重试', field: 'name', detail: 'card-free name check failed' });
    }
    const rules = readCardFreeRules(this.deps.ctx.settings);
    const basis = cardFreeBasis(found.person.identities, rules);
    if (!basis) {
      this.audit('window.cardFreeRefused', session, `无卡识别被拒：${maskIdNumber(cert.no)} 的身份不在允许范围（${found.person.identities.map((i) => IDENTITY_NAMES[i] ?? '其他').join('、') || '普通参保人'}）`);
      refuseCardFree(found.person.identities, rules);
    }
    this.audit('window.cardFreeIdentify', session, `无卡识别 ${maskIdNumber(cert.no)}（依据：${IDENTITY_NAMES[basis!] ?? '其他'}）`);
    const t = this.tickets.open({ operatorId: session.operatorId, method: 'cardFree', cert, ...found, cardFree: true });
    this.uploadAhead(t);
    return this.personView(t);
  }

  /** Resolves when the uploads ahead started so far have ended (a test takes the network down after them). */
  aheadIdle(): Promise<void> {
    return this.deps.ahead?.idle() ?? Promise.resolve();
  }

  /** The identified person's waiting HIS visits go to the network in the background (./ahead.ts). */
  private uploadAhead(t: Ticket): void {
    const his = this.deps.services.his.service;
    const mine = his.listWaiting().map((s) => his.get(s.hisVisitId)).filter((v): v is HisVisit => !!v && isPatientOf(v, t));
    this.deps.ahead?.person({ personNo: t.person.personNo, certType: t.cert.type, certNo: t.cert.no }, mine);
  }

  visits(ticketId: string, session: Session): WindowVisitView[] {
    const t = this.tickets.get(ticketId, session.operatorId);
    const his = this.deps.services.his.service;
    const out: (WindowVisitView & { since: string })[] = [];
    for (const s of his.listWaiting()) {
      const v = his.get(s.hisVisitId);
      if (!v) continue;
      if (!isPatientOf(v, t)) continue;
      out.push({
        visitId: v.hisVisitId,
        visitType: v.visitType,
        visitTypeName: VISIT_NAMES[v.visitType],
        department: v.department.name,
        doctor: v.doctor.name,
        diagnosis: v.diagnoses.map((d) => d.name ?? d.code).join('、'),
        date: visitDate(v, this.deps.ctx.now()),
        total: s.total,
        lineCount: s.lineCount,
        unmappedCount: s.unmappedCount,
        since: v.visitTime ?? v.admissionDate ?? v.receivedAt,
      });
    }
    // Oldest visit first (an inpatient stay began days ago); the list is stable between reads.
    return out.sort((a, b) => a.since.localeCompare(b.since) || a.visitId.localeCompare(b.visitId)).map(({ since: _since, ...v }) => v);
  }

  async preSettle(input: PreSettleInput, session: Session): Promise<PreSettleView> {
    const t = this.tickets.get(input.ticket, session.operatorId);
    const visit = this.visitOf(t, input);
    const notes: string[] = [];
    if (visit.type === 'chronicOutpatient') {
      const registered = this.personView(t).chronic;
      const code = input.chronicCode ?? visit.diagnoses?.find((d) => registered.some((r) => r.code === d.code))?.code;
      const reg = checkChronicVisit(registered, code, input.prescriptionDays);
      visit.chronicCode = reg.code;
      visit.chronicName = reg.name;
      const signed = registered.find((r) => r.code === reg.code);
      if (signed && !signed.signedHere) notes.push(`该慢病签约机构为 ${signed.clinic}，不是本机构：请核实患者是否已变更签约机构`);
    }
    if (visit.type === 'inpatient' && visit.source === 'manual') {
      throw new AppFailure({ code: 'VALIDATION', message: '住院费用须由 HIS 传入，不能手工录入', field: 'visitType' });
    }
    if (input.village) {
      if (visit.source !== 'manual') throw new AppFailure({ code: 'VALIDATION', message: '村卫生室只能结算手工录入的费用', field: 'visitId' });
      visit.facilityLevel = 'village';
    }
    const pre = await this.deps.port().preSettle({
      person: t.person, cert: t.cert, personSource: t.source, personFetchedAt: t.fetchedAt, visit,
      operatorId: session.operatorId, operatorName: session.operatorName,
    });
    const view: PreSettleView = {
      preId: `${t.id}.${Date.now().toString(36)}`,
      visitType: visit.type,
      visitTypeName: VISIT_NAMES[visit.type] + (visit.chronicName ? `（${visit.chronicName}）` : ''),
      lineCount: visit.lines.length,
      lines: visit.lines.slice(0, 200).map((l) => ({ name: l.name, quantity: l.quantity, amount: l.amount, class: l.class })),
      total: pre.total,
      inScope: pre.inScope,
      preSelfPay: pre.preSelfPay,
      fullSelfPay: pre.fullSelfPay,
      layers: pre.layers,
      insurancePays: fmt(pre.layers.reduce((a, l) => a.plus(l.amount), ZERO)),
      patientDue: pre.patientDue,
      accountMax: pre.accountMax,
      packId: pre.packId,
      warnings: [...notes, ...pre.warnings],
      trace: pre.trace,
      online: pre.online,
      facilityName: pre.facilityName,
    };
    t.pre = { preId: view.preId, input, view, handle: pre, fingerprint: visitFingerprint(visit) };
    return view;
  }

  /** The visit's lines as they are now: the stored HIS visit's, or hand-entered lines priced from the catalog. */
  private visitOf(t: Ticket, input: PreSettleInput) {
    if (input.visitId) return this.hisVisit(t, input);
    return manualVisitLines(input.lines ?? [], input.visitType ?? 'outpatient', this.deps.services.his.catalog, this.deps.ctx.now(), this.deps.services.catalogTerms);
  }

  /**
   * Run inside the settlement's transaction: the lines that were pre-settled must still be the
   * visit's (the HIS did not change it, no item was remapped), else the settlement is refused.
   */
  private checkUnchanged(t: Ticket, pre: NonNullable<Ticket['pre']>): void {
    let now: string | undefined;
    try {
      now = visitFingerprint(this.visitOf(t, pre.input));
    } catch (err) {
      if (!(err instanceof AppFailure) || err.error.code === 'HIS_VISIT_CLOSED') throw err;
    }
    if (now !== pre.fingerprint) {
      throw new AppFailure({
        code: 'PRESETTLE_STALE',
        message: '预结算后该就诊的费用明细已变更（HIS 修改了明细，或收费项目的医保对照已变更），本次预结算已失效，请重新预结算后再收款',
        detail: `lines of ${pre.input.visitId ?? 'the hand entry'} changed since pre-settlement ${pre.preId}`,
        field: 'preId',
      });
    }
  }

  /**
   * The lines of a stored HIS visit of the identified patient, exactly as the HIS sent them: the
   * caller names the visit and nothing else (not its type, lines, classes or amounts).
   */
  private hisVisit(t: Ticket, input: PreSettleInput) {
    const his = this.deps.services.his.service;
    const stored = his.get(input.visitId!);
    if (stored && !isPatientOf(stored, t)) {
      throw new AppFailure({ code: 'HIS_VISIT_OTHER_PATIENT', message: '该 HIS 就诊不属于当前读卡的参保人，不能结算', detail: `visit ${input.visitId} belongs to another patient`, field: 'visitId' });
    }
    const visit = hisVisitLines(his, input.visitId!, this.deps.ctx.now(), this.deps.services.catalogTerms);
    if (input.visitType && input.visitType !== visit.type) {
      throw new AppFailure({ code: 'VALIDATION', message: 'HIS 就诊的就诊类别以 HIS 传入的为准，不能更改', detail: `visit type ${input.visitType} asked for a ${visit.type} HIS visit`, field: 'visitType' });
    }
    return visit;
  }

  async settle(input: SettleInputView, session: Session): Promise<SettledView> {
    const t = this.tickets.get(input.ticket, session.operatorId);
    if (!t.pre || t.pre.preId !== input.preId) {
      throw new AppFailure({ code: 'PRESETTLE_STALE', message: '预结算已过期，请重新预结算', detail: 'preId does not match the ticket', field: 'preId' });
    }
    if (t.settledId) throw new AppFailure({ code: 'ALREADY_SETTLED', message: '该次就诊已结算，请按 Enter 接待下一位患者', detail: 'ticket already settled' });
    const pre = t.pre.view;
    const account = dec(input.accountPay);
    if (account.greaterThan(pre.accountMax)) {
      throw new AppFailure({ code: 'ACCOUNT_TOO_MUCH', message: `个人账户最多支付 ${pre.accountMax} 元`, field: 'accountPay' });
    }
    const cashDue = dec(pre.patientDue).minus(account);
    const payment: PortPayment = { accountPay: fmt(account), method: input.payment.kind === 'cash' ? 'cash' : input.payment.method };
    let change: string | undefined;
    if (input.payment.kind === 'cash') {
      const tendered = dec(input.payment.tendered);
      if (tendered.lessThan(cashDue)) throw new AppFailure({ code: 'TENDERED_TOO_LITTLE', message: `实收金额不足，应收 ${fmt(cashDue)} 元`, field: 'payment.tendered' });
      payment.tendered = fmt(tendered);
      change = fmt(tendered.minus(cashDue));
    } else {
      payment.reference = input.payment.reference;
    }
    const done = await this.settlePre(t, payment, session);
    t.settledId = done.settlementId;
    return {
      settlementId: done.settlementId,
      receiptNo: done.receiptNo,
      state: done.state,
      total: done.total,
      insurancePays: done.funds,
      accountPay: done.account,
      cashDue: done.cash,
      tendered: payment.tendered,
      change,
      payment: { ...receiptPayment({ method: payment.method, reference: payment.reference }), method: payment.method },
      receiptUrl: `/receipts/${done.receiptNo}.pdf`,
      cardFree: t.cardFree,
    };
  }

  /** Settles the ticket's pre-settlement; a stale one (its lines changed since) is refused and dropped. */
  private async settlePre(t: Ticket, payment: PortPayment, session: Session) {
    const held = t.pre!;
    try {
      return await this.deps.port().settle(held.handle as never, payment, {
        operatorId: session.operatorId, operatorName: session.operatorName, cardFree: t.cardFree, verify: () => this.checkUnchanged(t, held),
      });
    } catch (err) {
      // Never used again: the window pre-settles anew.
      if (err instanceof AppFailure && (err.error.code === 'PRESETTLE_STALE' || err.error.code === 'HIS_VISIT_CHANGED')) {
        if (t.pre === held) t.pre = undefined;
        throw new AppFailure({ ...err.error, code: 'PRESETTLE_STALE' });
      }
      throw err;
    }
  }

  /** Audit summary of a settlement: no unmasked personal data. */
  static settleSummary(i: SettleInputView, o: SettledView): string {
    const via = i.payment.kind === 'cash' ? '现金' : ({ wechat: '微信', alipay: '支付宝' } as Record<string, string>)[i.payment.method] ?? i.payment.method;
    return `结算 ${o.settlementId}，收据 ${o.receiptNo}，总额 ${o.total}，基金 ${o.insurancePays}，个人账户 ${o.accountPay}，个人支付 ${o.cashDue}（${via}）${o.cardFree ? '，无卡' : ''}，${o.state === 'confirmed' ? '医保已确认' : '待医保确认'}`;
  }

  maskedNameOf(ticket: string, operatorId: string): string {
    return maskName(this.tickets.get(ticket, operatorId).person.name);
  }
}

/** Whether the HIS visit is the ticket's patient: the ID number, else name and card number (the visit list's rule). */
function isPatientOf(v: HisVisit, t: Ticket): boolean {
  const h = v.patient;
  const p = t.person;
  if (h.idNumber) return h.idNumber.toUpperCase() === p.idNumber.toUpperCase();
  return h.name === p.name && !!h.cardNumber && h.cardNumber === t.cert.no;
}
