// Migrations 040 (receipts, print log) and 041 (confirmation of offline receipts): each brought
// up on a database holding data from the step before.
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import Database from 'better-sqlite3';
import { loadMigrations, migrate, schemaVersion } from '../../electron/store/db';
import { tempDir } from './helpers';

const all = loadMigrations();
const upTo = (v: number) => all.filter((m) => m.version <= v);

function insertReceipt(db: Database.Database, no: string): void {
  db.prepare(
    `INSERT INTO receipts (receipt_no, settlement_id, kind, settled_at, settled_day, patient_name, id_masked, total_fen, cash_fen, offline, data, pdf_path, created_at)
     VALUES (?, 'S1', 'settlement', '2020-06-15 10:00:00', '2020-06-15', '张三', '370303********0316', 860000, 9255, 1, '{}', 'receipts/2020/06/x.pdf', 'now')`,
  ).run(no);
}

describe('migration 040 (receipts)', () => {
  it('creates receipts and the print log; receipt data cannot change, counters can', () => {
    const db = new Database(path.join(tempDir(), 'm.db'));
    db.pragma('foreign_keys = ON');
    migrate(db, upTo(39));
    migrate(db, upTo(40));
    expect(schemaVersion(db)).toBe(40);
    insertReceipt(db, 'R01202006150001');
    expect(() => insertReceipt(db, 'R01202006150001')).toThrow(/UNIQUE/);
    expect(() => db.prepare("UPDATE receipts SET data = '{\"x\":1}'").run()).toThrow(/immutable/);
    expect(() => db.prepare("UPDATE receipts SET kind = 'reversal'").run()).toThrow(/immutable/);
    db.prepare('UPDATE receipts SET reprint_count = reprint_count + 1').run();
    db.prepare("INSERT INTO receipt_prints (receipt_no, reprint_no, target, ok, printed_at) VALUES ('R01202006150001', 1, 'browser', 1, 'now')").run();
    expect(() => db.prepare("INSERT INTO receipt_prints (receipt_no, reprint_no, target, ok, printed_at) VALUES ('R0NOPE', 1, 'x', 1, 'now')").run()).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("UPDATE receipts SET offline = 2").run()).toThrow(/CHECK/);
    db.close();
  });
});

describe('migration 041 (confirmed_at)', () => {
  it('keeps existing receipts and adds an empty confirmation', () => {
    const db = new Database(path.join(tempDir(), 'm.db'));
    db.pragma('foreign_keys = ON');
    migrate(db, upTo(40));
    insertReceipt(db, 'R01202006150002');
    migrate(db, upTo(41));
    expect(schemaVersion(db)).toBeGreaterThanOrEqual(41);
    const row = db.prepare('SELECT receipt_no, cash_fen, confirmed_at FROM receipts').get();
    expect(row).toEqual({ receipt_no: 'R01202006150002', cash_fen: 9255, confirmed_at: null });
    db.prepare("UPDATE receipts SET confirmed_at = '2020-06-15 12:00:00'").run();
    db.close();
  });
});
