// The settle area in the app: the SettleCore (the settlement service, the forwarder, the
// reconciler), the forwarder started with the app and stopped (with a warning when items remain
// unsent) on close, and the settlement.* / queue.* / reconcile.* / warnings.* calls.
import type { AppContext } from '../platform/context';
import type { Dispatcher, Session } from '../api/dispatch';
import { getInstitution } from '../platform/institution';
import type { NetworkClient } from '../network/client';
import { createSettleCore, type SettleCore, type SettleCoreOptions } from './core';
import { registerSettlementApi } from './api';
import { registerQueueApi } from './queue-api';
import type { HisMarks } from './his-marks';
import { visitClinical, type VisitSetup } from '../network/forwarder';
import type { HisVisitsService } from '../his/service';

/** What the settle area is given by the composition root (electron/app/areas.ts). */
export interface SettlementDeps {
  policies: SettleCoreOptions['policies'];
  /** The network area's stable client (it follows setup changes itself). */
  client: NetworkClient;
  /** The network area's msgid source (same database and terminal as the client's). */
  msgids(): { nextSync(infno: string): string };
  /** Reachability as last seen by any network call. */
  health: { onSeen(fn: (online: boolean) => void): () => void };
  /** The HIS bridge's visits: marked in the settlement's own transaction. */
  his: HisMarks & Pick<HisVisitsService, 'get'>;
  /** The site's visit setup for the network's visit steps. */
  site(): { visit: VisitSetup };
  /** Re-checks the operator's password before a cancellation (counts toward the lockout). */
  confirmPassword(session: Session | undefined, password: string): Promise<void>;
  /** The center link (--center), or undefined when the window runs alone. */
  center?: SettleCoreOptions['center'];
}

export function installSettlement(ctx: AppContext, d: Dispatcher, deps: SettlementDeps): SettleCore {
  // The visit's doctor, department and diagnoses for the network's visit steps: the HIS visit, the
  // person's chronic registrations (cached 5301), the site's visit setup.
  const clinical = (doc: Parameters<typeof visitClinical>[0]) => visitClinical(doc, {
    his: doc.visitSource === 'his' ? deps.his.get(doc.visitRef) : undefined,
    chronic: core.repos.persons.get(doc.person.personNo)?.data.chronic,
    setup: deps.site().visit,
  });
  const core: SettleCore = createSettleCore({
    db: ctx.db,
    settings: ctx.settings,
    log: ctx.log,
    now: () => ctx.now(),
    policies: deps.policies,
    institution: () => getInstitution(ctx),
    client: () => deps.client,
    nextMsgid: (infno) => deps.msgids().nextSync(infno),
    his: () => deps.his,
    clinical,
    center: deps.center,
  });
  core.forwarder.start();
  resumeCancellations(ctx, core);
  resumeSettlements(ctx, core);
  // The queue's online state (the header badge) follows every call's outcome, not just the forwarder's.
  const unwatch = deps.health.onSeen((online) => core.forwarder.observe(online));
  ctx.onClose(() => unwatch());
  ctx.onClose(() => core.forwarder.stop());
  registerSettlementApi(ctx, d);
  registerQueueApi(ctx, d, core, deps.confirmPassword);
  return core;
}

/**
 * Settlement attempts of unknown outcome (no answer, a crash between the answer and the commit)
 * are resolved at start, then every 5 s while any is open; a visit's steps of unknown outcome are
 * sent again and batches left behind at the network by visits settled another way are taken back
 * meanwhile, while the network answers.
 */
function resumeSettlements(ctx: AppContext, core: SettleCore): void {
  const online = core.service.online;
  let sweeping = false;
  const tick = () => {
    if (online.requests.open().length) void online.resumeOpen();
    if (sweeping || core.forwarder.networkOnline !== true) return;
    sweeping = true;
    const nv = core.service.netVisits;
    void nv.resolveOpen(10_000).then(() => nv.sweep(10_000)).catch((err: unknown) => ctx.log.warn(`net visits sweep: ${String(err)}`)).finally(() => (sweeping = false));
  };
  if (online.requests.open().length) void online.resumeOpen();
  const timer = setInterval(tick, 5000);
  timer.unref();
  ctx.onClose(() => clearInterval(timer));
}

/** Cancellation attempts of unknown outcome (no answer, a crash) are resolved at start, then every 15 s while any is open. */
function resumeCancellations(ctx: AppContext, core: SettleCore): void {
  const resume = () => void core.service.canceller.resumeOpen();
  if (core.repos.cancels.open().length) resume();
  const timer = setInterval(() => {
    if (core.repos.cancels.open().length) resume();
  }, 15_000);
  timer.unref();
  ctx.onClose(() => clearInterval(timer));
}
