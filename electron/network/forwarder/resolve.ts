// Resolving a message whose outcome is unknown (timeout after sending, a crash between send and
// record, an unusable answer). Never guessed (NETWORK-SPEC §2.4, §8):
// - a settlement or its cancellation (2207/2304, 2208/2305): with its setl_id known (the answer
//   came and was logged before a crash), 5203 shows it; else 2601 on the original msgid. A
//   reversal done, or the network's explicit "original not found" / "already reversed", means
//   it is not applied now (it may be redone under a new msgid). Any other refusal goes to a
//   person, with the network's words (conflict);
// - the other steps (2201, 2203+2204, 2401, 2301, 2402 and the undo steps) are not reversible
//   by 2601: they are sent again, here, under the SAME msgid and the same body, which the platform
//   answers as the first time if it had it (and applies now if it had not) — so a registration
//   of a settlement cancelled meanwhile still yields its visit id for the undo. Refused because
//   the sign-in ended, the msgid never reached the platform (a repeat is answered before the
//   sign-in is looked at): redone under a new msgid. Any other refusal goes to a person.
// A failure of these calls (no answer) leaves the message unknown, to be tried again.
import { BusinessRejectedError, SignInEndedError, readSettlement, type FundMap, type NetSettlement, type NetworkClient, type PersonRef } from '../client';
import type { OutboxMessage } from '../../store/outbox';
import { STEP_NAMES, callStep, personRef, type StepContext, type StepOutcome } from './steps';

export type Resolution =
  | { kind: 'applied'; outcome: StepOutcome; note: string }
  | { kind: 'notApplied'; note: string }
  | { kind: 'conflict'; code: string; message: string };

/** The attempt being resolved: its msgid (the one it was sent with) and infno. */
type Attempt = Pick<OutboxMessage, 'msgid' | 'infno'>;

export interface ResolveDeps {
  /** The logged answer (output) of a msgid, if it came before the crash. */
  answerOf?: (msgid: string) => Record<string, unknown> | undefined;
  funds?: FundMap;
}

/** The setl_id (and visit) an answered money call created, from its logged answer. */
function knownSettlement(deps: ResolveDeps, m: Attempt): { settlementId: string; visitId: string } | undefined {
  const out = m.msgid ? deps.answerOf?.(m.msgid) : undefined;
  if (!out) return undefined;
  try {
    const s = readSettlement(out, { needSettlementId: true, funds: deps.funds }, m.infno, m.msgid!);
    return { settlementId: s.settlementId, visitId: s.visitId };
  } catch {
    return undefined;
  }
}

/** 5203 by the known setl_id: the record the attempt created, if the network holds it. */
async function queryKnown(client: NetworkClient, c: StepContext, m: Attempt, deps: ResolveDeps, ours: ReadonlySet<string>): Promise<NetSettlement | undefined> {
  const known = knownSettlement(deps, m);
  if (!known) return undefined;
  const doc = c.original?.doc ?? c.doc;
  try {
    const q = await client.querySettlement5203({ person: personRef(doc), visitId: known.visitId, settlementId: known.settlementId });
    return ours.has(q.settlement.sourceMsgid) ? q.settlement : undefined;
  } catch (err) {
    // Refused (e.g. not found: it was reversed meanwhile): 2601 decides.
    if (err instanceof BusinessRejectedError) return undefined;
    throw err;
  }
}

/** 2601 citing the attempt's msgid: not applied (now), or a conflict for a person. */
async function reverse(client: NetworkClient, c: StepContext, m: Attempt): Promise<Resolution> {
  const doc = c.original?.doc ?? c.doc;
  try {
    const r = await client.reverse2601({ person: personRef(doc), originalMsgid: m.msgid!, originalInfno: m.infno });
    const note = { reversed: `2601 reversed ${m.infno} ${m.msgid}`, notFound: `2601: the network has no ${m.infno} ${m.msgid} (original not found)`, alreadyReversed: `2601: ${m.infno} ${m.msgid} was already reversed` }[r.outcome];
    return { kind: 'notApplied', note };
  } catch (err) {
    if (!(err instanceof BusinessRejectedError)) throw err;
    return {
      kind: 'conflict',
      code: 'REVERSAL_REFUSED',
      message: `医保网络拒绝冲正（${err.errMsg || err.message}）：${m.infno} 交易（报文 ${m.msgid}）是否已生效无法确认，请人工向医保核实后处理`,
    };
  }
}

