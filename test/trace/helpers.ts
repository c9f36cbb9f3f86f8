// A migrated database in a temp dir, and a settlement document with only what the trace hook reads.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { loadMigrations, migrate, type Db } from '../../electron/store/db';
import type { SettlementDoc, StoredLine } from '../../electron/store/settlements';
import { TraceRepo, type SessionLine } from '../../electron/trace/repo';

export function tempDb(): { db: Db; dir: string; done(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trace-'));
  const db = new Database(path.join(dir, 't.db'));
  migrate(db, loadMigrations());
  return { db, dir, done: () => (db.close(), fs.rmSync(dir, { recursive: true, force: true })) };
}

/** 8 then 19 digits: the format the built-in network checks (20 digits, an 8 first). */
export const code = (n: number) => `8${String(n).padStart(19, '0')}`;

export const LINES: StoredLine[] = [
  { lineNo: '1', code: '001101000010000', name: '一般诊疗费', hospCode: 'ZC0002', quantity: '1', unitPrice: '10', amountFen: 1000, class: 'A', category: '12', time: '2020-06-15 10:05:00' },
  { lineNo: '2', code: 'XJ01CAA046E001010100213', name: '阿莫西林胶囊 0.25g', hospCode: 'YP0005', quantity: '24', unitPrice: '0.125', amountFen: 300, class: 'A', category: '09', time: '2020-06-15 10:05:00' },
  { lineNo: '3', code: 'XM01AEB056E001010100102', name: '布洛芬缓释胶囊 0.3g', hospCode: 'YP0006', quantity: '12', unitPrice: '0.42', amountFen: 504, class: 'A', category: '09', time: '2020-06-15 10:05:00' },
  { lineNo: '4', code: 'ZA01BAL0199010102133', name: '连花清瘟胶囊', hospCode: 'ZY0001', quantity: '24', unitPrice: '0.55', amountFen: 1320, class: 'A', category: '11', time: '2020-06-15 10:05:00' },
];

export const PACKS: Record<string, number> = { '2': 24, '3': 20, '4': 24 };

export function docOf(id: string, visitRef: string, kind: 'settlement' | 'cancellation' = 'settlement'): SettlementDoc {
  return { id, kind, visitRef, lines: LINES, businessDate: '2020-06-15', createdAt: '2020-06-15T02:10:00.000Z' } as unknown as SettlementDoc;
}

/** The drug lines of the visit opened for scanning, as the scan service would. */
export function openSession(repo: TraceRepo, visitRef: string): void {
  for (const l of LINES.filter((x) => PACKS[x.lineNo])) {
    const pack = PACKS[l.lineNo];
    const line: SessionLine = {
      visitRef, lineNo: l.lineNo, listCode: l.code, hospCode: l.hospCode, name: l.name, quantity: l.quantity, unitPrice: l.unitPrice,
      pack, split: Number(l.quantity) % pack !== 0, prescriber: '刘建华',
    };
    repo.putLine(line);
  }
}
