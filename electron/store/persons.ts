// The person cache: the network's person data (1101) as last fetched, with the time it was
// fetched, found again by any certificate it was looked up with (offline settlement).
import type { Db } from './db';
import type * as v from 'valibot';
import { stmt } from './stmt';
import { jsonObject, readStored, type StoredColumn } from './stored-json';

const DATA: StoredColumn = { table: 'person_cache', tableZh: '人员信息缓存', field: 'data', fieldZh: '人员信息' };

export interface CachedPerson<T> {
  personNo: string;
  data: T;
  fetchedAt: string;
}

export class PersonCacheRepo<T = unknown> {
  /**
   * `schema`: what the cached data is (the network client's person). Without one only its being a
   * JSON object is checked (the settle area's repo, until it passes one).
   */
  constructor(private readonly db: Db, private readonly schema?: v.GenericSchema<unknown, T>) {}

  /** Stores the person and the certificates that identify them. */
  put(personNo: string, data: T, fetchedAt: string, certs: { type: string; no: string }[]): void {
    this.db.transaction(() => {
      stmt(this.db, 
          `INSERT INTO person_cache (person_no, data, fetched_at) VALUES (?, ?, ?)
           ON CONFLICT (person_no) DO UPDATE SET data = excluded.data, fetched_at = excluded.fetched_at`,
        )
        .run(personNo, JSON.stringify(data), fetchedAt);
      const key = stmt(this.db, 
        `INSERT INTO person_cache_keys (cert_type, cert_no, person_no) VALUES (?, ?, ?)
         ON CONFLICT (cert_type, cert_no) DO UPDATE SET person_no = excluded.person_no`,
      );
      for (const c of certs) if (c.no) key.run(c.type, c.no, personNo);
    })();
  }

  get(personNo: string): CachedPerson<T> | undefined {
    const r = stmt(this.db, 'SELECT * FROM person_cache WHERE person_no = ?').get(personNo) as
      | { person_no: string; data: string; fetched_at: string }
      | undefined;
    if (!r) return undefined;
    const data = this.schema ? readStored(DATA, this.schema, r.data, r.person_no) : (readStored(DATA, jsonObject(), r.data, r.person_no) as T);
    return { personNo: r.person_no, data, fetchedAt: r.fetched_at };
  }

  find(certType: string, certNo: string): CachedPerson<T> | undefined {
    const r = stmt(this.db, 'SELECT person_no FROM person_cache_keys WHERE cert_type = ? AND cert_no = ?').get(certType, certNo) as
      | { person_no: string }
      | undefined;
    return r ? this.get(r.person_no) : undefined;
  }
}
