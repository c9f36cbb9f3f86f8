// The business steps of a settlement as network calls: which infno each step uses, and how a
// stored settlement (with its original fee lines and times) and its visit's clinical data
// (./clinical.ts) become the client's input.
// Outpatient: 2201 register, 2203 + 2204 (visit information with diagnoses, then the fee lines:
// one step, 2203 under a msgid of its own — a second 2203 replaces the first), 2207 settle.
// Inpatient: 2401 admit, 2301 fee lines, 2402 discharge, 2304 settle (the platform settles a stay
// once it is discharged; a settlement in the middle of a stay would be mid_setl_flag 1). A cancellation: 2208 (outpatient) / 2305 (inpatient) when the
// settlement reached the network; else, when its visit (and fee lines) did, the undo of those:
// 2205 / 2302 (every unsettled line, "0000"), then 2202 / 2404.
import {
  ALL_UNSETTLED_LINES, type Cert, type CertType, type FeeLineInput, type FeeSplit, type MedType, type NetSettlement,
  type NetworkClient, type PersonRef, type SendOptions,
} from '../client';
import type { VisitClinical } from './clinical';
import type { OutboxMessage, OutboxStep } from '../../store/outbox';
import type { SettlementDoc } from '../../store/settlements';
import type { NetworkRecord } from '../../store/settlement-network';
import { fromFen } from '../../core/money';

export interface PlannedStep {
  step: OutboxStep;
  infno: string;
}

/** The steps a settlement is replayed as, in order. */
export function planSettlement(visitType: SettlementDoc['visitType']): PlannedStep[] {
  if (visitType === 'inpatient') {
    return [
      { step: 'admit', infno: '2401' },
      { step: 'fees', infno: '2301' },
      { step: 'discharge', infno: '2402' },
      { step: 'settle', infno: '2304' },
    ];
  }
  return [
    { step: 'register', infno: '2201' },
    { step: 'fees', infno: '2204' },
    { step: 'settle', infno: '2207' },
  ];
}

function planCancellation(visitType: SettlementDoc['visitType']): PlannedStep[] {
  return [{ step: 'cancel', infno: visitType === 'inpatient' ? '2305' : '2208' }];
}

/** Which parts of a settlement may be at the network. */
interface ReachedNetwork {
  visit: boolean;
  fees: boolean;
  settle: boolean;
}

/** A message may have reached the network: done, being sent, its outcome unknown, or an earlier attempt's was. */
function mayHaveReached(m: Pick<OutboxMessage, 'state' | 'maybeSent'>): boolean {
  return m.state === 'done' || m.state === 'sending' || m.state === 'unknown' || m.maybeSent;
}

/**
 * A settle step may hold money at the network while an attempt of it is outstanding (being sent,
 * of unknown outcome). Queued again, its earlier attempt was resolved not applied (or never left);
 * held after an outstanding attempt cannot be told apart, so it counts too.
 */
function settleMayHaveApplied(m: Pick<OutboxMessage, 'state' | 'maybeSent'>): boolean {
  return m.state === 'sending' || m.state === 'unknown' || (m.state === 'held' && m.maybeSent);
}

/** What of a settlement may be at the network, from its outbox messages. */
function reachedNetwork(messages: readonly Pick<OutboxMessage, 'step' | 'state' | 'maybeSent'>[]): ReachedNetwork {
  const any = (steps: OutboxStep[]) => messages.some((m) => steps.includes(m.step) && mayHaveReached(m));
  const settle = messages.some((m) => m.step === 'settle' && settleMayHaveApplied(m));
  return { visit: any(['register', 'admit']), fees: any(['fees']), settle };
}

/**
 * The undo of a settlement that did not reach the network while its visit (and fee lines) may
 * have: the fee lines first, then the visit (a visit is taken back only without open lines).
 * Only what may be there; nothing when nothing is.
 */
function planUndo(visitType: SettlementDoc['visitType'], reached: Pick<ReachedNetwork, 'visit' | 'fees'>): PlannedStep[] {
  const inpatient = visitType === 'inpatient';
  const steps: PlannedStep[] = [];
  if (reached.fees) steps.push({ step: 'unfees', infno: inpatient ? '2302' : '2205' });
  if (reached.visit || reached.fees) steps.push(inpatient ? { step: 'unadmit', infno: '2404' } : { step: 'unregister', infno: '2202' });
  return steps;
}

/**
 * How a settlement is cancelled, from what of it may be at the network:
 * - network: its settle step is done: 2208 / 2305, sent before anything local changes (Canceller);
 * - uncertain: an attempt of its settle step is outstanding (in flight, of unknown outcome): the
 *   forwarder resolves it first. The steps (2208 / 2305 if the settle turns out applied, then the
 *   visit taken back) are those of a cancellation queued before the network had to agree first;
 * - local: it is not there; only what of its visit may be is taken back (nothing when nothing is).
 */
export interface CancelPlan {
  kind: 'network' | 'uncertain' | 'local';
  steps: PlannedStep[];
}

