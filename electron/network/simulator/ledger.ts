// A plain JSON view of the platform's books for tests and the chaos run ("exists at the network
// exactly once" = validByVisit[visitId] === 1). Built on demand (inspection only).
import { fmt } from '../../core/money';
import type { Platform } from './platform';

export interface PlatformLedgerSettlement {
  settlementId: string;
  visitId: string;
  personNo: string;
  /** The HIS visit number sent with 2201/2401 (ipt_otp_no / ipt_no). */
  hisVisitNo: string;
  batch: string;
  msgid: string;
  infno: string;
  date: string;
  status: 'valid' | 'cancelled' | 'reversed';
  /** For a cancellation record, the settlement it cancels. */
  cancels?: string;
  medfee: string;
  fund: string;
  account: string;
  cash: string;
  hospital: string;
  /** fund_pay_type → fund_payamt, as sent in setldetail. */
  funds: Record<string, string>;
  /** The named fields (hifp_pay, hifmi_pay, …) as sent in setlinfo. */
  layers: Record<string, string>;
  clr: { insutype: string; clr_type: string; clr_optins: string };
}

export interface PlatformLedger {
  settlements: PlatformLedgerSettlement[];
  visits: { visitId: string; personNo: string; hisVisitNo: string; kind: string; state: string; lines: number; medType: string }[];
  validByVisit: Record<string, number>;
  appliedByVisit: Record<string, number>;
  appliedMsgids: number;
  reversedMsgids: string[];
  signIns: { active: number; ended: number };
}

const NAMED = ['hifp_pay', 'cvlserv_pay', 'hifes_pay', 'hifmi_pay', 'hifob_pay', 'maf_pay', 'oth_pay', 'hosp_part_amt'];

export function ledgerOf(p: Platform): PlatformLedger {
  const b = p.books;
  const settlements: PlatformLedgerSettlement[] = [];
  const validByVisit: Record<string, number> = {};
  const appliedByVisit: Record<string, number> = {};
  for (const s of b.settlements.values()) {
    const v = b.visits.get(s.mdtrtId);
    settlements.push({
      settlementId: s.setlId, visitId: s.mdtrtId, personNo: s.psnNo, hisVisitNo: v?.iptOtpNo ?? '', batch: s.batch, msgid: s.msgid, infno: s.infno,
      date: s.day, status: s.status, ...(s.cancels ? { cancels: s.cancels } : {}), medfee: fmt(s.sums.medfee), fund: fmt(s.sums.fund),
      account: fmt(s.sums.acct), cash: fmt(s.sums.cash), hospital: String(s.setlinfo.hosp_part_amt ?? '0.00'),
      funds: Object.fromEntries(s.setldetail.map((r) => [String(r.fund_pay_type), String(r.fund_payamt)])),
      layers: Object.fromEntries(NAMED.map((k) => [k, String(s.setlinfo[k] ?? '0.00')])),
      clr: { insutype: s.clr.insutype, clr_type: s.clr.clrType, clr_optins: s.clr.optins },
    });
    if (s.cancels) continue;
    if (s.status === 'valid') validByVisit[s.mdtrtId] = (validByVisit[s.mdtrtId] ?? 0) + 1;
    if (s.status !== 'reversed') appliedByVisit[s.mdtrtId] = (appliedByVisit[s.mdtrtId] ?? 0) + 1;
  }
  let active = 0;
  for (const s of b.signIns.values()) if (!s.ended) active += 1;
  return {
    settlements,
    visits: [...b.visits.values()].map((v) => ({ visitId: v.mdtrtId, personNo: v.psnNo, hisVisitNo: v.iptOtpNo, kind: v.kind, state: v.state, lines: v.lines.size, medType: v.medType })),
    validByVisit,
    appliedByVisit,
    appliedMsgids: b.applied.size,
    reversedMsgids: [...b.applied.values()].filter((a) => a.reversed).map((a) => a.msgid),
    signIns: { active, ended: b.signIns.size - active },
  };
}
