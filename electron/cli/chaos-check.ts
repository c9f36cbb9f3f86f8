// The checks of the chaos run, from the window's database and the simulator's books:
//   lost        a settlement the worker reported committed that is missing locally or at the network
//   duplicated  a visit with more than one live settlement locally, or more than one applied at the network
//   mismatched  the network's amounts differ from what the window recorded as confirmed, or the local
//               settlement differs from the network's without a recorded difference, or the totals differ
//   unresolved  messages not done, settlements not confirmed, dead letters
import Database from 'better-sqlite3';
import type { PlatformLedger } from '../network/simulator';
import { unpack } from '../store/packed';

export interface ChaosCounts {
  settlements: number;
  kills: number;
  lost: number;
  duplicated: number;
  mismatched: number;
  unresolved: number;
}

interface LocalRow {
  id: string;
  visit_ref: string;
  total_fen: number;
  funds_fen: number;
  account_fen: number;
  cash_fen: number;
  state: string;
  net_settlement_id: string | null;
  confirmed: string | Buffer | null;
  cancelled: number;
  has_difference: number;
}

const fen = (s: string) => Math.round(Number(s) * 100);

export function checkChaos(dbFile: string, ledger: PlatformLedger, reported: Map<string, string>, kills: number, prefix: string): { counts: ChaosCounts; notes: string[] } {
  const db = new Database(dbFile, { readonly: true });
  const notes: string[] = [];
  try {
    const rows = db
      .prepare(
        `SELECT s.id, s.visit_ref, s.total_fen, s.funds_fen, s.account_fen, s.cash_fen, COALESCE(n.state, 'pending') AS state,
           n.net_settlement_id, n.confirmed, n.cancelled_by IS NOT NULL AS cancelled,
           EXISTS (SELECT 1 FROM settlement_differences d WHERE d.settlement_id = s.id) AS has_difference
         FROM settlements s LEFT JOIN settlement_network n ON n.settlement_id = s.id WHERE s.kind = 'settlement'`,
      )
      .all() as LocalRow[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    const liveByRef = new Map<string, LocalRow[]>();
    for (const r of rows) if (!r.cancelled) liveByRef.set(r.visit_ref, [...(liveByRef.get(r.visit_ref) ?? []), r]);
    const visitRef = new Map(ledger.visits.map((v) => [v.visitId, v.hisVisitNo]));
    const netByRef = new Map<string, { valid: number; applied: number }>();
    for (const [visitId, n] of Object.entries(ledger.validByVisit)) {
      const ref = visitRef.get(visitId) ?? '';
      netByRef.set(ref, { ...(netByRef.get(ref) ?? { valid: 0, applied: 0 }), valid: (netByRef.get(ref)?.valid ?? 0) + n });
    }
    for (const [visitId, n] of Object.entries(ledger.appliedByVisit)) {
      const ref = visitRef.get(visitId) ?? '';
      const cur = netByRef.get(ref) ?? { valid: 0, applied: 0 };
      netByRef.set(ref, { ...cur, applied: cur.applied + n });
    }
    const counts: ChaosCounts = { settlements: rows.length, kills, lost: 0, duplicated: 0, mismatched: 0, unresolved: 0 };

    for (const [id, ref] of reported) {
      const local = byId.get(id);
      if (!local || local.visit_ref !== ref) {
        counts.lost += 1;
        notes.push(`lost locally: ${id} ${ref}`);
      } else if ((netByRef.get(ref)?.valid ?? 0) === 0) {
        counts.lost += 1;
        notes.push(`not at the network: ${id} ${ref}`);
      }
    }
    for (const [ref, live] of liveByRef) {
      if (live.length > 1) {
        counts.duplicated += live.length - 1;
        notes.push(`duplicated locally: ${ref} x${live.length}`);
      }
    }
    for (const [ref, n] of netByRef) {
      if (!ref.startsWith(prefix)) continue;
      const extra = Math.max(n.valid, n.applied) - 1;
      if (extra > 0) {
        counts.duplicated += extra;
        notes.push(`duplicated at the network: ${ref} valid ${n.valid} applied ${n.applied}`);
      }
    }

    const ledgerById = new Map(ledger.settlements.map((s) => [s.settlementId, s]));
    const knownNetIds = new Set<string>();
    let localNet = 0;
    for (const r of rows) {
      if (!r.net_settlement_id || !r.confirmed) continue;
      knownNetIds.add(r.net_settlement_id);
      const c = unpack(r.confirmed) as { totalFen: number; fundsFen: number; accountFen: number; cashFen: number; layers: Record<string, number> };
      const n = ledgerById.get(r.net_settlement_id);
      const fund = c.fundsFen - (c.layers.reduction ?? 0);
      localNet += c.totalFen;
      if (!n || fen(n.medfee) !== c.totalFen || fen(n.fund) !== fund || fen(n.account) !== c.accountFen) {
        counts.mismatched += 1;
        notes.push(`network record differs from the confirmed one: ${r.id} ${r.net_settlement_id}`);
        continue;
      }
      const same = c.totalFen === r.total_fen && c.fundsFen === r.funds_fen && c.accountFen === r.account_fen && c.cashFen === r.cash_fen;
      if (!same && !r.has_difference) {
        counts.mismatched += 1;
        notes.push(`local and network differ without a recorded difference: ${r.id}`);
      }
    }
    let netTotal = 0;
    for (const s of ledger.settlements) {
      if (!s.hisVisitNo.startsWith(prefix) || s.cancels || s.status !== 'valid') continue;
      netTotal += fen(s.medfee);
      if (!knownNetIds.has(s.settlementId)) {
        counts.mismatched += 1;
        notes.push(`network settlement unknown locally: ${s.settlementId} ${s.hisVisitNo}`);
      }
    }
    if (netTotal !== localNet) {
      counts.mismatched += 1;
      notes.push(`totals differ: local ${localNet} fen, network ${netTotal} fen`);
    }

    const open = db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE state NOT IN ('done', 'cancelled')").get() as { n: number };
    const pending = db
      .prepare("SELECT COUNT(*) AS n FROM settlements s LEFT JOIN settlement_network n ON n.settlement_id = s.id WHERE COALESCE(n.state, 'pending') IN ('pending', 'dead')")
      .get() as { n: number };
    // Settlement attempts sent network first whose outcome was never resolved.
    const attempts = db.prepare("SELECT COUNT(*) AS n FROM settle_requests WHERE state IN ('sending', 'unknown')").get() as { n: number };
    counts.unresolved = open.n + pending.n + attempts.n;
    if (counts.unresolved) {
      const states = db.prepare("SELECT state, last_error FROM outbox WHERE state NOT IN ('done', 'cancelled') LIMIT 5").all();
      notes.push(`unresolved: ${open.n} message(s), ${pending.n} settlement(s) not confirmed ${JSON.stringify(states)}`);
    }
    return { counts, notes };
  } finally {
    db.close();
  }
}
