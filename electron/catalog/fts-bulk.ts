// Bulk mode of the catalog's trigram index (migration 091): while a big version is stored the
// row-by-row triggers stand aside, and the index is rebuilt from the rows once at the end, which
// is several times faster than keeping it row by row. A store whose schema lacks the switch
// (a development database migrated past 091 before it existed) keeps the triggers always on.
import type { Db } from '../store/db';

export class FtsBulk {
  private readonly present: boolean;

  constructor(private readonly db: Db) {
    this.present = !!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'catalog_fts_state'").get();
  }

  /** Whether the triggers stand aside now (a bulk store under way, or one a crash cut off). */
  active(): boolean {
    if (!this.present) return false;
    return (this.db.prepare('SELECT bulk FROM catalog_fts_state WHERE id = 1').get() as { bulk: number } | undefined)?.bulk === 1;
  }

  /** Sets the triggers aside (inside the transaction of the first chunk). */
  begin(): void {
    if (this.present) this.db.prepare('UPDATE catalog_fts_state SET bulk = 1 WHERE id = 1').run();
  }

  /** Rebuilds the index from the rows and turns the triggers back on, in one transaction. */
  finish(): void {
    if (!this.present) return;
    this.db.transaction(() => {
      this.db.exec("INSERT INTO catalog_items_fts (catalog_items_fts) VALUES ('rebuild')");
      this.db.prepare('UPDATE catalog_fts_state SET bulk = 0 WHERE id = 1').run();
    })();
  }
}
