// center.*: the center store on a throwaway PostgreSQL (started here, removed after).
//   center.replicate_per_s      settlements per second reaching the center (document, its confirmed
//                               network record, the year-to-date rows) from 3 windows replicating at
//                               once, each from its own SQLite outbox, in batches of 200
//   center.replicate_one_window_per_s   the same from one window alone
//   center.reconcile_day_ms     the center-wide reconciliation of one day of 5,000 settlements of 3
//                               windows: the center's read of the day, 3201 per clearing group and
//                               3202 with all 5,000 rows against the built-in simulator (which does
//                               not hold these copied records, so it answers them unbalanced: the
//                               same work as a balanced day)
//   center.reconcile_read_ms    of which the center's read of the day's records
//   center.bytes_per_settlement the center database's size over the settlements it holds
// The documents are real ones (the engine's result committed by commitSettlement, as the service
// does), copied under new ids and persons, confirmed by "the network" with today's date.
import crypto from 'node:crypto';
import type { BenchSuite } from './registry';
import { benchWindow, type BenchWindow } from './settle-setup';
import { chaosPersons, chaosVisit } from '../../electron/cli/chaos-visits';
import { PolicyRegistry } from '../../electron/policy/store';
import { computeSettlement } from '../../electron/settlement/compute';
import { commitSettlement } from '../../electron/settlement/commit';
import { documentNumbers, settlementDoc } from '../../electron/settlement/documents';
import type { StoredPerson } from '../../electron/store/settlements';
import type { ConfirmedAmounts } from '../../electron/store/settlement-network';
import { silentLogger } from '../../electron/platform/logger';
import { DEFAULT_INSTITUTION } from '../../electron/platform/institution';
import { chinaDate } from '../../electron/core/time';
import { CenterLink, centerKey } from '../../electron/center/link';
import { centerRecords, reconcileCenter } from '../../electron/center/reconcile';
import { MsgIdSource, createNetworkClient } from '../../electron/network/client';
import { startPlatformSimulator } from '../../electron/network/simulator';
import { startPgCluster } from '../center/pg-cluster';

const DAY_DOCS = Number(process.env.BENCH_CENTER_DAY ?? 5000);
const WINDOWS = 3;

interface LinkedBench {
  w: BenchWindow;
  link: CenterLink;
}

function linked(url: string, n: number, institutionCode = DEFAULT_INSTITUTION.code): LinkedBench {
  const w = benchWindow();
  const link = new CenterLink({
    db: w.db, log: silentLogger, now: () => new Date(), url, windowId: crypto.randomUUID(),
    institution: () => ({ ...DEFAULT_INSTITUTION, code: institutionCode, terminalNo: String(n).padStart(2, '0') }),
    adoptTerminal: () => undefined, settled: () => true,
  });
  // Linked before the commits: the triggers write the outbox in each commit, as in a linked window.
  link.local.establish(centerKey(url), link.local.link()?.windowId ?? crypto.randomUUID(), new Date().toISOString());
  return { w, link };
}

/** Commits `count` settlements at the window, each confirmed by the network today (in their own transactions, as the forwarder does). */
function fill(b: LinkedBench, count: number, tag: string): void {
  const pack = new PolicyRegistry(b.w.dir).choose('370300', '2020-06-15', '370303')!;
  const persons = chaosPersons();
  const day = chinaDate(new Date());
  const inst = DEFAULT_INSTITUTION;
  for (let i = 1; i <= count; i++) {
    const v = chaosVisit('CB', 1 + (i % 40));
    const p = persons[i % persons.length];
    const computed = computeSettlement({
      pack, person: { insuranceType: p.insuranceType, identities: p.identities, enrolled: p.enrolled, region: p.region, accountBalance: '0' },
      visit: { type: v.type, facilityLevel: 'township', date: v.date, lines: v.lines }, book: { year: 2020, keys: {}, burden: { inpatientFen: 0, chronicFen: 0 } }, useAccount: false,
    });
    const person: StoredPerson = {
      personNo: `C${tag}${String(i % 2000).padStart(12, '0')}`, name: p.name, idNumber: p.idNumber, insuranceType: p.insuranceType,
      insutype: '390', insuranceRegion: p.region, identities: p.identities, enrolled: p.enrolled, region: p.region, certType: 'ssCard', certNo: p.card.cardNumber,
    };
    const now = new Date();
    const doc = commitSettlement(b.w.db, b.w.repos, {
      businessDate: day, steps: [],
      build: (seq) => settlementDoc({
        numbers: documentNumbers(tag, day, seq), person, visit: { ref: `CB${tag}-${i}`, source: 'manual', type: v.type, facilityLevel: 'township', date: v.date },
        computed, adjustmentFen: 0, payment: { method: 'cash' }, operatorId: 'bench', cardFree: false, mode: i % 5 === 0 ? 'offline' : 'online',
        personFetchedAt: now.toISOString(), businessDate: day, createdAt: now.toISOString(),
      }),
    });
    b.w.repos.network.confirm(doc.id, `N${tag}${String(i).padStart(10, '0')}`, {
      totalFen: doc.totalFen, fundsFen: doc.fundsFen, accountFen: doc.accountFen, cashFen: doc.cashFen, layers: {}, date: day,
      // As the network sends them with each settlement (forwarder/confirm.ts): the clearing group.
      insutype: '390', clearing: { type: '11', way: '01', institution: inst.region },
    } as ConfirmedAmounts);
  }
}

