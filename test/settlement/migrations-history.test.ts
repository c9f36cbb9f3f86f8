// Migrations 070-078 (costs that do not grow with history): each brought up on a store holding real
// rows written in the format before it (documents as JSON columns, confirmed records, queued, done,
// dead and unknown messages, receipts, settled and waiting HIS visits, msgids), and the rows checked
// on the other side with the repositories that read them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { loadMigrations, migrate, schemaVersion } from '../../electron/store/db';
import { SettlementsRepo, type SettlementDoc } from '../../electron/store/settlements';
import { SettlementNetworkRepo } from '../../electron/store/settlement-network';
import { OutboxRepo } from '../../electron/store/outbox';
import { DifferencesRepo } from '../../electron/store/differences';
import { ReceiptsRepo } from '../../electron/print/repo';
import { VisitStore } from '../../electron/his/visit-store';
import { isPacked } from '../../electron/store/packed';

const all = loadMigrations();
const upTo = (v: number) => all.filter((m) => m.version <= v);
const now = () => new Date('2020-06-17T02:00:00Z');

const LINES = [
  { lineNo: '1', code: '001101000010000', name: '一般诊疗费', hospCode: 'ZC0002', quantity: '1', unitPrice: '10.00', amountFen: 1000, class: 'A', selfPayRatio: '0', category: '12', time: '2020-06-15 09:10:00' },
  { lineNo: '2', code: 'XC08CAA124A001010104123', name: '氨氯地平口服常释剂型', hospCode: 'YP0007', quantity: '84', unitPrice: '0.1530', amountFen: 1285, class: 'A', selfPayRatio: '0', category: '09', time: '2020-06-15 09:25:00' },
];
const LAYERS = [{ key: 'basic', name: '基本医保门诊统筹', ytdKey: 'basicOutpatient', baseFen: 2285, amountFen: 1371, trace: '基本医保门诊统筹：政策范围内费用 22.85 元；报销比例 60%；支付 13.71 元' }];
const TRACE = ['门诊，乡镇级医疗机构：总费用 22.85 元', LAYERS[0].trace, '各项报销合计 13.71 元；个人现金支付 9.14 元'];

/** A document as written before 075: every JSON part in its own column. */
function legacyDoc(db: Database.Database, id: string, personNo: string, name: string, day: string, extra: { kind?: string; cancels?: string } = {}): void {
  const cols = `doc_key, id, receipt_no, kind, cancels_id, visit_ref, visit_source, person_no, person_name, id_number, insurance_type, insutype,
    insurance_region, identities, enrolled, region, cert_type, cert_no, visit_type, facility_level, visit_date, pack_id, pack_hash,
    total_fen, in_scope_fen, pre_self_pay_fen, full_self_pay_fen, funds_fen, account_fen, cash_fen, adjustment_fen, categories, lines,
    trace, ytd_delta, payment_method, operator_id, card_free, mode, business_date, created_at, layers`;
  const docKey = Number(day.replace(/-/g, '')) * 10_000_000 + Number(id.slice(-4));
  db.prepare(`INSERT INTO settlements (${cols}) VALUES (${cols.split(',').map(() => '?').join(', ')})`).run(
    docKey, id, `R${id.slice(1)}`, extra.kind ?? 'settlement', extra.cancels ?? null, `V${id}`, 'his', personNo, name, '370303195803120316',
    'resident', '390', '370300', '["poverty"]', '[]', '370300', 'ssCard', 'M10000001', 'outpatient', 'township', day, 'zibo-2020', 'sha256:x',
    2285, 2285, 0, 0, 1371, 0, 914, 0, JSON.stringify({ byCategory: { '12': 1000, '09': 1285 }, byClass: { A: 2285 } }), JSON.stringify(LINES),
    JSON.stringify(TRACE), JSON.stringify({ year: 2020, keys: {}, burden: { inpatientFen: 0, chronicFen: 0 } }), 'cash', 'c01', 0, 'online', day,
    `${day}T01:30:00.000Z`, JSON.stringify(LAYERS),
  );
}

