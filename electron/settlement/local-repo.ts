// The local engine's result kept beside a settlement the network decided (migration 080,
// settlement_local): its layers, totals, trace and the differences to the network's figures.
import type { Db } from '../store/db';
import { stmt } from '../store/stmt';
import { pack, unpack } from '../store/packed';
import type { LocalExplanation } from './explain';

export class LocalExplanationsRepo {
  constructor(private readonly db: Db) {}

  put(settlementId: string, e: LocalExplanation): void {
    stmt(this.db, 'INSERT OR REPLACE INTO settlement_local (settlement_id, body) VALUES (?, ?)').run(settlementId, pack(e));
  }

  get(settlementId: string): LocalExplanation | undefined {
    const r = stmt(this.db, 'SELECT body FROM settlement_local WHERE settlement_id = ?').get(settlementId) as { body: Buffer } | undefined;
    return r ? unpack<LocalExplanation>(r.body) : undefined;
  }
}
