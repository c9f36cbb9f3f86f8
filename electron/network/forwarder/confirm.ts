// Recording what the network answered: the visit id of a registration, the confirmed split of a
// settlement (compared with the local one; any difference is stored, never overwritten), the
// cancellation of a settlement, the undo of a visit (its cancellation is then complete, local).
// Runs inside the transaction that marks the message done.
import { Dec, toFen } from '../../core/money';
import type { NetSettlement } from '../client';
import type { ConfirmedAmounts, SettlementNetworkRepo } from '../../store/settlement-network';
import type { DifferenceItem, DifferencePolicy, DifferencesRepo } from '../../store/differences';
import type { SettlementDoc } from '../../store/settlements';
import type { OutboxMessage } from '../../store/outbox';
import type { StepContext, StepOutcome } from './steps';

const fen = (money: string) => toFen(new Dec(money));

/**
 * The network's settlement as stored with the local one: the amounts in fen (funds = every
 * layer, the hospital part included, as locally), the clearing fields and the figures as sent.
 * A fund row nothing placed is kept under "unplaced.<fund_pay_type>": visible, never guessed.
 */
export interface NetworkConfirmed extends ConfirmedAmounts {
  clearing?: { type: string; way: string; institution: string };
  insutype?: string;
  unplaced?: string[];
  /** The setlinfo money and clearing fields, and the fund rows, as the network sent them. */
  sent?: { figures: Record<string, unknown>; funds: { fund_pay_type: string; fund_payamt: string; name: string }[] };
}

const FIGURES = [
  'medfee_sumamt', 'fulamt_ownpay_amt', 'overlmt_selfpay', 'preselfpay_amt', 'inscp_scp_amt', 'act_pay_dedc', 'hifp_pay', 'pool_prop_selfpay',
  'cvlserv_pay', 'hifes_pay', 'hifmi_pay', 'hifob_pay', 'maf_pay', 'oth_pay', 'fund_pay_sumamt', 'psn_part_amt', 'acct_pay', 'psn_cash_pay',
  'hosp_part_amt', 'balc', 'acct_mulaid_pay', 'clr_optins', 'clr_way', 'clr_type', 'medins_setl_id', 'setl_time', 'insutype', 'med_type',
  'pdn_cash_pay', 'cash_payamt', 'psn_pay', 'ownpay_hosp_part', 'refd_setl_flag',
];

/** The network's split in fen, with what it was sent as. */
export function confirmedAmounts(s: NetSettlement): NetworkConfirmed {
  const layers: Record<string, number> = {};
  let funds = 0;
  for (const [k, v] of Object.entries(s.layers)) {
    layers[k] = fen(v);
    funds += layers[k];
  }
  for (const d of s.details) {
    if (d.place !== undefined || new Dec(d.amount).isZero()) continue;
    const k = `unplaced.${d.fundType}`;
    layers[k] = (layers[k] ?? 0) + fen(d.amount);
    funds += fen(d.amount);
  }
  const figures = Object.fromEntries(FIGURES.filter((f) => f in s.sent.setlinfo).map((f) => [f, s.sent.setlinfo[f]]));
  return {
    totalFen: fen(s.total), fundsFen: funds, accountFen: fen(s.account), cashFen: fen(s.cash), layers, date: s.time ? s.time.slice(0, 10) : undefined,
    clearing: s.clearing, insutype: s.insutype || undefined, unplaced: s.unplaced.length ? s.unplaced : undefined,
    sent: { figures, funds: s.details.map((d) => ({ fund_pay_type: d.fundType, fund_payamt: d.amount, name: d.fundName })) },
  };
}