export function planCancel(
  visitType: SettlementDoc['visitType'],
  messages: readonly Pick<OutboxMessage, 'step' | 'state' | 'maybeSent'>[],
  /** Known from the network record: the network settled it (network first, no settle step queued), its visit is there (taken ahead). */
  known: { settled?: boolean; visit?: boolean } = {},
): CancelPlan {
  if (known.settled || messages.some((m) => m.step === 'settle' && m.state === 'done')) return { kind: 'network', steps: planCancellation(visitType) };
  const reached = reachedNetwork(messages);
  if (known.visit) reached.visit = true;
  if (reached.settle) return { kind: 'uncertain', steps: [...planCancellation(visitType), ...planUndo(visitType, { visit: true, fees: true })] };
  return { kind: 'local', steps: planUndo(visitType, reached) };
}

/** The steps that take back a visit that never settled at the network (no money moves with them). */
export function isUndoStep(step: OutboxStep): boolean {
  return step === 'unfees' || step === 'unregister' || step === 'unadmit';
}

export const STEP_NAMES: Record<OutboxStep, string> = {
  register: '门诊挂号',
  admit: '入院登记',
  fees: '费用明细上传',
  settle: '结算',
  discharge: '出院登记',
  cancel: '结算撤销',
  unfees: '费用明细撤销',
  unregister: '挂号撤销',
  unadmit: '入院撤销',
};

/** What a step needs: the document, its network record, and for a cancellation the original. */
export interface StepContext {
  doc: SettlementDoc;
  net: NetworkRecord;
  /** The visit's doctor, department, diagnoses (not needed by cancellations). */
  clinical?: VisitClinical;
  /**
   * A durable msgid for a call the step makes besides its own (2203 before 2204): allocated
   * without waiting for the clock (a drain runs its stamps ahead, as the outbox's own).
   */
  sideMsgid?: (infno: string) => string;
  /** The split totals of the uploaded fee lines (from the fees step's result). */
  split?: FeeSplit;
  original?: { doc: SettlementDoc; net: NetworkRecord };
}

export type StepOutcome =
  | { kind: 'visit'; visitId: string }
  | { kind: 'fees'; split: FeeSplit }
  | { kind: 'settled'; settlement: NetSettlement }
  | { kind: 'cancelled'; settlement?: NetSettlement }
  /** Fee lines or the visit taken back; no visitId: the visit never got one, nothing was there to undo. */
  | { kind: 'undone'; visitId?: string }
  | { kind: 'ok' };

export function personRef(doc: SettlementDoc): PersonRef {
  return { personNo: doc.person.personNo, insutype: doc.person.insutype, insuranceRegion: doc.person.insuranceRegion };
}

/** The certificate the person was identified with (the card's card_sn is not kept: 2201 needs none). */
export function certOf(doc: SettlementDoc): Cert {
  return { type: doc.person.certType as CertType, no: doc.person.certNo };
}

const NO_CLINICAL: VisitClinical = { dept: { code: '', name: '' }, caty: '', doctor: { code: '', name: '' }, diagnoses: [] };

function medType(doc: SettlementDoc): MedType {
  return doc.visitType;
}

/** The visit's begin time: the earliest fee line time, else the visit date at 08:00. */
export function visitBegin(doc: SettlementDoc): string {
  const times = doc.lines.map((l) => l.time).sort();
  return times[0] ?? `${doc.visitDate} 08:00:00`;
}

function visitEnd(doc: SettlementDoc): string {
  const times = doc.lines.map((l) => l.time).sort();
  return times[times.length - 1] ?? `${doc.visitDate} 08:00:00`;
}

/** chrg_bchno: one batch per settlement. */
export function batchNo(doc: SettlementDoc): string {
  return doc.id;
}

function feeLines(doc: SettlementDoc, k: VisitClinical): FeeLineInput[] {
  return doc.lines.map((l) => ({
    lineNo: l.lineNo, listCode: l.code, hospCode: l.hospCode || l.code, quantity: l.quantity, unitPrice: l.unitPrice, time: l.time,
    dept: k.dept, doctor: k.doctor,
  }));
}

function requireVisitId(net: NetworkRecord | undefined, what: string): string {
  if (!net?.visitId) throw new Error(`${what}: the network visit id (mdtrt_id) is not known yet`);
  return net.visitId;
}

