// The HIS drop folder can never be the data folder, hold it, or lie inside it: the watcher moves
// every file it finds, and there it would carry off the live database.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DROP_KEY } from '../../electron/his/drop/watcher';
import { dropFolderProblem } from '../../electron/his/drop/folder';
import { startHisApp, technician, type HisTestApp } from './helpers';

let t: HisTestApp;
const extra: string[] = [];
beforeEach(async () => {
  t = await startHisApp();
});
afterEach(async () => {
  await t.close();
  while (extra.length) fs.rmSync(extra.pop()!, { recursive: true, force: true });
});

const setup = (folder: string) => ({ folder, enabled: true, columns: {}, visitTypeValues: {}, diagnosisSeparator: ';' });
const set = (folder: string) => t.app.dispatcher.dispatch('his.drop.set', setup(folder), { session: technician, channel: 'http' }) as Promise<any>;

describe('his.drop.set', () => {
  it('refuses the data folder, a folder inside it, and one above it; says why in Chinese', async () => {
    const before = t.app.ctx.settings.get(DROP_KEY);
    for (const folder of [t.dataDir, `${t.dataDir}${path.sep}`, path.join(t.dataDir, 'receipts'), path.join(t.dataDir, 'logs', 'x'), path.dirname(t.dataDir), path.join(t.dataDir, 'his-drop', '..')]) {
      const r = await set(folder);
      expect(r.ok, folder).toBe(false);
      expect(r.error.code).toBe('DROP_FOLDER_FORBIDDEN');
      expect(r.error.field).toBe('folder');
      expect(r.error.message).toMatch(/接收文件夹不能/);
    }
    expect(t.app.ctx.settings.get(DROP_KEY)).toEqual(before);
    expect(fs.existsSync(path.join(t.dataDir, 'receipts'))).toBe(false);
  });

  it('sees through symbolic links, both ways', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'drop-link-'));
    extra.push(outside);
    const toData = path.join(outside, 'looks-harmless');
    fs.symlinkSync(t.dataDir, toData, 'dir');
    expect((await set(toData)).error.code).toBe('DROP_FOLDER_FORBIDDEN');
    expect((await set(path.join(toData, 'sub'))).error.code).toBe('DROP_FOLDER_FORBIDDEN');
    // the data folder reached through a link: a real folder above it is still refused
    const linkedData = path.join(outside, 'data-link');
    fs.symlinkSync(t.dataDir, linkedData, 'dir');
    expect(dropFolderProblem(path.dirname(t.dataDir), linkedData)).toBeDefined();
    expect(dropFolderProblem(path.join(t.dataDir, 'his-drop'), linkedData)).toBeUndefined();
  });

  it('accepts the default folder and a folder of its own elsewhere', async () => {
    expect((await set(path.join(t.dataDir, 'his-drop'))).ok).toBe(true);
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'drop-ok-'));
    extra.push(outside);
    const r = await set(path.join(outside, 'his-export'));
    expect(r.ok).toBe(true);
    expect(r.value.setup.folder).toBe(path.join(outside, 'his-export'));
  });
});

describe('the watcher', () => {
  it('never scans a forbidden folder stored in the settings: the database stays where it is', async () => {
    t.app.ctx.settings.set(DROP_KEY, setup(t.dataDir));
    const db = path.join(t.dataDir, 'settle.db');
    expect(fs.existsSync(db)).toBe(true);
    for (let i = 0; i < 3; i++) expect(await t.bridge.drop.scan()).toEqual([]);
    expect(fs.existsSync(db)).toBe(true);
    expect(fs.existsSync(path.join(t.dataDir, 'failed'))).toBe(false);
    expect((await t.app.dispatcher.dispatch('auth.state', undefined, { channel: 'http' })).ok).toBe(true);
  });
});
