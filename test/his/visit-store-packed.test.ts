// A HIS visit's body and result are stored packed and read back whole; its line rows serve the open
// visits only and go when the visit is settled or cancelled (the body keeps the lines).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/store/db';
import { VisitStore } from '../../electron/his/visit-store';
import { exampleVisit } from '../../electron/his/demo/visits';
import { isPacked } from '../../electron/store/packed';

describe('HIS visit storage', () => {
  it('packs the body and result; drops the line rows of a settled visit, keeps those of an open one', () => {
    const db = openDatabase(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'his-packed-')), 'settle.db'));
    const store = new VisitStore(db);
    const now = new Date('2020-06-15T02:00:00Z');
    const a = { ...exampleVisit(), hisVisitId: 'MZA' };
    const b = { ...exampleVisit(), hisVisitId: 'MZB' };
    expect(store.upsert(a, 'api', now)).toMatchObject({ ok: true, outcome: 'created' });
    expect(store.upsert(b, 'api', now)).toMatchObject({ ok: true, outcome: 'created' });
    expect(store.upsert(a, 'api', now)).toMatchObject({ ok: true, outcome: 'unchanged' });
    const lines = (id: string) => (db.prepare('SELECT COUNT(*) AS n FROM his_visit_lines WHERE his_visit_id = ?').get(id) as { n: number }).n;
    expect(lines('MZA')).toBe(a.lines.length);
    const result = { settlement: { settlementId: 'S01202006150001', receiptNo: 'R01202006150001', layers: [], cash: '10.00', settledAt: now.toISOString() } };
    store.setState('MZA', 'settled', result, now);
    expect(lines('MZA')).toBe(0);
    expect(lines('MZB')).toBe(b.lines.length);
    const raw = db.prepare("SELECT body, result FROM his_visits WHERE his_visit_id = 'MZA'").get() as { body: unknown; result: unknown };
    expect(isPacked(raw.body) && isPacked(raw.result)).toBe(true);
    expect(store.get('MZA')).toMatchObject({ state: 'settled', lines: a.lines, patient: a.patient, settlement: result.settlement });
    expect(store.listOpen().map((v) => v.hisVisitId)).toEqual(['MZB']);
    db.close();
  });
});
