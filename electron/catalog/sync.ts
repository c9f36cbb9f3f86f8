// One catalog sync: the file catalogs version by version (13xx, then the zip by 9102), the terms
// by paged query since the last update time (1312 class, 1318 price cap, 1319 self-pay ratio),
// then the 1901 dictionaries. Resumable: a version's rows are stored in chunks and the version is
// recorded after its last chunk; each page is stored together with the query's progress; so a
// sync killed or cut off mid-way goes on from the last unit stored, and rows sent again unchanged
// are not counted. Changes are logged for every version after a catalog's first (the first
// download is the baseline) and for every term period that follows one with another value.
import type { Db } from '../store/db';
import { catalogFile, catalogFileRows, dictionary1901, queryPage, type CatalogTransport } from '../network/client/catalog';
import { BusinessRejectedError } from '../network/client/errors';
import { chinaDate, chinaDateTime } from '../core/time';
import { FILE_CATALOGS, TERM_QUERIES, readCatalogRow, type CatalogRow } from './rows';
import type { ItemsRepo } from './items-repo';
import type { TermsRepo } from './terms-repo';
import type { DictRepo } from './dict-repo';
import type { ChangesRepo } from './changes-repo';
import { termOf } from './term-rows';
import { DICTIONARY_TYPES } from './dict-types';
import { FtsBulk } from './fts-bulk';

export interface SyncCounts {
  /** Rows new or changed in this run, per catalog and term query. */
  catalogs: Record<string, number>;
  /** Dictionary rows new or changed. */
  dictionaries: number;
  /** Change log entries written. */
  changes: number;
}

export interface SyncProgress {
  phase: 'files' | 'terms' | 'dictionaries' | 'done';
  /** The step in words, e.g. "1301 西药中成药". */
  step: string;
  /** Rows stored in this step so far, and how many the step has (when known). */
  done: number;
  total: number | null;
  /** 0..1 over the whole run. */
  fraction: number;
  counts: SyncCounts;
}

export interface SyncRepos {
  items: ItemsRepo;
  terms: TermsRepo;
  dict: DictRepo;
  changes: ChangesRepo;
}

export interface SyncOptions {
  client: CatalogTransport;
  db: Db;
  repos: SyncRepos;
  /** admdvs for 1901: the institution's region. */
  region: string;
  now: () => Date;
  log?: (line: string) => void;
  onProgress?: (p: SyncProgress) => void;
  catalogs?: string[];
  queries?: string[];
  dictionaryTypes?: string[];
  pageSize?: number;
  /** Rows per transaction while storing a file (the event loop breathes between them). */
  chunk?: number;
  /** Read-only calls are tried again after a lost answer: attempts and the first pause (doubling). */
  retry?: { attempts: number; delayMs: number };
  /** Asked before every unit: true stops the run there (closing the app); what is stored stays. */
  shouldStop?: () => boolean;
}

/** The run was stopped before its end (the app is closing); the next run goes on from here. */
export class SyncStoppedError extends Error {
  constructor() {
    super('catalog sync stopped');
    this.name = 'SyncStoppedError';
  }
}

const FIRST_SINCE = '2000-01-01';
/** A version of this many rows or more is stored in bulk (the search index rebuilt once). */
const BULK_FROM = 1000;

export class CatalogSyncRun {
  readonly counts: SyncCounts = { catalogs: {}, dictionaries: 0, changes: 0 };
  private stepIndex = 0;
  private fraction = 0;
  private readonly fts: FtsBulk;
  private readonly steps: number;
  private readonly o: Required<Omit<SyncOptions, 'log' | 'onProgress' | 'shouldStop'>> & Pick<SyncOptions, 'log' | 'onProgress' | 'shouldStop'>;

  constructor(opts: SyncOptions, readonly syncId: number) {
    this.o = {
      catalogs: Object.keys(FILE_CATALOGS), queries: Object.keys(TERM_QUERIES), dictionaryTypes: DICTIONARY_TYPES, pageSize: 1000, chunk: 2000,
      retry: { attempts: 4, delayMs: 1000 }, ...opts,
    };
    this.steps = this.o.catalogs.length + this.o.queries.length + 1;
    this.fts = new FtsBulk(this.o.db);
  }

