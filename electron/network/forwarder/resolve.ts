// Resolving a message whose outcome is unknown (timeout after sending, a crash between send and
// record, an unusable answer). Never guessed: a settlement is looked up with 5203, and what was
// not found (or any other step) is reversed with 2601 citing the original msgid, so that the step
// can then be redone with a new msgid. A failure of these calls leaves the message unknown.
import { BusinessRejectedError, type NetSettlement, type NetworkClient } from '../client';
import type { OutboxMessage } from '../../store/outbox';
import { personRef, type StepContext, type StepOutcome } from './steps';

export type Resolution =
  | { kind: 'applied'; outcome: StepOutcome; note: string }
  | { kind: 'notApplied'; note: string }
  | { kind: 'conflict'; code: string; message: string };

/** The attempt being resolved: its msgid (the one it was sent with) and infno. */
type Attempt = Pick<OutboxMessage, 'msgid' | 'infno'>;

/** 2601 citing the message's msgid; a rejection (nothing to reverse) is as good as a reversal. */
async function reverse(client: NetworkClient, c: StepContext, m: Attempt): Promise<string> {
  const doc = c.original?.doc ?? c.doc;
  try {
    await client.reverse2601({ person: personRef(doc), originalMsgid: m.msgid!, originalInfno: m.infno });
    return `2601 reversed ${m.infno} ${m.msgid}`;
  } catch (err) {
    if (err instanceof BusinessRejectedError) return `2601 refused (${err.errMsg}): nothing applied under ${m.msgid}`;
    throw err;
  }
}

async function resolveSettle(client: NetworkClient, c: StepContext, m: OutboxMessage, ours: ReadonlySet<string>): Promise<Resolution> {
  if (!c.net.visitId) return { kind: 'notApplied', note: 'no network visit id: the settlement cannot exist there' };
  const q = await client.querySettlement5203({ person: personRef(c.doc), visitId: c.net.visitId });
  const s: NetSettlement | null = q.settlement;
  if (s && !s.cancelled) {
    if (ours.has(s.sourceMsgid)) return { kind: 'applied', outcome: { kind: 'settled', settlement: s }, note: `5203 found ${s.settlementId} made by ${s.sourceMsgid}` };
    return {
      kind: 'conflict',
      code: 'FOREIGN_SETTLEMENT',
      message: `医保网络上该就诊已有一笔非本窗口发起的结算（结算ID ${s.settlementId}），请核实后处理`,
    };
  }
  return { kind: 'notApplied', note: `5203 found none; ${await reverse(client, c, m)}` };
}

/**
 * A 2208/2305 of unknown outcome (a queued cancellation step, or the window's own attempt before
 * it commits a cancellation): the original settlement no longer valid at the network means applied.
 */
export async function resolveCancel(client: NetworkClient, c: StepContext, m: Attempt): Promise<Resolution> {
  const o = c.original;
  if (!o?.net.visitId || !o.net.netSettlementId) return { kind: 'applied', outcome: { kind: 'ok' }, note: 'nothing at the network to cancel' };
  const q = await client.querySettlement5203({ person: personRef(o.doc), visitId: o.net.visitId, settlementId: o.net.netSettlementId });
  if (!q.settlement || q.settlement.cancelled) {
    const settlement = q.settlement ? negated(q.settlement) : undefined;
    return { kind: 'applied', outcome: { kind: 'cancelled', settlement }, note: `5203: ${q.settlement ? 'cancelled' : 'no valid settlement'}` };
  }
  return { kind: 'notApplied', note: `5203: still valid; ${await reverse(client, c, m)}` };
}

/** The cancellation record as the network would have answered it (amounts negated). */
function negated(s: NetSettlement): NetSettlement {
  const neg = (v: string) => (v.startsWith('-') ? v.slice(1) : v === '0.00' ? v : `-${v}`);
  const layers: Record<string, string> = {};
  for (const [k, v] of Object.entries(s.layers)) layers[k] = neg(v);
  return {
    ...s, settlementId: '', total: neg(s.total), fundTotal: neg(s.fundTotal), account: neg(s.account), cash: neg(s.cash),
    personTotal: neg(s.personTotal), layers, cancelled: true,
  };
}

/**
 * Resolves an unknown message. `ours` holds every msgid this message was ever sent with.
 * Throws the client's NetworkError when the network cannot be asked now.
 */
export async function resolveUnknown(client: NetworkClient, m: OutboxMessage, c: StepContext, ours: ReadonlySet<string>): Promise<Resolution> {
  if (!m.msgid) return { kind: 'notApplied', note: 'no msgid was ever sent' };
  if (m.step === 'settle') return resolveSettle(client, c, m, ours);
  if (m.step === 'cancel') return resolveCancel(client, c, m);
  return { kind: 'notApplied', note: await reverse(client, c, m) };
}
