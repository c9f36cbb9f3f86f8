// The support bundle cannot rebuild an ID number: a masked certno keeps the first 6 and last 4
// digits, and a birth date next to it would give the 8 in between; person numbers are masked.
// The bundle file and its folder are readable by the user only.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportSupportBundle } from '../../../electron/network/client';
import { SqliteMessageLog } from '../../../electron/network/client/message-log';
import { tempDb, tempDir } from './helpers';

const ID = '370303195803120316';
const PSN_NO = '37030000000000000001';

describe('support bundle privacy', () => {
  it('has no birth date and no whole person number anywhere: the ID number cannot be rebuilt', () => {
    const db = tempDb();
    const log = new SqliteMessageLog(db);
    const at = new Date('2026-01-01T02:00:00Z');
    const id = log.started({ msgid: 'H37030300001202601011000000101', infno: '1101', endpoint: 'sim', at, request: { input: { data: { mdtrt_cert_type: '02', mdtrt_cert_no: ID, psn_cert_type: '01', certno: ID } } } });
    log.finished(id, {
      at, durationMs: 5, outcome: 'ok', httpStatus: 200, infcode: '0',
      response: { infcode: 0, output: { baseinfo: { psn_no: PSN_NO, certno: ID, psn_name: '张建国', gend: '1', brdy: '1958-03-12', age: 67 }, insuinfo: [{ psn_no: PSN_NO, insutype: '390' }] } },
    });
    // A row written by an older build that did not mask at all
    db.prepare("INSERT INTO network_messages (msgid, infno, endpoint, started_at, request, outcome, response) VALUES ('m2', '2201', 'sim', ?, ?, 'ok', ?)")
      .run(at.toISOString(), JSON.stringify({ psn_no: PSN_NO, birthday: '19580312', certno: ID }), JSON.stringify({ note: `person ${PSN_NO}` }));
    const logDir = tempDir();
    fs.writeFileSync(path.join(logDir, 'app-2026-01-01.log'), `2026-01-01T02:00:00.000Z INFO settled for person ${PSN_NO}\n`);
    const outDir = path.join(tempDir(), 'support');
    const out = exportSupportBundle({ db, outDir, logDir, setup: { endpoint: 'sim' }, extra: { lastPerson: { psn_no: PSN_NO, brdy: '19580312' } } });
    const text = fs.readFileSync(out.file, 'utf8');
    expect(text).not.toContain(ID);
    expect(text).not.toContain(PSN_NO);
    expect(text).not.toMatch(/1958-?03-?12/);
    expect(text).not.toContain('张建国');
    expect(text).toContain('370303********0316'); // the masked certno is still there for support
    expect(text).toContain('3703************0001');
    const b = JSON.parse(text);
    const answer = JSON.parse(b.messages.find((m: { msgid: string }) => m.msgid.startsWith('H'))!.response);
    expect(answer.output.baseinfo.brdy).toBe('<removed>');
    expect(answer.output.baseinfo.age).toBe(67);
    expect(b.lastPerson).toEqual({ psn_no: '3703************0001', brdy: '<removed>' });
  });

  it('the bundle and its folder are for the user only', () => {
    const outDir = path.join(tempDir(), 'support');
    const out = exportSupportBundle({ db: tempDb(), outDir, setup: {} });
    if (process.platform !== 'win32') {
      expect(fs.statSync(out.file).mode & 0o777).toBe(0o600);
      expect(fs.statSync(outDir).mode & 0o777).toBe(0o700);
    }
  });
});
