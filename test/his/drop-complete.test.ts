// Only complete files are imported: unchanged over two scans and two seconds, not open for
// writing; an oversized file fails with a reason without being read; a bad file name fails that
// file alone and forges no log line. Real files, a real app, a watcher clock the test moves.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DROP_KEY } from '../../electron/his/drop/watcher';
import { openForWriting } from '../../electron/his/drop/complete';
import { startHisApp, type HisTestApp } from './helpers';
import { testWatcher } from './drop-helpers';

let t: HisTestApp;
let folder: string;
beforeEach(async () => {
  t = await startHisApp();
  folder = path.join(t.dataDir, 'his-drop');
  fs.mkdirSync(folder, { recursive: true });
});
afterEach(async () => {
  await t.close();
});

const HEADER = 'hisVisitId,visitType,name,department,doctor,diagnosisCodes,itemCode,itemName,quantity,unitPrice,amount,time';
const row = (amount: string) => `MZ7001,outpatient,赵志强,全科,王医生,J06.9,ZL0001,治疗费,1,${amount},${amount},2024-06-01 10:00:00\n`;
const old = (file: string) => {
  const at = new Date(Date.now() - 60_000);
  fs.utimesSync(file, at, at);
};
const amounts = () => t.bridge.service.get('MZ7001')?.lines.map((l) => l.amount);

describe('complete files only', () => {
  it('a CSV still being written is not imported, however long it sits; the finished one is', async () => {
    const { watcher, clock, scanSettled } = testWatcher(t);
    const file = path.join(folder, 'fees.csv');
    const fd = fs.openSync(file, 'w');
    // The HIS has written up to "…,3" of "311.00"; a reader would see a valid row of 3 (or 11.00)
    fs.writeSync(fd, HEADER + '\n' + row('311.00').replace(/311\.00,2024.*$/, '3'));
    old(file);
    for (let i = 0; i < 5; i++) {
      expect(await watcher.scan()).toEqual([]);
      clock.ms += 5000;
    }
    expect(amounts()).toBeUndefined();
    fs.ftruncateSync(fd, 0);
    fs.writeSync(fd, HEADER + '\n' + row('311.00'), 0);
    fs.closeSync(fd);
    const out = await scanSettled();
    expect(out).toEqual([{ file: 'fees.csv', outcome: 'done', visits: 1 }]);
    expect(amounts()).toEqual(['311.00']);
  });

  it('needs two scans at least two seconds apart with the same size and time, even for an old file', async () => {
    const { watcher, clock } = testWatcher(t);
    const file = path.join(folder, 'fees.csv');
    fs.writeFileSync(file, HEADER + '\n' + row('11.00'));
    old(file);
    expect(await watcher.scan()).toEqual([]);
    clock.ms += 1999;
    expect(await watcher.scan()).toEqual([]);
    // it grew meanwhile: the wait starts again
    fs.writeFileSync(file, HEADER + '\n' + row('311.00'));
    old(file);
    fs.utimesSync(file, new Date(Date.now() - 30_000), new Date(Date.now() - 30_000));
    clock.ms += 5000;
    expect(await watcher.scan()).toEqual([]);
    clock.ms += 2000;
    expect(await watcher.scan()).toEqual([{ file: 'fees.csv', outcome: 'done', visits: 1 }]);
    expect(amounts()).toEqual(['311.00']);
  });

  it('tells a file open for writing (this process or another) from one only open for reading', () => {
    const w = path.join(folder, 'w.csv');
    const r = path.join(folder, 'r.csv');
    fs.writeFileSync(w, 'x');
    fs.writeFileSync(r, 'x');
    const wfd = fs.openSync(w, 'a');
    const rfd = fs.openSync(r, 'r');
    try {
      expect([...openForWriting([w, r])]).toEqual(process.platform === 'linux' ? [w] : []);
    } finally {
      fs.closeSync(wfd);
      fs.closeSync(rfd);
    }
    expect([...openForWriting([w, r])]).toEqual([]);
  });
});

