// Migration 080 (network first): settlements written before it are kept; settle attempts, the
// local explanation and a visit's network journal can be recorded for them; at most one open
// settle attempt per visit; states are checked.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { loadMigrations, migrate, schemaVersion } from '../../electron/store/db';
import { SettlementsRepo } from '../../electron/store/settlements';
import { SettleRequestsRepo } from '../../electron/settlement/settle-requests';
import { LocalExplanationsRepo } from '../../electron/settlement/local-repo';
import { NetVisitRepo } from '../../electron/settlement/net-visit-repo';

const COLS = `id, receipt_no, kind, cancels_id, visit_ref, visit_source, person_no, person_name, id_number, insurance_type, insutype,
  insurance_region, identities, enrolled, region, cert_type, cert_no, visit_type, facility_level, visit_date, pack_id, pack_hash,
  total_fen, in_scope_fen, pre_self_pay_fen, full_self_pay_fen, funds_fen, account_fen, cash_fen, categories, lines, trace, ytd_delta,
  payment_method, operator_id, card_free, mode, business_date, created_at`;

describe('migration 080 (network first)', () => {
  it('keeps the settlements written before it and records attempts, explanations and journals beside them', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'settle-m080-'));
    const d = new Database(path.join(dir, 'x.db'));
    d.pragma('foreign_keys = ON');
    const all = loadMigrations();
    migrate(d, all.filter((m) => m.version <= 22));
    d.prepare(`INSERT INTO settlements (${COLS}) VALUES ('S01202006150001', 'R01202006150001', 'settlement', NULL, 'V1', 'manual', 'P1', '张三',
      '370303195803120316', 'resident', '390', '370300', '[]', '[]', '370300', 'ssCard', 'M1', 'outpatient', 'township', '2020-06-15',
      'zibo-2020', 'sha256:x', 11150, 11150, 0, 0, 6000, 0, 5150, '{"byCategory":{},"byClass":{}}', '[]', '[]',
      '{"year":2020,"keys":{},"burden":{"inpatientFen":0,"chronicFen":0}}', 'cash', 'op', 0, 'online', '2020-06-15', '2020-06-15T01:00:00Z')`).run();
    migrate(d, all.filter((m) => m.version < 80));
    const before = schemaVersion(d);
    migrate(d, all.filter((m) => m.version <= 80));
    expect(schemaVersion(d)).toBe(80);
    expect(before).toBeLessThan(80);
    expect(new SettlementsRepo(d).get('S01202006150001')).toMatchObject({ totalFen: 11150, cashFen: 5150, kind: 'settlement' });

    const now = () => new Date('2020-06-15T02:00:00Z');
    const reqs = new SettleRequestsRepo(d, now);
    const r = reqs.insert({ visitRef: 'V2', personNo: 'P1', infno: '2207', msgid: 'H37030300123202006151000000101', request: { a: 1 } });
    expect(reqs.openFor('V2')).toMatchObject({ id: r.id, state: 'sending', request: { a: 1 } });
    expect(() => reqs.insert({ visitRef: 'V2', personNo: 'P1', infno: '2207', msgid: 'H37030300123202006151000000102', request: {} })).toThrow(/UNIQUE/);
    expect(() => d.prepare("UPDATE settle_requests SET state = 'maybe'").run()).toThrow(/CHECK/);
    reqs.set(r.id, 'settled', { settlementId: 'S01202006150001' });
    expect(reqs.open()).toEqual([]);
    expect(() => reqs.set(r.id, 'settled', { settlementId: 'S09' })).toThrow(/FOREIGN KEY/);

    const locals = new LocalExplanationsRepo(d);
    locals.put('S01202006150001', { packId: 'zibo-2020', layers: [], fundsFen: 6000, accountFen: 0, cashFen: 5150, totalFen: 11150, trace: [], differences: [] });
    expect(locals.get('S01202006150001')?.cashFen).toBe(5150);

    const nv = new NetVisitRepo(d, now);
    const row = nv.open({ visitRef: 'V2', personNo: 'P1', medType: 'outpatient', insutype: '390', insuranceRegion: '370300', certType: 'idNumber', certNo: '370303195803120316' });
    const call = nv.addCall(row.id, 'register', '2201', 'H37030300123202006151000000103', { x: 1 });
    expect(nv.anyOpenCall(row.id)?.id).toBe(call.id);
    nv.endCall(call.id, 'done', { result: { visitId: 'M1' } });
    expect(nv.anyOpenCall(row.id)).toBeUndefined();
    d.close();
  });

  it('081: the visits with batches to take back are read through their own index, rows kept', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'settle-m081-'));
    const d = new Database(path.join(dir, 'x.db'));
    const all = loadMigrations();
    migrate(d, all.filter((m) => m.version <= 80));
    const nv = new NetVisitRepo(d, () => new Date('2020-06-15T02:00:00Z'));
    const kept = nv.open({ visitRef: 'V1', personNo: 'P1', medType: 'outpatient', insutype: '390', insuranceRegion: '370300', certType: 'idNumber', certNo: '370303195803120316' });
    nv.open({ visitRef: 'V2', personNo: 'P1', medType: 'outpatient', insutype: '390', insuranceRegion: '370300', certType: 'idNumber', certNo: '370303195803120316' });
    d.prepare("UPDATE net_visits SET stale_batches = '[\"B1\"]' WHERE id = ?").run(kept.id);
    migrate(d, all.filter((m) => m.version <= 81));
    expect(schemaVersion(d)).toBe(81);
    const plan = d.prepare("EXPLAIN QUERY PLAN SELECT * FROM net_visits WHERE stale_batches <> '[]' ORDER BY id LIMIT 10").all() as { detail: string }[];
    expect(plan.map((r) => r.detail).join()).toContain('net_visits_stale');
    expect(nv.withStaleBatches(10).map((v) => v.visitRef)).toEqual(['V1']);
    d.close();
  });
});
