// The window's SettlementPort over the settle area's `settlement` service, the print area's
// `receipts` (issue, archive, reversal sheet) and the HIS bridge's visit states.
import type { AppContext } from '../app/context';
import type { SettlementService } from '../settlement/service';
import type { ReceiptsService } from '../print/service';
import type { HisVisitsService } from '../his';
import type { PolicyRegistry } from '../policy/store';
import type { SettlementPreInput, SettlementView } from '../api/contract';
import { getInstitution } from '../app/foundation';
import { SettlementsRepo, type SettlementDoc } from '../store/settlements';
import { SettlementNetworkRepo } from '../store/settlement-network';
import { PersonCacheRepo } from '../store/persons';
import type { NetPerson } from '../network/client';
import { dec, fmt, fromFen, minDec, ZERO } from '../core/money';
import { AppFailure } from '../core/result';
import type { ReceiptSource } from '../core/receipt';
import type { PortPayment, PortPreSettled, PortPreSettleInput, PortSettled, SettlementPort } from './port';

function need<T>(v: T | undefined, what: string): T {
  if (v === undefined) throw new AppFailure({ code: 'SERVICE_MISSING', message: `${what}未启用，请联系技术人员`, detail: `service ${what} missing` });
  return v;
}

export class SettlementAdapter implements SettlementPort {
  private readonly docs: SettlementsRepo;
  private readonly network: SettlementNetworkRepo;
  private readonly persons: PersonCacheRepo<NetPerson>;

  constructor(private readonly ctx: AppContext, private readonly service: <T>(name: string) => T | undefined) {
    this.docs = new SettlementsRepo(ctx.db);
    this.network = new SettlementNetworkRepo(ctx.db, ctx.now);
    this.persons = new PersonCacheRepo<NetPerson>(ctx.db);
  }

  private settlement(): SettlementService {
    return need(this.service<SettlementService>('settlement'), '结算服务');
  }

  async preSettle(input: PortPreSettleInput): Promise<PortPreSettled> {
    const v = input.visit;
    const pre: SettlementPreInput = {
      person: { personNo: input.person.personNo, certType: input.cert.type, certNo: input.cert.no },
      visit: { ref: v.ref, source: v.source, type: v.type, date: v.date, lines: v.lines },
      useAccount: false,
    };
    const r = await this.settlement().preSettle(pre);
    const warnings = [...r.warnings];
    if (!r.online) warnings.push(r.offlineAllowed ? '医保网络不可用：将离线结算，网络恢复后自动上传' : (r.offlineMessage ?? '医保网络不可用，超出脱机结算限额'));
    if (r.adjustment !== '0.00') warnings.push(`含以前结算差额 ${r.adjustment} 元`);
    const policies = this.service<PolicyRegistry>('policies');
    const pack = policies?.byId(r.packId);
    if (pack && policies?.source(pack) === 'demo') {
      warnings.push(`使用演示政策包「${pack.name}」：仅用于内置模拟网络，金额不作为真实结算依据`);
    }
    const balance = input.person.insuranceType === 'employee' ? dec(input.person.accountBalance || '0') : ZERO;
    if (v.source === 'his') this.service<HisVisitsService>('his.visits')?.markPreSettled(v.ref);
    return {
      handle: { pre, hisRevision: v.hisRevision, personName: input.person.name },
      packId: r.packId,
      total: r.fees.total,
      inScope: r.fees.inScope,
      preSelfPay: r.fees.preSelfPay,
      fullSelfPay: r.fees.fullSelfPay,
      layers: r.layers.map((l) => ({ key: l.key, name: l.name, amount: l.amount, trace: l.trace })),
      patientDue: r.cashDue,
      accountMax: fmt(minDec(balance.isNegative() ? ZERO : balance, dec(r.cash))),
      warnings,
      trace: r.trace,
      online: r.online,
    };
  }

  async settle(pre: PortPreSettled, payment: PortPayment, ctx: { operatorId: string; operatorName: string; cardFree: boolean }): Promise<PortSettled> {
    const h = pre.handle as { pre: SettlementPreInput; hisRevision?: number };
    const view = await this.settlement().settle({
      ...h.pre,
      useAccount: dec(payment.accountPay).greaterThan(0),
      payment: { method: payment.method, reference: payment.reference, tendered: payment.tendered },
      cardFree: ctx.cardFree,
      operatorId: ctx.operatorId,
    });
    await this.issueReceipt(view, ctx.operatorName);
    if (view.visitSource === 'his') {
      const his = this.service<HisVisitsService>('his.visits');
      const r = his?.markSettled(view.visitRef, {
        settlementId: view.id,
        receiptNo: view.receiptNo,
        layers: view.layers.map((l) => ({ key: l.key, name: l.name, amount: l.amount })),
        cash: view.cashDue,
        revision: h.hisRevision,
      });
      if (r && !r.ok) this.ctx.log.error(`his markSettled ${view.visitRef} failed: ${r.error.detail ?? r.error.code}`);
    }
    return {
      settlementId: view.id,
      receiptNo: view.receiptNo,
      state: view.network.state === 'confirmed' ? 'confirmed' : 'queued',
      total: view.fees.total,
      funds: view.funds,
      account: view.account,
      cash: view.cashDue,
    };
  }

