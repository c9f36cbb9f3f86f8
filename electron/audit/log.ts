// The append-only audit log with a hash chain: hash(n) = SHA-256(hash(n-1) + canonical(entry n)).
// The first entry chains from GENESIS. verify() walks the whole chain and names the first entry
// whose sequence, link or hash does not hold.
import crypto from 'node:crypto';
import type { Db } from '../store/db';

export const GENESIS = '0'.repeat(64);

export interface AuditEntryInput {
  action: string;
  operatorId: string | null;
  channel: string;
  summary: string;
}

export interface AuditEntry extends AuditEntryInput {
  seq: number;
  at: string;
  prevHash: string;
  hash: string;
}

export interface VerifyResult {
  ok: boolean;
  entries: number;
  /** The first entry that does not hold, and why (English). */
  brokenAt?: number;
  reason?: string;
}

interface RawRow {
  seq: number;
  at: string;
  action: string;
  operator_id: string | null;
  channel: string;
  summary: string;
  prev_hash: string;
  hash: string;
}

function fromRaw(r: RawRow): AuditEntry {
  return { seq: r.seq, at: r.at, action: r.action, operatorId: r.operator_id, channel: r.channel, summary: r.summary, prevHash: r.prev_hash, hash: r.hash };
}

/** The canonical form of an entry: a JSON array in a fixed field order (no key-order ambiguity). */
export function canonicalEntry(e: Omit<AuditEntry, 'prevHash' | 'hash'>): string {
  return JSON.stringify([e.seq, e.at, e.action, e.operatorId, e.channel, e.summary]);
}

export function entryHash(prevHash: string, e: Omit<AuditEntry, 'prevHash' | 'hash'>): string {
  return crypto.createHash('sha256').update(prevHash).update(canonicalEntry(e)).digest('hex');
}

export class AuditLog {
  constructor(private readonly db: Db, private readonly now: () => Date) {}

  /** Appends one entry; runs in its own (immediate) transaction, or inside the caller's. */
  append(input: AuditEntryInput): AuditEntry {
    const write = () => {
      const last = this.db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
      const base = {
        seq: (last?.seq ?? 0) + 1,
        at: this.now().toISOString(),
        action: input.action.slice(0, 100),
        operatorId: input.operatorId,
        channel: input.channel.slice(0, 20),
        summary: input.summary.slice(0, 2000),
      };
      const prevHash = last?.hash ?? GENESIS;
      const entry: AuditEntry = { ...base, prevHash, hash: entryHash(prevHash, base) };
      this.db
        .prepare('INSERT INTO audit_log (seq, at, action, operator_id, channel, summary, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(entry.seq, entry.at, entry.action, entry.operatorId, entry.channel, entry.summary, entry.prevHash, entry.hash);
      return entry;
    };
    return this.db.inTransaction ? write() : this.db.transaction(write).immediate();
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n;
  }

  /** Newest first. */
  list(opts: { limit: number; beforeSeq?: number; operatorId?: string }): AuditEntry[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (opts.beforeSeq !== undefined) {
      where.push('seq < ?');
      args.push(opts.beforeSeq);
    }
    if (opts.operatorId) {
      where.push('operator_id = ?');
      args.push(opts.operatorId);
    }
    const sql = `SELECT * FROM audit_log ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY seq DESC LIMIT ?`;
    return (this.db.prepare(sql).all(...args, opts.limit) as RawRow[]).map(fromRaw);
  }

  verify(): VerifyResult {
    let prev = GENESIS;
    let expectedSeq = 1;
    let n = 0;
    for (const raw of this.db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<RawRow>) {
      const e = fromRaw(raw);
      n++;
      if (e.seq !== expectedSeq) return { ok: false, entries: n, brokenAt: e.seq, reason: `sequence gap: expected ${expectedSeq}` };
      if (e.prevHash !== prev) return { ok: false, entries: n, brokenAt: e.seq, reason: 'previous-hash link does not match' };
      if (entryHash(prev, e) !== e.hash) return { ok: false, entries: n, brokenAt: e.seq, reason: 'entry content does not match its hash' };
      prev = e.hash;
      expectedSeq++;
    }
    return { ok: true, entries: n };
  }
}
