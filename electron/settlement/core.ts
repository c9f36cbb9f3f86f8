// Builds the settle area's parts over one database: repositories, the forwarder, the service and
// day-end reconciliation. Used by the app area (install.ts), the chaos worker and the benchmarks.
import type { Db } from '../store/db';
import type { SettingsRepo } from '../store/settings';
import type { AppLogger } from '../platform/logger';
import type { PolicyPack } from '../core/engine';
import type { InstitutionSetup } from '../api/contract';
import { MsgIdSource, SqliteMessageLog, type NetworkClient } from '../network/client';
import { Forwarder, type ClinicalDoc, type ForwarderOptions, type VisitClinical } from '../network/forwarder';
import { Reconciler } from '../network/reconcile';
import { createRepos, type SettleRepos } from './repos';
import { SettlementService, type SettlementServiceDeps } from './service';
import { differencePolicy } from './limits';

export interface SettleCoreOptions {
  db: Db;
  settings: SettingsRepo;
  log: AppLogger;
  now: () => Date;
  policies: { choose(personRegion: string | undefined, date: string, facilityRegion?: string): PolicyPack | undefined };
  institution: () => InstitutionSetup;
  client: () => NetworkClient | undefined;
  /** Durable msgid allocation inside a transaction; default a MsgIdSource on the same database. */
  nextMsgid?: (infno: string) => string;
  forwarder?: ForwarderOptions;
  /** The visit's doctor, department, diagnoses … the network's visit steps need (see forwarder/clinical.ts). */
  clinical?: (doc: ClinicalDoc) => VisitClinical;
  /** The network-first settlement's request timeout, resolve wait and test hooks (./online.ts). */
  online?: SettlementServiceDeps['online'];
  onlineWaitMs?: number;
  cancel?: SettlementServiceDeps['cancel'];
  his?: SettlementServiceDeps['his'];
  center?: SettlementServiceDeps['center'];
}

export interface SettleCore {
  repos: SettleRepos;
  forwarder: Forwarder;
  service: SettlementService;
  reconciler: Reconciler;
  /** Issues a cancellation's reversal receipt (set by the window area, which prints): the queue's cancel calls it. */
  afterCancel?: (cancellationId: string) => Promise<void>;
}

export function createSettleCore(o: SettleCoreOptions): SettleCore {
  const repos = createRepos(o.db, o.now);
  let source: MsgIdSource | undefined;
  let sourceKey = '';
  const nextMsgid =
    o.nextMsgid ??
    ((infno: string) => {
      const inst = o.institution();
      const key = `${inst.code}/${inst.terminalNo}`;
      if (!source || key !== sourceKey) {
        source = new MsgIdSource({ db: o.db, institutionCode: inst.code, terminalNo: inst.terminalNo });
        sourceKey = key;
      }
      return source.nextSync(infno);
    });
  // The message log the client writes (same database): answers logged before a crash.
  const messages = new SqliteMessageLog(o.db);
  const forwarder = new Forwarder({
    db: o.db,
    outbox: repos.outbox,
    settlements: repos.settlements,
    network: repos.network,
    differences: repos.differences,
    differencePolicy: () => differencePolicy(o.settings),
    client: o.client,
    nextMsgid,
    clinical: o.clinical,
    answerOf: (msgid) => messages.answerOf(msgid),
    log: o.log,
    options: o.forwarder,
  });
  const service = new SettlementService({
    db: o.db, settings: o.settings, log: o.log, now: o.now, repos, policies: o.policies, institution: o.institution,
    client: o.client, forwarder, nextMsgid, onlineWaitMs: o.onlineWaitMs, cancel: o.cancel, his: o.his, clinical: o.clinical, online: o.online,
    center: o.center,
  });
  const reconciler = new Reconciler({ db: o.db, repos, client: o.client, now: o.now, log: o.log, institution: o.institution });
  return { repos, forwarder, service, reconciler };
}
