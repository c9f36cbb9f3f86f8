// The areas' stored JSON read through schemas: a receipt's data, a HIS visit's body and result,
// progress marks in store_meta, settings. Good rows round-trip; damaged ones are refused with the
// table, row and field named, never taken as they are.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../electron/store/db';
import { CorruptRowError } from '../../electron/store/stored-json';
import { pack } from '../../electron/store/packed';
import { RECEIPT_DATA } from '../../electron/print/receipt-schema';
import { ReceiptNameIndex } from '../../electron/print/name-index';
import { storeCheckKey } from '../../electron/print/check';
import { DEFAULT_SETUP, readSetup } from '../../electron/print/setup';
import { DEFAULT_NETWORK_SETUP, NETWORK_SETTINGS_KEY, StoredNetworkSetupSchema } from '../../electron/network/setup';
import { VisitStore } from '../../electron/his/visit-store';
import { exampleVisit } from '../../electron/his/demo/visits';
import { SettingsRepo } from '../../electron/store/settings';
import { getInstitution, INSTITUTION_KEY, DEFAULT_INSTITUTION } from '../../electron/platform/institution';
import { readCardFreeRules } from '../../electron/window/rules';
import { readInputLimits } from '../../electron/window/input-limits';
import { readAutoBackup, readDailyState, DAILY_STATE_KEY } from '../../electron/store/auto-backup';
import { PersonCacheRepo } from '../../electron/store/persons';
import { NetPersonSchema } from '../../electron/network/client/person-schema';
import type { NetPerson } from '../../electron/network/client';
import { caseFiles, caseReceipt } from '../print/helpers';
import { tempDir } from './tmp';

const NOW = () => new Date('2026-12-07T12:30:00Z');

function store(): Db {
  return openDatabase(path.join(tempDir(), 'settle.db'));
}

function refusal(run: () => unknown): { code: string; message: string; detail?: string } {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(CorruptRowError);
    return (err as CorruptRowError).error;
  }
  throw new Error('expected a CorruptRowError');
}

