// msgid: institution + yyyyMMddHHmmss + terminal (2) + counter (2), durable before use, unique
// across windows (terminal numbers) and under bursts (more than 100 per second).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/store/db';
import { MsgIdSource, isMsgid } from '../../../electron/network/client';
import { tempDir, tempDb } from './helpers';
import { fromChina } from '../../../electron/core/time';

const CODE = 'H37030300123';

describe('MsgIdSource', () => {
  it('has the 30-character shape and starts each second at counter 00', () => {
    const t = fromChina('2026-01-02 03:04:05');
    const s = new MsgIdSource({ db: tempDb(), institutionCode: CODE, terminalNo: '07', now: () => t });
    const a = s.nextSync('2207');
    expect(a).toBe(`${CODE}20260102030405` + '0700');
    expect(a).toHaveLength(30);
    expect(s.nextSync()).toBe(`${CODE}20260102030405` + '0701');
    expect(isMsgid(a, CODE)).toBe(true);
  });

  it('two windows (terminal numbers) of one center never collide, even on one clock', async () => {
    const t = fromChina('2026-01-02 03:04:05');
    const w1 = new MsgIdSource({ db: tempDb(), institutionCode: CODE, terminalNo: '01', now: () => t });
    const w2 = new MsgIdSource({ db: tempDb(), institutionCode: CODE, terminalNo: '02', now: () => t });
    const all = new Set<string>();
    for (let i = 0; i < 300; i++) {
      all.add(w1.nextSync());
      all.add(w2.nextSync());
    }
    expect(all.size).toBe(600);
  });

  it('a burst beyond 100 per second runs ahead (sync) without repeats, and stays ahead after a restart', () => {
    const dir = tempDir();
    const file = path.join(dir, 'settle.db');
    const t = fromChina('2026-01-02 03:04:05');
    const db = openDatabase(file);
    const s = new MsgIdSource({ db, institutionCode: CODE, terminalNo: '01', now: () => t });
    const ids = Array.from({ length: 1000 }, () => s.nextSync());
    expect(new Set(ids).size).toBe(1000);
    expect(ids[100]).toBe(`${CODE}20260102030406` + '0100');
    db.close();
    const db2 = openDatabase(file);
    const s2 = new MsgIdSource({ db: db2, institutionCode: CODE, terminalNo: '01', now: () => t });
    const next = s2.nextSync();
    expect(ids).not.toContain(next);
    expect(next > ids[999]).toBe(true);
    const stored = db2.prepare('SELECT COUNT(*) AS n FROM network_msgids').get() as { n: number };
    expect(stored.n).toBe(1001);
  });

  it('next() waits for the next second instead of running ahead', async () => {
    let ms = fromChina('2026-01-02 03:04:05').getTime() + 400;
    const slept: number[] = [];
    const s = new MsgIdSource({
      db: tempDb(), institutionCode: CODE, terminalNo: '03', now: () => new Date(ms),
      sleep: async (d) => {
        slept.push(d);
        ms += d;
      },
    });
    const ids: string[] = [];
    for (let i = 0; i < 250; i++) ids.push(await s.next());
    expect(new Set(ids).size).toBe(250);
    expect(slept.length).toBe(2);
    // every msgid's time stamp is the clock's second when it was issued (never ahead)
    expect(ids[249].slice(12, 26)).toBe('20260102030407');
    expect(ids[249].slice(26)).toBe('0349');
  });

  it('a clock stepped back never repeats a msgid', () => {
    let t = fromChina('2026-01-02 03:04:05');
    const s = new MsgIdSource({ db: tempDb(), institutionCode: CODE, terminalNo: '01', now: () => t });
    const a = s.nextSync();
    t = fromChina('2026-01-02 02:00:00');
    const b = s.nextSync();
    expect(b).not.toBe(a);
    expect(b > a).toBe(true);
  });

  it('refuses a terminal number that is not two digits', () => {
    expect(() => new MsgIdSource({ db: tempDb(), institutionCode: CODE, terminalNo: '1' })).toThrow(/two digits/);
  });
});
