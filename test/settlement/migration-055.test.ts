// Migration 055 (cancel_requests): settlements written before it are kept and can be cancelled
// through the new table; at most one open attempt per settlement; the states are checked.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { loadMigrations, migrate, schemaVersion } from '../../electron/store/db';
import { SettlementsRepo } from '../../electron/store/settlements';
import { CancelRequestsRepo } from '../../electron/settlement/cancel-requests';

const COLS = `id, receipt_no, kind, cancels_id, visit_ref, visit_source, person_no, person_name, id_number, insurance_type, insutype,
  insurance_region, identities, enrolled, region, cert_type, cert_no, visit_type, facility_level, visit_date, pack_id, pack_hash,
  total_fen, in_scope_fen, pre_self_pay_fen, full_self_pay_fen, funds_fen, account_fen, cash_fen, categories, lines, trace, ytd_delta,
  payment_method, operator_id, card_free, mode, business_date, created_at`;

describe('migration 055 (cancel requests)', () => {
  it('keeps the settlements written before it and records cancel attempts for them', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'settle-m055-'));
    const d = new Database(path.join(dir, 'x.db'));
    d.pragma('foreign_keys = ON');
    const all = loadMigrations();
    migrate(d, all.filter((m) => m.version <= 22));
    d.prepare(`INSERT INTO settlements (${COLS}) VALUES ('S01202006150001', 'R01202006150001', 'settlement', NULL, 'V1', 'manual', 'P1', '张三',
      '370303195803120316', 'resident', '390', '370300', '[]', '[]', '370300', 'ssCard', 'M1', 'outpatient', 'township', '2020-06-15',
      'zibo-2020', 'sha256:x', 11150, 11150, 0, 0, 6000, 0, 5150, '{"byCategory":{},"byClass":{}}', '[]', '[]',
      '{"year":2020,"keys":{},"burden":{"inpatientFen":0,"chronicFen":0}}', 'cash', 'op', 0, 'online', '2020-06-15', '2020-06-15T01:00:00Z')`).run();
    migrate(d, all.filter((m) => m.version <= 54));
    expect(schemaVersion(d)).toBe(54);
    migrate(d, all.filter((m) => m.version <= 55));
    expect(schemaVersion(d)).toBe(55);

    expect(new SettlementsRepo(d).get('S01202006150001')).toMatchObject({ totalFen: 11150, cashFen: 5150, kind: 'settlement' });
    const repo = new CancelRequestsRepo(d, () => new Date('2020-06-15T02:00:00Z'));
    const r = repo.insert({ settlementId: 'S01202006150001', infno: '2208', msgid: 'H37030300123202006151000000101', reason: '收费错误', operatorId: 'op' });
    expect(repo.openFor('S01202006150001')).toMatchObject({ id: r.id, state: 'sending' });
    expect(() => repo.insert({ settlementId: 'S01202006150001', infno: '2208', msgid: 'H37030300123202006151000000102', reason: 'x', operatorId: 'op' })).toThrow(/UNIQUE/);
    expect(() => repo.insert({ settlementId: 'S09', infno: '2208', msgid: 'H37030300123202006151000000103', reason: 'x', operatorId: 'op' })).toThrow(/FOREIGN KEY/);
    expect(() => d.prepare("UPDATE cancel_requests SET state = 'maybe'").run()).toThrow(/CHECK/);
    repo.set(r.id, 'refused', { message: '不能撤销' });
    expect(repo.open()).toEqual([]);
    expect(repo.forSettlement('S01202006150001').map((x) => [x.state, x.message])).toEqual([['refused', '不能撤销']]);
    d.close();
  });
});
