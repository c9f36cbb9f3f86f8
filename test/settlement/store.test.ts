// The settle area's store: documents are immutable, the migrations 020-024 and 052 carry existing
// data forward (layers into the row, cancellation links, the year's burden into the ytd table,
// day-keyed documents, offline day totals, the outbox without AUTOINCREMENT).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../electron/store/db';
import { SettlementsRepo } from '../../electron/store/settlements';
import { SettlementNetworkRepo } from '../../electron/store/settlement-network';
import { YtdRepo } from '../../electron/store/ytd';
import { OutboxRepo } from '../../electron/store/outbox';

function db(): Database.Database {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'settle-store-'));
  return new Database(path.join(dir, 'x.db'));
}

const COLS = `id, receipt_no, kind, cancels_id, visit_ref, visit_source, person_no, person_name, id_number, insurance_type, insutype,
  insurance_region, identities, enrolled, region, cert_type, cert_no, visit_type, facility_level, visit_date, pack_id, pack_hash,
  total_fen, in_scope_fen, pre_self_pay_fen, full_self_pay_fen, funds_fen, account_fen, cash_fen, categories, lines, trace, ytd_delta,
  payment_method, operator_id, card_free, mode, business_date, created_at`;

function insertDoc(d: Database.Database, id: string, kind: string, cancels: string | null, total: number) {
  d.prepare(`INSERT INTO settlements (${COLS}) VALUES (?, ?, ?, ?, 'V1', 'manual', 'P1', '张三', '370303195803120316', 'resident', '390',
    '370300', '[]', '[]', '370300', 'ssCard', 'M1', 'outpatient', 'township', '2020-06-15', 'zibo-2020', 'sha256:x',
    ?, ?, 0, 0, 0, 0, ?, '{"byCategory":{},"byClass":{}}', '[]', '[]', '{"year":2020,"keys":{},"burden":{"inpatientFen":0,"chronicFen":0}}',
    'cash', 'op', 0, 'offline', '2020-06-15', '2020-06-15T01:00:00Z')`).run(id, `R${id.slice(1)}`, kind, cancels, total, total, total);
}

describe('settle store', () => {
  it('refuses to change or delete a settlement document', () => {
    const d = db();
    migrate(d, loadMigrations());
    insertDoc(d, 'S01202006150001', 'settlement', null, 1000);
    expect(() => d.prepare("UPDATE settlements SET total_fen = 1 WHERE id = 'S01202006150001'").run()).toThrow(/immutable/);
    expect(() => d.prepare("DELETE FROM settlements WHERE id = 'S01202006150001'").run()).toThrow(/never deleted/);
    expect(new SettlementsRepo(d).byReceiptNo('R01202006150001')?.totalFen).toBe(1000);
  });

  it('migrates data written under 020-022 to the current schema', () => {
    const d = db();
    const all = loadMigrations();
    migrate(d, all.filter((m) => m.version <= 22));
    insertDoc(d, 'S01202006150001', 'settlement', null, 1000);
    insertDoc(d, 'S01202006150002', 'cancellation', 'S01202006150001', -1000);
    d.prepare("INSERT INTO settlement_layers VALUES ('S01202006150001', 0, 'basic', '统筹', 'basicOutpatient', 1000, 400, 'trace a')").run();
    d.prepare("INSERT INTO settlement_layers VALUES ('S01202006150001', 1, 'critical', '大病', 'critical', 600, 100, 'trace b')").run();
    d.prepare("INSERT INTO settlement_network (settlement_id, state, updated_at) VALUES ('S01202006150001', 'confirmed', 'x')").run();
    d.prepare("INSERT INTO ytd VALUES ('P1', 2020, 'basicOutpatient', 1000, 400, 600)").run();
    d.prepare("INSERT INTO ytd_burden VALUES ('P1', 2020, 0, 350)").run();
    migrate(d, all);
    const repo = new SettlementsRepo(d);
    expect(repo.get('S01202006150001')!.layers.map((l) => [l.key, l.amountFen, l.trace])).toEqual([['basic', 400, 'trace a'], ['critical', 100, 'trace b']]);
    expect(repo.cancellationOf('S01202006150001')?.id).toBe('S01202006150002');
    expect(new SettlementNetworkRepo(d, () => new Date()).get('S01202006150002')?.state).toBe('pending');
    const book = new YtdRepo(d).book('P1', 2020);
    expect(book.keys).toEqual({ basicOutpatient: { baseFen: 1000, paidFen: 400, burdenFen: 600 } });
    expect(book.burden).toEqual({ inpatientFen: 0, chronicFen: 350 });
    expect(repo.nextDaySeq('2020-06-15')).toBe(3);
  });
});

