// One- and two-character Chinese searches ("氨", "头孢") are too short for the trigram index and
// would scan every row; this keeps, per character, the rowids of the rows whose names hold it
// (tens of thousands of rows, a few hundred thousand entries), so such a search reads only rows
// that hold both characters. Rebuilt when the versions held change (each stored version of a
// catalog changes the signature); the rows read are filtered by SQL, so a row expired since is
// never shown.
import type { Db } from '../store/db';

export class CharIndex {
  private sig = '';
  private map = new Map<string, number[]>();
  private readonly sigStmt;
  private readonly rowsStmt;

  constructor(db: Db) {
    this.sigStmt = db.prepare("SELECT COALESCE(group_concat(catalog || ':' || ver || ':' || complete, ','), '') AS s, (SELECT MAX(rowid) FROM catalog_items) AS m FROM catalog_versions");
    this.rowsStmt = db.prepare('SELECT rowid AS id, name, generic_name AS g, trade_name AS t FROM catalog_items ORDER BY rowid');
  }

  private ensure(): void {
    const r = this.sigStmt.get() as { s: string; m: number | null };
    const sig = `${r.s}|${r.m ?? 0}`;
    if (sig === this.sig) return;
    const map = new Map<string, number[]>();
    for (const row of this.rowsStmt.iterate() as Iterable<{ id: number; name: string; g: string; t: string }>) {
      for (const ch of new Set(`${row.name}${row.g}${row.t}`)) {
        let list = map.get(ch);
        if (!list) map.set(ch, (list = []));
        list.push(row.id);
      }
    }
    this.map = map;
    this.sig = sig;
  }

  /** Rowids (ascending) of rows whose names hold every character of `text` (1-2 characters). */
  candidates(text: string): number[] {
    this.ensure();
    const lists = [...new Set(text)].map((ch) => this.map.get(ch) ?? []);
    lists.sort((a, b) => a.length - b.length);
    let out = lists[0] ?? [];
    for (const other of lists.slice(1)) {
      const set = new Set(other);
      out = out.filter((id) => set.has(id));
    }
    return out;
  }
}