async function resolveSettle(client: NetworkClient, c: StepContext, m: Attempt, deps: ResolveDeps, ours: ReadonlySet<string>): Promise<Resolution> {
  if (!c.net.visitId) return { kind: 'notApplied', note: 'no network visit id: the settlement cannot exist there' };
  const s = await queryKnown(client, c, m, deps, ours);
  if (s && !s.cancelled) return { kind: 'applied', outcome: { kind: 'settled', settlement: s }, note: `5203 found ${s.settlementId} made by ${s.sourceMsgid}` };
  return reverse(client, c, m);
}

/**
 * A settlement sent before anything was committed (the window's 2207 / 2304, network first; its
 * attempt is kept in settle_requests, not the outbox): resolved as a queued settle step is.
 */
export function resolveSettleAttempt(
  client: NetworkClient, a: { person: PersonRef; visitId: string; msgid: string; infno: string }, deps: ResolveDeps, ours: ReadonlySet<string>,
): Promise<Resolution> {
  // Only the person (personRef) and the visit id of the context are read here.
  const c = { doc: { person: a.person }, net: { visitId: a.visitId } } as unknown as StepContext;
  return resolveSettle(client, c, a, deps, ours);
}

/**
 * A 2208/2305 of unknown outcome (a queued cancellation step, or the window's own attempt before
 * it commits a cancellation): its record found by 5203 means applied; else 2601 on its msgid.
 */
export async function resolveCancel(client: NetworkClient, c: StepContext, m: Attempt, deps: ResolveDeps = {}, ours?: ReadonlySet<string>): Promise<Resolution> {
  const o = c.original;
  if (!o?.net.visitId || !o.net.netSettlementId) return { kind: 'applied', outcome: { kind: 'ok' }, note: 'nothing at the network to cancel' };
  const s = await queryKnown(client, c, m, deps, ours ?? new Set([m.msgid!]));
  if (s?.cancelled) return { kind: 'applied', outcome: { kind: 'cancelled', settlement: s }, note: `5203 found the cancellation record ${s.settlementId}` };
  return reverse(client, c, m);
}

/** A step that is not reversible, sent again under its msgid: its answer (the first one, or applied now). */
async function resend(client: NetworkClient, m: OutboxMessage, c: StepContext, timeoutMs?: number): Promise<Resolution> {
  try {
    const outcome = await callStep(client, m.step, c, { msgid: m.msgid, timeoutMs });
    return { kind: 'applied', outcome, note: `${m.infno} sent again under ${m.msgid}: answered` };
  } catch (err) {
    if (err instanceof SignInEndedError && err.msgid === m.msgid) return { kind: 'notApplied', note: `${m.infno} ${m.msgid} refused for an ended sign-in when sent again: it never reached the platform` };
    if (!(err instanceof BusinessRejectedError)) throw err;
    return {
      kind: 'conflict',
      code: 'RESEND_REFUSED',
      message: `${STEP_NAMES[m.step]}（${m.infno}）结果未知，按原报文重发被医保网络拒绝：${err.errMsg || err.message}。请人工核实后处理`,
    };
  }
}

/**
 * Resolves an unknown message. `ours` holds every msgid this message was ever sent with.
 * Throws the client's NetworkError when the network cannot be asked now.
 */
export async function resolveUnknown(client: NetworkClient, m: OutboxMessage, c: StepContext, ours: ReadonlySet<string>, deps: ResolveDeps & { timeoutMs?: number } = {}): Promise<Resolution> {
  if (!m.msgid) return { kind: 'notApplied', note: 'no msgid was ever sent' };
  if (m.step === 'settle') return resolveSettle(client, c, m, deps, ours);
  if (m.step === 'cancel') return resolveCancel(client, c, m, deps, ours);
  return resend(client, m, c, deps.timeoutMs);
}