describe('migration 052 (settlement keys, offline totals, outbox without AUTOINCREMENT)', () => {
  function docAt(d: Database.Database, id: string, o: { kind?: string; cancels?: string; person?: string; mode?: string; day: string; total: number }) {
    d.prepare(`INSERT INTO settlements (${COLS}) VALUES (?, ?, ?, ?, 'V' || ?, 'manual', ?, '张三', '370303195803120316', 'resident', '390',
      '370300', '[]', '[]', '370300', 'ssCard', 'M1', 'outpatient', 'township', ?, 'zibo-2020', 'sha256:x',
      ?, ?, 0, 0, 0, 0, ?, '{"byCategory":{},"byClass":{}}', '[]', '[]', '{"year":2020,"keys":{},"burden":{"inpatientFen":0,"chronicFen":0}}',
      'cash', 'op', 0, ?, ?, ?)`).run(
      id, `R${id.slice(1)}`, o.kind ?? 'settlement', o.cancels ?? null, id, o.person ?? 'P1', o.day, o.total, o.total, o.total,
      o.mode ?? 'offline', o.day, `${o.day}T01:00:00Z`,
    );
  }

  it('carries documents, counters, offline totals, outbox, msgids and dead letters over', () => {
    const d = db();
    d.pragma('foreign_keys = ON');
    const all = loadMigrations();
    migrate(d, all.filter((m) => m.version < 52));
    docAt(d, 'S01202006150001', { day: '2020-06-15', total: 1000 });
    docAt(d, 'S01202006150002', { day: '2020-06-15', total: 500 });
    docAt(d, 'S01202006150003', { day: '2020-06-15', total: 300, mode: 'online' });
    docAt(d, 'S01202006150004', { day: '2020-06-15', total: 700, person: 'P2' });
    docAt(d, 'S01202006160001', { day: '2020-06-16', total: -500, kind: 'cancellation', cancels: 'S01202006150002' });
    d.prepare("INSERT INTO settlement_network (settlement_id, state, updated_at, cancelled_by) VALUES ('S01202006150002', 'cancelled', 'x', 'S01202006160001')").run();
    d.prepare("INSERT INTO settlement_counters (business_date, seq) VALUES ('2020-06-15', 6), ('2020-06-16', 1)").run();
    d.prepare("INSERT INTO visit_claims (visit_ref, settlement_id) VALUES ('VS01202006150001', 'S01202006150001')").run();
    const ob = d.prepare(`INSERT INTO outbox (settlement_id, person_no, step, infno, state, msgid, created_at, updated_at)
      VALUES (?, 'P1', ?, '2201', ?, ?, 'x', 'x')`);
    ob.run('S01202006150001', 'register', 'done', 'M1');
    ob.run('S01202006150001', 'fees', 'dead', 'M2');
    ob.run('S01202006150001', 'settle', 'held', null);
    ob.run('S01202006150004', 'register', 'queued', null);
    d.prepare("INSERT INTO outbox_msgids (msgid, outbox_id, infno, created_at) VALUES ('M1', 1, '2201', 'x'), ('M2', 2, '2204', 'x')").run();
    d.prepare("INSERT INTO dead_letters (outbox_id, settlement_id, code, message, created_at) VALUES (2, 'S01202006150001', 'E1', 'bad', 'x')").run();
    d.prepare("INSERT INTO ytd VALUES ('P1', 2020, 'basic', 1000, 400, 600)").run();

    migrate(d, all);
    expect(d.pragma('foreign_key_check')).toEqual([]);
    expect(d.pragma('integrity_check', { simple: true })).toBe('ok');
    const keys = d.prepare('SELECT doc_key, id FROM settlements ORDER BY doc_key').all();
    // The day's last document keeps the counter's number; the others precede it in written order.
    expect(keys).toEqual([
      { doc_key: 202006150000003, id: 'S01202006150001' }, { doc_key: 202006150000004, id: 'S01202006150002' },
      { doc_key: 202006150000005, id: 'S01202006150003' }, { doc_key: 202006150000006, id: 'S01202006150004' },
      { doc_key: 202006160000001, id: 'S01202006160001' },
    ]);
    const repo = new SettlementsRepo(d);
    expect(repo.nextDaySeq('2020-06-15')).toBe(7);
    expect(repo.nextDaySeq('2020-06-16')).toBe(2);
    expect(repo.nextDaySeq('2020-06-17')).toBe(1);
    expect(repo.get('S01202006150004')?.totalFen).toBe(700);
    expect(repo.cancellationOf('S01202006150002')?.id).toBe('S01202006160001');
    expect(repo.claimOf('VS01202006150001')).toBe('S01202006150001');
    expect(repo.search({ dateFrom: '2020-06-16', dateTo: '2020-06-16' }).map((x) => x.id)).toEqual(['S01202006160001']);
    expect(() => d.prepare("UPDATE settlements SET total_fen = 1 WHERE id = 'S01202006150001'").run()).toThrow(/immutable/);
    expect(() => d.prepare("DELETE FROM settlements WHERE id = 'S01202006150001'").run()).toThrow(/never deleted/);
    // Offline totals: cancelled and online settlements do not count.
    const ytd = new YtdRepo(d);
    expect(ytd.offlineTotalFen('P1', '2020-06-15')).toBe(1000);
    expect(ytd.offlineTotalFen('P2', '2020-06-15')).toBe(700);
    expect(ytd.offlineTotalFen('P1', '2020-06-16')).toBe(0);
    expect(ytd.book('P1', 2020).keys).toEqual({ basic: { baseFen: 1000, paidFen: 400, burdenFen: 600 } });
    // The outbox keeps its ids, states, msgids and dead letters; new messages continue after them.
    const outbox = new OutboxRepo(d, () => new Date('2020-06-17T00:00:00Z'));
    expect(outbox.forSettlement('S01202006150001').map((m) => [m.id, m.state, m.msgid])).toEqual([[1, 'done', 'M1'], [2, 'dead', 'M2'], [3, 'held', undefined]]);
    expect(outbox.msgidsOf(2)).toEqual(['M2']);
    expect(outbox.deadLetters().map((x) => [x.outboxId, x.code])).toEqual([[2, 'E1']]);
    expect(outbox.heads(8, () => false, Date.now()).due.map((m) => m.id)).toEqual([4]);
    expect(outbox.enqueue('S01202006150004', 'P2', [{ step: 'fees', infno: '2204' }, { step: 'settle', infno: '2207' }])).toEqual([5, 6]);
    expect(d.prepare("SELECT COUNT(*) AS n FROM sqlite_sequence WHERE name = 'outbox'").get()).toEqual({ n: 0 });
  });
});