/** A store at 061 (the last version before these) holding rows of every kind these migrations touch. */
function oldStore(): Database.Database {
  const d = new Database(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'settle-m07x-')), 'x.db'));
  d.pragma('foreign_keys = ON');
  migrate(d, upTo(61));
  legacyDoc(d, 'S01202006150001', 'P1', '张建国', '2020-06-15');
  legacyDoc(d, 'S01202006150002', 'P1', '张建国', '2020-06-15');
  legacyDoc(d, 'S01202006160001', 'P2', '李秀英', '2020-06-16');
  const net = d.prepare('INSERT INTO settlement_network (settlement_id, state, net_settlement_id, confirmed, confirmed_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
  const confirmed = (date?: string) => JSON.stringify({ totalFen: 2285, fundsFen: 1371, accountFen: 0, cashFen: 914, layers: { basic: 1371 }, ...(date ? { date } : {}) });
  net.run('S01202006150001', 'confirmed', 'N1', confirmed(), '2020-06-15T01:31:00Z', '2020-06-15T01:31:00Z');
  net.run('S01202006150002', 'confirmed', 'N2', confirmed('2020-06-16'), '2020-06-16T01:00:00Z', '2020-06-16T01:00:00Z');
  const ob = d.prepare("INSERT INTO outbox (id, settlement_id, person_no, step, infno, state, msgid, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'x', 'x')");
  ob.run(1, 'S01202006150001', 'P1', 'register', '2201', 'done', 'M1');
  ob.run(2, 'S01202006150001', 'P1', 'settle', '2207', 'done', 'M2');
  ob.run(3, 'S01202006150002', 'P1', 'register', '2201', 'done', 'M3');
  ob.run(4, 'S01202006150002', 'P1', 'fees', '2204', 'dead', 'M4');
  ob.run(5, 'S01202006150002', 'P1', 'settle', '2207', 'held', null);
  ob.run(6, 'S01202006160001', 'P2', 'register', '2201', 'unknown', 'M6');
  ob.run(7, 'S01202006160001', 'P2', 'fees', '2204', 'queued', null);
  ob.run(8, 'S01202006160001', 'P2', 'settle', '2207', 'queued', null);
  d.prepare('UPDATE outbox_mark SET queued_from = 7').run();
  for (const [msgid, id] of [['M1', 1], ['M2', 2], ['M3', 3], ['M4', 4], ['M6', 6]] as const) {
    d.prepare("INSERT INTO outbox_msgids (msgid, outbox_id, infno, created_at) VALUES (?, ?, '2201', 'x')").run(msgid, id);
    d.prepare("INSERT INTO network_msgids (msgid, infno, allocated_at) VALUES (?, '2201', 'x')").run(msgid);
  }
  d.prepare("INSERT INTO dead_letters (outbox_id, settlement_id, code, message, created_at) VALUES (4, 'S01202006150002', 'E1', '明细不符', 'x')").run();
  d.prepare("INSERT INTO settlement_warnings (settlement_id, person_no, kind, threshold_fen, amount_fen, message, created_at) VALUES ('S01202006150001', 'P1', 'inpatient', 1, 2, '预警', '2020-06-15T01:30:00Z')").run();
  d.prepare(`INSERT INTO settlement_differences (settlement_id, person_no, items, cash_diff_fen, policy, status, resolved_by, created_at)
    VALUES ('S01202006150001', 'P1', '[]', 10, 'patient', 'collected', 'S01202006150002', '2020-06-15T01:31:00Z')`).run();
  const receipt = d.prepare(`INSERT INTO receipts (receipt_no, settlement_id, kind, settled_at, settled_day, patient_name, id_masked, total_fen, cash_fen, offline, data, pdf_path, created_at)
    VALUES (?, ?, 'settlement', ?, ?, ?, '370303********0316', 2285, 914, 0, ?, 'receipts/2020/06/x.pdf', 'x')`);
  for (const [no, name, at] of [['R01202006150001', '张建国', '2020-06-15 09:30:00'], ['R01202006150002', '张建国', '2020-06-15 09:40:00'], ['R01202006160001', '李秀英', '2020-06-16 10:00:00']]) {
    receipt.run(no, `S${no.slice(1)}`, at, at.slice(0, 10), name, JSON.stringify({ receiptNo: no, patient: { name } }));
  }
  const visit = d.prepare(`INSERT INTO his_visits (his_visit_id, source, state, body_hash, visit_type, body, total_fen, line_count, received_at, updated_at)
    VALUES (?, 'api', ?, 'h', 'outpatient', ?, 2285, 2, 'x', 'x')`);
  const line = d.prepare("INSERT INTO his_visit_lines (his_visit_id, seq, item_code, item_name, quantity, unit_price, amount_fen) VALUES (?, ?, 'ZC0002', '一般诊疗费', '1', '10.00', 1000)");
  for (const [id, state] of [['VS01202006150001', 'settled'], ['VW1', 'waiting']]) {
    const at = '2020-06-15 09:00:00';
    visit.run(id, state, JSON.stringify({
      hisVisitId: id, visitType: 'outpatient', patient: { name: '张建国' }, department: { name: '全科' }, doctor: { name: '王医生' }, diagnoses: [{ code: 'I10' }],
      lines: [
        { itemCode: 'ZC0002', itemName: '一般诊疗费', quantity: '1', unitPrice: '10', amount: '10', time: at },
        { itemCode: 'YP0007', itemName: '氨氯地平片', quantity: '1', unitPrice: '12.85', amount: '12.85', time: at },
      ],
    }));
    line.run(id, 1);
    line.run(id, 2);
  }
  return d;
}

