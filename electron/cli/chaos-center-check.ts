// The center's checks of a chaos run with several windows, from each window's database and the
// center's tables:
//   lost        a settlement or cancellation a window holds that is not at the center
//   duplicated  a document the center holds that no window has (it cannot hold one twice: keyed)
//   mismatched  a person's year-to-date or offline day at the center differs from the window's own
//               (a document counted twice or not at all there)
//   overLimit   a person whose offline settlements of the day, over all windows, pass the limit
import Database from 'better-sqlite3';
import pg from 'pg';

export interface CenterWindowRef {
  windowId: string;
  dbFile: string;
}

export interface CenterCounts {
  lost: number;
  duplicated: number;
  mismatched: number;
  overLimit: number;
}

type YtdMap = Map<string, number>;

function localOf(w: CenterWindowRef): { ids: Set<string>; ytd: YtdMap } {
  const db = new Database(w.dbFile, { readonly: true });
  try {
    const ids = new Set((db.prepare('SELECT id FROM settlements').all() as { id: string }[]).map((r) => r.id));
    const ytd: YtdMap = new Map();
    for (const r of db.prepare("SELECT person_no, year, ytd_key, base_fen, paid_fen, burden_fen FROM ytd WHERE ytd_key NOT LIKE '#burden%'").all() as {
      person_no: string; year: number; ytd_key: string; base_fen: number; paid_fen: number; burden_fen: number;
    }[]) ytd.set(`${r.person_no}|${r.year}|${r.ytd_key}`, r.base_fen * 1e6 + r.paid_fen);
    return { ids, ytd };
  } finally {
    db.close();
  }
}

async function centerOf(c: pg.Client, windowId: string): Promise<{ ids: Set<string>; ytd: YtdMap }> {
  const docs = await c.query<{ settlement_id: string }>('SELECT settlement_id FROM settlements WHERE window_id = $1', [windowId]);
  const rows = await c.query<{ person_no: string; year: number; ytd_key: string; base_fen: string; paid_fen: string }>(
    "SELECT person_no, year, ytd_key, base_fen, paid_fen FROM person_ytd WHERE window_id = $1 AND ytd_key NOT LIKE '#burden%'", [windowId],
  );
  const ytd: YtdMap = new Map();
  for (const r of rows.rows) ytd.set(`${r.person_no}|${r.year}|${r.ytd_key}`, Number(r.base_fen) * 1e6 + Number(r.paid_fen));
  return { ids: new Set(docs.rows.map((r) => r.settlement_id)), ytd };
}

function compareYtd(local: YtdMap, center: YtdMap): number {
  let diff = 0;
  for (const k of new Set([...local.keys(), ...center.keys()])) if ((local.get(k) ?? 0) !== (center.get(k) ?? 0)) diff += 1;
  return diff;
}

export async function checkCenter(url: string, windows: CenterWindowRef[], day: string, limitFen: number): Promise<{ counts: CenterCounts; notes: string[] }> {
  const c = new pg.Client(url);
  await c.connect();
  const counts: CenterCounts = { lost: 0, duplicated: 0, mismatched: 0, overLimit: 0 };
  const notes: string[] = [];
  try {
    for (const w of windows) {
      const local = localOf(w);
      const center = await centerOf(c, w.windowId);
      for (const id of local.ids) if (!center.ids.has(id)) (counts.lost += 1), notes.push(`not at the center: ${w.windowId} ${id}`);
      for (const id of center.ids) if (!local.ids.has(id)) (counts.duplicated += 1), notes.push(`at the center, not at the window: ${w.windowId} ${id}`);
      const d = compareYtd(local.ytd, center.ytd);
      if (d) (counts.mismatched += d), notes.push(`${d} year-to-date row(s) of ${w.windowId} differ between the window and the center`);
    }
    const over = await c.query<{ person_no: string; fen: string }>(
      'SELECT person_no, SUM(base_fen) AS fen FROM person_ytd WHERE ytd_key = $1 AND window_id = ANY($2) GROUP BY person_no HAVING SUM(base_fen) > $3',
      [`#offline:${day}`, windows.map((w) => w.windowId), limitFen],
    );
    counts.overLimit = over.rows.length;
    for (const r of over.rows) notes.push(`over the center-wide offline limit: ${r.person_no} ${r.fen} fen`);
    return { counts, notes };
  } finally {
    await c.end();
  }
}
