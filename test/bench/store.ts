// store.commit_per_s: durable settlements committed per second: the settlement document, visit
// claim, year-to-date (and offline day total) and outbox messages in one transaction
// (commitSettlement, the write the service does), beside store.sqlite_raw_commit_per_s: plain
// single-row commits with the same durability and store settings (WAL, synchronous=FULL, page
// size, journal size limit and checkpoint interval read from the settle store), interleaved in
// rounds so a busy disk affects both alike. The ratio is the figure (target at least 0.5).
// store.sqlite_raw_doc_commit_per_s / store.commit_ratio_doc_row: the same plain commit with a row
// the size of a settlement document (its JSON), for a like-for-like view of the floor.
// store.settle_service_per_s: the whole settlement service call (engine, limits, write, read back).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { BenchSuite } from './registry';
import { benchWindow, cachePerson, type BenchWindow } from './settle-setup';
import { chaosPersons, chaosVisit } from '../../electron/cli/chaos-visits';
import { PolicyRegistry } from '../../electron/policy/store';
import { computeSettlement, type Computed } from '../../electron/settlement/compute';
import { commitSettlement } from '../../electron/settlement/commit';
import { documentNumbers, settlementDoc } from '../../electron/settlement/documents';
import type { StoredPerson } from '../../electron/store/settlements';

const ROUNDS = Number(process.env.BENCH_STORE_ROUNDS ?? 12);
const ROUND_MS = 250;

/** The durability and page settings a plain committer copies from the settle store. */
const SETTINGS = ['page_size', 'journal_mode', 'synchronous', 'journal_size_limit', 'wal_autocheckpoint'] as const;

