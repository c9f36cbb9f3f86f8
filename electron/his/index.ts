// HIS bridge: the HIS hands visits and fee lines to the window and reads results back.
//
// Installed by `installHis` (electron/app/areas.ts, right after foundation). It starts:
//   - the HIS HTTP API on 127.0.0.1:5781 (`--his-port N`, port 0 in tests; `--his-host` to listen
//     elsewhere), bearer token in DATA_DIR/his-token or SETTLE_HIS_TOKEN (server.ts, openapi.ts);
//   - the file-drop watcher on the folder set in `his.drop` (default DATA_DIR/his-drop) (drop/);
//   - the callback pusher for HIS systems that do not poll (callback.ts);
// and loads the demo catalog mapping (demo/catalog.csv) into an empty database at first start.
//
// installHis returns the HisBridge; its `service` is the HisVisitsService (service.ts) that the
// window and settlement areas are given:
//     listWaiting(): HisVisitSummary[]
//         visits waiting or pre-settled, oldest first; names, ID and card numbers masked;
//         `unmappedCount` > 0 means mappedLines() will refuse until a technician maps the items.
//     get(hisVisitId): HisVisit | undefined
//         the whole visit as the HIS sent it (identity hints unmasked, for matching with the card
//         read), with state, revision, settlement and cancellation.
//     mappedLines(hisVisitId): Result<MappedLines>
//         ok: { hisVisitId, revision, visitType, lines, totals } where each line is in the engine's
//         format (docs/POLICY-FORMAT.md "lines": code, amount, class, selfPayRatio; plus name, hisCode,
//         hisName, quantity, unitPrice, category, selfPay) and totals = { total, byClass:{A,B,C},
//         byCategory:[{category,name,amount}] };
//         error HIS_ITEMS_UNMAPPED with a Chinese message listing the unmapped items, or
//         HIS_VISIT_NOT_FOUND.
//     markPreSettled(hisVisitId) / markWaiting(hisVisitId): Result<{ state }>
//     markSettled(hisVisitId, { settlementId, receiptNo, layers:[{key,name,amount}], cash, revision? })
//         revision (from mappedLines) guards against lines the HIS changed since; idempotent for the
//         same settlementId; queues the callback push.
//     markCancelled(hisVisitId, { reason?, cancellationId? }): waiting/pre-settled/settled -> cancelled;
//         queues the callback push.
//     onChange(listener): () => void   listener({ hisVisitId, state, kind }) on every change
//         (received, replaced, pre-settled, waiting, settled, cancelled, cancel-requested).
// The bridge's other parts: `server` { url, port, host, error? } of the HIS API (benchmarks, tests,
// setup screen), catalog.lookup(codes) for manual lines, drop, callbacks, token.
import path from 'node:path';
import fs from 'node:fs';
import type { AppContext } from '../platform/context';
import { flag } from '../platform/context';
import type { Dispatcher } from '../api/dispatch';
import { VisitStore } from './visit-store';
import { CatalogStore, parseCatalogCsv } from './catalog';
import { CallbackOutbox } from './callback';
import { HisVisits } from './service';
import { HisToken } from './token';
import { DEFAULT_HIS_PORT, startHisServer, type RunningHisServer } from './server';
import { DropWatcher } from './drop/watcher';
import { registerHisCalls } from './api';
import { projectRoot } from '../platform/paths';

export type { HisVisitsService, MappedLines, MappedLine, SettledInput, CancelledInput, HisVisitChange } from './service';
export type { HisVisit, HisVisitSummary, VisitState, VisitType } from './types';

const DEMO_CATALOG_KEY = 'his.catalog.demoLoaded';

export interface HisBridge {
  service: HisVisits;
  catalog: CatalogStore;
  callbacks: CallbackOutbox;
  drop: DropWatcher;
  token: HisToken;
  server: RunningHisServer;
  settings: AppContext['settings'];
}

function loadDemoCatalog(ctx: AppContext, catalog: CatalogStore): void {
  if (ctx.settings.get(DEMO_CATALOG_KEY) || catalog.count() > 0) return;
  const file = path.join(projectRoot(), 'electron', 'his', 'demo', 'catalog.csv');
  if (!fs.existsSync(file)) return ctx.log.warn(`his demo catalog missing at ${file}`);
  const parsed = parseCatalogCsv(fs.readFileSync(file));
  if (!parsed.ok) return ctx.log.error(`his demo catalog invalid: ${parsed.error.detail}`);
  catalog.importAll(parsed.value, false, 'demo');
  ctx.settings.set(DEMO_CATALOG_KEY, true);
  ctx.log.info(`his: demo catalog mapping loaded (${parsed.value.length} items)`);
}

/** `--his-port N`; default 5781, but 0 (any free port) in tests so parallel tests never collide. */
function hisPort(ctx: AppContext): number {
  const raw = flag(ctx, 'his-port');
  if (raw === undefined) return ctx.mode === 'test' ? 0 : DEFAULT_HIS_PORT;
  if (!/^\d{1,5}$/.test(raw) || Number(raw) > 65535) throw new Error(`--his-port must be a port number 0-65535, got ${raw}`);
  return Number(raw);
}

export async function installHis(ctx: AppContext, d: Dispatcher): Promise<HisBridge> {
  const visits = new VisitStore(ctx.db);
  const catalog = new CatalogStore(ctx.db, () => ctx.now());
  const callbacks = new CallbackOutbox(ctx.db, ctx.settings, ctx.log, () => ctx.now());
  const service = new HisVisits(ctx.db, visits, catalog, callbacks, () => ctx.now());
  const token = new HisToken(ctx.dataDir);
  loadDemoCatalog(ctx, catalog);
  const port = hisPort(ctx);
  const host = flag(ctx, 'his-host') ?? '127.0.0.1';
  let server: RunningHisServer;
  try {
    server = await startHisServer({ port, host, token, service, log: ctx.log });
    ctx.onClose(() => server.close());
    ctx.log.info(`his: API listening on ${server.url}`);
  } catch (err) {
    // The window keeps working (file drop, lists); the setup screen shows why the HIS cannot connect.
    const reason = (err as NodeJS.ErrnoException).code === 'EADDRINUSE' ? `端口 ${port} 已被其他程序占用（可用 --his-port 指定其他端口）` : String(err);
    ctx.log.error(`his: API not started on ${host}:${port}: ${String(err)}`);
    server = { url: '', port, host, error: reason, close: async () => undefined };
  }
  const drop = new DropWatcher({ db: ctx.db, settings: ctx.settings, log: ctx.log, service, dataDir: ctx.dataDir, now: () => ctx.now() });
  try {
    fs.mkdirSync(drop.setup().folder, { recursive: true });
  } catch (err) {
    ctx.log.warn(`his drop folder not created: ${String(err)}`);
  }
  if (ctx.mode !== 'test') {
    drop.start();
    callbacks.start();
    ctx.onClose(() => {
      drop.stop();
      callbacks.stop();
    });
  }
  const bridge: HisBridge = { service, catalog, callbacks, drop, token, server, settings: ctx.settings };
  registerHisCalls(d, bridge);
  return bridge;
}
