// The window's side of the center link in its own SQLite: the link row (which center, this
// window's id and the terminal number the center gave), and the center outbox the triggers of
// migration 110 fill inside every commit that writes a document, a network record or an audit entry.
import type { Db } from '../store/db';
import { stmt } from '../store/stmt';
import { SettlementsRepo, type SettlementDoc } from '../store/settlements';
import { SettlementNetworkRepo, type NetworkRecord } from '../store/settlement-network';

export interface LinkRow {
  centerKey: string;
  windowId: string;
  terminalNo?: string;
  linkedAt: string;
  lastContactAt?: string;
}

export interface OutboxRow {
  id: number;
  kind: 'settlement' | 'network' | 'audit';
  ref: string;
}

export interface AuditRow {
  seq: number;
  at: string;
  action: string;
  operatorId: string | null;
  channel: string;
  summary: string;
  hash: string;
}

/** One outbox row with what it carries, read from the window's store. */
export type OutboxItem =
  | { id: number; kind: 'settlement'; doc: SettlementDoc }
  | { id: number; kind: 'network'; rec: NetworkRecord; netDay?: string }
  | { id: number; kind: 'audit'; audit: AuditRow };

export class CenterLocal {
  private readonly docs: SettlementsRepo;
  private readonly net: SettlementNetworkRepo;

  constructor(private readonly db: Db, now: () => Date) {
    this.docs = new SettlementsRepo(db);
    this.net = new SettlementNetworkRepo(db, now);
  }

  link(): LinkRow | undefined {
    const r = stmt(this.db, 'SELECT center_key, window_id, terminal_no, linked_at, last_contact_at FROM center_link WHERE id = 1').get() as
      | { center_key: string; window_id: string; terminal_no: string | null; linked_at: string; last_contact_at: string | null }
      | undefined;
    if (!r) return undefined;
    return { centerKey: r.center_key, windowId: r.window_id, terminalNo: r.terminal_no ?? undefined, linkedAt: r.linked_at, lastContactAt: r.last_contact_at ?? undefined };
  }

  /**
   * Links the window to a center (or to another one): the link row and, in the same transaction,
   * everything the window already holds put in the outbox (the center ignores what it has).
   */
  establish(centerKey: string, windowId: string, at: string): void {
    this.db.transaction(() => {
      const cur = this.link();
      if (cur?.centerKey === centerKey) return;
      stmt(this.db, 'DELETE FROM center_link').run();
      stmt(this.db, 'DELETE FROM center_outbox').run();
      stmt(this.db, 'INSERT INTO center_link (id, center_key, window_id, linked_at) VALUES (1, ?, ?, ?)').run(centerKey, windowId, at);
      this.db.exec(`INSERT INTO center_outbox (kind, ref) SELECT 'settlement', id FROM settlements ORDER BY doc_key;
        INSERT INTO center_outbox (kind, ref) SELECT 'network', settlement_id FROM settlement_network;
        INSERT INTO center_outbox (kind, ref) SELECT 'audit', CAST(seq AS TEXT) FROM audit_log ORDER BY seq;`);
    })();
  }

  setTerminal(terminalNo: string): void {
    stmt(this.db, 'UPDATE center_link SET terminal_no = ? WHERE id = 1').run(terminalNo);
  }

  touch(at: string): void {
    stmt(this.db, 'UPDATE center_link SET last_contact_at = ? WHERE id = 1').run(at);
  }

  /** How many rows wait for the center. */
  unsent(): number {
    return (stmt(this.db, 'SELECT COUNT(*) AS n FROM center_outbox').get() as { n: number }).n;
  }

  /** The oldest rows waiting, in the order they were written, with what they carry. */
  batch(limit: number): { last: number; items: OutboxItem[] } | undefined {
    const rows = stmt(this.db, 'SELECT id, kind, ref FROM center_outbox ORDER BY id LIMIT ?').all(limit) as OutboxRow[];
    if (!rows.length) return undefined;
    // A record's network side changed several times in one batch (created, then confirmed): its
    // last state is read once, under its last row's id (the version the center keeps).
    const lastNet = new Map<string, number>();
    for (const r of rows) if (r.kind === 'network') lastNet.set(r.ref, r.id);
    const items: OutboxItem[] = [];
    for (const r of rows) {
      if (r.kind === 'network' && lastNet.get(r.ref) !== r.id) continue;
      const item = this.load(r);
      if (item) items.push(item);
    }
    return { last: rows[rows.length - 1].id, items };
  }

  private load(r: OutboxRow): OutboxItem | undefined {
    if (r.kind === 'settlement') {
      const doc = this.docs.get(r.ref);
      return doc && { id: r.id, kind: 'settlement', doc };
    }
    if (r.kind === 'network') {
      const rec = this.net.get(r.ref);
      const day = stmt(this.db, 'SELECT net_day FROM settlement_network WHERE settlement_id = ?').get(r.ref) as { net_day: string | null } | undefined;
      return rec && { id: r.id, kind: 'network', rec, netDay: day?.net_day ?? undefined };
    }
    const a = stmt(this.db, 'SELECT seq, at, action, operator_id AS operatorId, channel, summary, hash FROM audit_log WHERE seq = ?').get(Number(r.ref)) as AuditRow | undefined;
    return a && { id: r.id, kind: 'audit', audit: a };
  }

  /** Rows up to `last` reached the center (committed there): they go. */
  done(last: number): void {
    stmt(this.db, 'DELETE FROM center_outbox WHERE id <= ?').run(last);
  }

  /** Settlements of this window with messages not yet through to the network (kept by the outbox's tally). */
  unsentNetwork(): number {
    const r = stmt(this.db, "SELECT n FROM outbox_tally WHERE k = 'settlements'").get() as { n: number } | undefined;
    return r?.n ?? 0;
  }
}
