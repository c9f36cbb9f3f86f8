// The settle area's repositories over one database, built once.
import type { Db } from '../store/db';
import type { NetPerson } from '../network/client';
import { SettlementsRepo } from '../store/settlements';
import { SettlementNetworkRepo } from '../store/settlement-network';
import { OutboxRepo } from '../store/outbox';
import { YtdRepo } from '../store/ytd';
import { PersonCacheRepo } from '../store/persons';
import { DifferencesRepo } from '../store/differences';
import { WarningsRepo } from '../store/warnings';
import { ReconcileRepo } from '../store/reconcile';
import { CancelRequestsRepo } from './cancel-requests';

export interface SettleRepos {
  settlements: SettlementsRepo;
  network: SettlementNetworkRepo;
  outbox: OutboxRepo;
  ytd: YtdRepo;
  persons: PersonCacheRepo<NetPerson>;
  differences: DifferencesRepo;
  warnings: WarningsRepo;
  reconcile: ReconcileRepo;
  cancels: CancelRequestsRepo;
}

export function createRepos(db: Db, now: () => Date): SettleRepos {
  return {
    settlements: new SettlementsRepo(db),
    network: new SettlementNetworkRepo(db, now),
    outbox: new OutboxRepo(db, now),
    ytd: new YtdRepo(db),
    persons: new PersonCacheRepo<NetPerson>(db),
    differences: new DifferencesRepo(db, now),
    warnings: new WarningsRepo(db),
    reconcile: new ReconcileRepo(db),
    cancels: new CancelRequestsRepo(db, now),
  };
}
