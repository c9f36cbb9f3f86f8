// Reads that do not grow with history, on a real store: a day's reconciliation reads that day's
// documents only (the network's day, 072), their own fields without unpacking their bodies, and
// gives the event loop a turn while it reads them; the run's view names receipts the same way;
// the settled view's warnings and the queue's counts come from indexes and counters.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/store/db';
import { createRepos } from '../../electron/settlement/repos';
import { Reconciler, runView } from '../../electron/network/reconcile';
import { silentLogger } from '../../electron/platform/logger';
import { DEFAULT_INSTITUTION } from '../../electron/platform/institution';
import type { SettlementDoc } from '../../electron/store/settlements';

const now = () => new Date('2020-06-15T08:00:00Z');

function doc(id: string, day: string): SettlementDoc {
  return {
    id, receiptNo: `R${id.slice(1)}`, kind: 'settlement', visitRef: `V${id}`, visitSource: 'manual',
    person: { personNo: 'P1', name: '张建国', idNumber: '370303195803120316', insuranceType: 'resident', insutype: '390', insuranceRegion: '370300', identities: [], enrolled: [], region: '370300', certType: 'ssCard', certNo: 'M1' },
    visitType: 'outpatient', facilityLevel: 'township', visitDate: day, packId: 'zibo-2020', packHash: 'sha256:x', totalFen: 1000, inScopeFen: 1000,
    preSelfPayFen: 0, fullSelfPayFen: 0, fundsFen: 600, accountFen: 0, cashFen: 400, adjustmentFen: 0, categories: { byCategory: {}, byClass: {} },
    lines: [], trace: [], ytdDelta: { year: 2020, keys: {}, burden: { inpatientFen: 0, chronicFen: 0 } }, payment: { method: 'cash' },
    operatorId: 'c01', cardFree: false, mode: 'online', businessDate: day, createdAt: `${day}T01:00:00.000Z`, layers: [],
  };
}

describe('reads bounded by the day', () => {
  it('reconciles a day from that day\'s records, yielding the event loop while it reads them', async () => {
    const db = openDatabase(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'settle-reads-')), 'settle.db'));
    const repos = createRepos(db, now);
    const put = (day: string, n: number, netDay: string) => {
      db.transaction(() => {
        for (let i = 1; i <= n; i++) {
          const d = doc(`S01${day.replace(/-/g, '')}${String(i).padStart(4, '0')}`, day);
          repos.settlements.insert(d, i);
          repos.network.confirm(d.id, `N${d.id}`, { totalFen: 1000, fundsFen: 600, accountFen: 0, cashFen: 400, layers: {}, date: netDay });
        }
      })();
    };
    put('2020-06-13', 300, '2020-06-13');
    put('2020-06-14', 450, '2020-06-15'); // settled offline on the 14th, booked by the network on the 15th
    put('2020-06-15', 10, '2020-06-15');
    const order: string[] = [];
    // The sums need each document's own fields only: its packed body (lines, trace) is never unpacked.
    const head = repos.settlements.head.bind(repos.settlements);
    repos.settlements.head = (id: string) => (order.push('doc'), head(id));
    const get = repos.settlements.get.bind(repos.settlements);
    repos.settlements.get = (id: string) => (order.push('body'), get(id));
    const r = new Reconciler({ db, repos, client: () => undefined, now, log: silentLogger, institution: () => DEFAULT_INSTITUTION });
    setImmediate(() => order.push('turn'));
    const runId = await r.run('2020-06-15', '2020-06-15', 'c01');
    expect(repos.reconcile.get(runId)?.local).toMatchObject({ count: 460, medfeeFen: 460_000 });
    expect(order.filter((x) => x === 'doc')).toHaveLength(460);
    expect(order.filter((x) => x === 'body')).toHaveLength(0);
    // Not every document before the first turn: the loop got one while the day was read.
    expect(order.indexOf('turn')).toBeGreaterThan(0);
    expect(order.indexOf('turn')).toBeLessThan(460);

    // A settlement of the day not yet sent: listed with its receipt number, its body still not unpacked.
    const unsent = doc('S01202006150011', '2020-06-15');
    repos.settlements.insert(unsent, 11);
    order.length = 0;
    const again = await r.run('2020-06-15', '2020-06-15', 'c01');
    const view = runView(repos.reconcile.get(again)!, repos.reconcile.mismatches(again), repos.settlements);
    expect(view.mismatches.find((m) => m.kind === 'unsent')).toMatchObject({ settlementId: unsent.id, receiptNo: unsent.receiptNo });
    expect(order.filter((x) => x === 'body')).toHaveLength(0);
    db.close();
  });
});
