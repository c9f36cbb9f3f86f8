// A 3505 / 3506 sale record from what was stored: the settlement document, the line as sold with
// its codes, the network's setl_id and the trace setup (the pharmacist). Built at send time, the
// same every time for the same row (a resend carries the same body).
import type { DrugSaleInput } from '../network/client';
import type { SettlementDoc } from '../store/settlements';
import { Dec } from '../core/money';
import { chinaDateTime } from '../core/time';
import type { SaleRow } from './repo';
import type { TraceSetup } from './setup';

/** The institution's batch serial of a sold line (fixmedins_bchno): the 3506 names the same one. */
export function batchNo(doc: SettlementDoc, lineNo: string): string {
  return `${doc.id}-${lineNo}`.slice(-30);
}

/** mdtrt_sn is at most 30 characters: the HIS visit number when it fits, else the document id. */
function visitNo(doc: SettlementDoc): string {
  return doc.visitRef.length <= 30 ? doc.visitRef : doc.id;
}

export interface SaleContext {
  doc: SettlementDoc;
  sale: SaleRow;
  netSettlementId: string;
  setup: TraceSetup;
  operatorName: string;
  /** When the sale (or the return) happened. */
  at: Date;
}

export function saleInput(c: SaleContext): DrugSaleInput {
  const { doc, sale } = c;
  const p = doc.person;
  // Whole packs are counted in packs at their pack price; a split pack in units at the unit price.
  const quantity = sale.split ? new Dec(sale.quantity).toFixed() : new Dec(sale.quantity).div(sale.pack).toFixed();
  const unitPrice = sale.split ? new Dec(sale.unitPrice).toFixed() : new Dec(sale.unitPrice).times(sale.pack).toFixed();
  return {
    // psn_cert_type 01: the resident ID card (the document's certType is the card read at the window).
    person: { personNo: p.personNo, insutype: p.insutype, insuranceRegion: p.insuranceRegion, certType: '01', idNumber: p.idNumber, name: p.name },
    settlementId: c.netSettlementId,
    visitNo: visitNo(doc),
    listCode: sale.listCode,
    hospCode: sale.hospCode,
    hospName: sale.name,
    batchNo: batchNo(doc, sale.lineNo),
    lotNo: sale.lotNo ?? c.setup.unknownLot,
    madeOn: sale.madeOn ?? doc.visitDate,
    prescriber: sale.prescriber || c.operatorName,
    pharmacist: { name: c.setup.pharmacistName, certNo: c.setup.pharmacistCertNo },
    prescription: true,
    splitPack: sale.split,
    quantity,
    unitPrice,
    time: chinaDateTime(c.at),
    operatorName: c.operatorName,
    documentNo: doc.receiptNo,
    codes: sale.codes.map((x) => x.code),
  };
}
