// The settle area's store: documents are immutable, the migrations 020-024 carry existing data
// forward (layers into the row, cancellation links, the year's burden into the ytd table).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../electron/store/db';
import { SettlementsRepo } from '../../electron/store/settlements';
import { SettlementNetworkRepo } from '../../electron/store/settlement-network';
import { YtdRepo } from '../../electron/store/ytd';

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
    expect(d.prepare("SELECT seq FROM settlement_counters WHERE business_date = '2020-06-15'").get()).toEqual({ seq: 2 });
  });
});
