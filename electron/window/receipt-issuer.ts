// The receipts of the window's documents, issued through the print area's `receipts`: the sheet
// of a settlement (built from the stored document, never from what a caller sends) and the reversal
// sheet of a cancellation. Used right after a commit and, for what a crash left without one, at start.
import type { AppContext } from '../platform/context';
import type { WindowServices } from './deps';
import type { SettlementView } from '../api/contract';
import { getInstitution } from '../platform/institution';
import type { SettlementDoc } from '../store/settlements';
import { PersonCacheRepo } from '../store/persons';
import { NetPersonSchema } from '../network/client/person-schema';
import type { NetPerson } from '../network/client';
import { dec, fromFen } from '../core/money';
import type { ReceiptSource } from '../core/receipt';

export class ReceiptIssuer {
  private readonly persons: PersonCacheRepo<NetPerson>;

  constructor(private readonly ctx: AppContext, private readonly services: Pick<WindowServices, 'receipts' | 'settlement' | 'policies'>) {
    this.persons = new PersonCacheRepo(ctx.db, NetPersonSchema);
  }

  /**
   * Issues and archives the receipt of a settlement (idempotent by receipt number). `recovered`:
   * issued later than the settlement, so without the personal account balance of that moment.
   */
  async settlement(doc: SettlementDoc, operatorName: string, recovered = false): Promise<void> {
    const { receipts, settlement } = this.services;
    const inst = getInstitution(this.ctx);
    await receipts.issue(this.receiptSource(doc, settlement.get(doc.id), operatorName, recovered), { name: inst.name, code: inst.code }, {
      name: doc.person.name,
      idNumber: doc.person.idNumber,
      insuranceType: doc.person.insuranceType,
      identities: doc.person.identities,
      enrolled: doc.person.enrolled,
    });
  }

  /** Issues and archives the reversal sheet of a cancellation (the original's receipt first, if it has none). */
  async reversal(original: SettlementDoc, cancellation: SettlementDoc, operatorName: string): Promise<void> {
    const receipts = this.services.receipts;
    if (!receipts.get(original.receiptNo)) await this.settlement(original, operatorName, true);
    if (!receipts.get(original.receiptNo)) return;
    await receipts.issueReversal(original.receiptNo, {
      settlementId: cancellation.id, receiptNo: cancellation.receiptNo, settledAt: new Date(cancellation.createdAt), operatorName,
      offline: cancellation.mode === 'offline',
    });
  }

  private receiptSource(doc: SettlementDoc, view: SettlementView, operatorName: string, recovered: boolean): ReceiptSource {
    const after = doc.ytdDelta.after ?? {};
    const person = this.persons.get(doc.person.personNo)?.data;
    // The balance stored with the document; older documents: the cached person's, only right at settling time.
    const balance = doc.accountBalanceAfterFen !== undefined ? fromFen(doc.accountBalanceAfterFen)
      : doc.person.insuranceType === 'employee' && person && !recovered ? dec(person.accountBalance || '0').minus(fromFen(doc.accountFen)) : undefined;
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
      lines: doc.lines.map((l) => ({ code: l.code, name: l.name, amount: fromFen(l.amountFen), class: l.class, category: l.category, quantity: l.quantity, unitPrice: l.unitPrice })),
      accountPaid: fromFen(doc.accountFen),
      payment: { method: doc.payment.method, reference: doc.payment.reference },
      pack: this.services.policies.byId(doc.packId),
    };
    if (balance && !balance.isNegative()) src.accountBalance = balance;
    if (doc.adjustmentFen !== 0) src.adjustment = fromFen(doc.adjustmentFen);
    return src;
  }
}
