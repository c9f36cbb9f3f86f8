// The append-only audit log with a hash chain: hash(n) = H(hash(n-1) + canonical(entry n)), where
// H is HMAC-SHA256 with the installation's audit key (key.ts) for keyed entries and plain SHA-256
// for entries written before the key existed. The first entry chains from GENESIS. verify() walks
// the whole chain and names the first entry whose sequence, link or hash does not hold; once the
// chain is keyed, an unkeyed entry after that point is a rewrite. Anchors (anchors.ts) kept
// outside the table catch what a walk cannot: a cut-off tail, or a chain recomputed whole.
import crypto from 'node:crypto';
import type { Db } from '../store/db';

export const GENESIS = '0'.repeat(64);

export type AuditAlg = 'sha256' | 'hmac-sha256';

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
  alg: AuditAlg;
}

/** The chain's head as kept outside the table: how many entries, and the last one's hash. */
export interface AuditAnchor {
  count: number;
  head: string;
}

export interface VerifyResult {
  ok: boolean;
  entries: number;
  /** The first entry that does not hold, and why (English). */
  brokenAt?: number;
  reason?: string;
  /** Present when the chain has keyed entries: whether their keys could be checked here. */
  keyed?: boolean;
  /** An anchor names more entries than the log has: its tail was cut off. */
  truncated?: { anchored: number; found: number; source: string };
  /** An anchor's head differs from the log's entry at that count: the chain was rewritten. */
  rewritten?: { at: number; source: string };
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
  alg?: string;
}

function fromRaw(r: RawRow): AuditEntry {
  return {
    seq: r.seq, at: r.at, action: r.action, operatorId: r.operator_id, channel: r.channel, summary: r.summary, prevHash: r.prev_hash, hash: r.hash,
    alg: r.alg === 'hmac-sha256' ? 'hmac-sha256' : 'sha256',
  };
}

/** The canonical form of an entry: a JSON array in a fixed field order (no key-order ambiguity). */
export function canonicalEntry(e: Omit<AuditEntry, 'prevHash' | 'hash' | 'alg'>): string {
  return JSON.stringify([e.seq, e.at, e.action, e.operatorId, e.channel, e.summary]);
}

/** An entry's hash: SHA-256 without a key, HMAC-SHA256 with one. */
export function entryHash(prevHash: string, e: Omit<AuditEntry, 'prevHash' | 'hash' | 'alg'>, key?: Buffer): string {
  const h = key ? crypto.createHmac('sha256', key) : crypto.createHash('sha256');
  return h.update(prevHash).update(canonicalEntry(e)).digest('hex');
}

export interface AuditKeyInfo {
  key: Buffer;
  /** The first sequence number written with the key: every entry from there on must be keyed. */
  since: number;
}

export class AuditLog {
  /**
   * `key`: the installation's audit key when it can be read here (keyed appends and checks);
   * `keyedSince`: known from the key file even when the key itself cannot be unsealed here.
   */
  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
    private readonly key?: AuditKeyInfo,
    private readonly keyedSince?: number,
  ) {}

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
      const alg: AuditAlg = this.key ? 'hmac-sha256' : 'sha256';
      const entry: AuditEntry = { ...base, prevHash, hash: entryHash(prevHash, base, this.key?.key), alg };
      const args = [entry.seq, entry.at, entry.action, entry.operatorId, entry.channel, entry.summary, entry.prevHash, entry.hash];
      if (this.key) this.db.prepare('INSERT INTO audit_log (seq, at, action, operator_id, channel, summary, prev_hash, hash, alg) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(...args, alg);
      else this.db.prepare('INSERT INTO audit_log (seq, at, action, operator_id, channel, summary, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(...args);
      return entry;
    };
    return this.db.inTransaction ? write() : this.db.transaction(write).immediate();
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n;
  }

  /** The committed head of the chain (count and last hash); GENESIS for an empty log. */
  anchor(): AuditAnchor {
    const last = this.db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
    return { count: last?.seq ?? 0, head: last?.hash ?? GENESIS };
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

  /** Walks the chain; then holds it against anchors kept outside the table (`source` names each). */
  verify(anchors: (AuditAnchor & { source: string })[] = []): VerifyResult {
    const walked = this.walk(new Set(anchors.map((a) => a.count)));
    if (!walked.result.ok) return walked.result;
    const result = walked.result;
    for (const a of [...anchors].sort((x, y) => y.count - x.count)) {
      if (a.count > result.entries) return { ...result, ok: false, truncated: { anchored: a.count, found: result.entries, source: a.source }, reason: `log ends at ${result.entries} but ${a.source} anchored ${a.count} entries` };
      if (a.count > 0 && !walked.hashes.get(a.count)?.startsWith(a.head)) return { ...result, ok: false, rewritten: { at: a.count, source: a.source }, brokenAt: a.count, reason: `entry ${a.count} differs from ${a.source}: the chain was rewritten` };
    }
    return result;
  }

  /** Walks the chain, keeping the hashes at the `wanted` counts (the anchors'). */
  private walk(wanted: Set<number>): { result: VerifyResult; hashes: Map<number, string> } {
    const since = this.key?.since ?? this.keyedSince;
    const hashes = new Map<number, string>();
    let prev = GENESIS;
    let expectedSeq = 1;
    let n = 0;
    let sawKeyed = false;
    const broken = (seq: number, reason: string) => ({ result: { ok: false, entries: n, brokenAt: seq, reason, ...(sawKeyed ? { keyed: !!this.key } : {}) }, hashes });
    for (const raw of this.db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<RawRow>) {
      const e = fromRaw(raw);
      n++;
      if (e.seq !== expectedSeq) return broken(e.seq, `sequence gap: expected ${expectedSeq}`);
      if (e.prevHash !== prev) return broken(e.seq, 'previous-hash link does not match');
      if (e.alg === 'hmac-sha256') {
        sawKeyed = true;
        if (this.key && entryHash(prev, e, this.key.key) !== e.hash) return broken(e.seq, 'entry content does not match its keyed hash');
      } else {
        if (sawKeyed || (since !== undefined && e.seq >= since)) return broken(e.seq, 'entry not keyed where the chain is keyed: the chain was rewritten');
        if (entryHash(prev, e) !== e.hash) return broken(e.seq, 'entry content does not match its hash');
      }
      if (wanted.has(e.seq)) hashes.set(e.seq, e.hash);
      prev = e.hash;
      expectedSeq++;
    }
    return { result: { ok: true, entries: n, ...(sawKeyed ? { keyed: !!this.key } : {}) }, hashes };
  }
}
