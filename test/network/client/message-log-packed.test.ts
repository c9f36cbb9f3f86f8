// The message log's bodies are stored packed (support data kept 180 days: a few hundred bytes a
// message instead of kilobytes), read back as the JSON text they were; the prune takes the msgids
// of the rows it deletes with them.
import { describe, expect, it } from 'vitest';
import { SqliteMessageLog } from '../../../electron/network/client';
import { isPacked } from '../../../electron/store/packed';
import { tempDb } from './helpers';

describe('message log storage', () => {
  it('packs requests and answers, reads them whole, and prunes old rows with their msgids', () => {
    const db = tempDb();
    const log = new SqliteMessageLog(db);
    const request = { infno: '2204', msgid: 'M1', input: { feedetail: Array.from({ length: 20 }, (_, i) => ({ feedetl_sn: String(i + 1), med_list_codg: 'XC08CAA124A001010104123', cnt: '84', pric: '0.1530' })) } };
    const answer = { infcode: 0, output: { result: [{ feedetl_sn: '1', det_item_fee_sumamt: '12.85' }] } };
    for (const [msgid, at] of [['M1', '2020-01-01T00:00:00Z'], ['M2', '2020-06-15T00:00:00Z']] as const) {
      db.prepare("INSERT INTO network_msgids (msgid, infno, allocated_at) VALUES (?, '2204', ?)").run(msgid, at);
      const id = log.started({ msgid, infno: '2204', endpoint: 'http://x', at: new Date(at), request: { ...request, msgid } });
      log.finished(id, { at: new Date(at), durationMs: 5, outcome: 'ok', httpStatus: 200, infcode: '0', response: answer });
    }
    const raw = db.prepare("SELECT request, response FROM network_messages WHERE msgid = 'M1'").get() as { request: unknown; response: unknown };
    expect(isPacked(raw.request)).toBe(true);
    expect(isPacked(raw.response)).toBe(true);
    expect((raw.request as Buffer).length).toBeLessThan(JSON.stringify(request).length / 3);
    const rows = log.recent(10);
    expect(JSON.parse(rows[1].request)).toEqual({ ...request, msgid: 'M1' });
    expect(JSON.parse(rows[1].response!)).toEqual(answer);
    expect(log.answerOf('M2')).toEqual(answer.output);
    expect(log.prune('2020-03-01T00:00:00Z')).toBe(1);
    expect(db.prepare('SELECT msgid FROM network_msgids ORDER BY msgid').all()).toEqual([{ msgid: 'M2' }]);
    expect(log.recent(10).map((r) => r.msgid)).toEqual(['M2']);
  });
});
