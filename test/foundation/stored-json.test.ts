// Stored JSON read back from SQLite goes through its schema: a good row round-trips; a damaged one
// is refused with an error naming the table, the row and the column (Chinese message, English
// detail), never taken as it is.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { openDatabase, type Db } from '../../electron/store/db';
import { CorruptRowError, readStored } from '../../electron/store/stored-json';
import { pack } from '../../electron/store/packed';
import { SettlementsRepo, type SettlementDoc } from '../../electron/store/settlements';
import { SettlementNetworkRepo } from '../../electron/store/settlement-network';
import { DifferencesRepo } from '../../electron/store/differences';
import { SettingsRepo } from '../../electron/store/settings';
import { PersonCacheRepo } from '../../electron/store/persons';
import { OutboxRepo } from '../../electron/store/outbox';
import { tempDir } from './tmp';

const NOW = () => new Date('2026-12-07T12:30:00Z');

function store(): Db {
  return openDatabase(path.join(tempDir(), 'settle.db'));
}

/** What a refusal carries, for one assertion. */
function refusal(run: () => unknown): { code: string; message: string; detail?: string; field?: string } {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(CorruptRowError);
    return (err as CorruptRowError).error;
  }
  throw new Error('expected a CorruptRowError');
}

function doc(id: string): SettlementDoc {
  return {
    id, receiptNo: `R${id.slice(1)}`, kind: 'settlement', visitRef: `V-${id}`, visitSource: 'manual',
    person: {
      personNo: 'P1', name: '张三', idNumber: '370303195803120316', insuranceType: 'resident', insutype: '390',
      insuranceRegion: '370300', identities: ['poverty'], enrolled: ['qihuibao'], region: '370300', certType: '02', certNo: 'M1',
    },
    visitType: 'outpatient', facilityLevel: 'township', visitDate: '2026-12-07', packId: 'zibo-2020', packHash: 'sha256:x',
    totalFen: 12345, inScopeFen: 12000, preSelfPayFen: 0, fullSelfPayFen: 345, fundsFen: 6000, accountFen: 0, cashFen: 6345, adjustmentFen: 0,
    categories: { byCategory: { '09': 12345 }, byClass: { A: 12000, C: 345 } },
    lines: [{ lineNo: '1', code: 'X01', name: '阿莫西林', hospCode: 'H01', quantity: '2', unitPrice: '61.725', amountFen: 12345, class: 'A', category: '09', time: '2026-12-07 20:30:00' }],
    trace: ['basic 50%'],
    ytdDelta: { year: 2026, keys: { basicOutpatient: { baseFen: 12000, paidFen: 6000, burdenFen: 6000 } }, burden: { inpatientFen: 0, chronicFen: 0 } },
    payment: { method: 'cash', tenderedFen: 10000 }, operatorId: 'op1', cardFree: false, mode: 'offline',
    businessDate: '2026-12-07', createdAt: '2026-12-07T12:30:00.000Z',
    layers: [{ key: 'basic', name: '基本医保', ytdKey: 'basicOutpatient', baseFen: 12000, amountFen: 6000, trace: 'basic 50%' }],
  };
}

