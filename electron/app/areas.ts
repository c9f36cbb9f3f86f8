// The composition root: every area is installed here, in order, and given exactly the services it
// needs as typed parameters. An area never looks another up by name: a missing or mistyped
// dependency is a compile error in this file. A service an earlier area needs from a later one
// (print asks the settle area whether an offline settlement is confirmed) is passed as a function
// that reads the later area's result once it exists.
import type { AppContext } from '../platform/context';
import type { Dispatcher, Session } from '../api/dispatch';
import { installFoundation, type FoundationServices } from './foundation';
import { installUploads } from './uploads';
import { installNetwork, type NetworkServices } from '../network/install';
import { installDevices } from '../devices/install';
import { installHis, type HisBridge } from '../his';
import { installCenter, type CenterArea } from '../center/install';
import { readLimits, writeLimits } from '../settlement/limits';
import { writeCardFreeRules } from '../window/rules';
import { installCatalog, type CatalogServices } from '../catalog/install';
import { installPolicies } from '../policy/install';
import { installAudit, type AuditService } from '../audit/install';
import { installOperators } from '../operators/install';
import { verifySessionPassword } from '../operators/reconfirm';
import { installPrint } from '../print/install';
import { installTrace, type TraceServices } from '../trace/install';
import { installSettlement } from '../settlement/install';
import { installWindow, type WindowArea } from '../window/install';
import type { ReaderService } from '../devices';
import type { PolicyRegistry } from '../policy/store';
import type { OperatorService } from '../operators/service';
import type { ReceiptsService } from '../print/service';
import type { PdfLinks } from '../print/links';
import type { SettleCore } from '../settlement/core';
import type { ExtraRoute } from '../print/route';

/** Finds the operator session of a token (the host and IPC use it). */
export type SessionResolver = (token: string) => Session | undefined;

/** Every area's services, as the running app (tests, benchmarks, Electron's main) sees them. */
export interface AppServices {
  foundation: FoundationServices;
  network: NetworkServices;
  reader: ReaderService;
  his: HisBridge;
  center: CenterArea;
  catalog: CatalogServices;
  policies: PolicyRegistry;
  audit: AuditService;
  operators: OperatorService;
  sessions: SessionResolver;
  /** Drug traceability codes: the scan, the sale records' upload, the daily report. */
  trace: TraceServices;
  receipts: ReceiptsService;
  receiptLinks: PdfLinks;
  settlement: SettleCore;
  window: WindowArea['window'];
  /** The start's recovery report (receipts a crash left unissued), once done. */
  recovery: WindowArea['recovery'];
  /** Extra HTTP routes of browser mode (uploads, receipt PDFs). */
  hostRoutes: ExtraRoute[];
}

export async function installAreas(ctx: AppContext, d: Dispatcher): Promise<AppServices> {
  const foundation = installFoundation(ctx, d);
  const network = await installNetwork(ctx, d);
  // The center (--center URL) gives this window its terminal number; the network client follows the setup.
  const center = await installCenter(ctx, d, {
    client: network.client,
    onLimits: (l) => writeLimits(ctx.settings, { ...readLimits(ctx.settings), ...l }),
    onCardFree: (r) => writeCardFreeRules(ctx.settings, r),
  });
  const reader = await installDevices(ctx, d, { networkSim: () => network.sim() });
  const his = await installHis(ctx, d);
  const catalog = installCatalog(ctx, d, { client: network.client, his });
  const policies = installPolicies(ctx, d, { simulated: () => network.sim() !== undefined });
  const audit = installAudit(ctx, d, { onBackup: foundation.onBackup });
  const operators = installOperators(ctx, d, { audit });
  const sessions: SessionResolver = (token) => operators.sessions.resolve(token);
  const confirmPassword = (session: Session | undefined, password: string) => verifySessionPassword(operators, session, password);
  const trace = installTrace(ctx, d, {
    client: network.client, msgids: () => network.area.msgids(), his: his.service, operatorName: (id) => operators.repo.find(id)?.name,
  });
  // The settle area installs after print; print asks it at print time only.
  let settlement: SettleCore | undefined;
  const print = await installPrint(ctx, d, { sessions, settlement: (id) => settlement?.service.get(id), traceCodes: (id) => trace.receiptCounts(id) });
  settlement = installSettlement(ctx, d, {
    policies,
    client: network.client,
    msgids: () => network.area.msgids(),
    health: network.health,
    his: his.service,
    site: () => network.area.site(),
    confirmPassword,
    center: center.link,
  });
  // The window composes every other area's services: keep it last.
  const win = installWindow(ctx, d, {
    settlement: settlement.service,
    receipts: print.receipts,
    links: print.links,
    policies,
    his,
    catalogTerms: catalog.terms,
    reader,
    audit,
    operatorName: (id) => operators.repo.find(id)?.name,
    confirmPassword,
  });
  // The queue's cancel (a failed upload's settlement) issues its reversal sheet through the window's printing.
  settlement.afterCancel = (id) => win.receiptOf(id);
  const hostRoutes = [installUploads(ctx, { sessions }), print.route];
  return {
    foundation, network, reader, his, center, catalog, policies, audit, operators, sessions, settlement, trace, hostRoutes,
    receipts: print.receipts, receiptLinks: print.links, window: win.window, recovery: win.recovery,
  };
}