function rawCommitter(like: Database.Database, payload: (n: number) => string): { round(ms: number): [number, number]; close(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'settle-raw-'));
  const db = new Database(path.join(dir, 'raw.db'));
  for (const k of SETTINGS) db.pragma(`${k} = ${like.pragma(k, { simple: true })}`);
  for (const k of SETTINGS) {
    if (db.pragma(k, { simple: true }) !== like.pragma(k, { simple: true })) throw new Error(`raw committer: ${k} differs from the settle store`);
  }
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)');
  const ins = db.prepare('INSERT INTO t (v) VALUES (?)');
  const one = db.transaction((v: string) => ins.run(v));
  let n = 0;
  return {
    round(ms) {
      const t0 = process.hrtime.bigint();
      const end = Date.now() + ms;
      let k = 0;
      while (Date.now() < end) one(payload(n++)), k++;
      return [k, Number(process.hrtime.bigint() - t0) / 1e9];
    },
    close() {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function settlementCommitter(w: BenchWindow): { round(ms: number): [number, number]; rows: string[] } {
  const pack = new PolicyRegistry(w.dir).choose('370300', '2020-06-15', '370303')!;
  const persons = chaosPersons();
  const variants: { computed: Computed; person: StoredPerson; type: 'outpatient' | 'inpatient'; date: string }[] = [];
  for (let i = 1; i <= 40; i++) {
    const v = chaosVisit('BV', i);
    const p = persons[i % persons.length];
    const computed = computeSettlement({
      pack, person: { insuranceType: p.insuranceType, identities: p.identities, enrolled: p.enrolled, region: p.region, accountBalance: '0' },
      visit: { type: v.type, facilityLevel: 'township', date: v.date, lines: v.lines }, book: { year: 2020, keys: {}, burden: { inpatientFen: 0, chronicFen: 0 } }, useAccount: false,
    });
    const person: StoredPerson = {
      personNo: `BENCH${String(i).padStart(15, '0')}`, name: p.name, idNumber: p.idNumber, insuranceType: p.insuranceType,
      insutype: '390', insuranceRegion: p.region, identities: p.identities, enrolled: p.enrolled, region: p.region, certType: 'ssCard', certNo: p.card.cardNumber,
    };
    variants.push({ computed, person, type: v.type as 'outpatient' | 'inpatient', date: v.date });
  }
  const doc = (v: (typeof variants)[number], ref: string, seq: number, now: Date) => settlementDoc({
    numbers: documentNumbers('01', '2020-06-15', seq), person: v.person,
    visit: { ref, source: 'manual', type: v.type, facilityLevel: 'township', date: v.date }, computed: v.computed,
    adjustmentFen: 0, payment: { method: 'cash' }, operatorId: 'bench', cardFree: false, mode: 'offline',
    personFetchedAt: now.toISOString(), businessDate: '2020-06-15', createdAt: now.toISOString(),
  });
  let n = 0;
  return {
    round(ms) {
      const t0 = process.hrtime.bigint();
      const end = Date.now() + ms;
      let k = 0;
      while (Date.now() < end) {
        const v = variants[n % variants.length];
        const ref = `BC${n++}`;
        const now = new Date();
        commitSettlement(w.db, w.repos, { businessDate: '2020-06-15', warnings: v.computed.result.warnings, build: (seq) => doc(v, ref, seq, now) });
        k++;
      }
      return [k, Number(process.hrtime.bigint() - t0) / 1e9];
    },
    /** Each variant's document as JSON: the size of what a settlement stores. */
    rows: variants.map((v, i) => JSON.stringify(doc(v, `BR${i}`, 1, new Date()))),
  };
}

async function serviceRate(w: BenchWindow, seconds: number): Promise<number> {
  const persons = chaosPersons();
  for (let i = 0; i < 100; i++) cachePerson(w, persons[i % persons.length], `SVC${String(i).padStart(17, '0')}`);
  const end = Date.now() + seconds * 1000;
  const t0 = process.hrtime.bigint();
  let n = 0;
  while (Date.now() < end) {
    const v = chaosVisit('BS', n + 1);
    await w.service.settle({
      person: { personNo: `SVC${String(n % 100).padStart(17, '0')}`, certType: 'ssCard', certNo: 'x' },
      visit: { ref: v.ref, type: v.type, date: v.date, lines: v.lines }, payment: { method: 'cash' }, operatorId: 'bench',
    });
    n++;
  }
  return n / (Number(process.hrtime.bigint() - t0) / 1e9);
}

export const suite: BenchSuite = {
  name: 'store',
  async run() {
    const w = benchWindow();
    const settle = settlementCommitter(w);
    const raw = rawCommitter(w.db, (n) => `row ${n}`);
    const rawDoc = rawCommitter(w.db, (n) => settle.rows[n % settle.rows.length] + n);
    try {
      let rawN = 0, rawS = 0, setN = 0, setS = 0, docN = 0, docS = 0;
      for (let i = 0; i < ROUNDS; i++) {
        const [a, b] = raw.round(ROUND_MS);
        const [c, d] = settle.round(ROUND_MS);
        const [e, f] = rawDoc.round(ROUND_MS);
        rawN += a, rawS += b, setN += c, setS += d, docN += e, docS += f;
      }
      const outbox = w.db.prepare('SELECT COUNT(*) AS n FROM outbox').get() as { n: number };
      if (outbox.n < setN * 3) throw new Error(`the outbox should hold every settlement's messages (${outbox.n} for ${setN})`);
      const commit = setN / setS;
      const rawRate = rawN / rawS;
      const rawDocRate = docN / docS;
      const service = await serviceRate(w, 2);
      return {
        'store.commit_per_s': Math.round(commit),
        'store.sqlite_raw_commit_per_s': Math.round(rawRate),
        'store.commit_ratio': Math.round((commit / rawRate) * 100) / 100,
        'store.sqlite_raw_doc_commit_per_s': Math.round(rawDocRate),
        'store.commit_ratio_doc_row': Math.round((commit / rawDocRate) * 100) / 100,
        'store.settle_service_per_s': Math.round(service),
      };
    } finally {
      raw.close();
      rawDoc.close();
      await w.close();
    }
  },
};
