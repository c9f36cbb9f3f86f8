// Migration 010 (msgid sequence, allocated msgids, message log): a store holding settings before
// it keeps them; msgids and logged messages written after it are carried across every later
// migration, and the sequence goes on from where it was (a msgid is never handed out twice).
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { loadMigrations, migrate, schemaVersion } from '../../../electron/store/db';
import { SettingsRepo } from '../../../electron/store/settings';
import { MsgIdSource, SqliteMessageLog } from '../../../electron/network/client';
import { tempDir } from './helpers';

const all = loadMigrations();
const upTo = (v: number) => all.filter((m) => m.version <= v);
const latest = all[all.length - 1]!.version;
const AT = new Date('2020-06-15T02:00:00Z'); // 10:00:00 China time
const STAMP = 'H37030300123' + '20200615100000' + '01'; // institution, China time, terminal

describe('migration 010 (network client)', () => {
  it('keeps the settings before it; its msgids and message log survive every later migration', () => {
    const db = new Database(path.join(tempDir('m010-'), 'settle.db'));
    db.pragma('foreign_keys = ON');
    migrate(db, upTo(9));
    const settings = new SettingsRepo(db, () => AT);
    settings.set('institution', { code: 'H37030300123', name: '淄博市张店区中埠镇卫生院', terminalNo: '01' });
    migrate(db, upTo(10));
    expect(schemaVersion(db)).toBe(10);
    expect(settings.get('institution')).toEqual({ code: 'H37030300123', name: '淄博市张店区中埠镇卫生院', terminalNo: '01' });

    const msgids = new MsgIdSource({ db, institutionCode: 'H37030300123', terminalNo: '01', now: () => AT });
    const sent = [msgids.nextSync('9001'), msgids.nextSync('2207')];
    expect(sent).toEqual([`${STAMP}00`, `${STAMP}01`]);
    const log = new SqliteMessageLog(db);
    const id = log.started({ msgid: sent[1]!, infno: '2207', endpoint: 'http://127.0.0.1:1/', at: AT, request: { infno: '2207', input: { data: { psn_no: 'P1' } } } });
    log.finished(id, { at: AT, outcome: 'ok', httpStatus: 200, infcode: '0', response: { infcode: 0, output: {} }, durationMs: 12 });

    migrate(db, upTo(latest));
    expect(schemaVersion(db)).toBe(latest);
    const rows = db.prepare('SELECT msgid, infno FROM network_msgids ORDER BY msgid').all();
    expect(rows).toEqual([{ msgid: sent[0], infno: '9001' }, { msgid: sent[1], infno: '2207' }]);
    const kept = new SqliteMessageLog(db);
    expect(kept.counts()).toEqual({ ok: 1 });
    expect(kept.recent(5)[0]).toMatchObject({ msgid: sent[1], infno: '2207', outcome: 'ok', http_status: 200, duration_ms: 12 });
    // The same second after the upgrade: the counter goes on, the msgid is a new one.
    const after = new MsgIdSource({ db, institutionCode: 'H37030300123', terminalNo: '01', now: () => AT }).nextSync('2201');
    expect(after).toBe(`${STAMP}02`);
    expect(settings.get('institution')).toMatchObject({ code: 'H37030300123' });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});
