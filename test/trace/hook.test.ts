// The settle area's hooks on a real SQLite file: the sale rows, code history and 3505 queue rows are
// written in the settlement's own transaction (gone with it), a cancellation voids what never
// left and queues 3506 for what did, and a failing hook never takes the settlement down.
import { afterEach, describe, expect, it } from 'vitest';
import { traceCancelWithin, traceWithin, onTraceHook } from '../../electron/trace/hook';
import { TraceRepo } from '../../electron/trace/repo';
import { UploadQueue } from '../../electron/trace/queue-repo';
import { receiptCounts } from '../../electron/trace/report';
import { code, docOf, openSession, tempDb } from './helpers';

let t: ReturnType<typeof tempDb>;
afterEach(() => t?.done());

function setup() {
  t = tempDb();
  const now = () => new Date('2020-06-15T02:00:00Z');
  const repo = new TraceRepo(t.db, now);
  const queue = new UploadQueue(t.db, now);
  openSession(repo, 'MZ1');
  repo.addScan('MZ1', { code: code(1), lineNo: '2', units: '24' });
  repo.addScan('MZ1', { code: code(2), lineNo: '3', units: '12' });
  repo.setReason('MZ1', '4', 'oldStock');
  return { repo, queue };
}

describe('traceWithin', () => {
  it('does nothing for a visit never scanned', () => {
    const { queue } = setup();
    traceWithin(docOf('S1', 'OTHER'), t.db);
    expect(queue.forSettlement('S1')).toEqual([]);
  });

  it('records each drug line with its codes or reason, the code history and a 3505 per line; the session goes', () => {
    const { repo, queue } = setup();
    t.db.transaction(() => traceWithin(docOf('S1', 'MZ1'), t.db))();
    const sales = repo.sales('S1');
    expect(sales.map((s) => [s.lineNo, s.codes.map((c) => c.code), s.split, s.reason ?? ''])).toEqual([
      ['2', [code(1)], false, ''], ['3', [code(2)], true, ''], ['4', [], false, 'oldStock'],
    ]);
    expect(queue.forSettlement('S1').map((u) => [u.lineNo, u.infno, u.state])).toEqual([['2', '3505', 'waiting'], ['3', '3505', 'waiting'], ['4', '3505', 'waiting']]);
    expect(repo.history(code(1))).toMatchObject({ wholeSold: 1, unitsUsed: '0' });
    expect(repo.history(code(2))).toMatchObject({ wholeSold: 0, unitsUsed: '12', pack: 20 });
    expect(repo.hasSession('MZ1')).toBe(false);
    expect(receiptCounts(repo, 'S1')).toEqual({ codes: 2, drugLines: 3, withoutCodes: 1 });
  });

  it('is part of the settlement transaction: rolled back with it', () => {
    const { repo, queue } = setup();
    expect(() => t.db.transaction(() => {
      traceWithin(docOf('S1', 'MZ1'), t.db);
      throw new Error('the settlement failed after the hook');
    })()).toThrow(/settlement failed/);
    expect(queue.forSettlement('S1')).toEqual([]);
    expect(repo.sales('S1')).toEqual([]);
    expect(repo.hasSession('MZ1')).toBe(true);
  });

  it('a failure inside the hook is logged and the settlement commits without its trace rows', () => {
    const { repo } = setup();
    const logged: string[] = [];
    const off = onTraceHook({ log: (l) => logged.push(l), queued: () => undefined });
    t.db.exec('CREATE TABLE settled (id TEXT)');
    t.db.exec("CREATE TRIGGER break_trace BEFORE INSERT ON trace_uploads BEGIN SELECT RAISE(ABORT, 'disk trouble'); END");
    t.db.transaction(() => {
      t.db.prepare("INSERT INTO settled VALUES ('S1')").run();
      traceWithin(docOf('S1', 'MZ1'), t.db);
    })();
    off();
    expect(t.db.prepare('SELECT COUNT(*) AS n FROM settled').get()).toEqual({ n: 1 });
    expect(repo.sales('S1')).toEqual([]);
    expect(logged.join()).toMatch(/settlement S1 failed.*disk trouble/s);
  });
});

describe('traceCancelWithin', () => {
  it('voids a 3505 that never left, queues 3506 for one that did, gives the codes back', () => {
    const { repo, queue } = setup();
    traceWithin(docOf('S1', 'MZ1'), t.db);
    const [u2] = queue.forSettlement('S1');
    queue.sending(u2.id, 'M1');
    queue.finish(u2.id, 'done');
    t.db.transaction(() => traceCancelWithin(docOf('C1', 'MZ1', 'cancellation'), docOf('S1', 'MZ1'), t.db))();
    const rows = queue.forSettlement('S1').map((u) => [u.lineNo, u.infno, u.state]);
    expect(rows).toEqual([['2', '3505', 'done'], ['3', '3505', 'void'], ['4', '3505', 'void'], ['2', '3506', 'waiting']]);
    expect(repo.sales('S1').every((s) => s.returned)).toBe(true);
    expect(repo.history(code(1))).toMatchObject({ wholeSold: 0 });
    expect(repo.history(code(2))).toMatchObject({ unitsUsed: '0' });
  });
});
