// The window's SettlementPort over the settle area's `settlement` service (which also keeps the HIS
// visit's state, in the same transaction) and the receipts (ReceiptIssuer).
import type { AppContext } from '../platform/context';
import type { WindowServices } from './deps';
import type { SettlementPreInput } from '../api/contract';
import { SettlementsRepo } from '../store/settlements';
import { SettlementNetworkRepo } from '../store/settlement-network';
import { dec, fmt, minDec, ZERO } from '../core/money';
import { AppFailure } from '../core/result';
import { ReceiptIssuer } from './receipt-issuer';
import { levelLabel } from '../core/receipt/labels';
import { getInstitution } from '../platform/institution';
import type { PortPayment, PortPreSettled, PortPreSettleInput, PortSettled, SettlementPort } from './port';

export class SettlementAdapter implements SettlementPort {
  private readonly docs: SettlementsRepo;
  private readonly network: SettlementNetworkRepo;
  readonly receipts: ReceiptIssuer;

  constructor(private readonly ctx: AppContext, private readonly services: WindowServices) {
    this.docs = new SettlementsRepo(ctx.db);
    this.network = new SettlementNetworkRepo(ctx.db, ctx.now);
    this.receipts = new ReceiptIssuer(ctx, services);
  }

  private settlement() {
    return this.services.settlement;
  }

  async preSettle(input: PortPreSettleInput): Promise<PortPreSettled> {
    const v = input.visit;
    const pre: SettlementPreInput = {
      person: { personNo: input.person.personNo, certType: input.cert.type, certNo: input.cert.no },
      visit: { ref: v.ref, source: v.source, type: v.type, date: v.date, lines: v.lines, facilityLevel: v.facilityLevel, chronicCode: v.chronicCode },
      useAccount: false,
    };
    const r = await this.settlement().preSettle(pre);
    const warnings = [...r.warnings];
    // Online the network's figures are what the patient pays; where the local engine differs, say so before payment.
    if (r.basis === 'network' && r.differences.length) warnings.push(`医保网络结算与本地政策测算不一致（以医保为准）：${r.differences.map((d) => d.text).join('；')}`);
    if (r.basis === 'network' && r.localMissing) warnings.push(`本地无法测算：${r.localMissing}（以医保网络结算为准）`);
    if (!r.online) warnings.push(r.offlineAllowed ? '医保网络不可用：将离线结算，网络恢复后自动上传' : (r.offlineMessage ?? '医保网络不可用，超出脱机结算限额'));
    if (r.adjustment !== '0.00') warnings.push(`含以前结算差额 ${r.adjustment} 元`);
    const policies = this.services.policies;
    const pack = policies.byId(r.packId);
    if (pack && policies.source(pack) === 'demo') {
      warnings.push(`使用演示政策包「${pack.name}」：仅用于内置模拟网络，金额不作为真实结算依据`);
    }
    const balance = input.person.insuranceType === 'employee' ? dec(input.person.accountBalance || '0') : ZERO;
    if (v.source === 'his') this.services.his.service.markPreSettled(v.ref);
    return {
      handle: { pre, hisRevision: v.hisRevision, personName: input.person.name, basis: r.basis },
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
      facilityName: levelLabel(v.facilityLevel ?? getInstitution(this.ctx).level),
    };
  }

  async settle(pre: PortPreSettled, payment: PortPayment, ctx: { operatorId: string; operatorName: string; cardFree: boolean; verify?: () => void }): Promise<PortSettled> {
    const h = pre.handle as { pre: SettlementPreInput; hisRevision?: number; basis?: 'network' | 'local' };
    // The HIS visit is marked settled in the settlement's own transaction (refused if the HIS changed it).
    const view = await this.settlement().settle({
      ...h.pre,
      useAccount: dec(payment.accountPay).greaterThan(0),
      payment: { method: payment.method, reference: payment.reference, tendered: payment.tendered },
      cardFree: ctx.cardFree,
      operatorId: ctx.operatorId,
      hisRevision: h.hisRevision,
      verify: ctx.verify,
      // Settled on the basis the cashier was shown (network or local figures), else refused and pre-settled again.
      basis: h.basis,
    });
    await this.issueReceipt(view.id, () => this.receipts.settlement(this.docs.get(view.id)!, ctx.operatorName));
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

  async cancel(settlementId: string, reason: string, ctx: { operatorId: string; operatorName: string }) {
    const original = this.docs.get(settlementId);
    if (!original) throw new AppFailure({ code: 'NOT_FOUND', message: '没有找到该结算记录', field: 'settlementId' });
    // The HIS visit is marked cancelled in the cancellation's own transaction.
    const canc = await this.settlement().cancel(settlementId, reason, ctx.operatorId);
    await this.issueReceipt(canc.id, () => this.receipts.reversal(original, this.docs.get(canc.id)!, ctx.operatorName));
    return { cancellationId: canc.id, receiptNo: canc.receiptNo, state: canc.network.state === 'confirmed' || canc.network.state === 'local' ? 'confirmed' as const : 'queued' as const };
  }

  /** The money is committed: a receipt that fails now (Chromium, disk) is logged and issued at the next start. */
  private async issueReceipt(id: string, issue: () => Promise<void>): Promise<void> {
    try {
      await issue();
    } catch (err) {
      this.ctx.log.error(`receipt of ${id} not issued now (issued at the next start): ${err instanceof Error ? err.stack : String(err)}`);
    }
  }

  networkState(settlementId: string): string | undefined {
    return this.network.get(settlementId)?.state;
  }
}