  private stamp(): string {
    return chinaDateTime(this.o.now());
  }

  private progress(phase: SyncProgress['phase'], step: string, done: number, total: number | null): void {
    const within = total ? Math.min(1, done / total) : 0;
    // A step of several versions starts each at 0: the bar never moves back.
    this.fraction = Math.max(this.fraction, Math.min(1, (this.stepIndex + within) / this.steps));
    this.o.onProgress?.({ phase, step, done, total, fraction: this.fraction, counts: this.counts });
  }

  /** A read-only exchange, tried again when no usable answer came (a refusal is final). */
  private async attempt<T>(what: string, fn: () => Promise<T>): Promise<T> {
    for (let i = 1; ; i++) {
      if (this.o.shouldStop?.()) throw new SyncStoppedError();
      try {
        return await fn();
      } catch (err) {
        if (err instanceof BusinessRejectedError || i >= this.o.retry.attempts) throw err;
        this.o.log?.(`catalog sync: ${what} failed (${(err as Error).message}); trying again (${i}/${this.o.retry.attempts - 1})`);
        await new Promise((r) => setTimeout(r, this.o.retry.delayMs * 2 ** (i - 1)));
      }
    }
  }

  async run(): Promise<SyncCounts> {
    // A bulk store a crash cut off left the search index behind the rows: rebuilt first.
    if (this.fts.active()) this.fts.finish();
    for (const cat of this.o.catalogs) {
      await this.syncFile(cat);
      this.stepIndex++;
    }
    for (const q of this.o.queries) {
      await this.syncQuery(q);
      this.stepIndex++;
    }
    await this.syncDictionaries();
    this.stepIndex = this.steps;
    this.progress('done', '完成', 0, null);
    return this.counts;
  }

  private add(key: string, n: number): void {
    this.counts.catalogs[key] = (this.counts.catalogs[key] ?? 0) + n;
  }

  private async syncFile(cat: string): Promise<void> {
    const name = `${cat} ${FILE_CATALOGS[cat] ?? ''}`.trim();
    this.add(cat, 0);
    for (;;) {
      const held = this.o.repos.items.held(cat);
      const ver = held?.ver ?? '0';
      this.progress('files', name, 0, null);
      const rows = await this.attempt(`${cat} after version ${ver}`, async () => {
        const ref = await catalogFile(this.o.client, cat, ver);
        if (ref.count === 0) return [];
        return (await catalogFileRows(this.o.client, ref)).map((c) => readCatalogRow(cat, c)).filter((r): r is CatalogRow => !!r);
      });
      if (!rows.length) {
        if (held) this.o.db.transaction(() => this.o.repos.items.setComplete(cat, this.stamp()))();
        return;
      }
      const next = rows.reduce((m, r) => (r.ver > m ? r.ver : m), '');
      await this.storeRows(cat, name, rows, !!held?.complete);
      if (!next || next <= ver) {
        this.o.log?.(`catalog sync: ${cat} rows after version ${ver} carry no newer version (${next || 'none'}); stopped`);
        return;
      }
      this.o.db.transaction(() => this.o.repos.items.setVersion(cat, next, this.stamp()))();
      this.o.log?.(`catalog sync: ${cat} version ${next} stored (${rows.length} rows)`);
    }
  }