describe('stored JSON read through schemas', () => {
  it('a settlement document round-trips; a damaged body is refused naming table, row and field', () => {
    const db = store();
    const repo = new SettlementsRepo(db);
    repo.insert(doc('S01202612070001'), 1);
    expect(repo.get('S01202612070001')).toEqual(doc('S01202612070001'));

    const bad = doc('S01202612070002');
    bad.lines[0].amountFen = '123.45' as unknown as number;
    repo.insert(bad, 2);
    const e = refusal(() => repo.get('S01202612070002'));
    expect(e.code).toBe('STORE_CORRUPT');
    expect(e.message).toBe('本地数据损坏：结算单（S01202612070002）的结算内容无法读取，请联系技术人员');
    expect(e.detail).toMatch(/^stored row corrupt: table settlements, row S01202612070002, field body: lines\[0\]\.amountFen: Invalid type: Expected number but received "123\.45"/);
    db.close();
  });

  it('a document written before the packed body is read from its own columns, each checked', () => {
    const db = store();
    const repo = new SettlementsRepo(db);
    repo.insert(doc('S01202612070001'), 1);
    // The same document as an older build wrote it: JSON columns and no body (a copy under a new key; documents are immutable).
    const cols = (db.prepare('PRAGMA table_info(settlements)').all() as { name: string }[]).map((c) => c.name);
    const copy = (id: string, ytd: string) =>
      db.prepare(`INSERT INTO settlements (${cols.join(', ')}) SELECT ${cols.map((c) => (
        c === 'doc_key' ? 'doc_key + ?' : c === 'id' ? '?' : c === 'receipt_no' ? '?' : c === 'visit_ref' ? '?' : c === 'body' ? 'NULL'
          : c === 'identities' ? `'["poverty"]'` : c === 'enrolled' ? `'["qihuibao"]'` : c === 'categories' ? `'${JSON.stringify(doc('').categories)}'`
            : c === 'lines' ? `'${JSON.stringify(doc('').lines)}'` : c === 'trace' ? `'["basic 50%"]'` : c === 'ytd_delta' ? `'${ytd}'`
              : c === 'layers' ? `'${JSON.stringify(doc('').layers)}'` : c
      )).join(', ')} FROM settlements WHERE id = 'S01202612070001'`).run(Number(id.slice(-4)) - 1, id, `R${id.slice(1)}`, `V-${id}`);
    copy('S01202612070002', JSON.stringify(doc('').ytdDelta));
    expect(repo.get('S01202612070002')).toEqual(doc('S01202612070002'));

    copy('S01202612070003', '{"year":2026,"keys":{}');
    const e = refusal(() => repo.get('S01202612070003'));
    expect(e.message).toBe('本地数据损坏：结算单（S01202612070003）的年度累计变化无法读取，请联系技术人员');
    expect(e.detail).toMatch(/table settlements, row S01202612070003, field ytd_delta: unreadable JSON/);
    db.close();
  });

  it("the network's confirmed amounts, a difference's items: good rows round-trip, damaged ones are refused", () => {
    const db = store();
    new SettlementsRepo(db).insert(doc('S01202612070001'), 1);
    const net = new SettlementNetworkRepo(db, NOW);
    const amounts = { totalFen: 12345, fundsFen: 6000, accountFen: 0, cashFen: 6345, layers: { basic: 6000 }, date: '2026-12-07' };
    net.confirm('S01202612070001', 'NS1', amounts);
    expect(net.get('S01202612070001')?.confirmed).toEqual(amounts);
    db.prepare("UPDATE settlement_network SET confirmed = ? WHERE settlement_id = 'S01202612070001'").run(pack({ ...amounts, layers: { basic: 'x' } }));
    expect(refusal(() => net.get('S01202612070001')).detail).toMatch(/table settlement_network, row S01202612070001, field confirmed: layers\.basic: Invalid type: Expected number but received "x"/);

    const diffs = new DifferencesRepo(db, NOW);
    const items = [{ item: 'cash', localFen: 6345, networkFen: 6300 }];
    diffs.record({ settlementId: 'S01202612070001', personNo: 'P1', items, cashDiffFen: -45, policy: 'patient' });
    expect(diffs.get('S01202612070001')?.items).toEqual(items);
    db.prepare(`UPDATE settlement_differences SET items = '[{"item":"cash","localFen":6345}]'`).run();
    const e = refusal(() => diffs.openFor('P1'));
    expect(e.message).toBe('本地数据损坏：结算差异（S01202612070001）的差异项目无法读取，请联系技术人员');
    expect(e.detail).toMatch(/field items: \[0\]\.networkFen: Invalid key: Expected "networkFen" but received undefined/);
    db.close();
  });

  it('a setting is read through its schema; a packed blob that does not inflate is refused', () => {
    const db = store();
    const settings = new SettingsRepo(db, NOW);
    const schema = v.object({ url: v.string() });
    settings.set('his.callback', { url: 'http://127.0.0.1:9/cb' });
    expect(settings.read('his.callback', schema)).toEqual({ url: 'http://127.0.0.1:9/cb' });
    expect(settings.read('absent', schema)).toBeUndefined();
    settings.set('his.callback', { url: 42 });
    expect(refusal(() => settings.read('his.callback', schema)).message).toBe('本地数据损坏：系统设置（his.callback）的设置值无法读取，请联系技术人员');

    const column = { table: 'receipts', tableZh: '收据', field: 'data', fieldZh: '收据内容' };
    expect(refusal(() => readStored(column, v.unknown(), Buffer.of(1, 0xff, 0xfe), 'R1')).detail).toMatch(/row R1, field data: unreadable JSON/);
    expect(refusal(() => readStored(column, v.unknown(), 7, 'R1')).detail).toMatch(/not JSON text but number/);
    // A schema whose messages are Chinese (for users) still logs in English.
    expect(refusal(() => readStored(column, v.string('应为文本'), '7', 'R1')).detail).toBe(
      'stored row corrupt: table receipts, row R1, field data: (value): Invalid string: Expected string but received 7',
    );
    db.close();
  });

  it("the person cache and an outbox message's result refuse what is not JSON of their shape", () => {
    const db = store();
    const persons = new PersonCacheRepo(db, v.object({ name: v.string() }));
    persons.put('P1', { name: '张三' }, '2026-12-07T12:00:00Z', [{ type: '02', no: 'M1' }]);
    expect(persons.find('02', 'M1')?.data).toEqual({ name: '张三' });
    db.prepare("UPDATE person_cache SET data = '{\"name\":1}'").run();
    expect(refusal(() => persons.get('P1')).detail).toMatch(/table person_cache, row P1, field data: name: Invalid type: Expected string but received 1/);
    db.prepare("UPDATE person_cache SET data = '[1]'").run();
    expect(refusal(() => new PersonCacheRepo(db).get('P1')).detail).toMatch(/field data: \(value\): Invalid type: Expected a JSON object but received an array/);

    new SettlementsRepo(db).insert(doc('S01202612070001'), 1);
    const outbox = new OutboxRepo(db, NOW);
    const [id] = outbox.enqueue('S01202612070001', 'P1', [{ step: 'settle', infno: '2207' }]);
    outbox.done(outbox.get(id)!, { setl_id: 'NS1' });
    expect(outbox.get(id)?.result).toEqual({ setl_id: 'NS1' });
    db.prepare('UPDATE outbox SET result = ? WHERE id = ?').run('{"setl_id":', id);
    expect(refusal(() => outbox.get(id)).detail).toMatch(new RegExp(`table outbox, row ${id}, field result: unreadable JSON`));
    db.close();
  });
});
