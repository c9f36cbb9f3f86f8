// File drop with real files: GB18030 and UTF-8 CSV through the technician's column mapping,
// JSON files, done/ and failed/ with a reason file, never a file lost or imported twice.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeGb18030 } from '../../electron/his/csv';
import { DROP_KEY } from '../../electron/his/drop/watcher';
import { demoVisits } from '../../electron/his/demo/visits';
import { startHisApp, technician, type HisTestApp } from './helpers';
import { testWatcher } from './drop-helpers';

let t: HisTestApp;
let folder: string;
let scan: () => Promise<Awaited<ReturnType<HisTestApp['bridge']['drop']['scan']>>>;
beforeEach(async () => {
  t = await startHisApp();
  scan = testWatcher(t).scanSettled;
  folder = path.join(t.dataDir, 'his-drop');
  // the technician's mapping: this HIS exports Chinese headers of its own
  t.app.ctx.settings.set(DROP_KEY, {
    folder, enabled: true, diagnosisSeparator: '|',
    columns: { hisVisitId: '门诊号', visitType: '类别', idNumber: '证件号码', name: '病人姓名', department: '开单科室', doctor: '开单医生', diagnosisCodes: '诊断', itemCode: '收费项目编码', itemName: '收费项目名称', quantity: '数量', unitPrice: '单价', amount: '金额', time: '收费时间' },
    visitTypeValues: { '1': 'outpatient', '2': 'chronicOutpatient' },
  });
  fs.mkdirSync(folder, { recursive: true });
});
afterEach(async () => {
  await t.close();
});

const HEADER = '门诊号,类别,证件号码,病人姓名,开单科室,开单医生,诊断,收费项目编码,收费项目名称,数量,单价,金额,收费时间';
const ROWS = [
  'MZ0901,1,37030319850115061X,赵志强,全科门诊,刘建华,J06.9,GH0001,普通挂号费,1,1.00,1.00,2024/06/01 10:05:00',
  'MZ0901,1,37030319850115061X,赵志强,全科门诊,刘建华,J06.9,YP0005,阿莫西林胶囊 0.25g,24,0.125,3.00,2024/06/01 10:06:00',
  'MZ0902,2,370303196207050424,李秀英,慢病门诊,周海燕,I10|E11,YP0007,"苯磺酸氨氯地平片 5mg,薄膜衣",84,0.153,12.85,2024-06-01 09:25:00',
];

function drop(name: string, content: string | Buffer): string {
  const file = path.join(folder, name);
  fs.writeFileSync(file, content);
  const old = new Date(Date.now() - 10_000);
  fs.utimesSync(file, old, old);
  return file;
}