/** Item-by-item differences between the local document and the network's amounts. */
export function compareWithLocal(doc: SettlementDoc, net: ConfirmedAmounts): DifferenceItem[] {
  const local: Record<string, number> = {};
  for (const l of doc.layers) local[l.key] = (local[l.key] ?? 0) + l.amountFen;
  const out: DifferenceItem[] = [];
  const keys = [...new Set([...Object.keys(local), ...Object.keys(net.layers)])].sort();
  for (const k of keys) {
    const a = local[k] ?? 0;
    const b = net.layers[k] ?? 0;
    if (a !== b) out.push({ item: k, localFen: a, networkFen: b });
  }
  const pairs: [string, number, number][] = [
    ['total', doc.totalFen, net.totalFen],
    ['account', doc.accountFen, net.accountFen],
    ['cash', doc.cashFen, net.cashFen],
  ];
  for (const [item, a, b] of pairs) if (a !== b) out.push({ item, localFen: a, networkFen: b });
  return out;
}

export interface ConfirmDeps {
  network: SettlementNetworkRepo;
  differences: DifferencesRepo;
  policy: () => DifferencePolicy;
}

/** A settlement confirmed by the network: store its ids and amounts, and any difference. */
export function recordSettled(deps: ConfirmDeps, doc: SettlementDoc, s: NetSettlement): ConfirmedAmounts {
  const amounts = confirmedAmounts(s);
  deps.network.confirm(doc.id, s.settlementId, amounts);
  const items = compareWithLocal(doc, amounts);
  if (items.length) {
    deps.differences.record({
      settlementId: doc.id,
      personNo: doc.person.personNo,
      items,
      cashDiffFen: amounts.cashFen - doc.cashFen,
      policy: deps.policy(),
    });
  }
  return amounts;
}

/** A cancellation confirmed: the cancellation document carries the network's reversal record. */
export function recordCancelled(deps: ConfirmDeps, cancellation: SettlementDoc, original: SettlementDoc, s: NetSettlement | undefined, atNetwork: boolean): void {
  if (s) deps.network.confirm(cancellation.id, s.settlementId, confirmedAmounts(s));
  else if (atNetwork) deps.network.confirm(cancellation.id, '', localAmounts(cancellation));
  else deps.network.setState(cancellation.id, 'local');
  deps.network.setState(original.id, 'cancelled');
}

/** A document's own amounts in the confirmed shape. */
export function localAmounts(doc: SettlementDoc): ConfirmedAmounts {
  const layers: Record<string, number> = {};
  for (const l of doc.layers) layers[l.key] = (layers[l.key] ?? 0) + l.amountFen;
  return { totalFen: doc.totalFen, fundsFen: doc.fundsFen, accountFen: doc.accountFen, cashFen: doc.cashFen, layers };
}

/** Records a step's outcome (inside the transaction that marks the message done); returns the message's result. */
export function recordOutcome(deps: ConfirmDeps, m: OutboxMessage, c: StepContext, outcome: StepOutcome, note: string | undefined): unknown {
  if (outcome.kind === 'visit') {
    deps.network.setVisitId(c.doc.id, outcome.visitId);
    return { visitId: outcome.visitId, note };
  }
  if (outcome.kind === 'fees') {
    deps.network.setFeeSplit(c.doc.id, outcome.split);
    return { split: outcome.split, note };
  }
  if (outcome.kind === 'settled') {
    const amounts = recordSettled(deps, c.doc, outcome.settlement);
    return { settlementId: outcome.settlement.settlementId, amounts, note };
  }
  if (outcome.kind === 'undone') {
    // The visit is taken back last: the cancellation is then complete; local unless a 2208/2305
    // before it cancelled a settlement at the network (then it stays confirmed).
    if ((m.step === 'unregister' || m.step === 'unadmit') && c.net.state !== 'confirmed') deps.network.setState(c.doc.id, 'local');
    return { visitId: outcome.visitId ?? null, note: note ?? (outcome.visitId ? undefined : 'no network visit id: nothing to take back') };
  }
  if (m.step === 'cancel' && c.original) {
    const s = outcome.kind === 'cancelled' ? outcome.settlement : undefined;
    recordCancelled(deps, c.doc, c.original.doc, s, outcome.kind === 'cancelled');
    return { settlementId: s?.settlementId, note };
  }
  return note ? { note } : null;
}