describe("the areas' stored JSON", () => {
  it("every shared case's receipt data round-trips; a damaged one is refused", () => {
    for (const file of caseFiles()) {
      const r = caseReceipt(file);
      expect(RECEIPT_DATA.read(pack(r), r.receiptNo)).toEqual(r);
      expect(RECEIPT_DATA.read(JSON.stringify(r), r.receiptNo)).toEqual(r);
    }
    const r = caseReceipt(caseFiles()[0]);
    // A field a newer build added is kept, not dropped.
    expect(RECEIPT_DATA.read(pack({ ...r, later: { x: 1 } }), r.receiptNo)).toEqual({ ...r, later: { x: 1 } });
    const e = refusal(() => RECEIPT_DATA.read(pack({ ...r, layers: [{ ...r.layers[0], amount: 12.5 }] }), r.receiptNo));
    expect(e.message).toBe(`本地数据损坏：收据（${r.receiptNo}）的收据内容无法读取，请联系技术人员`);
    expect(e.detail).toMatch(new RegExp(`table receipts, row ${r.receiptNo}, field data: layers\\[0\\]\\.amount: Invalid type: Expected string but received 12\\.5`));
  });

  it("a HIS visit's body and result round-trip; a damaged body is refused on the list and on the visit", () => {
    const db = store();
    const visits = new VisitStore(db);
    const a = { ...exampleVisit(), hisVisitId: 'MZA' };
    expect(visits.upsert(a, 'api', NOW())).toMatchObject({ ok: true });
    const result = { settlement: { settlementId: 'S01202612070001', receiptNo: 'R01202612070001', layers: [{ key: 'basic', name: '统筹', amount: '6.00' }], cash: '4.00', settledAt: '2026-12-07 20:30:00' } };
    visits.setState('MZA', 'pre-settled', result, NOW());
    expect(visits.get('MZA')).toMatchObject({ lines: a.lines, patient: a.patient, diagnoses: a.diagnoses, settlement: result.settlement });

    db.prepare("UPDATE his_visits SET body = ? WHERE his_visit_id = 'MZA'").run(pack({ ...a, lines: [{ ...a.lines[0], itemCode: undefined }] }));
    const e = refusal(() => visits.listOpen());
    expect(e.message).toBe('本地数据损坏：HIS 就诊（MZA）的就诊内容无法读取，请联系技术人员');
    expect(e.detail).toMatch(/table his_visits, row MZA, field body: lines\[0\]\.itemCode: Invalid key/);
    db.prepare("UPDATE his_visits SET body = ?, result = ? WHERE his_visit_id = 'MZA'").run(pack(a), pack({ settlement: { ...result.settlement, cash: 4 } }));
    expect(refusal(() => visits.get('MZA')).detail).toMatch(/field result: settlement\.cash: Invalid type: Expected string/);
    db.close();
  });

  it("the receipt name index's backfill mark is read through its schema", () => {
    const db = store();
    const index = new ReceiptNameIndex(db);
    db.prepare("INSERT OR REPLACE INTO store_meta (key, value) VALUES ('receipt_name_backfill', ?)").run(JSON.stringify({ next: 3, end: 9 }));
    expect(index.pending()).toEqual({ next: 3, end: 9 });
    db.prepare("UPDATE store_meta SET value = ? WHERE key = 'receipt_name_backfill'").run(JSON.stringify({ next: '3', end: 9 }));
    expect(refusal(() => index.pending()).detail).toMatch(/table store_meta, row receipt_name_backfill, field value: next: Invalid type/);
    db.close();
  });

  it('settings are read through their schemas: defaults when absent, the stored value when good, a refusal when damaged', () => {
    const db = store();
    const settings = new SettingsRepo(db, NOW);
    expect(getInstitution({ settings })).toEqual(DEFAULT_INSTITUTION);
    const mine = { code: 'H37030300001', name: '某镇卫生院', level: 'township' as const, region: '370303', terminalNo: '02' };
    settings.set(INSTITUTION_KEY, mine);
    expect(getInstitution({ settings })).toEqual(mine);
    settings.set(INSTITUTION_KEY, { ...mine, level: 'hospital' });
    expect(refusal(() => getInstitution({ settings })).message).toBe('本地数据损坏：系统设置（institution）的设置值无法读取，请联系技术人员');

    expect(readCardFreeRules(settings)).toEqual({ poverty: true, lowIncome: false, destitute: false });
    settings.set('window.cardFree', { lowIncome: true });
    expect(readCardFreeRules(settings)).toEqual({ poverty: true, lowIncome: true, destitute: false });
    settings.set('window.cardFree', { lowIncome: 'yes' });
    expect(refusal(() => readCardFreeRules(settings)).detail).toMatch(/row window\.cardFree, field value: lowIncome: Invalid type/);

    settings.set('window.inputLimits', { maxQuantity: '999' });
    expect(refusal(() => readInputLimits(settings)).detail).toMatch(/maxQuantity: Invalid type/);
    expect(readAutoBackup(settings, '/data').keepDays).toBe(14);
    settings.set(DAILY_STATE_KEY, { day: '2026-12-07', checkedAt: NOW().toISOString(), check: 'ok' });
    expect(readDailyState(settings)).toEqual({ day: '2026-12-07', checkedAt: NOW().toISOString(), check: 'ok' });
    settings.set(DAILY_STATE_KEY, { day: 20261207 });
    expect(refusal(() => readDailyState(settings)).detail).toMatch(/row backup\.daily, field value: day: Invalid type/);

    // The printer setup: defaults under what is stored; a stored one that no longer checks out is refused, not swapped for the defaults.
    expect(readSetup(settings)).toEqual(DEFAULT_SETUP);
    settings.set('receipt.setup', { paper: 'A4', printerName: 'HP', thermalKind: 'serial', thermalPath: '', thermalBaud: 9600, preview: false, autoPrint: true });
    expect(readSetup(settings)).toEqual({ ...DEFAULT_SETUP, paper: 'A4', printerName: 'HP' });
    settings.set('receipt.setup', { paper: 'A3' });
    expect(refusal(() => readSetup(settings)).detail).toMatch(/row receipt\.setup, field value: paper: Invalid picklist/);

    // The network setup: what network.setup.set stored reads back; a field of the wrong type is refused.
    settings.set(NETWORK_SETTINGS_KEY, { ...DEFAULT_NETWORK_SETUP, mode: 'endpoint', endpoint: 'https://127.0.0.1:9/x' });
    expect(settings.read(NETWORK_SETTINGS_KEY, StoredNetworkSetupSchema)).toEqual({ ...DEFAULT_NETWORK_SETUP, mode: 'endpoint', endpoint: 'https://127.0.0.1:9/x' });
    settings.set(NETWORK_SETTINGS_KEY, { ...DEFAULT_NETWORK_SETUP, timeoutMs: '30000' });
    expect(refusal(() => settings.read(NETWORK_SETTINGS_KEY, StoredNetworkSetupSchema)).detail).toMatch(/row network, field value: timeoutMs: Invalid type/);

    // The receipt check key: made once and kept; a damaged one is refused, not silently replaced.
    const key = storeCheckKey(settings);
    expect(storeCheckKey(settings)).toBe(key);
    settings.set('receipt.checkKey', 'short');
    expect(refusal(() => storeCheckKey(settings)).detail).toMatch(/row receipt\.checkKey, field value: \(value\): Invalid length/);
    db.close();
  });

  it("a cached person (the network's 1101/5301) round-trips; one missing a field the window relies on is refused", () => {
    const db = store();
    const cache = new PersonCacheRepo(db, NetPersonSchema);
    const person: NetPerson = {
      personNo: '37000000000000000001', insutype: '390', insuranceRegion: '370303', name: '张建国', idNumber: '370303195803120316',
      idType: '01', gender: '1', nation: '01', birthDate: '1958-03-12', insuranceType: 'resident', personType: '11', insuranceStatus: '1',
      insurances: [{ insutype: '390', personType: '11', status: '1', since: '2010-01-01', pausedSince: '', civilServant: false, region: '370303', employer: '', balance: '0.00' }],
      accountBalance: '0.00', identities: ['poverty'], identityRows: [{ code: '1201', level: '', begin: '2020-01-01', end: '2099-12-31' }],
      enrolled: [], chronic: [{ code: 'M03900', networkCode: 'M03900', name: '高血压', clinic: '', begin: '2020-01-01', end: '2099-12-31' }],
    };
    cache.put(person.personNo, person, '2026-12-07T12:00:00Z', [{ type: '02', no: person.idNumber }]);
    expect(cache.find('02', person.idNumber)?.data).toEqual(person);
    const { insurances: _dropped, ...older } = person;
    db.prepare('UPDATE person_cache SET data = ?').run(JSON.stringify(older));
    const e = refusal(() => cache.get(person.personNo));
    expect(e.message).toBe(`本地数据损坏：人员信息缓存（${person.personNo}）的人员信息无法读取，请联系技术人员`);
    expect(e.detail).toMatch(/table person_cache, row \d+, field data: insurances: Invalid key/);
    db.close();
  });
});