describe('file drop', () => {
  it('imports a GB18030 CSV through the column mapping and moves it to done/', async () => {
    drop('收费明细.csv', encodeGb18030([HEADER, ...ROWS].join('\r\n') + '\r\n'));
    const out = await scan();
    expect(out).toEqual([{ file: '收费明细.csv', outcome: 'done', visits: 2 }]);
    const v = t.bridge.service.get('MZ0902')!;
    expect(v.visitType).toBe('chronicOutpatient');
    expect(v.patient.name).toBe('李秀英');
    expect(v.diagnoses.map((d) => d.code)).toEqual(['I10', 'E11']);
    expect(v.lines[0].itemName).toBe('苯磺酸氨氯地平片 5mg,薄膜衣');
    expect(v.source).toBe('drop');
    expect(t.bridge.service.get('MZ0901')!.lines.map((l) => l.amount)).toEqual(['1.00', '3.00']);
    expect(fs.existsSync(path.join(folder, 'done', '收费明细.csv'))).toBe(true);
    expect(t.bridge.drop.pending()).toEqual([]);
  });

  it('a preview through the API detects GB18030 and shows the first rows and the mapped visits', async () => {
    drop('preview.csv', encodeGb18030([HEADER, ...ROWS].join('\n')));
    const r = await t.app.dispatcher.dispatch('his.drop.preview', { file: 'preview.csv' }, { session: technician, channel: 'http' });
    expect(r.ok).toBe(true);
    const p = (r as { value: any }).value;
    expect(p.encoding).toBe('gb18030');
    expect(p.headers[0]).toBe('门诊号');
    expect(p.rows).toHaveLength(3);
    expect(p.resolved.hisVisitId).toBe('门诊号');
    expect(p.visits.map((v: any) => v.hisVisitId)).toEqual(['MZ0901', 'MZ0902']);
    expect(p.visits[0].patientName).toBe('赵**');
    expect(t.bridge.service.get('MZ0901')).toBeUndefined();
  });

  it('moves a bad file to failed/ with a reason naming row and column, and writes nothing', async () => {
    const visitsOnly = () => JSON.stringify(t.app.ctx.db.prepare('SELECT * FROM his_visits').all()) + JSON.stringify(t.app.ctx.db.prepare('SELECT * FROM his_visit_lines').all());
    const before = visitsOnly();
    const bad = [HEADER, ROWS[0], ROWS[1].replace(',3.00,', ',-3.00,')].join('\n');
    drop('bad.csv', bad);
    const [out] = await scan();
    expect(out.outcome).toBe('failed');
    expect(out.reason).toContain('第 3 行“金额”列');
    const reason = fs.readFileSync(path.join(folder, 'failed', 'bad.csv.reason.txt'), 'utf8');
    expect(reason).toContain('不能为负数');
    expect(fs.readFileSync(path.join(folder, 'failed', 'bad.csv'), 'utf8')).toBe(bad);
    expect(t.bridge.service.get('MZ0901')).toBeUndefined();
    expect(visitsOnly() === before).toBe(true);
  });

  it('never imports the same file twice, even after a crash between the commit and the move', async () => {
    const text = [HEADER, ...ROWS].join('\n');
    drop('a.csv', text);
    await scan();
    t.bridge.service.markSettled('MZ0901', { settlementId: 'S9', receiptNo: 'R9', cash: '4.00', layers: [] });
    // the same export again under another name: recognised, not imported
    drop('a-again.csv', text);
    const [dup] = await scan();
    expect(dup.outcome).toBe('duplicate');
    expect(fs.readFileSync(path.join(folder, 'done', 'a-again.csv.reason.txt'), 'utf8')).toContain('未重复导入');
    // crash simulation: the file is back under its own name after its visits were committed
    drop('a.csv', fs.readFileSync(path.join(folder, 'done', 'a.csv')));
    const [again] = await scan();
    expect(again.outcome).toBe('duplicate');
    expect(fs.existsSync(path.join(folder, 'done', 'a-1.csv'))).toBe(true);
    expect(t.bridge.service.get('MZ0901')!.state).toBe('settled');
    expect(t.bridge.service.get('MZ0901')!.revision).toBe(1);
  });

  it('refuses a whole file that would change a settled visit (nothing of it is written)', async () => {
    drop('one.csv', [HEADER, ROWS[0]].join('\n'));
    await scan();
    t.bridge.service.markSettled('MZ0901', { settlementId: 'S1', receiptNo: 'R1', cash: '1.00', layers: [] });
    drop('two.csv', [HEADER, ...ROWS].join('\n'));
    const [out] = await scan();
    expect(out.outcome).toBe('failed');
    expect(out.reason).toContain('已结算');
    expect(t.bridge.service.get('MZ0902')).toBeUndefined();
  });

  it('imports JSON files in the API format, skips files still being written and temp files', async () => {
    const visits = demoVisits(new Date('2024-06-01T00:00:00Z'), 'JSON');
    drop('visits.json', JSON.stringify({ visits: visits.slice(0, 2) }));
    const writer = fs.openSync(path.join(folder, 'growing.csv'), 'w'); // the HIS is still writing it
    fs.writeSync(writer, HEADER + '\n');
    fs.writeFileSync(path.join(folder, 'export.csv.tmp'), 'x');
    const out = await scan();
    fs.closeSync(writer);
    expect(out).toEqual([{ file: 'visits.json', outcome: 'done', visits: 2 }]);
    expect(t.bridge.service.get(visits[1].hisVisitId)!.visitType).toBe('chronicOutpatient');
    expect(t.bridge.drop.pending()).toEqual(['growing.csv']);
  });

  it('moves unsupported files to failed/ with a reason', async () => {
    drop('photo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    const [out] = await scan();
    expect(out.outcome).toBe('failed');
    expect(fs.existsSync(path.join(folder, 'failed', 'photo.png.reason.txt'))).toBe(true);
  });
});
