// The composition root's list of areas. Each area installs its services and API handlers into
// the app; add one line per area. Order matters only where an area uses another's services.
import type { AppContext } from './context';
import type { Dispatcher } from '../api/dispatch';
import { installFoundation } from './foundation';
import { installNetwork } from '../network/install';
import { installDevices } from '../devices/install';
import { installHis } from '../his';
import { installPolicies } from '../policy/install';
import { installAudit } from '../audit/install';
import { installOperators } from '../operators/install';
import { installWindow } from '../window/install';
import { installPrint } from '../print/install';
import { installSettlement } from '../settlement/install';
import { installUploads } from './uploads';

export interface AreaRegistry {
  /** Services an area offers to later areas, by name (typed at the point of use). */
  services: Map<string, unknown>;
}

export type InstallArea = (ctx: AppContext, d: Dispatcher, registry: AreaRegistry) => void | Promise<void>;

export const AREAS: { name: string; install: InstallArea }[] = [
  { name: 'foundation', install: (ctx, d, r) => installFoundation(ctx, d, r) },
  { name: 'network', install: async (ctx, d, r) => void (await installNetwork(ctx, d, r)) },
  { name: 'devices', install: async (ctx, d, r) => void (await installDevices(ctx, d, r)) },
  { name: 'his', install: async (ctx, d, r) => void (await installHis(ctx, d, r)) },
  { name: 'policies', install: (ctx, d, r) => void installPolicies(ctx, d, r) },
  { name: 'audit', install: (ctx, d, r) => void installAudit(ctx, d, r) },
  { name: 'operators', install: (ctx, d, r) => void installOperators(ctx, d, r) },
  { name: 'uploads', install: (ctx, _d, r) => installUploads(ctx, r) },
  { name: 'print', install: async (ctx, d, r) => void (await installPrint(ctx, d, r)) },
  { name: 'settlement', install: (ctx, d, r) => void installSettlement(ctx, d, r) },
  // The window composes every other area's services: keep it last.
  { name: 'window', install: (ctx, d, r) => void installWindow(ctx, d, r) },
];
