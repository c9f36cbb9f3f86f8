// The catalog area in the app (between the network and settlement): the national catalogs and
// dictionaries kept current from the network (sync), the search over them, the terms in force on
// a day (what settlement asks), the change log, and the HIS items' matching with its upload.
// Its services for later areas: CatalogServices (given to them by electron/app/areas.ts).
import type { AppContext } from '../platform/context';
import type { Dispatcher } from '../api/dispatch';
import type { NetworkClient } from '../network/client';
import type { HisBridge } from '../his';
import { getInstitution } from '../platform/institution';
import { chinaDate } from '../core/time';
import { openCatalogRepos, SyncJob, type CatalogRepos } from './sync-job';
import { CatalogSearch } from './search';
import { termsLookup, type TermsLookup } from './terms';
import { MatchingService } from './matching';
import { MatchingUpload } from './upload';
import { registerCatalogCalls } from './api';
import type { DictEntry } from './dict-repo';

export interface CatalogServices {
  repos: CatalogRepos;
  search: CatalogSearch;
  /** Class, self-pay ratio and price cap of a national code in force on a day (settlement asks this). */
  terms: TermsLookup;
  /** A downloaded 1901 dictionary (valid rows). */
  dict(type: string): DictEntry[];
  matching: MatchingService;
  upload: MatchingUpload;
  sync: SyncJob;
}

export interface CatalogDeps {
  client: NetworkClient;
  his: HisBridge;
}

export function installCatalog(ctx: AppContext, d: Dispatcher, deps: CatalogDeps): CatalogServices {
  const repos = openCatalogRepos(ctx.db);
  const search = new CatalogSearch(ctx.db);
  const terms = termsLookup(repos.terms, repos.items);
  const today = () => chinaDate(ctx.now());
  const matching = new MatchingService({ db: ctx.db, items: repos.items, hisItems: repos.hisItems, search, terms, mapping: deps.his.catalog, now: () => ctx.now(), today });
  const upload = new MatchingUpload({
    client: deps.client, institutionCode: () => getInstitution(ctx).code, items: repos.items, hisItems: repos.hisItems, now: () => ctx.now(), today,
  });
  const sync = new SyncJob(
    () => ({ client: deps.client, db: ctx.db, repos, region: getInstitution(ctx).region, now: () => ctx.now(), log: (l) => ctx.log.info(l) }),
    ctx.log,
  );
  ctx.onClose(() => sync.stop());
  const services: CatalogServices = { repos, search, terms, dict: (type) => repos.dict.list(type), matching, upload, sync };
  registerCatalogCalls(ctx, d, services, deps);
  return services;
}
