// The center's register of windows: each window (its store id) gets a terminal number that no
// other window of its institution has (msgids are institution + time + terminal + counter, so
// they stay unique across the center). A window keeps the number it has when it is free.
import type { CenterPool } from './pg';
import { inTransaction } from './pg';

export interface WindowClaim {
  windowId: string;
  institutionCode: string;
  /** The number the window is set up with (kept when no other window has it). */
  terminalNo: string;
  name: string;
}

export class TerminalsExhaustedError extends Error {}

/** Registers (or re-checks) a window; returns the terminal number it must use. */
export async function registerWindow(pool: CenterPool, w: WindowClaim): Promise<string> {
  return inTransaction(pool, async (c) => {
    await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`terminals:${w.institutionCode}`]);
    const mine = await c.query<{ institution_code: string; terminal_no: string }>('SELECT institution_code, terminal_no FROM windows WHERE window_id = $1', [w.windowId]);
    const row = mine.rows[0];
    if (row && row.institution_code === w.institutionCode) {
      await c.query('UPDATE windows SET last_contact_at = now(), name = $2 WHERE window_id = $1', [w.windowId, w.name]);
      return row.terminal_no;
    }
    const taken = new Set(
      (await c.query<{ terminal_no: string }>('SELECT terminal_no FROM windows WHERE institution_code = $1 AND window_id <> $2', [w.institutionCode, w.windowId])).rows.map((r) => r.terminal_no),
    );
    let no = /^\d{2}$/.test(w.terminalNo) && w.terminalNo !== '00' && !taken.has(w.terminalNo) ? w.terminalNo : undefined;
    for (let i = 1; !no && i <= 99; i++) {
      const t = String(i).padStart(2, '0');
      if (!taken.has(t)) no = t;
    }
    if (!no) throw new TerminalsExhaustedError(`institution ${w.institutionCode} has 99 windows: no terminal number left`);
    await c.query(
      `INSERT INTO windows (window_id, institution_code, terminal_no, name, last_contact_at) VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (window_id) DO UPDATE SET institution_code = excluded.institution_code, terminal_no = excluded.terminal_no, name = excluded.name, last_contact_at = now()`,
      [w.windowId, w.institutionCode, no, w.name],
    );
    return no;
  });
}

/** The window was heard from, with its queues' lengths (for the center view). */
export async function heartbeat(pool: CenterPool, windowId: string, unsentNetwork: number, unsentCenter: number): Promise<void> {
  await pool.query('UPDATE windows SET last_contact_at = now(), unsent_network = $2, unsent_center = $3 WHERE window_id = $1', [windowId, unsentNetwork, unsentCenter]);
}

export interface WindowRow {
  windowId: string;
  institutionCode: string;
  terminalNo: string;
  name: string;
  lastContactAt?: string;
  unsentNetwork: number;
  unsentCenter: number;
  /** Today's settlements (net of cancellations) and their total, fen. */
  todayCount: number;
  todayFen: number;
  todayOfflineCount: number;
  /** Documents that came under an id the center already held with other content (a restored window). */
  conflicts: number;
}

/** Every window with its last contact, queues and the day's totals. */
export async function listWindows(pool: CenterPool, day: string): Promise<WindowRow[]> {
  const r = await pool.query<{
    window_id: string; institution_code: string; terminal_no: string; name: string; last_contact_at: Date | null;
    unsent_network: number; unsent_center: number; n: string; fen: string; offline_n: string; conflicts: string;
  }>(
    `SELECT w.window_id, w.institution_code, w.terminal_no, w.name, w.last_contact_at, w.unsent_network, w.unsent_center,
       COALESCE(SUM(CASE s.kind WHEN 'settlement' THEN 1 WHEN 'cancellation' THEN -1 ELSE 0 END), 0) AS n, COALESCE(SUM(s.total_fen), 0) AS fen,
       COALESCE(SUM(CASE WHEN s.mode = 'offline' AND s.kind = 'settlement' THEN 1 ELSE 0 END), 0) AS offline_n,
       (SELECT COUNT(*) FROM replication_conflicts c WHERE c.window_id = w.window_id) AS conflicts
     FROM windows w LEFT JOIN settlements s ON s.window_id = w.window_id AND s.business_date = $1
     GROUP BY w.window_id ORDER BY w.institution_code, w.terminal_no`,
    [day],
  );
  return r.rows.map((x) => ({
    windowId: x.window_id, institutionCode: x.institution_code, terminalNo: x.terminal_no, name: x.name,
    lastContactAt: x.last_contact_at?.toISOString(), unsentNetwork: x.unsent_network, unsentCenter: x.unsent_center,
    todayCount: Number(x.n), todayFen: Number(x.fen), todayOfflineCount: Number(x.offline_n), conflicts: Number(x.conflicts),
  }));
}
