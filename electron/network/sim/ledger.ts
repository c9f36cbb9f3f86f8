// A plain JSON view of the simulated network's books, for tests and the chaos run:
// "exists at the network exactly once" = validByVisit[visitId] === 1.
import { fmt } from '../../core/money';
import type { SimState } from './state';

export interface SimLedgerSettlement {
  settlementId: string;
  visitId: string;
  personNo: string;
  hisVisitNo: string;
  msgid: string;
  infno: string;
  date: string;
  status: 'valid' | 'cancelled' | 'reversed';
  /** For a cancellation record, the settlement it cancels. */
  cancels?: string;
  medfee: string;
  fund: string;
  account: string;
  layers: Record<string, string>;
}

export interface SimLedger {
  settlements: SimLedgerSettlement[];
  visits: { visitId: string; personNo: string; hisVisitNo: string; kind: string; state: string; lines: number }[];
  /** Valid original settlements per visit (never more than 1). */
  validByVisit: Record<string, number>;
  /** Original settlements ever applied per visit and not reversed (valid + cancelled). */
  appliedByVisit: Record<string, number>;
  appliedMsgids: number;
  reversedMsgids: string[];
}

export function ledgerOf(state: SimState): SimLedger {
  const settlements: SimLedgerSettlement[] = [];
  const validByVisit: Record<string, number> = {};
  const appliedByVisit: Record<string, number> = {};
  for (const s of state.settlements.values()) {
    const v = state.visits.get(s.visitId);
    const fields = s.setlinfo;
    settlements.push({
      settlementId: s.settlementId, visitId: s.visitId, personNo: s.personNo, hisVisitNo: v?.hisVisitNo ?? '',
      msgid: s.msgid, infno: s.infno, date: s.date, status: s.status, cancels: s.cancels,
      medfee: fmt(s.medfee), fund: fmt(s.fund), account: fmt(s.account),
      layers: Object.fromEntries(['hifp_pay', 'hifmi_pay', 'hifob_pay', 'maf_pay', 'oth_pay', 'hosp_part_amt'].map((k) => [k, String(fields[k] ?? '0.00')])),
    });
    if (s.cancels) continue;
    if (s.status === 'valid') validByVisit[s.visitId] = (validByVisit[s.visitId] ?? 0) + 1;
    if (s.status !== 'reversed') appliedByVisit[s.visitId] = (appliedByVisit[s.visitId] ?? 0) + 1;
  }
  return {
    settlements,
    visits: [...state.visits.values()].map((v) => ({ visitId: v.visitId, personNo: v.personNo, hisVisitNo: v.hisVisitNo, kind: v.kind, state: v.state, lines: v.lines.size })),
    validByVisit,
    appliedByVisit,
    appliedMsgids: state.applied.size,
    reversedMsgids: [...state.applied.values()].filter((e) => e.reversed).map((e) => e.msgid),
  };
}
