// A visit's step at the network whose outcome is not known (no answer to 2201, 2203, 2204 …) sent
// again in the background, under the SAME msgid and body (./net-calls.ts), while the network
// answers: the visit's row then follows the answer exactly as the step itself would have written
// it. Until then the visit is held from offline settling; without this a call stayed open until a
// cashier tried the visit again.
import type { FeeLineResult, NetworkClient, SendOptions } from '../network/client';
import type { AppLogger } from '../platform/logger';
import { durableCall, type CallDeps } from './net-calls';
import type { NetCall } from './net-visit-repo';

type Send = (input: any, opts: SendOptions) => Promise<any>;

/** The client's request for an open call's infno. */
function sender(client: NetworkClient, infno: string): Send | undefined {
  const byInfno: Record<string, Send> = {
    2201: (i, o) => client.register2201(i, o),
    2401: (i, o) => client.admit2401(i, o),
    2203: (i, o) => client.visitInfo2203(i, o),
    2204: ({ fingerprint: _f, rev: _r, ...i }, o) => client.uploadFees2204(i, o),
    2301: ({ fingerprint: _f, rev: _r, ...i }, o) => client.uploadFees2301(i, o),
    2402: (i, o) => client.discharge2402(i, o),
    2205: (i, o) => client.cancelFees2205(i, o),
    2302: (i, o) => client.cancelFees2302(i, o),
  };
  return byInfno[infno];
}

/**
 * Sends the open call again (its own msgid and body) and records what it did on the visit's row.
 * Throws the client's error (the call stays open, or is recorded refused, as ./net-calls.ts does).
 */
export async function resendOpenCall(deps: CallDeps & { log: AppLogger }, client: NetworkClient, call: NetCall, timeoutMs?: number): Promise<void> {
  const send = sender(client, call.infno);
  if (!send) return;
  const r = await durableCall(deps, call.netVisitId, call.step, call.infno, call.input, send, {
    timeoutMs, summary: (a: any) => (call.step === 'register' ? { visitId: a.visitId } : call.step === 'fees' ? { split: a.split } : undefined),
  });
  const repo = deps.repo;
  const row = repo.byId(call.netVisitId)!;
  if (call.step === 'register') repo.registered(row.id, r.answer.visitId);
  else if (call.step === 'discharge') repo.discharged(row.id);
  else if (call.step.startsWith('unfees:')) repo.batchTakenBack(row.id, call.step.slice('unfees:'.length));
  else if (call.step === 'fees') {
    const done = r.input as { batchNo: string; rev: number; fingerprint: string };
    repo.uploadedBatch(row.id, done.batchNo, done.rev, done.fingerprint, {
      split: r.answer.split, lines: (r.answer.lines as FeeLineResult[]).map((l) => ({ lineNo: l.lineNo, class: l.class, selfPayRatio: l.selfPayRatio })),
    });
  }
  deps.log.info(`net visit ${row.visitRef}: ${call.infno} ${call.msgid} of unknown outcome sent again and answered`);
}