async function replicate(links: LinkedBench[]): Promise<number> {
  const docs = links.reduce((a, b) => a + (b.w.db.prepare("SELECT COUNT(*) AS n FROM center_outbox WHERE kind = 'settlement'").get() as { n: number }).n, 0);
  const t0 = process.hrtime.bigint();
  await Promise.all(links.map((b) => b.link.drain(600_000)));
  return docs / (Number(process.hrtime.bigint() - t0) / 1e9);
}

export const suite: BenchSuite = {
  name: 'center',
  async run() {
    const cluster = await startPgCluster();
    const sim = await startPlatformSimulator({ port: 0 });
    const all: LinkedBench[] = [];
    try {
      // The lone window is another institution's: the day reconciled below is the three windows' own.
      const one = linked(cluster.url, 9, 'H37030300999');
      all.push(one);
      fill(one, 1000, '09');
      const onePerS = await replicate([one]);
      const three = [1, 2, 3].map((n) => linked(cluster.url, n));
      all.push(...three);
      three.forEach((b, i) => fill(b, Math.ceil(DAY_DOCS / WINDOWS), String(i + 1).padStart(2, '0')));
      const perS = await replicate(three);

      const inst = DEFAULT_INSTITUTION;
      const msgids = new MsgIdSource({ db: one.w.db, institutionCode: inst.code, terminalNo: '99' });
      const client = createNetworkClient(
        { endpoint: sim.url, institutionCode: inst.code, institutionName: inst.name, region: inst.region, receiverSystemCode: 'MBS_LOCAL', interfaceVersion: 'V1.0', operatorType: '1', operatorCode: 'BENCH', operatorName: '基准测试', terminalNo: '99', timeoutMs: 60_000 },
        { msgids },
      );
      const day = chinaDate(new Date());
      const o = { institutionCode: inst.code, region: inst.region, day };
      const r0 = process.hrtime.bigint();
      const read = await centerRecords(three[0].link.pool, inst.code, day, inst.region);
      const readMs = Number(process.hrtime.bigint() - r0) / 1e6;
      const t0 = process.hrtime.bigint();
      const r = await reconcileCenter(three[0].link.pool, client, o);
      const dayMs = Number(process.hrtime.bigint() - t0) / 1e6;
      if (r.records !== read.length) throw new Error(`reconciliation read ${r.records} records, expected ${read.length}`);
      const failed = r.mismatches.find((m) => m.kind === 'error');
      if (failed) throw new Error(`the reconciliation did not run: ${failed.memo}`);
      const size = await three[0].link.pool.query<{ bytes: string; n: string }>(
        'SELECT pg_database_size(current_database()) AS bytes, (SELECT COUNT(*) FROM settlements) AS n',
      );
      return {
        'center.bytes_per_settlement': Math.round(Number(size.rows[0].bytes) / Number(size.rows[0].n)),
        'center.replicate_per_s': Math.round(perS),
        'center.replicate_one_window_per_s': Math.round(onePerS),
        'center.reconcile_day_ms': Math.round(dayMs),
        'center.reconcile_read_ms': Math.round(readMs),
        'center.reconcile_day_records': r.records,
      };
    } finally {
      for (const b of all) {
        await b.link.close();
        await b.w.close();
      }
      await sim.close();
      cluster.stop();
    }
  },
};