/** Runs one step against the network with the given msgid. */
export async function callStep(client: NetworkClient, step: OutboxStep, c: StepContext, opts: SendOptions): Promise<StepOutcome> {
  const { doc, net } = c;
  const person = personRef(doc);
  const k = c.clinical ?? NO_CLINICAL;
  switch (step) {
    case 'register': {
      const r = await client.register2201({ person, cert: certOf(doc), hisVisitNo: doc.visitRef, begin: visitBegin(doc), doctor: k.doctor, dept: k.dept, caty: k.caty }, opts);
      return { kind: 'visit', visitId: r.visitId };
    }
    case 'admit': {
      const r = await client.admit2401({ person, cert: certOf(doc), hisVisitNo: doc.visitRef, begin: visitBegin(doc), diagnoses: k.diagnoses, dept: k.dept, doctor: k.doctor, bed: k.bed ?? '' }, opts);
      return { kind: 'visit', visitId: r.visitId };
    }
    case 'fees':
      return { kind: 'fees', split: await feesCall(client, c, k, opts) };
    case 'settle':
      return { kind: 'settled', settlement: await settleCall(client, c, opts) };
    case 'discharge':
      await client.discharge2402({ person, visitId: requireVisitId(net, 'discharge'), end: visitEnd(doc), diagnoses: k.diagnoses, dept: k.dept, doctor: k.doctor, bed: k.bed, dischargeWay: k.dischargeWay ?? '1' }, opts);
      return { kind: 'ok' };
    case 'cancel':
      return cancelCall(client, c, opts);
    case 'unfees':
    case 'unregister':
    case 'unadmit':
      return undoCall(client, step, c, opts);
  }
}

/**
 * Outpatient: 2203 (the visit information and diagnoses, under a msgid of its own: a repeat
 * replaces it) then 2204 under the step's msgid. Inpatient: 2301.
 */
async function feesCall(client: NetworkClient, c: StepContext, k: VisitClinical, opts: SendOptions): Promise<FeeSplit> {
  const { doc } = c;
  const person = personRef(doc);
  const visitId = requireVisitId(c.net, 'fees');
  const input = { person, visitId, batchNo: batchNo(doc), medType: medType(doc), disease: k.disease, lines: feeLines(doc, k) };
  if (doc.visitType === 'inpatient') return (await client.uploadFees2301(input, opts)).split;
  await client.visitInfo2203(
    { person, visitId, medType: medType(doc), begin: visitBegin(doc), diagnoses: k.diagnoses, dept: k.dept, doctor: k.doctor, disease: k.disease },
    { timeoutMs: opts.timeoutMs, msgid: c.sideMsgid?.('2203'), renewMsgid: c.sideMsgid ? async (infno) => c.sideMsgid!(infno) : undefined },
  );
  return (await client.uploadFees2204(input, opts)).split;
}

async function settleCall(client: NetworkClient, c: StepContext, opts: SendOptions): Promise<NetSettlement> {
  const { doc } = c;
  const total = fromFen(doc.totalFen).toFixed(2);
  const split: FeeSplit = c.split ?? {
    total,
    fullSelfPay: fromFen(doc.fullSelfPayFen).toFixed(2),
    overLimit: '0.00',
    preSelfPay: fromFen(doc.preSelfPayFen).toFixed(2),
    inScope: fromFen(doc.inScopeFen).toFixed(2),
  };
  const input = {
    person: personRef(doc), cert: certOf(doc), visitId: requireVisitId(c.net, 'settle'), medType: medType(doc),
    // A batch uploaded before the settlement (the window's upload, network first) is settled as it is.
    batchNo: (c.split as (FeeSplit & { batchNo?: string }) | undefined)?.batchNo ?? batchNo(doc), total, useAccount: doc.accountFen > 0, split, dischargeDate: doc.visitType === 'inpatient' ? visitEnd(doc).slice(0, 10) : undefined,
  };
  const r = doc.visitType === 'inpatient' ? await client.settle2304(input, opts) : await client.settle2207(input, opts);
  return r.settlement;
}

async function cancelCall(client: NetworkClient, c: StepContext, opts: SendOptions): Promise<StepOutcome> {
  const o = c.original;
  if (!o) throw new Error('cancel: the original settlement is missing');
  if (!o.net.netSettlementId || !o.net.visitId) return { kind: 'ok' };
  const input = { person: personRef(o.doc), visitId: o.net.visitId, settlementId: o.net.netSettlementId };
  const r = o.doc.visitType === 'inpatient' ? await client.cancel2305(input, opts) : await client.cancel2208(input, opts);
  return { kind: 'cancelled', settlement: r.settlement };
}

/**
 * Takes back the original's fee lines or visit. The visit id is read when the step runs: an
 * earlier message of the original still in flight or unknown goes first (one person's messages go
 * in order) and is resolved before; a visit whose registration never applied has no id, and then
 * there is nothing at the network to take back.
 */
async function undoCall(client: NetworkClient, step: OutboxStep, c: StepContext, opts: SendOptions): Promise<StepOutcome> {
  const o = c.original;
  if (!o) throw new Error(`${step}: the original settlement is missing`);
  const visitId = o.net.visitId;
  if (!visitId) return { kind: 'undone' };
  const person = personRef(o.doc);
  if (step === 'unfees' && o.doc.visitType === 'inpatient') await client.cancelFees2302({ person, visitId, lineNo: ALL_UNSETTLED_LINES }, opts);
  else if (step === 'unfees') await client.cancelFees2205({ person, visitId, batchNo: ALL_UNSETTLED_LINES }, opts);
  else if (step === 'unadmit') await client.cancelAdmission2404({ person, visitId, hisVisitNo: o.doc.visitRef }, opts);
  else await client.cancelRegister2202({ person, visitId, hisVisitNo: o.doc.visitRef }, opts);
  return { kind: 'undone', visitId };
}