  private receiptSource(doc: SettlementDoc, view: SettlementView, operatorName: string): ReceiptSource {
    const after = doc.ytdDelta.after ?? {};
    const person = this.persons.get(doc.person.personNo)?.data;
    const balance = doc.person.insuranceType === 'employee' && person ? dec(person.accountBalance || '0').minus(fromFen(doc.accountFen)) : undefined;
    const src: ReceiptSource = {
      settlementId: doc.id,
      receiptNo: doc.receiptNo,
      settledAt: new Date(doc.createdAt),
      operatorName,
      // An online settlement whose confirmation did not arrive in time waits in the outbox like an
      // offline one: its sheet must say "pending confirmation" too.
      offline: doc.mode === 'offline' || view.network.state !== 'confirmed',
      visit: { type: doc.visitType, facilityLevel: doc.facilityLevel as never, date: doc.visitDate },
      result: {
        packId: doc.packId,
        packHash: doc.packHash,
        fees: { total: fromFen(doc.totalFen), inScope: fromFen(doc.inScopeFen), preSelfPay: fromFen(doc.preSelfPayFen), fullSelfPay: fromFen(doc.fullSelfPayFen) },
        layers: doc.layers.map((l) => ({ key: l.key, name: l.name, ytdKey: l.ytdKey, base: fromFen(l.baseFen), amount: fromFen(l.amountFen) })),
        cash: fromFen(doc.cashFen + doc.accountFen),
        ytd: Object.fromEntries(Object.entries(after).map(([k, e]) => [k, { base: fromFen(e.baseFen), paid: fromFen(e.paidFen), burden: fromFen(e.burdenFen) }])),
        warnings: view.warnings.map((message) => ({ message })),
      },
      lines: doc.lines.map((l) => ({ code: l.code, name: l.name, amount: fromFen(l.amountFen), class: l.class, category: l.category })),
      accountPaid: fromFen(doc.accountFen),
      payment: { method: doc.payment.method, reference: doc.payment.reference },
      pack: this.service<PolicyRegistry>('policies')?.byId(doc.packId),
    };
    if (balance && !balance.isNegative()) src.accountBalance = balance;
    if (doc.adjustmentFen !== 0) src.adjustment = fromFen(doc.adjustmentFen);
    return src;
  }

  private async issueReceipt(view: SettlementView, operatorName: string): Promise<void> {
    const receipts = this.service<ReceiptsService>('receipts');
    const doc = this.docs.get(view.id);
    if (!receipts || !doc) return this.ctx.log.warn(`no receipt issued for ${view.id}: receipts service missing`);
    const inst = getInstitution(this.ctx);
    await receipts.issue(this.receiptSource(doc, view, operatorName), { name: inst.name, code: inst.code }, {
      name: doc.person.name,
      idNumber: doc.person.idNumber,
      insuranceType: doc.person.insuranceType,
      identities: doc.person.identities,
      enrolled: doc.person.enrolled,
    });
  }

  async cancel(settlementId: string, reason: string, ctx: { operatorId: string; operatorName: string }) {
    const original = this.docs.get(settlementId);
    if (!original) throw new AppFailure({ code: 'NOT_FOUND', message: '没有找到该结算记录', field: 'settlementId' });
    const canc = await this.settlement().cancel(settlementId, reason, ctx.operatorId);
    const receipts = this.service<ReceiptsService>('receipts');
    if (receipts?.get(original.receiptNo)) {
      await receipts.issueReversal(original.receiptNo, {
        settlementId: canc.id, receiptNo: canc.receiptNo, settledAt: new Date(canc.createdAt), operatorName: ctx.operatorName, offline: canc.mode === 'offline',
      });
    }
    if (original.visitSource === 'his') {
      const r = this.service<HisVisitsService>('his.visits')?.markCancelled(original.visitRef, { reason, cancellationId: canc.id });
      if (r && !r.ok) this.ctx.log.error(`his markCancelled ${original.visitRef} failed: ${r.error.detail ?? r.error.code}`);
    }
    return { cancellationId: canc.id, receiptNo: canc.receiptNo, state: canc.network.state === 'confirmed' || canc.network.state === 'local' ? 'confirmed' as const : 'queued' as const };
  }

  networkState(settlementId: string): string | undefined {
    return this.network.get(settlementId)?.state;
  }
}
