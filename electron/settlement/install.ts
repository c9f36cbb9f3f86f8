// The settle area in the app: the `settlement` service (and `settlement.forwarder`,
// `settlement.reconciler`), the forwarder started with the app and stopped (with a warning when
// items remain unsent) on close, and the settlement.* / queue.* / reconcile.* / warnings.* calls.
import type { AppContext } from '../app/context';
import type { AreaRegistry } from '../app/areas';
import type { Dispatcher } from '../api/dispatch';
import { getInstitution } from '../app/foundation';
import type { NetworkClient } from '../network/client';
import type { PolicyRegistry } from '../policy/store';
import { createSettleCore, type SettleCore } from './core';
import { registerSettlementApi } from './api';
import { registerQueueApi } from './queue-api';
import type { HisMarks } from './his-marks';

/** `network.client` may be the client itself or a getter (the setup can change it at run time). */
export function clientResolver(registry: AreaRegistry): () => NetworkClient | undefined {
  return () => {
    const v = registry.services.get('network.client') as unknown;
    if (typeof v === 'function') return (v as () => NetworkClient | undefined)();
    if (v && typeof v === 'object' && 'current' in v && typeof (v as { current: unknown }).current !== 'function') {
      return (v as { current?: NetworkClient }).current;
    }
    if (v && typeof v === 'object' && typeof (v as { current?: unknown }).current === 'function') {
      return (v as { current(): NetworkClient | undefined }).current();
    }
    return v as NetworkClient | undefined;
  };
}

export function installSettlement(ctx: AppContext, d: Dispatcher, registry: AreaRegistry): SettleCore {
  const policies = registry.services.get('policies') as PolicyRegistry | undefined;
  const network = registry.services.get('network') as { msgids(): { nextSync(infno: string): string } } | undefined;
  const core = createSettleCore({
    db: ctx.db,
    settings: ctx.settings,
    log: ctx.log,
    now: () => ctx.now(),
    policies: policies ?? { choose: () => undefined },
    institution: () => getInstitution(ctx),
    client: clientResolver(registry),
    nextMsgid: network ? (infno) => network.msgids().nextSync(infno) : undefined,
    his: () => registry.services.get('his.visits') as HisMarks | undefined,
  });
  registry.services.set('settlement', core.service);
  registry.services.set('settlement.forwarder', core.forwarder);
  registry.services.set('settlement.reconciler', core.reconciler);
  core.forwarder.start();
  resumeCancellations(ctx, core);
  // The queue's online state (the header badge) follows every call's outcome, not just the forwarder's.
  const health = registry.services.get('network.health') as { onSeen(fn: (online: boolean) => void): () => void } | undefined;
  const unwatch = health?.onSeen((online) => core.forwarder.observe(online));
  ctx.onClose(() => unwatch?.());
  ctx.onClose(() => core.forwarder.stop());
  registerSettlementApi(ctx, d);
  registerQueueApi(ctx, d, core, registry.services);
  return core;
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