describe('size limit', () => {
  it('a file over the limit fails with a clear reason, without being read whole, and the next file goes on', async () => {
    const { scanSettled } = testWatcher(t);
    const big = path.join(folder, 'huge.csv');
    // 3 GB sparse: reading it whole would fail (or take minutes); the rule only looks at its size
    const fd = fs.openSync(big, 'w');
    fs.ftruncateSync(fd, 3 * 1024 * 1024 * 1024);
    fs.closeSync(fd);
    fs.writeFileSync(path.join(folder, 'small.csv'), HEADER + '\n' + row('5.00'));
    const t0 = Date.now();
    const out = await scanSettled();
    expect(Date.now() - t0).toBeLessThan(20_000);
    const huge = out.find((o) => o.file === 'huge.csv')!;
    expect(huge.outcome).toBe('failed');
    expect(huge.reason).toContain('文件过大（3072.0 MB），超过设置的上限 20 MB');
    expect(fs.existsSync(path.join(folder, 'failed', 'huge.csv'))).toBe(true);
    expect(fs.readFileSync(path.join(folder, 'failed', 'huge.csv.reason.txt'), 'utf8')).toContain('文件过大');
    expect(out.find((o) => o.file === 'small.csv')).toMatchObject({ outcome: 'done', visits: 1 });
  });

  it('the limit is set up by the technician', async () => {
    t.app.ctx.settings.set(DROP_KEY, { folder, enabled: true, columns: {}, visitTypeValues: {}, diagnosisSeparator: ';', maxFileMB: 1 });
    const { scanSettled } = testWatcher(t);
    fs.writeFileSync(path.join(folder, 'two-mb.csv'), HEADER + '\n' + row('5.00') + ' '.repeat(2 * 1024 * 1024));
    const [out] = await scanSettled();
    expect(out).toMatchObject({ file: 'two-mb.csv', outcome: 'failed' });
    expect(out.reason).toContain('上限 1 MB');
    expect(t.bridge.drop.setup().maxFileMB).toBe(1);
  });
});

describe('bad file names', () => {
  it('a name with a newline, a too long name and a name that is not UTF-8 each fail alone; the good file is imported; no log line is forged', async () => {
    const { scanSettled } = testWatcher(t);
    const forged = 'x.csv\n2024-06-01T00:00:00.000Z INFO operator admin deleted everything';
    fs.writeFileSync(path.join(folder, forged), HEADER + '\n' + row('1.00'));
    fs.writeFileSync(path.join(folder, `${'长'.repeat(70)}.csv`), HEADER + '\n' + row('2.00')); // 214 bytes
    fs.writeFileSync(Buffer.concat([Buffer.from(path.join(folder) + path.sep), Buffer.from([0x66, 0xff, 0xfe, 0x2e, 0x63, 0x73, 0x76])]), 'x');
    fs.writeFileSync(path.join(folder, 'good.csv'), HEADER + '\n' + row('9.00'));
    const out = await scanSettled();
    expect(out.filter((o) => o.outcome === 'done')).toEqual([{ file: 'good.csv', outcome: 'done', visits: 1 }]);
    const failed = out.filter((o) => o.outcome === 'failed');
    expect(failed).toHaveLength(3);
    expect(failed.map((o) => o.reason).sort()).toEqual(['文件名不是有效的 UTF-8 文本', '文件名含有换行或其他控制字符', '文件名过长（214 字节，最多 200 字节）'].sort());
    expect(amounts()).toEqual(['9.00']);
    expect(fs.readdirSync(folder).filter((n) => n !== 'done' && n !== 'failed')).toEqual([]);
    const moved = fs.readdirSync(path.join(folder, 'failed'));
    expect(moved.filter((n) => /^bad-name-\d{14}(-\d+)?(\.csv)?$/.test(n))).toHaveLength(3);
    expect(moved.every((n) => !n.includes('\n'))).toBe(true);
    const logs = fs.readdirSync(path.join(t.dataDir, 'logs')).map((f) => fs.readFileSync(path.join(t.dataDir, 'logs', f), 'utf8')).join('');
    expect(logs).toContain('bad name');
    for (const line of logs.split('\n').filter(Boolean)) expect(line).toMatch(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z (INFO|WARN|ERROR) /);
    expect(logs.split('\n').some((l) => l.startsWith('2024-06-01T00:00:00.000Z INFO operator admin'))).toBe(false);
    expect(t.bridge.drop.pending()).toEqual([]);
  });
});
