// One durable call of a visit's network steps (2201, 2203, 2204, 2205, 2401, 2301, 2302, 2402):
// its msgid and body are stored before the request leaves. These steps are not reversible by
// 2601: a call whose outcome is not known stays open and is sent again later under the SAME msgid
// and body (the platform answers a repeat as the first time, or applies it now). A refusal for an
// ended sign-in is sent again by the client under a new msgid, stored first (renewMsgid).
import { AppFailure } from '../core/result';
import { BusinessRejectedError, NotSentError, SignInEndedError, isNetworkError, type SendOptions } from '../network/client';
import type { Db } from '../store/db';
import type { NetCall, NetVisitRepo } from './net-visit-repo';

export interface CallDeps {
  db: Db;
  repo: NetVisitRepo;
  nextMsgid: (infno: string) => string;
}

export interface CallDone<T> {
  /** The answer, as `send` gave it. */
  answer: T;
  /** The body it was sent with (an open call of an earlier attempt keeps its own). */
  input: unknown;
}

/**
 * Sends the step's open call again if there is one (with its own body), else a new call with
 * `input`. Throws the client's error; a refusal is recorded with the network's words.
 */
export async function durableCall<I, T>(
  deps: CallDeps,
  netVisitId: number,
  step: string,
  infno: string,
  input: I,
  send: (input: I, opts: SendOptions) => Promise<T>,
  opts: { timeoutMs?: number; summary?: (answer: T) => unknown },
): Promise<CallDone<T>> {
  const earlier = deps.repo.openCall(netVisitId, step);
  let c: NetCall = earlier ?? deps.db.transaction(() => deps.repo.addCall(netVisitId, step, infno, deps.nextMsgid(infno), input))();
  // A call of this attempt, never sent before: one that certainly did not leave now applied nothing.
  let fresh = !earlier;
  const renewMsgid = async (inf: string) => {
    const old = c;
    fresh = true;
    c = deps.db.transaction(() => {
      deps.repo.endCall(old.id, 'dropped', { message: 'refused for an ended sign-in: sent again under a new msgid' });
      return deps.repo.addCall(netVisitId, step, inf, deps.nextMsgid(inf), old.input);
    })();
    return c.msgid;
  };
  try {
    const answer = await send(c.input as I, { msgid: c.msgid, timeoutMs: opts.timeoutMs, renewMsgid });
    deps.repo.endCall(c.id, 'done', { result: opts.summary ? opts.summary(answer) : null });
    return { answer, input: c.input };
  } catch (err) {
    if (err instanceof AppFailure) {
      // The client refused to send it (a required value is missing): nothing left.
      deps.repo.endCall(c.id, 'dropped', { message: err.error.detail ?? err.message });
    } else if (err instanceof SignInEndedError && err.msgid === c.msgid) {
      deps.repo.endCall(c.id, 'dropped', { message: err.errMsg });
    } else if (err instanceof BusinessRejectedError && err.msgid === c.msgid) {
      deps.repo.endCall(c.id, 'rejected', { message: err.errMsg || err.message });
    } else if (fresh && err instanceof NotSentError) {
      // Connection refused (or the sign-in before it failed): this msgid never reached the platform.
      deps.repo.endCall(c.id, 'dropped', { message: err.detail ?? err.message });
    } else if (!isNetworkError(err)) {
      deps.repo.endCall(c.id, 'dropped', { message: err instanceof Error ? err.message : String(err) });
    }
    // No answer, an unusable answer, or a resend of an earlier open call that did not leave now: stays open.
    throw err;
  }
}