/** The store with the rows, brought up to just before `version`, then to `version`. */
function across(version: number): Database.Database {
  const d = oldStore();
  migrate(d, upTo(version - 1));
  migrate(d, upTo(version));
  expect(schemaVersion(d)).toBe(version);
  expect(d.pragma('foreign_key_check')).toEqual([]);
  return d;
}

const planOf = (d: Database.Database, sql: string, ...args: unknown[]) =>
  (d.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail).join('; ');

describe('migrations 070-078', () => {
  it('070: a person\'s settlements through an index, newest first', () => {
    const d = across(70);
    const found = new SettlementsRepo(d).search({ personNo: 'P1' });
    expect(found.map((x) => x.id)).toEqual(['S01202006150002', 'S01202006150001']);
    expect(found[0].lines).toEqual(LINES);
    expect(planOf(d, 'SELECT * FROM settlements WHERE person_no = ? ORDER BY doc_key DESC LIMIT 200', 'P1')).toContain('USING INDEX settlements_person');
  });

  it('071: a settlement\'s messages, warnings and collected differences through indexes', () => {
    const d = across(71);
    expect(planOf(d, 'SELECT * FROM outbox WHERE settlement_id = ? ORDER BY id', 'x')).toContain('USING INDEX outbox_settlement');
    expect(planOf(d, 'SELECT message FROM settlement_warnings WHERE settlement_id = ?', 'x')).toContain('USING INDEX settlement_warnings_settlement');
    expect(planOf(d, 'SELECT * FROM settlement_differences WHERE resolved_by = ?', 'x')).toContain('USING INDEX settlement_differences_resolved_by');
    const diffs = new DifferencesRepo(d, now);
    expect(diffs.list({ from: '2020-06-15', to: '2020-06-15' }).map((x) => x.settlementId)).toEqual(['S01202006150001']);
    diffs.reopenCollectedBy('S01202006150002');
    expect(diffs.openFor('P1').map((x) => x.settlementId)).toEqual(['S01202006150001']);
  });

  it('072: confirmed records carry the network\'s day; a day\'s reconciliation reads that day', () => {
    const d = across(72);
    const days = d.prepare('SELECT settlement_id AS id, net_day AS day FROM settlement_network ORDER BY settlement_id').all();
    expect(days).toEqual([{ id: 'S01202006150001', day: '2020-06-15' }, { id: 'S01202006150002', day: '2020-06-16' }]);
    const net = new SettlementNetworkRepo(d, now);
    expect(net.bookedOn('2020-06-15', '2020-06-15')).toEqual(['S01202006150001']);
    expect(net.bookedOn('2020-06-16', '2020-06-16')).toEqual(['S01202006150002']);
    expect(planOf(d, 'SELECT settlement_id FROM settlement_network WHERE net_day >= ? AND net_day <= ? AND net_day IS NOT NULL', 'a', 'b'))
      .toContain('USING COVERING INDEX settlement_network_day');
  });

  it('073: receipts found by the start of a name, from keyed hashes; older receipts indexed in the background', () => {
    const d = across(73);
    const key = d.prepare("SELECT value FROM store_meta WHERE key = 'receipt_name_key'").get() as { value: string };
    expect(key.value).toMatch(/^[0-9a-f]{64}$/);
    const repo = new ReceiptsRepo(d, now);
    // Before the background indexing: found by reading the older receipts by name.
    expect(repo.search({ name: '张' }).map((r) => r.receiptNo)).toEqual(['R01202006150002', 'R01202006150001']);
    const names = (repo as unknown as { names: { backfillStep(): boolean; pending(): unknown } }).names;
    while (names.backfillStep()) { /* every chunk */ }
    expect(names.pending()).toBeUndefined();
    expect(repo.search({ name: '张建' }).map((r) => r.receiptNo)).toEqual(['R01202006150002', 'R01202006150001']);
    expect(repo.search({ name: ' 李秀英 ' }).map((r) => r.receiptNo)).toEqual(['R01202006160001']);
    expect(repo.search({ name: '张', from: '2020-06-15', to: '2020-06-15', limit: 1 }).map((r) => r.receiptNo)).toEqual(['R01202006150002']);
    expect(repo.search({ name: '秀英' })).toEqual([]);
    const keys = d.prepare('SELECT * FROM receipt_name_keys').all() as Record<string, unknown>[];
    expect(keys).toHaveLength(3 + 3 + 3);
    for (const k of keys) expect(Object.values(k).join('|')).not.toMatch(/[张李建国秀英]/);
  });

  it('074: the queue\'s counts kept by triggers equal what a count over the queue says, and follow every change', () => {
    const d = across(74);
    const outbox = new OutboxRepo(d, now);
    expect(outbox.counts()).toEqual({ unsentMessages: 5, unsentSettlements: 2, inFlight: 0, unknown: 1, dead: 1, held: 1 });
    outbox.cancelOpen('S01202006150002', true);
    outbox.enqueue('S01202006150001', 'P1', [{ step: 'cancel', infno: '2208' }]);
    expect(outbox.counts()).toEqual({ unsentMessages: 4, unsentSettlements: 2, inFlight: 0, unknown: 1, dead: 0, held: 0 });
    expect(planOf(d, 'SELECT k, n FROM outbox_tally')).not.toContain('outbox ');
  });

  it('075: documents written before read as they were; new ones are stored packed and read the same', () => {
    const d = across(75);
    const repo = new SettlementsRepo(d);
    const old = repo.get('S01202006150001')!;
    expect(old).toMatchObject({ lines: LINES, layers: LAYERS, trace: TRACE, person: { identities: ['poverty'], enrolled: [] } });
    const doc: SettlementDoc = { ...old, id: 'S01202006170001', receiptNo: 'R01202006170001', visitRef: 'V3', businessDate: '2020-06-17', createdAt: '2020-06-17T01:00:00.000Z' };
    repo.insert(doc, 1);
    expect(repo.get(doc.id)).toEqual(doc);
    const raw = d.prepare("SELECT lines, trace, layers, body, length(body) AS packed FROM settlements WHERE id = 'S01202006170001'").get() as Record<string, unknown>;
    expect([raw.lines, raw.trace, raw.layers]).toEqual(['', '', '']);
    expect(isPacked(raw.body)).toBe(true);
    expect(raw.packed).toBeLessThan(JSON.stringify([LINES, LAYERS, TRACE]).length);
    expect(repo.searchHeads({ personNo: 'P1' }).map((x) => x.id)).toEqual(['S01202006170001', 'S01202006150002', 'S01202006150001']);
  });

  it('076: a settled visit keeps its lines in its body only; a waiting one keeps its rows', () => {
    const d = across(76);
    expect(d.prepare('SELECT his_visit_id AS v, COUNT(*) AS n FROM his_visit_lines GROUP BY his_visit_id').all()).toEqual([{ v: 'VW1', n: 2 }]);
    expect(new VisitStore(d).get('VS01202006150001')?.lines).toHaveLength(2);
  });

  it('077: the msgid ledgers keep every msgid, keyed by it alone', () => {
    const d = across(77);
    expect(new OutboxRepo(d, now).msgidsOf(4)).toEqual(['M4']);
    expect((d.prepare('SELECT msgid FROM network_msgids ORDER BY msgid').all() as { msgid: string }[]).map((r) => r.msgid)).toEqual(['M1', 'M2', 'M3', 'M4', 'M6']);
    for (const t of ['outbox_msgids', 'network_msgids']) {
      expect((d.prepare("SELECT sql FROM sqlite_master WHERE name = ?").get(t) as { sql: string }).sql).toContain('WITHOUT ROWID');
    }
    expect(() => d.prepare("INSERT INTO network_msgids (msgid, allocated_at) VALUES ('M1', 'x')").run()).toThrow(/UNIQUE|PRIMARY/);
  });

  it('078: the start\'s recovery checks everything once', () => {
    const d = across(78);
    expect(JSON.parse((d.prepare("SELECT value FROM store_meta WHERE key = 'recovery_checked'").get() as { value: string }).value)).toEqual({ docKey: 0, receiptRowid: 0 });
    expect(d.prepare('SELECT COUNT(*) AS n FROM settlements').get()).toEqual({ n: 3 });
  });
});
