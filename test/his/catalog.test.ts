// Catalog mapping: CSV import (GB18030), the unmapped worklist, settlement blocked until mapped
// or marked self-paid, and mapped lines that the engine reads as they are.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeGb18030 } from '../../electron/his/csv';
import { parseCatalogCsv } from '../../electron/his/catalog';
import { demoVisits, DEMO_UNMAPPED_ITEM } from '../../electron/his/demo/visits';
import { feesFromLines } from '../../electron/core/engine';
import { cashier, startHisApp, technician, type HisTestApp } from './helpers';

let t: HisTestApp;
beforeAll(async () => {
  t = await startHisApp();
});
afterAll(async () => {
  await t.close();
});
const call = (method: string, input?: unknown, session = technician) => t.app.dispatcher.dispatch(method, input, { session, channel: 'http' });

describe('catalog mapping', () => {
  it('loads the demo mapping into an empty database at first start', () => {
    expect(t.bridge.catalog.count()).toBeGreaterThan(40);
    expect(t.bridge.catalog.lookup(['YP0004']).get('YP0004')).toMatchObject({ class: 'B', selfPayRatio: '0.1', category: '09', source: 'demo' });
  });

  it('imports a GB18030 CSV with Chinese headers, 甲/乙/丙 and percentages', async () => {
    const csv = '医院项目编码,医院项目名称,医保目录编码,类别,自付比例,收费类别\nT001,测试药甲,X001,甲,,西药费\nT002,测试药乙,X002,乙类,15%,09\nT003,自费耗材,,丙,,08\n';
    const r = await call('his.catalog.import', { contentBase64: encodeGb18030(csv).toString('base64') });
    expect(r).toMatchObject({ ok: true, value: { imported: 3 } });
    const m = t.bridge.catalog.lookup(['T001', 'T002', 'T003']);
    expect(m.get('T002')).toMatchObject({ class: 'B', selfPayRatio: '0.15', catalogName: '测试药乙' });
    expect(m.get('T003')).toMatchObject({ class: 'C', selfPayRatio: '1', catalogCode: 'T003' });
    expect(m.get('T001')!.category).toBe('09');
  });

  it('refuses a bad CSV as a whole, naming row and field', () => {
    const r = parseCatalogCsv(Buffer.from('医院项目编码,医院项目名称,医保目录编码,类别,收费类别\nA1,药,X1,甲,09\nA2,药,X2,乙,09\n'));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.message).toContain('第 3 行');
    expect(!r.ok && r.error.message).toContain('自付比例');
    expect(parseCatalogCsv(Buffer.from('编码,名称\n1,2\n')).ok).toBe(false);
  });

  it('blocks settlement of visits with unmapped items until mapped or marked self-paid', async () => {
    const visits = demoVisits(new Date('2024-06-01T00:00:00Z'), 'CAT', { withUnmapped: true });
    const v = visits[visits.length - 1];
    expect(t.bridge.service.receive(v, 'api').ok).toBe(true);
    const blocked = t.bridge.service.mappedLines(v.hisVisitId);
    expect(blocked.ok).toBe(false);
    expect(!blocked.ok && blocked.error.code).toBe('HIS_ITEMS_UNMAPPED');
    expect(!blocked.ok && blocked.error.message).toContain(`${DEMO_UNMAPPED_ITEM.itemName}（${DEMO_UNMAPPED_ITEM.itemCode}）`);
    expect(t.bridge.service.listWaiting().find((x) => x.hisVisitId === v.hisVisitId)!.unmappedCount).toBe(1);
    const work = await call('his.unmapped.list', undefined, cashier);
    expect(work).toMatchObject({ ok: true, value: [{ itemCode: DEMO_UNMAPPED_ITEM.itemCode, visits: 1, amount: '60.00' }] });
    // the cashier may not map; the technician marks it self-paid
    expect((await call('his.catalog.markSelfPay', { hisCode: DEMO_UNMAPPED_ITEM.itemCode, hisName: DEMO_UNMAPPED_ITEM.itemName }, cashier)).ok).toBe(false);
    expect((await call('his.catalog.markSelfPay', { hisCode: DEMO_UNMAPPED_ITEM.itemCode, hisName: DEMO_UNMAPPED_ITEM.itemName, category: '05' })).ok).toBe(true);
    const mapped = t.bridge.service.mappedLines(v.hisVisitId);
    expect(mapped.ok).toBe(true);
    const line = mapped.ok ? mapped.value.lines.find((l) => l.hisCode === DEMO_UNMAPPED_ITEM.itemCode)! : undefined;
    expect(line).toMatchObject({ class: 'C', selfPayRatio: '1', selfPay: true, amount: '60.00' });
    expect((await call('his.unmapped.list')).ok && ((await call('his.unmapped.list')) as any).value).toEqual([]);
  });

  it('maps one item from the worklist through his.catalog.set with checked fields', async () => {
    const bad = await call('his.catalog.set', { hisCode: 'NEW1', hisName: '新项目', catalogCode: 'N001', class: 'B', category: '05' });
    expect(bad).toMatchObject({ ok: false, error: { field: 'selfPayRatio' } });
    const good = await call('his.catalog.set', { hisCode: 'NEW1', hisName: '新项目', catalogCode: 'N001', class: 'B', selfPayRatio: '0.2', category: '治疗费' });
    expect(good).toMatchObject({ ok: true, value: { class: 'B', selfPayRatio: '0.2', category: '05', source: 'ui' } });
    const list = await call('his.catalog.list', { search: 'NEW' });
    expect(list).toMatchObject({ ok: true, value: { total: 1 } });
  });

  it('gives lines in the engine format with totals by class and charge category', () => {
    const v = demoVisits(new Date('2024-06-01T00:00:00Z'), 'ENG')[0];
    t.bridge.service.receive(v, 'api');
    const m = t.bridge.service.mappedLines(v.hisVisitId);
    if (!m.ok) throw new Error(m.error.message);
    expect(m.value.lines.length).toBe(v.lines.length);
    expect(new Set(m.value.lines.map((l) => l.class))).toEqual(new Set(['A', 'B', 'C']));
    const fees = feesFromLines(m.value.lines.map(({ code, amount, class: c, selfPayRatio }) => ({ code, amount, class: c, selfPayRatio })));
    expect(fees.total.toFixed(2)).toBe(m.value.totals.total);
    expect(fees.fullSelfPay.toFixed(2)).toBe(m.value.totals.byClass.C);
    expect(m.value.totals.byCategory.find((c) => c.category === '01')).toMatchObject({ name: '床位费' });
    const sum = m.value.totals.byCategory.reduce((a, c) => a + Math.round(Number(c.amount) * 100), 0);
    expect(sum).toBe(Math.round(Number(m.value.totals.total) * 100));
  });
});
