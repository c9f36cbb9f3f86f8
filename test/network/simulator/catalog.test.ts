// Catalogs at realistic size: 1301 with 10,000+ rows through 13xx + 9102 (a zip of one tab-
// separated text file in the spec's column order), incremental versions with changed and expired
// rows, every national code of the demo HIS mapping present, 1312/1318/1319 paged queries, and
// matching (3301/3302, read back by 1317).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlatformSimulator } from '../../../electron/network/simulator';
import { readZip } from '../../../electron/network/simulator/zip';
import { closeSims, signedIn, startSim, type Json, type Raw } from './helpers';

let sim: PlatformSimulator;
let r: Raw;
beforeAll(async () => {
  sim = await startSim({ catalog: {} });
  r = await signedIn(sim);
});
afterAll(closeSims);

async function download(infno: string, ver: string): Promise<{ ref: Json; lines: string[][]; entry: string }> {
  const ref = await r.ok(infno, { data: { ver } });
  const res = await r.post(r.env('9102', { fsDownloadIn: { file_qury_no: ref.file_qury_no, filename: ref.filename, fixmedins_code: 'plc' } }));
  expect(res.type).toBe('application/octet-stream');
  expect(res.bytes.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  const entries = readZip(res.bytes);
  expect(entries).toHaveLength(1);
  const text = entries[0].data.toString('utf8');
  return { ref, entry: entries[0].name, lines: text.split('\n').filter(Boolean).map((l) => l.split('\t')) };
}

describe('file catalogs', () => {
  it('1301 has 10,000+ drug rows of 92 columns, no header, null for empty, the version on every row', async () => {
    const t0 = Date.now();
    const { ref, lines, entry } = await download('1301', '0');
    expect(Object.keys(ref).sort()).toEqual(['data_cnt', 'dld_end_time', 'file_qury_no', 'filename']);
    expect(ref.file_qury_no).toMatch(/^fsi\/plc\/[0-9a-f]{32}$/);
    expect(entry).toBe(ref.filename.replace(/\.zip$/, ''));
    expect(lines.length).toBe(ref.data_cnt);
    expect(lines.length).toBeGreaterThanOrEqual(10_000);
    for (const row of lines) expect(row).toHaveLength(92);
    expect(lines.every((l) => l[82] === '20240101001' && l[83] === '20240101001')).toBe(true);
    expect(lines.some((l) => l.includes(''))).toBe(false);
    const sample = lines[1234];
    expect(sample[0]).toMatch(/^[XZ][A-Z0-9]{19,22}$/);
    expect(sample[61]).toMatch(/^国药准字[HZS]\d{8}$/);
    expect(sample[53]).toMatch(/(公司|厂)$/);
    expect(new Set(lines.map((l) => l[0])).size).toBe(lines.length);
    expect(new Set(lines.map((l) => l[3])).size).toBeGreaterThan(200);
    console.log(`1301 first version generated, zipped and downloaded in ${Date.now() - t0} ms`);
  });

  it('1302, 1305, 1306 have the spec\'s column counts; 1305 has a few thousand service items', async () => {
    const herbs = await download('1302', '0');
    expect(herbs.lines.every((l) => l.length === 29)).toBe(true);
    const services = await download('1305', '0');
    expect(services.lines.length).toBeGreaterThanOrEqual(3000);
    expect(services.lines.every((l) => l.length === 16 && l[14] === '20240101001')).toBe(true);
    const mcs = await download('1306', '0');
    expect(mcs.lines.every((l) => l.length === 71)).toBe(true);
    for (const infno of ['1303', '1307', '1308', '1309', '1310', '1311', '1313', '1314', '1315']) expect((await download(infno, '0')).lines.length, infno).toBeGreaterThan(0);
  });

  it('holds every national code of the demo HIS mapping', async () => {
    const csv = fs.readFileSync(path.join(__dirname, '../../../electron/his/demo/catalog.csv'), 'utf8').trim().split('\n').slice(1);
    const codes = csv.map((l) => l.split(',')[2]);
    const all = new Set<string>();
    for (const infno of ['1301', '1305', '1306']) for (const l of (await download(infno, '0')).lines) all.add(l[0]);
    expect(codes.filter((c) => !all.has(c))).toEqual([]);
  });

  it('serves the next version incrementally: changed, expired and new rows only; nothing newer = data_cnt 0', async () => {
    const v1 = await download('1301', '0');
    const v2 = await download('1301', '20240101001');
    expect(v2.lines.length).toBeGreaterThan(0);
    expect(v2.lines.length).toBeLessThan(200);
    expect(v2.lines.every((l) => l[82] === '20250701002')).toBe(true);
    const expired = v2.lines.filter((l) => l[78] === '0');
    expect(expired.length).toBeGreaterThan(0);
    for (const l of expired) expect(l[37]).toBe('2025-06-30');
    const before = new Map(v1.lines.map((l) => [l[0], l]));
    expect(v2.lines.filter((l) => !before.has(l[0])).length).toBeGreaterThan(0);
    const none = await download('1301', '20250701002');
    expect(none.ref.data_cnt).toBe(0);
    expect(none.lines).toEqual([]);
    const published = sim.publishCatalog();
    const v3 = await download('1301', '20250701002');
    expect(v3.lines.length).toBeGreaterThan(0);
    expect(v3.lines.every((l) => l[82] === published.ver)).toBe(true);
    const stale = await r.call('9102', { fsDownloadIn: { file_qury_no: v1.ref.file_qury_no, filename: v1.ref.filename, fixmedins_code: 'plc' } });
    expect(stale.err_msg).toBe('文件不存在或已过期');
  });

  it('9102 refuses an unknown file with an envelope', async () => {
    const a = await r.call('9102', { fsDownloadIn: { file_qury_no: 'fsi/plc/0000', filename: 'x.txt.zip', fixmedins_code: 'plc' } });
    expect(a).toMatchObject({ infcode: -1, err_msg: '文件不存在或已过期' });
    expect(await r.refused('1301', { data: { ver: '' } })).toBe('【1301】data：版本号(ver)不能为空');
  });
});

describe('paged queries', () => {
  const page = (extra: Json = {}) => ({ data: { updt_time: '2020-01-01', page_num: 1, page_size: 50, ...extra } });

  it('1312 gives class and charge type per code and period; 1319 ratios; 1318 caps; paging and updt_time', async () => {
    const one = await r.ok('1312', page({ hilist_code: 'XC10AAA199A001010101234' }));
    expect(one).toMatchObject({ pageNum: 1, recordCounts: 1, pages: 1 });
    expect(one.data[0]).toMatchObject({ hilist_code: 'XC10AAA199A001010101234', chrgitm_lv: '01', med_chrgitm_type: '09', list_type: '101', vali_flag: '1', insu_admdvs: '370300' });
    const us = await r.ok('1319', page({ hilist_code: '002202010030000' }));
    expect(us.data[0]).toMatchObject({ selfpay_prop: '0.20' });
    const ct = await r.ok('1318', page({ hilist_code: '002101020010000' }));
    expect(ct.data[0]).toMatchObject({ hilist_pric_uplmt_amt: '150.00' });
    const all = await r.ok('1312', page({ page_size: 1000 }));
    expect(all.recordCounts).toBeGreaterThan(17_000);
    expect(all.data).toHaveLength(1000);
    const second = await r.ok('1312', page({ page_size: 1000, page_num: 2 }));
    expect(second.startRow).toBe(1001);
    const recent = await r.ok('1312', page({ updt_time: '2025-07-01', page_size: 1000 }));
    expect(recent.recordCounts).toBeGreaterThan(0);
    expect(recent.recordCounts).toBeLessThan(500);
    expect(recent.data.every((x: Json) => x.updt_time >= '2025-07-01')).toBe(true);
    expect(await r.refused('1312', page({ page_size: 5000 }))).toContain('(page_size)');
    expect(await r.refused('1312', page({ page_num: 0 }))).toContain('(page_num)');
  });
});

describe('matching', () => {
  it('3301 stores matchings (checked against the catalog), 1317 reads them back, 3302 withdraws', async () => {
    const m = await signedIn(sim, undefined, 'H37030300456');
    const rows = [
      { fixmedins_hilist_id: 'YP0005', fixmedins_hilist_name: '阿莫西林胶囊 0.25g', list_type: '101', med_list_codg: 'XJ01CAA046E001010100213' },
      { fixmedins_hilist_id: 'ZC0002', fixmedins_hilist_name: '一般诊疗费', list_type: '201', med_list_codg: '001101000010000' },
    ];
    expect(await m.refused('3301', { data: [{ ...rows[0], list_type: '201' }] })).toContain('与医疗目录编码的类别101不符');
    expect(await m.refused('3301', { data: [{ ...rows[0], med_list_codg: 'XNOPE' }] })).toContain('不在医保目录中');
    expect(await m.refused('3301', { data: Array.from({ length: 101 }, () => rows[0]) })).toContain('每次不能超过100条');
    await m.ok('3301', { data: rows });
    await m.ok('3301', { data: [rows[0]] });
    expect(await m.refused('3301', { data: [{ ...rows[0], med_list_codg: 'XJ01CAA046E001010100213'.replace('0213', '0111') }] })).toMatch(/不在医保目录中|请先撤销/);
    const back = await m.ok('1317', { data: { updt_time: '2020-01-01', page_num: 1, page_size: 100 } });
    expect(back.data.map((x: Json) => [x.medins_list_codg, x.med_list_codg, x.vali_flag])).toEqual([['YP0005', 'XJ01CAA046E001010100213', '1'], ['ZC0002', '001101000010000', '1']]);
    await m.ok('3302', { data: { fixmedins_code: m.inst, fixmedins_hilist_id: 'ZC0002', list_type: '201', med_list_codg: '001101000010000' } });
    expect(await m.refused('3302', { data: { fixmedins_code: m.inst, fixmedins_hilist_id: 'ZC0002', list_type: '201', med_list_codg: '001101000010000' } })).toContain('未查询到该目录对照信息');
    expect((await m.ok('1317', { data: { updt_time: '2020-01-01', page_num: 1, page_size: 100 } })).data).toHaveLength(1);
    expect(sim.matchings('H37030300456').map((x) => x.vali_flag).sort()).toEqual(['0', '1']);
  });
});
