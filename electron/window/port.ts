// What the window needs from the settlement area, in the window's own terms. The adapter
// (settlement-adapter.ts) is the one place that knows the settlement service's interface.
import type { NetPerson, Cert } from '../network/client';
import type { WindowVisitType } from '../api/contract';

export interface PortLine {
  lineNo?: string;
  code: string;
  name: string;
  hospCode: string;
  quantity: string;
  unitPrice: string;
  amount: string;
  class: 'A' | 'B' | 'C';
  selfPayRatio?: string;
  category?: string;
  time?: string;
}

export interface PortVisit {
  /** HIS visit id, or a window-made id for hand-entered lines. */
  ref: string;
  source: 'his' | 'manual';
  type: WindowVisitType;
  date: string;
  lines: PortLine[];
  chronicCode?: string;
  chronicName?: string;
  diagnoses?: { code: string; name: string }[];
  department?: string;
  doctor?: string;
  hisRevision?: number;
  /** The village clinic screen's visits: settled at the village facility level. */
  facilityLevel?: 'village';
}

export interface PortPreSettleInput {
  person: NetPerson;
  cert: Cert;
  personSource: 'network' | 'cache';
  personFetchedAt: string;
  visit: PortVisit;
  operatorId: string;
  operatorName: string;
}

export interface PortPreSettled {
  /** Opaque: what settle() needs to settle exactly this. */
  handle: unknown;
  packId: string;
  total: string;
  inScope: string;
  preSelfPay: string;
  fullSelfPay: string;
  layers: { key: string; name: string; amount: string; trace: string }[];
  /** The patient's part (before any personal-account payment). */
  patientDue: string;
  /** Employees: the most the personal account can pay now ("0.00" otherwise). */
  accountMax: string;
  warnings: string[];
  trace: string[];
  online: boolean;
  /** Where it is settled, as the receipt says it (e.g. 村卫生室). */
  facilityName: string;
}

export interface PortPayment {
  accountPay: string;
  method: 'cash' | 'wechat' | 'alipay' | 'unionpay' | 'other';
  reference?: string;
  tendered?: string;
}

export interface PortSettled {
  settlementId: string;
  receiptNo: string;
  state: 'confirmed' | 'queued';
  total: string;
  funds: string;
  account: string;
  cash: string;
}

export interface SettlementPort {
  preSettle(input: PortPreSettleInput): Promise<PortPreSettled>;
  /** `verify` runs inside the settlement's transaction and throws to refuse it (the lines changed since). */
  settle(pre: PortPreSettled, payment: PortPayment, ctx: { operatorId: string; operatorName: string; cardFree: boolean; verify?: () => void }): Promise<PortSettled>;
  cancel(settlementId: string, reason: string, ctx: { operatorId: string; operatorName: string }): Promise<{ cancellationId: string; receiptNo: string; state: 'confirmed' | 'queued' }>;
  /** The network state of a settlement for lists ("confirmed", "queued", "dead"...). */
  networkState(settlementId: string): string | undefined;
}
