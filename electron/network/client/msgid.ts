// msgid = institution code + yyyyMMddHHmmss (local time) + 4-digit sequence "TTCC":
// TT = this window's terminal number (from the institution setup), CC = a counter 00..99 within
// the second. Windows of one center have different terminal numbers, so their msgids never
// collide even though each keeps its own database.
//
// Design:
// - The last (stamp, counter) per terminal lives in SQLite (network_msgid_state) and is advanced
//   in one IMMEDIATE transaction that also records the msgid in network_msgids, so a msgid is
//   durably allocated before anyone can send it, and a restart never reuses one.
// - Within one second at most 100 msgids exist per terminal. `next()` (async) waits for the next
//   wall-clock second when the counter is exhausted, so stamps stay honest. `nextSync()` (for use
//   inside a caller's SQLite transaction) never waits: it moves to the following second logically,
//   which may run a little ahead of the clock during a burst; later allocations continue from the
//   stored stamp, so uniqueness holds either way.
// - A wall clock that steps back never produces a repeat: the stored stamp is the floor.
import type { Db } from '../../store/db';
import { chinaStamp, fromChina } from '../../core/time';

const MAX_COUNTER = 99;

export interface MsgIdSourceOptions {
  db: Db;
  institutionCode: string;
  /** Two digits, e.g. "01". */
  terminalNo: string;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** yyyyMMddHHmmss in China time (the platform's clock). */
export function stampOf(d: Date): string {
  return chinaStamp(d);
}

export function parseStamp(s: string): Date {
  return fromChina(`${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)} ${s.slice(8, 10)}:${s.slice(10, 12)}:${s.slice(12, 14)}`);
}

function addSecond(stamp: string): string {
  return stampOf(new Date(parseStamp(stamp).getTime() + 1000));
}

interface StateRow {
  stamp: string;
  counter: number;
}

export class MsgIdSource {
  private readonly now: () => Date;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly getState;
  private readonly putState;
  private readonly putMsgid;

  constructor(private readonly opts: MsgIdSourceOptions) {
    if (!/^\d{2}$/.test(opts.terminalNo)) throw new Error(`terminal number must be two digits: ${opts.terminalNo}`);
    if (!opts.institutionCode) throw new Error('institution code is required for msgids');
    this.now = opts.now ?? (() => new Date());
    this.sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.getState = opts.db.prepare('SELECT stamp, counter FROM network_msgid_state WHERE terminal_no = ?');
    this.putState = opts.db.prepare(
      `INSERT INTO network_msgid_state (terminal_no, stamp, counter) VALUES (?, ?, ?)
       ON CONFLICT(terminal_no) DO UPDATE SET stamp = excluded.stamp, counter = excluded.counter`,
    );
    this.putMsgid = opts.db.prepare('INSERT INTO network_msgids (msgid, infno, allocated_at) VALUES (?, ?, ?)');
  }

  get institutionCode(): string {
    return this.opts.institutionCode;
  }

  get terminalNo(): string {
    return this.opts.terminalNo;
  }

  /**
   * Allocates and durably records the next msgid without waiting (may run ahead of the clock in
   * a burst of more than 100 per second). Safe inside an enclosing better-sqlite3 transaction.
   */
  nextSync(infno = ''): string {
    const alloc = () => {
      const row = this.getState.get(this.opts.terminalNo) as StateRow | undefined;
      const nowStamp = stampOf(this.now());
      let stamp: string;
      let counter: number;
      if (!row || nowStamp > row.stamp) {
        stamp = nowStamp;
        counter = 0;
      } else if (row.counter < MAX_COUNTER) {
        stamp = row.stamp;
        counter = row.counter + 1;
      } else {
        stamp = addSecond(row.stamp);
        counter = 0;
      }
      this.putState.run(this.opts.terminalNo, stamp, counter);
      const msgid = `${this.opts.institutionCode}${stamp}${this.opts.terminalNo}${pad(counter)}`;
      this.putMsgid.run(msgid, infno, this.now().toISOString());
      return msgid;
    };
    return this.opts.db.inTransaction ? alloc() : this.opts.db.transaction(alloc).immediate();
  }

  /** Allocates the next msgid; waits for the next second when this second's 100 are used up. */
  async next(infno = ''): Promise<string> {
    for (let attempt = 0; attempt < 10; attempt++) {
      const row = this.getState.get(this.opts.terminalNo) as StateRow | undefined;
      const now = this.now();
      const nowStamp = stampOf(now);
      const exhausted = row && row.stamp >= nowStamp && row.counter >= MAX_COUNTER;
      // Wait only when the clock will catch up soon; a clock stepped far back is not waited for.
      if (!exhausted || parseStamp(row.stamp).getTime() - parseStamp(nowStamp).getTime() > 5000) break;
      await this.sleep(1000 - now.getMilliseconds() + 1);
    }
    return this.nextSync(infno);
  }
}

/** True when `msgid` has the shape institution code + 14-digit stamp + 4 digits. */
export function isMsgid(msgid: string, institutionCode?: string): boolean {
  if (institutionCode !== undefined && !msgid.startsWith(institutionCode)) return false;
  return /^[A-Z0-9]+\d{18}$/.test(msgid) && msgid.length >= 19;
}
