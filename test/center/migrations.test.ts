// The center's own migrations: applied once (two windows starting together), in order, carrying
// the rows already there; a center newer than this build is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPgCluster, type PgCluster } from './pg-cluster';
import { centerRows, freshDatabase } from './helpers';
import { inTransaction, loadCenterMigrations, migrateCenter, openPool } from '../../electron/center/pg';
import { registerWindow } from '../../electron/center/windows';

let cluster: PgCluster;
beforeAll(async () => {
  cluster = await startPgCluster();
}, 60_000);
afterAll(() => cluster?.stop());

describe('center migrations', () => {
  it('apply once under concurrent starts and carry the rows across 002', async () => {
    const url = await freshDatabase(cluster);
    const all = loadCenterMigrations();
    expect(all.map((m) => m.version)).toEqual([1, 2]);
    const pool = openPool(url, { max: 4 });
    try {
      expect(await migrateCenter(pool, all.slice(0, 1))).toBe(1);
      const no = await registerWindow(pool, { windowId: 'w1', institutionCode: 'H1', terminalNo: '07', name: '一号窗口' });
      await inTransaction(pool, (c) => c.query(
        `INSERT INTO settlements (window_id, settlement_id, kind, receipt_no, visit_ref, person_no, business_date, mode, total_fen, funds_fen, account_fen, cash_fen, operator_id, created_at, doc)
         VALUES ('w1', 'S1', 'settlement', 'R1', 'V1', 'P1', '2026-12-08', 'offline', 100, 60, 0, 40, 'op', now(), '{}')`,
      ));
      const versions = await Promise.all([migrateCenter(pool, all), migrateCenter(pool, all), migrateCenter(pool, all)]);
      expect(versions).toEqual([2, 2, 2]);
      expect(no).toBe('07');
      expect(await centerRows(url, 'SELECT settlement_id, total_fen::int AS fen FROM settlements')).toEqual([{ settlement_id: 'S1', fen: 100 }]);
      expect(await centerRows(url, 'SELECT version FROM center_migrations ORDER BY version')).toEqual([{ version: 1 }, { version: 2 }]);
      expect(await centerRows(url, 'SELECT COUNT(*)::int AS n FROM replication_conflicts')).toEqual([{ n: 0 }]);
      await expect(migrateCenter(pool, all.slice(0, 1))).rejects.toThrow(/newer than this build/);
    } finally {
      await pool.end();
    }
  }, 60_000);
});