  /**
   * Stores a version's rows in chunks; changes logged once the catalog's first download is
   * complete. A big version is stored with the search index rebuilt once at its end (./fts-bulk.ts).
   */
  private async storeRows(cat: string, name: string, rows: CatalogRow[], logChanges: boolean): Promise<void> {
    const { items, changes } = this.o.repos;
    const bulk = rows.length >= BULK_FROM;
    for (let i = 0; i < rows.length; i += this.o.chunk) {
      const part = rows.slice(i, i + this.o.chunk);
      const now = this.stamp();
      let n = 0;
      this.o.db.transaction(() => {
        if (bulk && i === 0) this.fts.begin();
        for (const r of part) {
          const out = items.put(r, now);
          if (out === 'same') continue;
          n++;
          if (!logChanges || out === 'relabelled') continue;
          const kind = out === 'expired' || !r.valid ? 'expired' : out === 'new' ? 'new' : 'changed';
          changes.log(this.syncId, { code: r.code, catalog: cat, kind, after: kind === 'expired' ? r.end : r.name, effective: kind === 'expired' ? r.end : r.begin });
          this.counts.changes++;
        }
      })();
      this.add(cat, n);
      this.progress('files', name, Math.min(i + part.length, rows.length), rows.length);
      await new Promise((r) => setImmediate(r));
    }
    if (bulk) this.fts.finish();
  }

  private async syncQuery(q: string): Promise<void> {
    const name = `${q} ${TERM_QUERIES[q] ?? ''}`.trim();
    const { terms } = this.o.repos;
    this.add(q, 0);
    let state = terms.state(q) ?? { since: FIRST_SINCE, nextPage: 1, high: '' };
    // Until a first run has gone through every page the download is the baseline: nothing logged.
    const baseline = state.since === FIRST_SINCE;
    for (;;) {
      const page = state.nextPage;
      const filters = { updt_time: state.since, page_num: page, page_size: this.o.pageSize };
      const got = await this.attempt(`${q} page ${page}`, () => queryPage(this.o.client, q, filters));
      const last = got.rows.length < this.o.pageSize || (got.pages !== undefined && page >= got.pages);
      let high = state.high;
      this.o.db.transaction(() => {
        let n = 0;
        for (const row of got.rows) {
          const t = termOf(q, row);
          if (!t) continue;
          if (t.updt > high) high = t.updt;
          const out = terms.put(t);
          if (out.stored === 'same') continue;
          n++;
          if (out.previous && !baseline) this.logTerm(q, t, out.previous.value, out.previous.category);
        }
        this.add(q, n);
        const next = last ? { since: high ? high.slice(0, 10) : state.since, nextPage: 1, high: '' } : { since: state.since, nextPage: page + 1, high };
        terms.setState(q, next, this.stamp());
        state = next;
      })();
      this.progress('terms', name, page, got.pages ?? null);
      if (last) return;
      await new Promise((r) => setImmediate(r));
    }
  }

  private logTerm(q: string, t: ReturnType<typeof termOf> & object, before: string, beforeCategory: string): void {
    const kind = t.kind === 'class' ? 'class' : t.kind === 'ratio' ? 'ratio' : 'price';
    const show = (v: string, c: string) => (t.kind === 'class' ? `${v}/${c}` : v);
    const item = this.o.repos.items.get(t.code);
    this.o.repos.changes.log(this.syncId, { code: t.code, catalog: item?.catalog ?? q, kind, before: show(before, beforeCategory), after: show(t.value, t.category), effective: t.begin });
    this.counts.changes++;
  }

  private async syncDictionaries(): Promise<void> {
    const today = chinaDate(this.o.now());
    const types = this.o.dictionaryTypes;
    for (let i = 0; i < types.length; i++) {
      const type = types[i].toUpperCase();
      this.progress('dictionaries', `1901 字典 ${type}`, i, types.length);
      const got = await this.attempt(`1901 ${type}`, () => dictionary1901(this.o.client, type, today, this.o.region));
      if (!got.rows.length) {
        if (this.o.repos.dict.list(type).length) this.o.log?.(`catalog sync: 1901 ${type} answered no rows; the stored rows are kept`);
        continue;
      }
      const rows = got.rows.map((r) => ({ value: r.value, label: r.label, parent: r.parent, sort: r.sort ?? null, valid: r.valid }));
      this.o.db.transaction(() => {
        this.counts.dictionaries += this.o.repos.dict.replace(type, rows, this.stamp());
      })();
    }
  }
}
